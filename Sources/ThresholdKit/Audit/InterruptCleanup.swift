import ThresholdPlatform

/// What ends a run early — Ctrl-C, `kill`, a closed terminal, a closed pipe — removes the
/// temporary files of the ``ReportFile``s not yet committed, and exits 128 + the signal (Ctrl-C
/// exits 130). An existing report stays whole, and no partial one is left.
///
/// ```swift
/// InterruptCleanup.install()
/// let reports = try ReportFiles(targets)
/// ```
package enum InterruptCleanup {
    /// The signals that end a run early.
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGPIPE]

    /// Installs the cleanup: a thread that waits for the signals (blocked on it, so they queue for
    /// its `sigwait`), calls `before` (to erase a progress bar, say), removes the reports' temporary
    /// files under their registry's lock — so a file being created on another thread at that
    /// instant is not missed — and exits 128 + the signal. Call it once, before the first
    /// ``ReportFile`` is created.
    ///
    /// When no thread can be started, a handler removes the files without the lock instead.
    package static func install(before: (@Sendable () -> Void)? = nil) {
        ReportFile.prepareForSignals()
        var set = sigset_t()
        sigemptyset(&set)
        for sig in signals { sigaddset(&set, sig) }
        // The new thread starts with every signal blocked (our mask, with these added, is inherited).
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &set, &previous)
        let started = System.startThread {
            var set = sigset_t()
            sigemptyset(&set)
            for sig in InterruptCleanup.signals { sigaddset(&set, sig) }
            var received: Int32 = 0
            while sigwait(&set, &received) != 0 {}
            before?()
            ReportFile.removeTemporaryFilesAndExit(status: 128 + received)
        }
        guard let thread = started else {
            // No thread: fall back on the lock-free cleanup in the handler itself.
            pthread_sigmask(SIG_SETMASK, &previous, nil)
            for sig in signals {
                _ = signal(
                    sig,
                    {
                        ReportFile.removeTemporaryFiles(); _exit(128 + $0)
                    })
            }
            return
        }
        cleanupThread.initialize(to: thread)
        for sig in signals { _ = signal(sig, forwardSignal) }
        // Our own mask: these signals are not blocked here, whatever a parent left blocked (a blocked
        // mask survives exec), or Ctrl-C would wait until the run ends.
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}

/// The cleanup thread, written once before any handler that reads it is installed. A signal handler
/// cannot be given a context, so it is found here.
private nonisolated(unsafe) let cleanupThread = UnsafeMutablePointer<pthread_t>.allocate(capacity: 1)

/// Runs on whichever thread the signal lands on, perhaps one that is creating a report file at that
/// instant: it only passes the signal on to the cleanup thread (`pthread_kill` is async-signal-safe),
/// which waits for that creation to finish before removing anything.
private func forwardSignal(_ signal: Int32) {
    _ = pthread_kill(cleanupThread.pointee, signal)
}
