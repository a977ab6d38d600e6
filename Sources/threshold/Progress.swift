import ThresholdKit
import ThresholdPlatform

/// A one-line progress bar on standard error: done/total, percentage, rate and time left.
final class ProgressBar {
    let total: Int
    let enabled: Bool
    private let line: ProgressLine
    private let started = System.seconds()
    private var lastDrawn = -1.0

    init(total: Int, line: ProgressLine, enabled: Bool) {
        self.total = total
        self.line = line
        self.enabled = enabled
    }

    func update(_ done: Int) {
        guard enabled else { return }
        let now = System.seconds()
        if done < total && now - lastDrawn < 0.1 && line.isShown { return }
        lastDrawn = now
        let elapsed = now - started
        // More than the survey counted when files were added between it and the audit: full.
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 1
        let width = 24
        let filled = Int((fraction * Double(width)).rounded(.down))
        var text =
            "\r\u{1B}[2K[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            + "] "
        text += "\(done)/\(total) \(Int((fraction * 100).rounded(.down)))%"
        if elapsed > 0.05 && done > 0 {
            let rate = Double(done) / elapsed
            text += "  \(Figures.fixed(rate, 1))/s  \(Figures.duration(Double(max(0, total - done)) / rate)) left"
        }
        line.draw(text)
    }

    /// Erases the bar (it is drawn again at the next update).
    func clear() {
        line.erase()
    }
}

/// The progress bar's line on standard error, shared by the thread that draws it and the cleanup
/// thread that erases it on a signal. Drawing, erasing and the flag that says whether the line is
/// on the screen are done under one lock, so the cleanup neither reads the flag as it changes nor
/// erases a line half drawn.
final class ProgressLine: @unchecked Sendable {
    private let lock = Lock()
    /// Guarded by `lock`.
    private var shown = false

    /// Whether the line is on the screen.
    var isShown: Bool { lock.locked { shown } }

    /// Writes `text` (which starts by erasing the line) and records that the line is shown.
    func draw(_ text: String) {
        lock.locked {
            Console.write(text)
            shown = true
        }
    }

    /// Erases the line if it is on the screen.
    func erase() {
        lock.locked {
            guard shown else { return }
            Console.write("\r\u{1B}[2K")
            shown = false
        }
    }
}
