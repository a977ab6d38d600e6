/// Numbers for people to read, without Foundation: a run's time, rate and memory, the progress
/// bar's time left.
package enum Figures {
    /// `value` with `digits` decimals; `—` when it is not finite.
    package static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "—" }
        var scale = 1
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int((value * Double(scale)).rounded())
        let whole = scaled / scale, fraction = scaled % scale
        guard digits > 0 else { return String(whole) }
        let digitsText = String(fraction)
        return "\(whole)." + String(repeating: "0", count: digits - digitsText.count) + digitsText
    }

    /// `m:ss`, or `h:mm:ss`; `—` for a negative or infinite time.
    package static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "—" }
        let total = Int(seconds.rounded(.up))
        let h = total / 3600, m = (total % 3600) / 60, s = total % 60
        let ss = s < 10 ? "0\(s)" : "\(s)"
        if h > 0 { return "\(h):" + (m < 10 ? "0\(m)" : "\(m)") + ":" + ss }
        return "\(m):" + ss
    }
}
