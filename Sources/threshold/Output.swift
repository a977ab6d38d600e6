import ThresholdKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard output and error, unbuffered where it matters.
enum Console {
    static func out(_ text: String) {
        var text = text
        text.withUTF8 { buffer in write(all: buffer, to: 1) }
    }

    static func error(_ text: String) {
        var text = text
        if !text.hasSuffix("\n") { text += "\n" }
        text.withUTF8 { buffer in write(all: buffer, to: 2) }
    }

    static func write(all buffer: UnsafeBufferPointer<UInt8>, to fd: Int32) {
        guard let base = buffer.baseAddress else { return }
        var offset = 0
        while offset < buffer.count {
            let written = Glibc.write(fd, base + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }

    static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// The width to wrap text for `fd` to: `COLUMNS` when it is set to a number, else the
    /// terminal's width (TIOCGWINSZ) when `fd` is a terminal, else 100 columns.
    static func width(fd: Int32) -> Int {
        if let text = getenv("COLUMNS").map({ String(cString: $0) }), let columns = Int(text), columns > 0 {
            return max(columns, 20)
        }
        var size = winsize()
        if isTerminal(fd), ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return max(Int(size.ws_col), 20) }
        return 100
    }

    /// A message of the command line's own (not a diagnostic, whose excerpt must keep its columns)
    /// on standard error, wrapped to its width; continuation lines are indented by two spaces.
    static func message(_ text: String) {
        error(TextWrapping.wrap(text, width: width(fd: 2), indent: 2))
    }


    /// Whether to colour output on `fd`, honouring NO_COLOR.
    static func useColor(_ choice: ColorChoice, fd: Int32 = 1) -> Bool {
        switch choice {
        case .always: return true
        case .never: return false
        case .auto: return isTerminal(fd) && getenv("NO_COLOR") == nil && getenv("TERM").map { String(cString: $0) } != "dumb"
        }
    }

    /// Reads all of standard input, refusing more than `limit` bytes.
    static func readStandardInput(limit: Int) throws -> [UInt8] {
        guard let bytes = try readAll(0, limit: limit, file: "<stdin>", describing: "standard input") else {
            throw YAMLError(kind: .limit, problem: "standard input is larger than the limit of \(limit) bytes (raise it with --max-file-size)", mark: .start, file: "<stdin>")
        }
        return bytes
    }

    /// Reads `fd` to its end; nil when it holds more than `limit` bytes (reading stops there, so an
    /// endless source such as `/dev/zero` costs no more than `limit`).
    ///
    /// - Throws: `YAMLError` of kind `reader`, naming `file`, when a read fails: "cannot read
    ///   \(what): …".
    static func readAll(_ fd: Int32, limit: Int, file: String, describing what: String) throws -> [UInt8]? {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let got = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw YAMLError(kind: .reader, problem: "cannot read \(what): \(YAMLParser.describeErrno())", mark: .start, file: file)
            }
            if got == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<got])
            if bytes.count > limit { return nil }
        }
    }
}
