import ArgumentParser
import ThresholdKit
import ThresholdPlatform

/// `--color` and `--progress`: `auto` (when the stream is a terminal), `always` or `never`.
enum AutoChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    /// Whether the choice is on for `fd`: `auto` when it is a terminal.
    func isOn(fd: Int32) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto: return Console.isTerminal(fd)
        }
    }
}

/// Standard output and error, unbuffered where it matters.
enum Console {
    static func out(_ text: String) {
        var text = text
        text.withUTF8 { buffer in System.write(all: buffer, to: 1) }
    }

    static func error(_ text: String) {
        var text = text
        if !text.hasSuffix("\n") { text += "\n" }
        text.withUTF8 { buffer in System.write(all: buffer, to: 2) }
    }

    /// Writes to standard error with no newline added.
    static func write(_ text: String) {
        var text = text
        text.withUTF8 { buffer in System.write(all: buffer, to: 2) }
    }

    static func isTerminal(_ fd: Int32) -> Bool { System.isTerminal(fd) }

    /// The width to wrap text for `fd` to: `COLUMNS` when it is set to a number, else the
    /// terminal's width (TIOCGWINSZ) when `fd` is a terminal, else 100 columns.
    static func width(fd: Int32) -> Int {
        if let text = System.environment("COLUMNS"), let columns = Int(text), columns > 0 {
            return max(columns, 20)
        }
        return System.terminalColumns(fd).map { max($0, 20) } ?? 100
    }

    /// A message of the command line's own (not a diagnostic, whose excerpt must keep its columns)
    /// on standard error, wrapped to its width; continuation lines are indented by two spaces.
    static func message(_ text: String) {
        error(TextWrapping.wrap(text, width: width(fd: 2), indent: 2))
    }

    /// Whether to colour output on `fd`, honouring NO_COLOR.
    static func useColor(_ choice: AutoChoice, fd: Int32 = 1) -> Bool {
        choice == .auto
            ? isTerminal(fd) && System.environment("NO_COLOR") == nil && System.environment("TERM") != "dumb"
            : choice.isOn(fd: fd)
    }

    /// Whether a report in `format` on standard output is told it writes to a terminal
    /// (``ReportContext/color``): the text table colours (as `--color` says), CSV escapes control
    /// characters (files and pipes get the data exactly).
    static func isColored(_ format: ReportFormat?, _ color: AutoChoice) -> Bool {
        switch format {
        case .text?: return useColor(color)
        case .csv?: return isTerminal(1)
        default: return false
        }
    }

    /// Reads all of standard input, refusing more than `limit` bytes.
    static func readStandardInput(limit: Int) throws -> [UInt8] {
        let bytes: [UInt8]?
        do {
            bytes = try FileReader.readAll(0, limit: limit, path: "<stdin>", operation: .readNamed("standard input"))
        } catch {
            throw YAMLError(kind: .reader, problem: error.problem, mark: .start, file: error.path)
        }
        guard let bytes else {
            throw YAMLError(
                kind: .limit,
                problem: "standard input is larger than the limit of \(limit) bytes (raise it with --max-file-size)",
                mark: .start, file: "<stdin>")
        }
        return bytes
    }
}

/// Renames every report file into place, saying why for each that cannot be; false when one could
/// not be.
func commit<Format>(_ reports: ReportFiles<Format>) -> Bool {
    let failures = reports.commit()
    for failure in failures { Console.message("threshold: \(failure)") }
    return failures.isEmpty
}
