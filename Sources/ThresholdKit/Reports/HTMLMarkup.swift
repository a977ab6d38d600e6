import ThresholdPlatform

// Markup helpers for the HTML report: escaping, and numbers written for people.
//
// The report is XHTML-compatible HTML5: every element is closed, every attribute quoted, and the
// only character references are the five XML predefines (written `&amp; &lt; &gt; &quot; &#39;`),
// so that a strict XML parser reads it as well as a browser does.

enum HTMLText {
    /// `text` escaped for element content and attribute values: `& < > " '` become references,
    /// and characters XML 1.0 forbids (C0 controls other than tab, line feed and carriage return;
    /// the noncharacters U+FFFE and U+FFFF) and C1 controls are shown as `\u{…}`, so that a
    /// profile's text can neither break the markup nor hide in it.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || (0x7F...0x9F).contains(v) || v == 0xFFFE || v == 0xFFFF {
                    out += "\\u{" + String(v, radix: 16) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// Text from a profile or pack, isolated for bidirectional text (`<bdi>`), escaped.
    static func isolated(_ text: String) -> String { "<bdi>" + escape(text) + "</bdi>" }

    /// Roughly how wide `text` is drawn in the charts' sans-serif at `fontSize` pixels, erring
    /// wide: SVG text is laid out without the page's help, so the charts size their columns and
    /// wrap their labels by this.
    static func estimatedWidth(_ text: some StringProtocol, fontSize: Double, bold: Bool = false) -> Double {
        var ems = 0.0
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x20, 0x21, 0x27, 0x28, 0x29, 0x2C, 0x2E, 0x3A, 0x3B, 0x49, 0x5B, 0x5D, 0x66, 0x69, 0x6A, 0x6C, 0x72,
                0x74, 0x7C, 0xB7:
                ems += 0.34  // space, punctuation, I f i j l r t |
            case 0x4D, 0x57, 0x6D, 0x77: ems += 0.92  // M W m w
            case 0x41...0x5A: ems += 0.72  // other capitals
            case 0x300...0x36F, 0x200B...0x200F: break  // combining marks, zero-width
            case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFF00...0xFF60, 0x1F300...0x1FAFF,
                0x20000...0x3FFFD:
                ems += 1.0  // wide: CJK, Hangul, full-width forms, emoji
            default: ems += 0.62
            }
        }
        return ems * fontSize * (bold ? 1.08 : 1)
    }

    /// `text` on as few lines as keep each within `width` (by ``estimatedWidth(_:fontSize:bold:)``),
    /// broken at spaces, and inside a word only when the word alone is wider — after a hyphen,
    /// underscore or slash where there is one. Nothing is left out.
    static func wrapped(_ text: String, width: Double, fontSize: Double) -> [String] {
        func fits(_ line: some StringProtocol) -> Bool { estimatedWidth(line, fontSize: fontSize) <= width }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if fits(candidate) { line = candidate; continue }
            if !line.isEmpty { lines.append(line) }
            // A word wider than a line on its own is broken where it must be.
            var rest = word
            while !fits(rest) {
                var end = rest.index(after: rest.startIndex)
                while end < rest.endIndex, fits(rest[rest.startIndex..<rest.index(after: end)]) {
                    end = rest.index(after: end)
                }
                if end < rest.endIndex, let joint = rest[..<end].lastIndex(where: { "-_/".contains($0) }) {
                    end = rest.index(after: joint)
                }
                lines.append(String(rest[..<end]))
                rest = rest[end...]
            }
            line = String(rest)
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}

/// Numbers as the report writes them: exact, but in the unit's usual style.
enum HTMLNumber {
    /// `3.2e25 FLOP`, `620M USD`, `1.2e20 FLOP/s`: exact digits, money with K/M/B/T.
    static func quantity(_ value: ExactDecimal, _ unit: String) -> String {
        number(value, unit) + (unit.isEmpty ? "" : " " + unit)
    }

    /// The number alone, in the unit's style.
    static func number(_ value: ExactDecimal, _ unit: String) -> String {
        if isMoney(unit) { return money(value) }
        let magnitude = value.magnitude
        if magnitude >= ExactDecimal(1, exponent: 6) || (magnitude < ExactDecimal(1, exponent: -3) && !value.isZero) {
            return value.scientificDescription
        }
        return value.description
    }

    /// The number to three significant digits, marked `≈` when that rounds it: for the narrow
    /// value column of a chart (the tables show every digit).
    static func approximate(_ value: ExactDecimal, _ unit: String) -> String {
        guard value.significantDigitCount > 4, let rounded = value.divided(by: .one, significantDigits: 3) else {
            return number(value, unit)
        }
        return "≈" + number(rounded, unit)
    }

    /// Whether a unit is a currency code.
    static func isMoney(_ unit: String) -> Bool {
        unit.utf8.count == 3 && unit.utf8.allSatisfy { $0 >= 0x41 && $0 <= 0x5A }
    }

    /// `620M`, `1.296B`, `4.5K`, exact.
    static func money(_ value: ExactDecimal) -> String {
        let steps: [(Int, String)] = [(12, "T"), (9, "B"), (6, "M"), (3, "K")]
        for (power, suffix) in steps where value.magnitude >= ExactDecimal(1, exponent: power) {
            let scaled = value.timesPowerOfTen(-power)
            if scaled.significantDigitCount <= 6 { return scaled.description + suffix }
            return value.scientificDescription
        }
        return value.description
    }

    /// The decade 10^n as a tick label: `10²⁵` for counts and rates, `100M` for money.
    static func decade(_ n: Int, _ unit: String) -> String {
        if isMoney(unit) && n >= 0 && n < 16 { return money(ExactDecimal(1, exponent: n)) }
        return "10" + superscript(n)
    }

    /// An integer in superscript digits.
    static func superscript(_ n: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        var out = n < 0 ? "⁻" : ""
        for c in String(abs(n)) { out.append(digits[Int(c.asciiValue! - 48)]) }
        return out
    }

    /// log10 of a positive value, through `Double`, for drawing only; nil for zero or less.
    static func log10(_ value: ExactDecimal) -> Double? {
        guard value > .zero else { return nil }
        // Split off the decimal exponent first so that values beyond Double's range still draw.
        let digits = value.coefficientDigits
        let lead = Double("0." + digits.prefix(17)) ?? 0
        guard lead > 0 else { return nil }
        return Double(value.exponent + digits.utf8.count) + Self.libmLog10(lead)
    }

    /// The C library's log10.
    static func libmLog10(_ x: Double) -> Double {
        System.log10(x)
    }

    /// A coordinate with at most two decimals, for compact, deterministic SVG.
    static func coordinate(_ x: Double) -> String {
        let scaled = (x * 100).rounded()
        let whole = Int(scaled) / 100, fraction = abs(Int(scaled)) % 100
        if fraction == 0 { return String(Int(scaled) / 100) }
        let sign = scaled < 0 && whole == 0 ? "-" : ""
        return sign + String(whole) + "." + (fraction < 10 ? "0" : "") + String(fraction).trimmingZeros
    }
}

extension String {
    /// Without trailing zeros (`50` → `5`), for decimal fractions.
    fileprivate var trimmingZeros: String {
        var s = self
        while s.count > 1 && s.hasSuffix("0") { s.removeLast() }
        return s
    }
}
