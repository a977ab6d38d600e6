// The stages a round times, each from the directory as the CLI starts: libyaml's bare event loop
// over every file of the walk (the floor), the YAML tree (a diagnostic), and `threshold audit`
// itself, through the library calls Sources/threshold/Audit.swift makes.

import ThresholdKit
import ThresholdPlatform
import ThresholdYAML

/// What one pass of a stage did: the checks that it did the same work every time.
struct Pass: Hashable {
    /// libyaml events (the floor), tree nodes (the tree) or profiles reported (an audit).
    var items = 0
    /// Files that could not be read or parsed (floor, tree), or invalid verdicts (an audit).
    var failures = 0
    /// Bytes the audit wrote to its standard output, and in how many write(2) calls (nil when the
    /// system does not say: the counts come from /proc/self/io).
    var outputBytes: Int?
    var writes: Int?
}

/// A stage of the table: what it is, its name, and one pass of it.
struct Stage {
    enum Role: Equatable {
        /// The floor every other stage is compared with.
        case floor
        /// A diagnostic, printed under the table rather than in it.
        case tree
        case audit(AuditStage)
        /// Two audits run at once on two threads (a diagnostic: what the cores give two jobs).
        case pair(AuditStage)
    }

    let role: Role
    let name: String
    let pass: () -> Pass
}

/// The walker of `threshold audit ROOT`: its default include and exclude, no hidden files, no links
/// followed.
let auditWalker = FileWalker(
    include: FileWalker.defaultInclude, exclude: [], includeHidden: false, followSymlinks: false)

/// Reads a file as the audit does: FileReader, regular files only, under the default size limit.
func readProfile(_ path: String) -> [UInt8]? {
    guard
        case .bytes(let bytes)? = try? FileReader.read(
            atPath: path, limit: YAMLLimits.default.maxFileBytes, regularOnly: true)
    else { return nil }
    return bytes
}

/// The floor: the walk, then every file read and run through libyaml's bare event loop
/// (YAMLParser.countEvents), building nothing.
func floorPass(_ root: String) -> Pass {
    var pass = Pass()
    for path in auditWalker.files([root]) {
        guard let bytes = readProfile(path), let events = try? YAMLParser.countEvents(bytes) else {
            pass.failures += 1
            continue
        }
        pass.items += events
    }
    return pass
}

/// The YAML layer's arena tree (YAMLParser.parseDocument) over every file of the walk, read as the
/// floor reads it.
func treePass(_ root: String) -> Pass {
    var pass = Pass()
    for path in auditWalker.files([root]) {
        guard let bytes = readProfile(path), let document = try? YAMLParser.parseDocument(bytes, path: path) else {
            pass.failures += 1
            continue
        }
        pass.items += document.nodeCount
    }
    return pass
}

/// Two passes of `stage` at once, one on a thread of its own and one on the calling thread, each
/// with its rule book, session and output: two pieces of work that share nothing but the process
/// and the machine. Set against one pass alone, their time is what the cores give two jobs, the
/// ceiling of `-j 2`'s speed-up (two CPUs of a shared virtual machine may give less than twice one).
func pairPass(_ stage: AuditStage, root: String, asOf: CalendarDate, descriptor: Int32) -> Pass {
    final class Other: @unchecked Sendable {
        let lock = Lock()
        lazy var finished = ConditionVariable(lock)
        var summary: AuditSummary?
    }
    let other = Other()
    let before = ProcessIO.read()
    let started = System.startThread(stackSize: 8 << 20) {
        let summary = stage.run(root, asOf: asOf, descriptor: descriptor)
        other.lock.locked {
            other.summary = summary
            other.finished.signal()
        }
    }
    guard started != nil else { fail("cannot start a thread for the pair of audits") }
    let first = stage.run(root, asOf: asOf, descriptor: descriptor)
    other.lock.lock()
    while other.summary == nil { other.finished.wait() }
    let second = other.summary!
    other.lock.unlock()
    let after = ProcessIO.read()
    var pass = Pass(items: first.profiles + second.profiles, failures: first.invalid + second.invalid)
    if let before, let after {
        pass.outputBytes = after.bytesWritten - before.bytesWritten
        pass.writes = after.writeCalls - before.writeCalls
    }
    return pass
}

/// `threshold audit ROOT --format jsonl [--pack ID]… --jobs J --as-of DATE` with standard output
/// on `descriptor`: what Audit.run() does after parsing its arguments, call for call — the rule
/// book loaded (the built-in packs, narrowed by `RuleBook.selecting` as `--pack` narrows it), the
/// report targets resolved and created, the walk, the report context, the session, the auditor on
/// `jobs` threads, the library's DescriptorOutput (64 KiB blocks, as on a pipe or a file), its
/// finish and the commit. Not done: the progress bar and the summary on standard error.
struct AuditStage: Equatable {
    /// The packs `--pack` names; empty for every built-in pack.
    var packs: [String] = []
    var jobs: Int

    /// The rule book and the options profiles are read with, as RuleOptions.load makes them: the
    /// built-in packs without their tests, narrowed to `packs` (when there are any) by the call
    /// `--pack` makes, and the book's record vocabulary in the options.
    static func rules(packs: [String]) -> (book: RuleBook, options: LoadOptions) {
        let book: RuleBook
        do {
            let builtIn = try RuleBook.builtIn(tests: false)
            book = packs.isEmpty ? builtIn : try builtIn.selecting(packs)
        } catch {
            fail("the built-in rule packs do not load: \(error)")
        }
        var options = LoadOptions.default
        options.records = book.records
        return (book, options)
    }

    /// Runs the audit; returns its totals.
    func run(_ root: String, asOf: CalendarDate, descriptor: Int32) -> AuditSummary {
        let (book, loadOptions) = Self.rules(packs: packs)
        let reports: ReportFiles<ReportFormat>
        do {
            reports = try ReportFiles(
                ReportTargets.resolve(formats: ["jsonl"], outputs: [], catalog: .reportFormats))
        } catch {
            fail("\(error)")
        }
        // As `threshold audit` does: a survey, then the files found again as the audit goes.
        let walk = auditWalker.survey([root])
        let context = ReportContext(
            book: book, asOf: asOf, failurePolicy: .unmet,
            profileColumnWidth: ReportContext.profileColumnWidth(longestPath: walk.longestPath), color: false)
        var standardOutput = DescriptorOutput(descriptor: descriptor, interactive: false)
        let session = AuditSession(reports: reports, context: context)
        let auditor = Auditor(book: book, asOf: asOf, loadOptions: loadOptions, jobs: jobs)
        let summary = session.run(walk, auditor: auditor, into: &standardOutput)
        standardOutput.finish()
        if let failure = reports.commit().first { fail("\(failure)") }
        return summary
    }

    /// One pass of the stage, written to `descriptor` (/dev/null), with the bytes and write calls
    /// counted by the kernel.
    func pass(_ root: String, asOf: CalendarDate, descriptor: Int32) -> Pass {
        let before = ProcessIO.read()
        let summary = run(root, asOf: asOf, descriptor: descriptor)
        let after = ProcessIO.read()
        var pass = Pass(items: summary.profiles, failures: summary.invalid)
        if let before, let after {
            pass.outputBytes = after.bytesWritten - before.bytesWritten
            pass.writes = after.writeCalls - before.writeCalls
        }
        return pass
    }
}
