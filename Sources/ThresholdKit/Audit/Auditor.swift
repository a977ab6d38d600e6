import ThresholdPlatform
import ThresholdYAML

/// One file's verdict, with its place in the audit.
public struct AuditResult: Sendable, Hashable {
    /// The position of the file in the list being audited (0-based).
    public var index: Int
    /// The file's path, as it was listed.
    public var path: String
    /// The verdict: evaluated, or invalid with the errors that kept it from being read.
    public var verdict: Verdict

    /// Creates a result.
    package init(index: Int, path: String, verdict: Verdict) {
        self.index = index
        self.path = path
        self.verdict = verdict
    }
}

/// Evaluates many profiles on several threads and delivers the verdicts in the order of the list.
///
/// Each file is read and evaluated on its own: a file that cannot be read or is not a valid profile
/// gives an invalid ``Verdict`` (with ``Verdict/errors``) and the audit goes on. Files are read with
/// `O_NONBLOCK` and checked to be regular files before a byte is read, so a FIFO put in a file's
/// place is refused rather than waited on.
///
/// Memory is bounded: at most `window` verdicts wait to be delivered, however many files there
/// are, so a corpus ten times larger does not need ten times the memory (beyond its list of paths).
///
/// ```swift
/// let auditor = Auditor(book: try RuleBook.builtIn(), asOf: CalendarDate("2026-11-29")!)
/// let files = FileWalker().walk(["filings"]).files
/// auditor.evaluate(files) { result in print(result.verdict.jsonLine()) }
/// // or, from async code:
/// for await result in auditor.results(for: files) { … }
/// ```
public struct Auditor: Sendable {
    /// The rule book profiles are evaluated against.
    public var book: RuleBook
    /// The evaluation date.
    public var asOf: CalendarDate
    /// The limits files are read with.
    public var loadOptions: LoadOptions
    /// How many threads evaluate at once (at least 1). ``evaluate(_:deliver:)-(PathCollection,_)``
    /// counts the calling thread among them: it starts `jobs − 1` threads and evaluates files
    /// itself while the next result is not ready; ``results(for:)-(PathCollection)`` starts `jobs`.
    public var jobs: Int
    /// How many verdicts may be evaluated ahead of the one being delivered (at least `jobs`).
    package var window: Int

    /// The number of processors online: the default for ``jobs``.
    public static var defaultJobs: Int {
        let count = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        return count > 0 ? count : 1
    }

    /// Creates an auditor.
    ///
    /// - Parameters:
    ///   - book: the rule packs to evaluate every profile against.
    ///   - asOf: the evaluation date.
    ///   - loadOptions: limits on each file read.
    ///   - jobs: threads to evaluate on; default ``defaultJobs``.
    ///   - window: files that may be claimed ahead of the one delivered next; default
    ///     `(jobs + 2) × 16`: each thread takes up to 16 files at a time through every stage, so
    ///     the window holds a batch being made on each thread, one made and waiting behind an
    ///     earlier one, and one being delivered.
    public init(
        book: RuleBook, asOf: CalendarDate, loadOptions: LoadOptions = .default,
        jobs: Int = Auditor.defaultJobs, window: Int? = nil
    ) {
        self.book = book
        self.asOf = asOf
        var loadOptions = loadOptions
        if loadOptions.records == nil { loadOptions.records = book.records }
        self.loadOptions = loadOptions
        self.jobs = max(1, jobs)
        self.window = max(self.jobs, window ?? (self.jobs + 2) * Auditor.batch)
    }

    /// This auditor with a rule book and a record vocabulary of its own, for one worker thread.
    func detached() -> Auditor {
        var copy = self
        copy.book = book.detached()
        if let records = loadOptions.records {
            copy.loadOptions.records = records == book.records ? copy.book.records : records.detached()
        }
        return copy
    }

    /// Reads and evaluates one file. Never throws: a problem becomes an invalid verdict.
    public func verdict(forFileAt path: String) -> Verdict {
        do {
            return book.evaluate(try Auditor.profile(atPath: path, options: loadOptions), asOf: asOf)
        } catch {
            return Auditor.invalidVerdict(path: path, asOf: asOf, error: error)
        }
    }

    /// Reads and evaluates a file named directly that is not a regular file (a FIFO from `<(…)`),
    /// to its end, as `threshold check` reads it. Never throws: a problem becomes an invalid verdict.
    package func verdict(forStreamAt path: String) -> Verdict {
        do {
            return book.evaluate(try LabProfile(contentsOf: path, options: loadOptions), asOf: asOf)
        } catch {
            return Auditor.invalidVerdict(path: path, asOf: asOf, error: error)
        }
    }

    /// The files each thread of an audit reads, decodes, evaluates and renders together, one
    /// stage after another (``verdicts(forFilesAt:)``), so that one stage's large body of code
    /// (libyaml and the tree, decoding, evaluating, rendering) runs for sixteen files before the
    /// next stage's does. Measured over 20,000 profiles, one job: 10–14% less wall time with 16
    /// files a batch than with one, with the seed pack and with every pack, for 1% more
    /// instructions (8 gave nearly as much; 32 and 64 less, as the batch's data crowd the data
    /// cache). Cachegrind's model of the first-level caches counts as many misses either way: the
    /// gain lies in what it does not model, the branch predictors and the other caches.
    package static let batch = 16

    /// The most bytes of YAML a batch takes through its stages at once: files larger than a
    /// profile usually is (1 KB) are taken in smaller runs, so that a batch of large files never
    /// holds sixteen large trees, profiles or verdicts. A file larger than this is a run of its own.
    package static let batchBytes = 1 << 20

    /// Reads and evaluates files, each as ``verdict(forFileAt:)`` does, stage by stage: every
    /// file read and parsed, then every profile decoded, then every one evaluated (in runs of at
    /// most ``batchBytes`` of YAML). The verdicts are those of `paths.map(verdict(forFileAt:))`,
    /// in order.
    package func verdicts(forFilesAt paths: [String]) -> [Verdict] {
        var all: [Verdict] = []
        all.reserveCapacity(paths.count)
        made(forFilesAt: paths, making: { $0 }) { (run: [Verdict]) in all.append(contentsOf: run) }
        return all
    }

    /// Runs `body`, giving a `YAMLError` it throws the file's name: how every stage of reading a
    /// file names the file at fault.
    private static func named<Value>(_ path: String, _ body: () throws -> Value) throws -> Value {
        do {
            return try body()
        } catch let error as YAMLError {
            throw error.file == nil ? error.inFile(path) : error
        }
    }

    /// What `make` makes of the verdict on each file, handed to `deliver` run by run, in order, as
    /// each run is made: what a run made is not held while the next is read.
    package func made<Made, Failure: Error>(
        forFilesAt paths: [String], making make: (Verdict) -> Made, deliver: ([Made]) throws(Failure) -> Void
    ) throws(Failure) {
        // A stage's failure is the file's error, named as `profile(atPath:)` names it; the later
        // stages pass it on.
        func named<Value>(_ path: String, _ body: () throws -> Value) -> Result<Value, any Error> {
            Result { try Auditor.named(path, body) }
        }
        let yamlOptions = YAMLOptions(limits: loadOptions.yaml)
        // The files made so far: the documents of the run being gathered follow them.
        var done = 0
        var documents: [Result<YAMLDocument, any Error>] = []
        documents.reserveCapacity(paths.count)
        var runBytes = 0
        func finishRun() throws(Failure) {
            let first = done
            // Each stage takes its inputs off their list one by one (the list reversed first, so
            // that they come in order), so that each is freed as soon as its stage is done with it:
            // its memory is then free for the next one's results, where freeing a whole run's at
            // once overflows the allocator's per-thread caches.
            var profiles: [Result<LabProfile, any Error>] = []
            profiles.reserveCapacity(documents.count)
            documents.reverse()
            while let document = documents.popLast() {
                let path = paths[first + profiles.count]
                profiles.append(
                    document.flatMap { document in
                        named(path) { try LabProfile(node: document.root, path: path, options: loadOptions) }
                    })
            }
            var verdicts: [Verdict] = []
            verdicts.reserveCapacity(profiles.count)
            profiles.reverse()
            while let profile = profiles.popLast() {
                switch profile {
                case .success(let profile): verdicts.append(book.evaluate(profile, asOf: asOf))
                case .failure(let error):
                    verdicts.append(
                        Auditor.invalidVerdict(path: paths[first + verdicts.count], asOf: asOf, error: error))
                }
            }
            var made: [Made] = []
            made.reserveCapacity(verdicts.count)
            verdicts.reverse()
            while let verdict = verdicts.popLast() { made.append(make(verdict)) }
            done += made.count
            runBytes = 0
            try deliver(made)
        }
        for path in paths {
            let bytes = named(path) {
                try YAMLParser.readFile(atPath: path, limits: loadOptions.yaml, regularOnly: true)
            }
            let size = (try? bytes.get().count) ?? 0
            if !documents.isEmpty && runBytes + size > Auditor.batchBytes { try finishRun() }
            runBytes += size
            documents.append(
                bytes.flatMap { bytes in
                    named(path) { try YAMLParser.parseDocument(bytes, path: path, options: yamlOptions) }
                })
        }
        try finishRun()
    }

    /// Reads the profile in a regular file, without ever blocking on a FIFO or device.
    ///
    /// - Throws: `YAMLError`, naming the file.
    package static func profile(atPath path: String, options: LoadOptions) throws -> LabProfile {
        try named(path) {
            let bytes = try YAMLParser.readFile(atPath: path, limits: options.yaml, regularOnly: true)
            return try LabProfile(bytes: bytes, path: path, options: options)
        }
    }

    /// The verdict on a file that holds no valid profile: no packs, and the error that says why
    /// (a `YAMLError` naming the file; another error becomes one of kind `reader`).
    package static func invalidVerdict(path: String, asOf: CalendarDate, error: any Error) -> Verdict {
        let problem =
            (error as? YAMLError).map { $0.file == nil ? $0.inFile(path) : $0 }
            ?? YAMLError(kind: .reader, problem: "\(error)", mark: .start, file: path)
        return Verdict(profile: path, organization: nil, asOf: asOf, packs: [], errors: [problem])
    }

    /// Evaluates the files at `paths` on ``jobs`` threads and calls `deliver` on the calling thread
    /// with each result, in the order of `paths`.
    ///
    /// When `deliver` throws, the workers stop after the batch of files each is on, and the error
    /// is rethrown once they have.
    public func evaluate<Failure: Error>(
        _ paths: [String], deliver: (AuditResult) throws(Failure) -> Void
    ) throws(Failure) {
        try evaluate(PathCollection(paths), deliver: deliver)
    }

    /// Evaluates the files at `paths` (a walk's ``WalkResult/files``) on ``jobs`` threads and calls
    /// `deliver` on the calling thread with each result, in the order of `paths`.
    ///
    /// When `deliver` throws, the workers stop after the batch of files each is on, and the error
    /// is rethrown once they have.
    public func evaluate<Failure: Error>(
        _ paths: PathCollection, deliver: (AuditResult) throws(Failure) -> Void
    ) throws(Failure) {
        try evaluate(paths, render: { _ in () }) { (result, _: Void) throws(Failure) in try deliver(result) }
    }

    /// Evaluates the files at `paths` on ``jobs`` threads, renders each verdict with `render` on the
    /// thread that evaluated it, and calls `deliver` on the calling thread with each result and its
    /// rendering, in the order of `paths`.
    ///
    /// For output that costs as much to produce as the evaluation itself — a verdict's JSON line is
    /// some 20 KB — rendering on the workers keeps the calling thread from becoming the bottleneck
    /// of a parallel audit:
    ///
    /// ```swift
    /// auditor.evaluate(files, render: { $0.jsonLine() }) { result, line in print(line) }
    /// ```
    ///
    /// When `deliver` throws, the workers stop after the batch of files each is on, and the error
    /// is rethrown once they have.
    public func evaluate<Rendered: Sendable, Failure: Error>(
        _ paths: [String], render: @escaping @Sendable (Verdict) -> Rendered,
        deliver: (AuditResult, Rendered) throws(Failure) -> Void
    ) throws(Failure) {
        try evaluate(PathCollection(paths), render: render, deliver: deliver)
    }

    /// Evaluates the files at `paths` (a walk's ``WalkResult/files``) on ``jobs`` threads, renders
    /// each verdict with `render` on the thread that evaluated it, and calls `deliver` on the calling
    /// thread with each result and its rendering, in the order of `paths`, as the same method does
    /// for an array of paths.
    public func evaluate<Rendered: Sendable, Failure: Error>(
        _ paths: PathCollection, render: @escaping @Sendable (Verdict) -> Rendered,
        deliver: (AuditResult, Rendered) throws(Failure) -> Void
    ) throws(Failure) {
        try evaluate(paths, making: { _ in { verdict in (verdict, render(verdict)) } }) {
            (index, path, made: (Verdict, Rendered)) throws(Failure) in
            try deliver(AuditResult(index: index, path: path, verdict: made.0), made.1)
        }
    }

    /// Evaluates the files a walk finds (``FileWalker/files(_:)``), as it finds them, on ``jobs``
    /// threads and calls `deliver` on the calling thread with each result, in path order. The
    /// paths are never all held: memory does not grow with the number of files.
    ///
    /// ```swift
    /// try auditor.evaluate(FileWalker().files(["filings"])) { result in print(result.verdict.jsonLine()) }
    /// ```
    ///
    /// When `deliver` throws, the workers stop after the batch of files each is on, and the error
    /// is rethrown once they have.
    public func evaluate<Failure: Error>(
        _ files: FileWalker.Files, deliver: (AuditResult) throws(Failure) -> Void
    ) throws(Failure) {
        try evaluate(files, making: { _ in { $0 } }) { (index, path, verdict) throws(Failure) in
            try deliver(AuditResult(index: index, path: path, verdict: verdict))
        }
    }

    /// Evaluates the files a walk finds, as it finds them, on ``jobs`` threads, renders each verdict
    /// with `render` on the thread that evaluated it, and calls `deliver` on the calling thread with
    /// each result and its rendering, in path order, as the same method does for a list of paths.
    public func evaluate<Rendered: Sendable, Failure: Error>(
        _ files: FileWalker.Files, render: @escaping @Sendable (Verdict) -> Rendered,
        deliver: (AuditResult, Rendered) throws(Failure) -> Void
    ) throws(Failure) {
        try evaluate(files, making: { _ in { verdict in (verdict, render(verdict)) } }) {
            (index, path, made: (Verdict, Rendered)) throws(Failure) in
            try deliver(AuditResult(index: index, path: path, verdict: made.0), made.1)
        }
    }

    /// Evaluates the files at `paths` on ``jobs`` threads, makes what is wanted of each verdict on
    /// the thread that evaluated it, and calls `deliver` on the calling thread with each file's
    /// index, its path and what was made of it, in the order of `paths`.
    ///
    /// `paths` is iterated once, one path at a time, by whichever thread claims the next file (under
    /// the pipeline's lock): a walk that finds the files as they are asked for (``FileWalker/files(_:)``)
    /// is never held whole, and no more than the window of paths are held at once.
    ///
    /// Each thread claims up to ``batch`` files at a time and takes them through each stage in
    /// turn (``verdicts(forFilesAt:)``, then `maker`'s function on each verdict); the results are
    /// still delivered one file at a time, in order.
    ///
    /// Each thread calls `maker` once, with the rule book it evaluates against (the calling thread
    /// with ``book``, each worker with a detached copy), for the function that makes what is wanted
    /// of a verdict: what that function keeps of the book (text laid out from it, say) is then the
    /// thread's own, as the book is.
    ///
    /// The verdict is freed on the thread that made it, unless the function keeps it. An audit that needs
    /// only a verdict's rendering and its counts should not hand the verdict over: the thousands of
    /// allocations in a verdict would otherwise be freed on another thread than the one that made
    /// them, and the reference counts of the strings it shares with that thread's rule book would
    /// be written from two cores at once (measured: two jobs took 1.31× the CPU time of one).
    ///
    /// When `deliver` throws, the workers stop after the batch of files each is on, and the error
    /// is rethrown once they have.
    package func evaluate<Made: Sendable, Failure: Error>(
        _ paths: some Sequence<String>, making maker: @escaping @Sendable (RuleBook) -> (Verdict) -> Made,
        deliver: (Int, String, Made) throws(Failure) -> Void
    ) throws(Failure) {
        // A batch of files at a time, through each stage in turn (see `Auditor.batch`): the
        // verdicts, then what is made of each.
        @Sendable func evaluating(with auditor: Auditor) -> ([String], ([Made]) -> Void) -> Void {
            let make = maker(auditor.book)
            return { paths, put in auditor.made(forFilesAt: paths, making: make, deliver: put) }
        }
        // The calling thread's function, made once it is known whether there are workers.
        let make = maker(book)
        // However many files there are, when it is known: no thread for one file.
        let known = paths.underestimatedCount
        let workers = min(jobs - 1, known > 0 ? known - 1 : jobs - 1)
        var iterator = paths.makeIterator()
        var pipeline: Pipeline<Made>?
        if workers > 0 {
            // The calling thread is one of the `jobs`: it evaluates files too whenever the next
            // result is not ready, rather than sleep while the workers share the cores with it.
            // Each worker evaluates against a rule book of its own (see `RuleBook.detached()`).
            let started = Pipeline(
                next: { iterator.next() }, window: window, batch: Auditor.batch,
                worker: { evaluating(with: self.detached()) })
            // No thread could be started (resource exhaustion): evaluate here, a batch at a time.
            if started.start(workers: workers) > 0 { pipeline = started }
        }
        guard let pipeline else {
            var index = 0
            var paths: [String] = []
            paths.reserveCapacity(Auditor.batch)
            while true {
                paths.removeAll(keepingCapacity: true)
                while paths.count < Auditor.batch, let path = iterator.next() { paths.append(path) }
                guard !paths.isEmpty else { return }
                // Each run delivered as it is made, not held while the rest of the batch is read.
                var offset = 0
                try made(forFilesAt: paths, making: make) { (run: [Made]) throws(Failure) in
                    for item in run {
                        try deliver(index, paths[offset], item)
                        index += 1
                        offset += 1
                    }
                }
            }
        }
        defer { pipeline.waitForWorkers() }
        var index = 0
        while let (path, made) = pipeline.take(
            index, helping: { paths, put in self.made(forFilesAt: paths, making: make, deliver: put) })
        {
            do {
                try deliver(index, path, made)
            } catch {
                pipeline.cancel()
                throw error
            }
            index += 1
        }
    }

    /// The results for `paths` as an asynchronous sequence, in the order of `paths`, evaluated on
    /// ``jobs`` threads that start when iteration starts. Ending the iteration early (or cancelling
    /// the task) stops the workers.
    public func results(for paths: [String]) -> AuditResults {
        AuditResults(auditor: self, paths: PathCollection(paths))
    }

    /// The results for `paths` (a walk's ``WalkResult/files``) as an asynchronous sequence, as the
    /// same method does for an array of paths.
    public func results(for paths: PathCollection) -> AuditResults {
        AuditResults(auditor: self, paths: paths)
    }
}

/// The results of an audit as an `AsyncSequence`, in the order of the paths. See
/// ``Auditor/results(for:)-(PathCollection)``.
public struct AuditResults: AsyncSequence, Sendable {
    /// A result.
    public typealias Element = AuditResult

    let auditor: Auditor
    let paths: PathCollection

    /// Starts the workers and returns an iterator over their results.
    public func makeAsyncIterator() -> Iterator {
        let auditor = self.auditor
        var remaining = paths.makeIterator()
        let pipeline = Pipeline(
            next: { remaining.next() }, window: auditor.window, batch: Auditor.batch,
            worker: {
                let detached = auditor.detached()
                return { paths, put in detached.made(forFilesAt: paths, making: { $0 }, deliver: put) }
            })
        let started = pipeline.start(workers: Swift.min(auditor.jobs, Swift.max(1, paths.count)))
        // No thread could be started (resource exhaustion): the iterator evaluates each file itself.
        return Iterator(handle: Handle(pipeline), paths: paths, inline: started == 0 ? auditor : nil)
    }

    /// Delivers the results in order; stops the workers when dropped.
    public struct Iterator: AsyncIteratorProtocol {
        let handle: Handle
        let paths: PathCollection
        let inline: Auditor?
        var index = 0

        /// The next result, or nil at the end (or when the task is cancelled).
        public mutating func next() async -> AuditResult? {
            guard index < paths.count else { return nil }
            if let inline {
                guard !Task.isCancelled else { index = paths.count; return nil }
                let path = paths[index]  // made a String once, for the verdict and the result
                index += 1
                return AuditResult(index: index - 1, path: path, verdict: inline.verdict(forFileAt: path))
            }
            let pipeline = handle.pipeline
            let wanted = index
            let taken = await withTaskCancellationHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<(String, Verdict)?, Never>) in
                    pipeline.take(wanted, continuation: continuation)
                }
            } onCancel: {
                pipeline.cancel()
            }
            guard let (path, verdict) = taken else { index = paths.count; return nil }
            index += 1
            return AuditResult(index: wanted, path: path, verdict: verdict)
        }
    }

    /// Owns a running pipeline; cancels it when the iterator goes away.
    final class Handle: Sendable {
        let pipeline: Pipeline<Verdict>
        init(_ pipeline: Pipeline<Verdict>) { self.pipeline = pipeline }
        deinit { pipeline.cancel() }
    }
}

/// The engine: workers claim the files in order, no further than `window` ahead of the consumer,
/// up to `batch` at a time, each taking the next paths from the source under the lock, and put
/// what they make of each file (a verdict, or a verdict and its rendering) with its path in a ring
/// of slots; the consumer takes them in order. The source is asked for one path at a time, so that
/// a walk that finds the files as they are wanted is never held whole.
final class Pipeline<Element: Sendable>: @unchecked Sendable {
    /// The next path, or nil when there are no more; called with the lock held.
    private let nextPath: () -> String?
    private let window: Int
    /// The most files claimed at once, and made together.
    private let batch: Int
    /// The files the next claim takes (at most `batch`), one at first: as many as the first run
    /// of the last batch made held, or twice the last batch when its first run held all of it. A batch of
    /// large files is made in runs of one (see `Auditor.batchBytes`), and then the files are
    /// claimed one at a time: a thread holding sixteen large results while the consumer waits
    /// for an earlier one would hold the window's memory and stall the other threads.
    private var claimSize: Int
    /// Called once on each worker thread: the function with which that thread makes the elements
    /// of a batch of files, one per path, in order, handing them on as they are made (in runs: the
    /// second argument is called with each run, the runs in order).
    private let worker: @Sendable () -> ([String], ([Element]) -> Void) -> Void
    private let lock = Lock()
    private let consumerCondition: ConditionVariable
    private let workerCondition: ConditionVariable
    private var slots: [(String, Element)?]
    private var nextToClaim = 0
    private var nextToTake = 0
    /// The number of files, once the source has run out.
    private var end: Int?
    private var cancelled = false
    private var alive = 0
    private var waiter: (index: Int, continuation: CheckedContinuation<(String, Element)?, Never>)?
    private var buffered = 0
    private var peakBuffered = 0

    /// The most verdicts that were ever waiting to be taken at once (never more than the window).
    var peakBufferedCount: Int { lock.locked { peakBuffered } }

    /// A pipeline over the paths of a list, whose workers all use `evaluate`, one file at a time.
    convenience init(paths: PathCollection, window: Int, evaluate: @escaping @Sendable (String) -> Element) {
        var remaining = paths.makeIterator()
        self.init(
            next: { remaining.next() }, window: window, batch: 1, worker: { { paths, put in put(paths.map(evaluate)) } }
        )
    }

    /// A pipeline over the paths `next` gives, each of whose worker threads calls `worker` once,
    /// when it starts, for its own way of making the elements of a batch of at most `batch` files
    /// (with a rule book of its own, say).
    init(
        next: @escaping () -> String?, window: Int, batch: Int,
        worker: @escaping @Sendable () -> ([String], ([Element]) -> Void) -> Void
    ) {
        nextPath = next
        self.window = max(1, window)
        self.batch = max(1, batch)
        // From one file, doubling while the files are small: the first batches of large files
        // are not claimed sixteen at a time either.
        self.claimSize = 1
        self.worker = worker
        self.slots = Array(repeating: nil, count: max(1, window))
        self.consumerCondition = ConditionVariable(lock)
        self.workerCondition = ConditionVariable(lock)
    }

    /// Starts up to `workers` threads; returns how many started. Zero means none could be
    /// (resource exhaustion): the caller must then do the work itself.
    @discardableResult
    func start(workers: Int) -> Int {
        let count = max(1, workers)
        lock.locked { alive = count }
        var started = 0
        for _ in 0..<count {
            if System.startThread(stackSize: 8 << 20, { self.work() }) != nil { started += 1 }
        }
        if started < count {
            // The threads that did start do all the work; none that did not is waited for.
            lock.locked {
                alive -= count - started
                if started == 0 { cancelled = true }
                consumerCondition.broadcast()
            }
        }
        return started
    }

    private func work() {
        let evaluate = worker()
        while true {
            lock.lock()
            while !cancelled && end == nil && nextToClaim >= nextToTake + window {
                workerCondition.wait()
            }
            if cancelled { break }
            guard let (first, paths) = claim() else { break }
            lock.unlock()

            // Each run stored as it is made: the consumer may take it while the rest is made.
            var made = first
            evaluate(paths) { run in
                put(run, of: paths, claimedFrom: first, at: made)
                made += run.count
            }
        }
        // Left with the lock held.
        alive -= 1
        // A consumer waiting past the end, or on a cancelled pipeline, is told there is nothing.
        let atEnd = waiter.map { waiter in end.map { waiter.index >= $0 } ?? false } ?? false
        let waiter = (alive == 0 && cancelled) || atEnd ? self.waiter : nil
        if waiter != nil { self.waiter = nil }
        consumerCondition.broadcast()
        lock.unlock()
        waiter?.continuation.resume(returning: nil)
    }

    /// Stores `run`, the elements of the files of `paths` (claimed from index `first`) from index
    /// `index` on, and wakes the consumer or resumes the waiter that wants one of them.
    private func put(_ run: [Element], of paths: [String], claimedFrom first: Int, at index: Int) {
        lock.lock()
        if index == first {
            claimSize = run.count < paths.count ? max(1, run.count) : min(batch, 2 * paths.count)
        }
        guard !cancelled else { return lock.unlock() }
        for (offset, element) in run.enumerated() {
            store((paths[index - first + offset], element), at: index + offset)
        }
        let stored = index..<index + run.count
        var resume: (CheckedContinuation<(String, Element)?, Never>, (String, Element))?
        if let waiter, stored.contains(waiter.index), let taken = takeIfReady(waiter.index) {
            self.waiter = nil
            resume = (waiter.continuation, taken)
        } else if stored.contains(nextToTake) {
            consumerCondition.signal()
        }
        lock.unlock()
        if let (continuation, taken) = resume { continuation.resume(returning: taken) }
    }

    /// With the lock held: the next files to make, as many as the batch and the window allow (at
    /// least one), and the index of the first; nil when the source has run out before the first
    /// (the consumer is woken to learn the end).
    private func claim() -> (Int, [String])? {
        guard end == nil else { return nil }
        let first = nextToClaim
        let room = min(claimSize, nextToTake + window - nextToClaim)
        var paths: [String] = []
        paths.reserveCapacity(room)
        while paths.count < room {
            guard let path = nextPath() else {
                end = nextToClaim
                consumerCondition.broadcast()
                workerCondition.broadcast()
                break
            }
            paths.append(path)
            nextToClaim += 1
        }
        return paths.isEmpty ? nil : (first, paths)
    }

    /// With the lock held: puts the element made for `index` in its slot.
    private func store(_ element: (String, Element), at index: Int) {
        slots[index % window] = element
        buffered += 1
        peakBuffered = max(peakBuffered, buffered)
    }

    /// With the lock held: the element at `index` (the next in order) out of its slot, if it is
    /// there, the window moved past it.
    private func takeIfReady(_ index: Int) -> (String, Element)? {
        guard let element = slots[index % window] else { return nil }
        slots[index % window] = nil
        buffered -= 1
        advance(past: index)
        return element
    }

    /// With the lock held: the element at `index` is delivered; workers may claim one more.
    private func advance(past index: Int) {
        nextToTake = index + 1
        workerCondition.broadcast()
    }

    /// The next element, as the method that takes a batch function gives it, for a consumer that
    /// makes one file at a time.
    func take(_ index: Int, helping evaluate: (String) -> Element) -> (String, Element)? {
        take(index, helping: { paths, put in put(paths.map(evaluate)) })
    }

    /// The path at `index` (the next in order) and the element made of it; nil past the last file,
    /// and once cancelled. While it is not ready, the calling thread makes the next unclaimed
    /// elements itself with `evaluate` (a batch within the window), and sleeps only when there is
    /// none left to claim: a consumer that helps keeps the cores busy with `jobs` threads in all,
    /// where one that waits would be a thread more to schedule, woken for every batch.
    func take(
        _ index: Int, helping evaluate: ([String], ([Element]) -> Void) -> Void
    ) -> (String, Element)? {
        lock.lock()
        defer { lock.unlock() }
        while !cancelled {
            if let taken = takeIfReady(index) { return taken }
            if let end, index >= end { return nil }
            guard end == nil, nextToClaim < nextToTake + window else {
                consumerCondition.wait()
                continue
            }
            guard let (first, paths) = claim() else { continue }
            lock.unlock()
            var made = first
            evaluate(paths) { run in
                put(run, of: paths, claimedFrom: first, at: made)
                made += run.count
            }
            lock.lock()
        }
        return nil
    }

    /// Resumes `continuation` with the path at `index` (the next in order) and its element when it
    /// is ready; with nil past the last file, and once cancelled.
    func take(_ index: Int, continuation: CheckedContinuation<(String, Element)?, Never>) {
        lock.lock()
        if cancelled || end.map({ index >= $0 }) ?? false {
            lock.unlock()
            continuation.resume(returning: nil)
            return
        }
        if let taken = takeIfReady(index) {
            lock.unlock()
            continuation.resume(returning: taken)
            return
        }
        waiter = (index, continuation)
        lock.unlock()
    }

    /// Stops the workers after the batch each is on; resumes a waiting consumer with nil.
    func cancel() {
        lock.lock()
        cancelled = true
        let waiter = self.waiter
        self.waiter = nil
        workerCondition.broadcast()
        consumerCondition.broadcast()
        lock.unlock()
        waiter?.continuation.resume(returning: nil)
    }

    /// Blocks until every worker has stopped.
    func waitForWorkers() {
        lock.lock()
        while alive > 0 { consumerCondition.wait() }
        lock.unlock()
    }
}
