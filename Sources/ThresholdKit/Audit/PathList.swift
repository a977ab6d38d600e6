import ThresholdPlatform

/// A list of paths to audit, one per line or per NUL (as `find -print0` writes them), read from a
/// file or standard input: `threshold audit --files-from`.
package enum PathList {
    /// The most bytes a list may take: some half a million paths.
    package static let maxBytes = 64 << 20

    /// Reads the list in `source` (`-` for standard input): the paths in order, without empty lines
    /// (and without a line's closing carriage return, when not NUL-separated).
    ///
    /// - Throws: `YAMLError` of kind `reader` (the list cannot be opened or read) or `limit` (it is
    ///   larger than ``maxBytes``), naming the file (`<stdin>` for standard input).
    package static func read(_ source: String, nullSeparated: Bool) throws(YAMLError) -> [String] {
        let file = source == "-" ? "<stdin>" : source
        let fd = source == "-" ? 0 : open(source, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw readerError(IOError(.readNamed("the list of paths"), path: file)) }
        defer { if fd != 0 { close(fd) } }
        let bytes: [UInt8]?
        do {
            bytes = try FileReader.readAll(fd, limit: maxBytes, path: file, operation: .readNamed("the list of paths"))
        } catch {
            throw readerError(error)
        }
        guard let bytes else {
            throw YAMLError(
                kind: .limit,
                problem: "the list of paths is larger than the limit of \(maxBytes) bytes (64 MiB); "
                    + "split it over several audits, or name the folders that hold the files", mark: .start, file: file)
        }
        let separator: UInt8 = nullSeparated ? 0 : UInt8(ascii: "\n")
        return bytes.split(separator: separator, omittingEmptySubsequences: true).compactMap { line in
            var line = line
            if !nullSeparated, line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            return line.isEmpty ? nil : String(decoding: line, as: UTF8.self)
        }
    }

    /// A reader error as a diagnostic at the start of the file.
    private static func readerError(_ error: IOError) -> YAMLError {
        YAMLError(kind: .reader, problem: error.problem, mark: .start, file: error.path)
    }
}
