import ThresholdPlatform

/// A report file written atomically: the text goes to a temporary file in the same directory
/// (`.NAME.XXXXXX`), which ``commit()`` flushes to disk and renames over the destination. Until then
/// the destination is untouched — an old report stays whole — and if the report is abandoned
/// (``discard()``, deinit, or an interrupted process, with ``InterruptCleanup`` installed) the
/// temporary file is removed.
///
/// A `TextOutputStream`: reporters write straight into it; it buffers 64 KiB at a time. A write
/// error (a full disk) is remembered, later writes are dropped, and ``commit()`` throws it.
package final class ReportFile: ReportOutput {
    /// The destination.
    package let path: String
    /// The temporary file being written.
    package let temporaryPath: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    private var failure: String?
    private var finished = false
    private let slot: Int?
    private let mode: mode_t

    /// Why a report file could not be created or committed.
    package struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        /// The destination.
        package var path: String
        /// What went wrong.
        package var message: String
        /// `cannot write PATH: MESSAGE`.
        package var description: String { "cannot write \(path): \(message)" }
    }

    /// Creates the temporary file next to `path`.
    ///
    /// - Throws: ``Failure`` when the directory is missing or not writable.
    package init(path: String) throws(Failure) {
        self.path = path
        let slash = path.utf8.lastIndex(of: UInt8(ascii: "/"))
        let directory = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard !name.isEmpty else { throw Failure(path: path, message: "the path names a directory, not a file") }
        var existing = stat()
        if stat(path, &existing) == 0 {
            guard (existing.st_mode & S_IFMT) == S_IFREG else {
                throw Failure(path: path, message: "it exists and is not a regular file")
            }
            mode = existing.st_mode & 0o7777
        } else {
            mode = 0o666 & ~ReportFile.processUmask
        }
        var template = Array((directory + "." + name + ".XXXXXX").utf8CString)
        // The file is created and recorded under the registry's lock, so that a cleanup on another
        // thread (``removeTemporaryFilesAndExit(status:)``) never misses a file that already exists.
        let created = TemporaryFiles.lock.locked { () -> (fd: Int32, path: String, slot: Int?, error: String?) in
            let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard fd >= 0 else { return (fd, "", nil, IOError.describe(errno)) }
            let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            return (fd, path, TemporaryFiles.registerLocked(path), nil)
        }
        if let error = created.error { throw Failure(path: path, message: error) }
        _ = fcntl(created.fd, F_SETFD, FD_CLOEXEC)
        self.fd = created.fd
        self.temporaryPath = created.path
        self.slot = created.slot
    }

    deinit {
        if !finished { discard() }
    }

    /// Appends text.
    package func write(_ string: String) {
        guard failure == nil, !finished else { return }
        buffer.append(contentsOf: string.utf8)
        if buffer.count >= 64 * 1024 { flush() }
    }

    /// Appends UTF-8 text as it is.
    package func write(utf8 bytes: [UInt8]) {
        guard failure == nil, !finished else { return }
        buffer.append(contentsOf: bytes)
        if buffer.count >= 64 * 1024 { flush() }
    }

    private func flush() {
        guard failure == nil else { buffer.removeAll(); return }
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { System.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                failure = IOError.describe(errno)
                break
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, syncs and renames the temporary file over the destination.
    ///
    /// - Throws: ``Failure`` after a write error (the temporary file is then removed).
    package func commit() throws(Failure) {
        guard !finished else { return }
        flush()
        if failure == nil && fchmod(fd, mode) != 0 { failure = IOError.describe(errno) }
        if failure == nil && fsync(fd) != 0 && errno != EINVAL { failure = IOError.describe(errno) }
        if close(fd) != 0 && failure == nil { failure = IOError.describe(errno) }
        fd = -1
        finished = true
        // Renamed (or removed) and forgotten in one step under the lock: a cleanup never sees a
        // recorded name that now belongs to the finished report.
        let failure = TemporaryFiles.lock.locked { () -> String? in
            var failure = self.failure
            if failure == nil && rename(temporaryPath, path) != 0 { failure = IOError.describe(errno) }
            if failure != nil { unlink(temporaryPath) }
            if let slot { TemporaryFiles.unregisterLocked(slot) }
            return failure
        }
        if let failure { throw Failure(path: path, message: failure) }
    }

    /// Abandons the report: closes and removes the temporary file; the destination is untouched.
    package func discard() {
        guard !finished else { return }
        finished = true
        if fd >= 0 { close(fd) }
        fd = -1
        TemporaryFiles.lock.locked {
            unlink(temporaryPath)
            if let slot { TemporaryFiles.unregisterLocked(slot) }
        }
    }

    /// Removes every temporary file of a report not yet committed or discarded. Safe to call from a
    /// signal handler (it only calls `unlink(2)`):
    ///
    /// ```swift
    /// signal(SIGINT) { signal in ReportFile.removeTemporaryFiles(); _exit(128 + signal) }
    /// ```
    ///
    /// Being lock-free, it can miss a file that another thread is creating at that instant (between
    /// `mkstemp` and its record). Where that matters, wait for signals on a thread of your own
    /// (`sigwait`) and call ``removeTemporaryFilesAndExit(status:)`` from it instead.
    package static func removeTemporaryFiles() {
        TemporaryFiles.removeAll()
    }

    /// Removes every temporary file of a report not yet committed or discarded, then ends the
    /// process with `_exit(status)`, without running `atexit` handlers or flushing stdio.
    ///
    /// It first waits for any report file being created, committed or discarded on another thread,
    /// and holds the registry until the process is gone, so no temporary file is missed and none is
    /// created after it. It takes a lock: call it from an ordinary thread (one that waits with
    /// `sigwait`, say), never from a signal handler.
    package static func removeTemporaryFilesAndExit(status: Int32) -> Never {
        TemporaryFiles.lock.lock()
        TemporaryFiles.removeAll()
        _exit(status)
    }

    /// Prepares the registry of temporary files, so that a signal handler never initialises it.
    /// Call it before installing a handler that calls ``removeTemporaryFiles()``.
    package static func prepareForSignals() {
        TemporaryFiles.prepare()
    }

    private static let processUmask: mode_t = {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }()
}

/// The temporary files of reports in progress, as C strings in a fixed table that a signal handler
/// can read without allocating or locking.
enum TemporaryFiles {
    static let capacity = 256
    nonisolated(unsafe) static let table: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let table = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        table.initialize(repeating: nil, count: capacity)
        return table
    }()
    /// The string each slot held last, kept until the slot is taken again: a signal handler may be
    /// reading a path just unregistered, so it is freed only one registration later. Memory stays
    /// bounded (one string per slot) and reachable, so a leak checker does not flag it.
    nonisolated(unsafe) static let retired: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let table = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        table.initialize(repeating: nil, count: capacity)
        return table
    }()
    static let lock = Lock()

    static func prepare() { _ = table; _ = retired }

    /// Records a path; nil when the table is full (the file is then not removed on a signal).
    /// The caller holds ``lock``.
    static func registerLocked(_ path: String) -> Int? {
        guard let copy = strdup(path) else { return nil }
        for index in 0..<capacity where table[index] == nil {
            table[index] = copy
            free(retired[index])
            retired[index] = nil
            return index
        }
        free(copy)
        return nil
    }

    /// Forgets a slot. The caller holds ``lock``.
    static func unregisterLocked(_ slot: Int) {
        // The string is not freed yet: a signal handler may be reading it right now.
        retired[slot] = table[slot]
        table[slot] = nil
    }

    /// Async-signal-safe: reads the table and calls `unlink`.
    static func removeAll() {
        for index in 0..<capacity {
            if let path = table[index] { unlink(path) }
        }
    }
}
