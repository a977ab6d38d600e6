// The one place that names the C library: every other file imports ThresholdPlatform, which
// re-exports Glibc or Darwin, and calls the few functions below where the two differ.
#if canImport(Glibc)
@_exported import Glibc
#elseif canImport(Darwin)
@_exported import Darwin
#else
#error("ThresholdPlatform supports Linux (Glibc) and macOS (Darwin)")
#endif

/// The handful of system calls whose spelling differs between Glibc and Darwin.
package enum System {
    /// `write(2)`: bytes written, or -1 with `errno` set.
    package static func write(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(fd, bytes, count)
        #else
        Darwin.write(fd, bytes, count)
        #endif
    }

    /// `read(2)`: bytes read, 0 at the end, or -1 with `errno` set.
    package static func read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.read(fd, buffer, count)
        #else
        Darwin.read(fd, buffer, count)
        #endif
    }

    /// Writes all of `buffer` to `fd`, retrying after a signal; stops silently at another error
    /// (standard output closed, say: the signal that ends the run then says why).
    package static func write(all buffer: UnsafeBufferPointer<UInt8>, to fd: Int32) {
        guard let base = buffer.baseAddress else { return }
        var offset = 0
        while offset < buffer.count {
            let written = write(fd, base + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }

    /// Writes all of each of `pieces` to `fd`, in order: in one `writev(2)` when the file takes
    /// them all (so that none is copied to join them); after a short write (a pipe, a full disk),
    /// the rest as ``write(all:to:)`` does.
    package static func write(all pieces: [UnsafeBufferPointer<UInt8>], to fd: Int32) {
        var vectors: [iovec] = []
        vectors.reserveCapacity(pieces.count)
        for piece in pieces {
            guard let base = piece.baseAddress, !piece.isEmpty else { continue }
            vectors.append(iovec(iov_base: UnsafeMutableRawPointer(mutating: base), iov_len: piece.count))
        }
        guard !vectors.isEmpty else { return }
        var written = -1
        while written < 0 {
            written = vectors.withUnsafeMutableBufferPointer { writev(fd, $0.baseAddress, Int32($0.count)) }
            if written < 0 && errno != EINTR { return }
        }
        var skip = written
        for piece in pieces {
            if skip >= piece.count {
                skip -= piece.count
                continue
            }
            write(all: UnsafeBufferPointer(rebasing: piece[skip...]), to: fd)
            skip = 0
        }
    }

    /// The most resident memory the process has used, in KiB (Linux counts in KiB, macOS in bytes).
    package static func peakMemoryKiB() -> Int? {
        var usage = rusage()
        #if canImport(Glibc)
        guard getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage) == 0 else { return nil }
        return Int(usage.ru_maxrss)
        #else
        guard getrusage(RUSAGE_SELF, &usage) == 0 else { return nil }
        return Int(usage.ru_maxrss) / 1024
        #endif
    }

    /// A monotonic clock, in seconds.
    package static func seconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Starts a detached thread that runs `body`, with a stack of `stackSize` bytes (the system's
    /// default when nil).
    ///
    /// - Returns: the thread, or nil when none could be started (resource exhaustion).
    @discardableResult
    package static func startThread(stackSize: Int? = nil, _ body: @escaping () -> Void) -> pthread_t? {
        let context = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        if let stackSize { pthread_attr_setstacksize(&attributes, stackSize) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        #if canImport(Glibc)
        var thread = pthread_t()
        #else
        var thread: pthread_t?
        #endif
        let status = pthread_create(
            &thread, &attributes,
            { context in
                #if canImport(Glibc)
                let context = context!
                #endif
                Unmanaged<ThreadBody>.fromOpaque(context).takeRetainedValue().body()
                return nil
            }, context)
        guard status == 0 else {
            Unmanaged<ThreadBody>.fromOpaque(context).release()
            return nil
        }
        return thread
    }

    /// The C library's `log10` (a caller with a `log10` of its own cannot name it unqualified).
    package static func log10(_ x: Double) -> Double {
        #if canImport(Glibc)
        Glibc.log10(x)
        #else
        Darwin.log10(x)
        #endif
    }

    /// Whether `fd` is a terminal.
    package static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// The terminal's width in columns when `fd` is a terminal that says (TIOCGWINSZ), else nil.
    package static func terminalColumns(_ fd: Int32) -> Int? {
        var size = winsize()
        guard isTerminal(fd), ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// An environment variable, or nil.
    package static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}

/// What a thread runs (a class, so a C thread entry point can take it without generics).
private final class ThreadBody {
    let body: () -> Void
    init(_ body: @escaping () -> Void) { self.body = body }
}
