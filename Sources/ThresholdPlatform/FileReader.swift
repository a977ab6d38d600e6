/// The one way files are read: opened read-only, read to the end in one buffer, never past a limit
/// (so an endless source such as `/dev/zero` costs no more than the limit).
package enum FileReader {
    /// What a file held, or why it was not read.
    package enum Contents: Sendable, Hashable {
        /// The bytes.
        case bytes([UInt8])
        /// The path names a directory.
        case directory
        /// The path names a FIFO, socket or device, and only regular files were wanted.
        case notRegularFile
        /// There are more bytes than the limit.
        case tooLarge
    }

    /// Reads the file at `path`.
    ///
    /// - Parameter regularOnly: refuse anything but a regular file, without ever blocking on a FIFO
    ///   or device (it is opened non-blocking and checked before it is read).
    /// - Throws: ``IOError`` when the file cannot be opened (`.open`) or read (`.read`).
    package static func read(atPath path: String, limit: Int, regularOnly: Bool = false) throws(IOError) -> Contents {
        let fd = open(path, O_RDONLY | O_CLOEXEC | (regularOnly ? O_NONBLOCK : 0))
        guard fd >= 0 else { throw IOError(.open, path: path) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw IOError(.read, path: path) }
        let type = info.st_mode & S_IFMT
        if type == S_IFDIR { return .directory }
        if regularOnly && type != S_IFREG { return .notRegularFile }
        if type == S_IFREG && Int(info.st_size) > limit { return .tooLarge }
        let bytes = try readAll(
            fd, limit: limit, expectedSize: type == S_IFREG ? Int(info.st_size) : 0, path: path, operation: .read)
        return bytes.map(Contents.bytes) ?? .tooLarge
    }

    /// Reads `fd` to its end; nil when it holds more than `limit` bytes (reading stops there).
    ///
    /// - Parameters:
    ///   - expectedSize: the size to allocate at first (a regular file's), or 0.
    ///   - path, operation: what an ``IOError`` names when a read fails.
    package static func readAll(
        _ fd: Int32, limit: Int, expectedSize: Int = 0, path: String,
        operation: IOError.Operation
    ) throws(IOError) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: min(max(expectedSize, 0), limit) + 1)
        var count = 0
        while true {
            if count == bytes.count {
                if count > limit { return nil }
                // Doubling, but never past limit + 1: one byte more than the limit says it is too large.
                bytes.append(contentsOf: repeatElement(0, count: min(max(4096, count), limit + 1 - count)))
            }
            let got = bytes.withUnsafeMutableBytes { buffer in
                System.read(fd, buffer.baseAddress.map { $0 + count }, buffer.count - count)
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw IOError(operation, path: path)
            }
            if got == 0 { break }
            count += got
        }
        if count > limit { return nil }
        bytes.removeSubrange(count...)
        return bytes
    }
}
