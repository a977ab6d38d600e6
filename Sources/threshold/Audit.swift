import ArgumentParser
import ThresholdKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ReportFormat: ExpressibleByArgument {}

/// `--progress auto|always|never`.
enum ProgressChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

/// `threshold audit PATH...`
struct Audit: ParsableCommand, FormatOptionCommand {
    static var formatNames: [String] { ReportFormat.allCases.map(\.rawValue) }

    static let configuration = CommandConfiguration(
        abstract: "Audit every lab profile under directories and files.",
        discussion: """
        Walks each directory recursively for files matching --include (default '*.yaml' and '*.yml') \
        and not --exclude; files named directly are always read, a FIFO too (as in \
        'threshold audit <(generate-profile)'). Hidden files and folders are skipped unless --hidden; \
        symbolic links met in the walk are not followed unless --follow-symlinks (loops are detected); \
        FIFOs, sockets and devices met in the walk are skipped without being opened. The profiles are \
        evaluated on --jobs threads and reported in the order of their paths (byte order), whatever \
        the number of jobs. An audit that finds no profile at all is an error.

        Formats: text (a table: a row per profile and pack), json (one document: \
        {"schema": "threshold.audit/1", "verdicts": [...], "summary": {...}}, each verdict a \
        threshold.verdict/1 object), jsonl (a verdict object per line, streamed), csv (a row per \
        profile, pack and obligation), sarif (SARIF 2.1.0 for code scanning), junit (JUnit XML: a suite \
        per pack, a test case per profile and obligation), markdown, html (one self-contained page: \
        summary, a log-scale chart per quantity, a sortable table, per-profile details).

        Reports: '--format FMT' writes to standard output (default text); '--output FILE' (repeatable) \
        writes a file in the format its extension names (.txt .json .jsonl .csv .sarif .xml .md .html), and \
        '--format FMT:FILE' in the format named. Files are written to a temporary file and renamed when \
        complete; an interrupted audit removes them.

        A summary goes to standard error (once; the table on standard output is the report alone), \
        and a progress bar when it is a terminal. An interrupted audit (Ctrl-C) exits 130.

        Examples:
          threshold audit labs
          threshold audit labs --exclude drafts -o audit.html -o audit.sarif
          find labs -name '*.yaml' -print0 | threshold audit --files-from - -0

        \(ExitStatus.table("  0   nothing failing", ExitStatus.failing,
                         "  2   an invalid profile or rule pack, a file found that cannot be read,\n      or a folder that cannot be listed (not with --allow-invalid)",
                         ExitStatus.usage,
                         "  66  a path named does not exist or cannot be read, or no profile was\n      found (EX_NOINPUT)",
                         ExitStatus.cannotCreate, "  130 interrupted (Ctrl-C)", ExitStatus.precedence))
        """)

    @Argument(help: ArgumentHelp("Directories to walk and profiles to read.", valueName: "path"))
    var paths: [String] = []

    @Option(name: .customLong("files-from"),
            help: ArgumentHelp("Also audit the paths listed in this file, one per line ('-' reads standard input; at most 64 MiB).", valueName: "file|-"))
    var filesFrom: String?

    @Flag(name: [.customLong("null"), .customShort("0")], help: "With --files-from, paths are separated by NUL characters (as find -print0 writes them).")
    var nullSeparated = false

    @Option(name: .customLong("include"),
            help: ArgumentHelp("Audit files whose name matches this glob; with a '/', their path below the directory walked (repeatable; replaces the default '*.yaml', '*.yml'; '**' spans folders; '{a,b}' matches either).", valueName: "glob"))
    var include: [String] = []

    @Option(name: .customLong("exclude"),
            help: ArgumentHelp("Skip files and folders matching this glob (repeatable; a trailing '/' matches folders only).", valueName: "glob"))
    var exclude: [String] = []

    @Flag(name: .customLong("hidden"), help: "Walk hidden files and folders (names starting with '.').")
    var hidden = false

    @Flag(name: .customLong("follow-symlinks"), help: "Follow symbolic links met in the walk (links back to a folder being walked are reported as loops).")
    var followSymlinks = false

    @Option(name: [.customShort("j"), .customLong("jobs")], help: ArgumentHelp("Evaluate on this many threads (default: the number of processors).", valueName: "n"))
    var jobs: Int?

    @Option(name: .customLong("progress"), help: "Progress bar on standard error: auto (when it is a terminal), always or never.")
    var progress: ProgressChoice = .auto

    @Option(name: .customLong("format"),
            help: ArgumentHelp("text, json, jsonl, csv, sarif, junit, markdown or html to standard output, or FORMAT:FILE to a file (repeatable).", valueName: "format[:file]"))
    var formats: [String] = []

    @Option(name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp("Write a report to this file, in the format its extension names (repeatable).", valueName: "file"))
    var outputs: [String] = []

    @Flag(name: .customLong("allow-invalid"), help: "Report invalid and unreadable files, but do not let them make the exit code 2.")
    var allowInvalid = false

    @Option(help: "Colour the text table on a terminal: auto, always or never.")
    var color: ColorChoice = .auto

    @Flag(name: [.customShort("q"), .customLong("quiet")], help: "No progress bar, warnings or summary on standard error (errors are still shown).")
    var quiet = false

    @OptionGroup var rules: RuleOptions
    @OptionGroup var evaluation: EvaluationOptions
    @OptionGroup var limits: LimitOptions

    func validate() throws {
        if paths.isEmpty && filesFrom == nil {
            throw ValidationError("Name at least one directory or profile, or a list of them with --files-from.")
        }
        if paths.contains("-") {
            throw ValidationError("'-' is not a path here; to read a list of paths from standard input, use --files-from -.")
        }
        if nullSeparated && filesFrom == nil { throw ValidationError("--null needs --files-from.") }
        if let jobs, !(1...1024).contains(jobs) { throw ValidationError("--jobs must be between 1 and 1024.") }
        for (option, patterns) in [("--include", include), ("--exclude", exclude)] {
            for pattern in patterns {
                do {
                    _ = try Glob(validating: pattern)
                } catch {
                    throw ValidationError("\(option) \(error)")
                }
            }
        }
        _ = try outputTargets()
    }

    /// The reports to write: the files of --output and --format FMT:FILE, and standard output.
    func outputTargets() throws -> [ReportTarget<ReportFormat>] {
        do {
            return try ReportTargets.resolve(formats: formats, outputs: outputs, catalog: .reportFormats)
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        let started = Clock.seconds()
        var outcome = Outcome()
        let targets = try outputTargets()
        // A path named that does not exist is said once, without a position, and is no profile: the
        // others are still audited. When none is left, there is nothing to report.
        let missing = reportInputProblems(paths, directoryAllowed: true)
        outcome.note(.noInput, if: !missing.isEmpty)
        if let filesFrom, filesFrom != "-" { try requireInputs([filesFrom], directoryAllowed: false) }
        let named = paths.filter { !missing.contains($0) }
        if named.isEmpty && filesFrom == nil { try outcome.exit() }
        var options = limits.loadOptions
        let book = try loadBook(rules, options)
        options.records = book.records

        // Create the report files first: an unwritable destination fails before a long walk.
        let progressLine = ProgressLine()
        installInterruptHandlers(erasing: progressLine)
        let reports = try ReportFiles(targets)
        var files = reports.files.map(\.file)
        let fileFormats = reports.files.map(\.format)

        var roots = named
        if let filesFrom {
            do {
                roots += try readPathList(filesFrom)
            } catch let error as YAMLError {
                Console.error(error.headline)
                for file in files { file.discard() }
                throw ExitCode.invalidInput
            }
        }

        let walker = FileWalker(include: include.isEmpty ? FileWalker.defaultInclude : include, exclude: exclude,
                                includeHidden: hidden, followSymlinks: followSymlinks)
        let walk = walker.walk(roots)
        for notice in walk.notices where notice.kind != .symlinkNotFollowed && (notice.isError || !quiet) {
            Console.error((notice.isError ? "error: " : "warning: ") + notice.description)
        }
        // A gate that checks nothing must not pass: a mistyped --include, an empty folder.
        let foundNothing = walk.files.isEmpty
        if foundNothing { Console.error("error: " + nothingFoundMessage(roots)) }
        outcome.note(.noInput, if: foundNothing)

        var summary = AuditSummary(book: book, asOf: evaluation.asOf, failurePolicy: evaluation.failOn)
        summary.add(walk.notices)
        let standardFormat = reports.standardFormat
        // `color` tells a reporter that it writes to a terminal: the text table colours (as --color
        // says), CSV escapes control characters (files and pipes get the data exactly).
        let toTerminal: Bool
        switch standardFormat {
        case .text?: toTerminal = Console.useColor(color)
        case .csv?: toTerminal = Console.isTerminal(1)
        default: toTerminal = false
        }
        let context = ReportContext(book: book, asOf: evaluation.asOf, failurePolicy: evaluation.failOn,
                                    profileColumnWidth: ReportContext.profileColumnWidth(for: walk.files),
                                    color: toTerminal, toolVersion: Threshold.configuration.version)
        var fileReporters = fileFormats.map { $0.makeReporter(context: context.withoutColor) }
        // The table on standard output is the report alone: the summary goes to standard error.
        var standardContext = context
        standardContext.includesTotals = false
        var standardReporter = standardFormat.map { $0.makeReporter(context: standardContext) }
        var standardOutput = StandardOutput()
        let bar = ProgressBar(total: walk.files.count, line: progressLine,
                              enabled: !quiet && walk.files.count > 0 && (progress == .always || (progress == .auto && Console.isTerminal(2))))
        standardOutput.bar = Console.isTerminal(1) ? bar : nil
        // Diagnostics for invalid files go to standard error, unless the table on standard output shows them.
        let printDiagnostics = standardFormat != .text

        for index in fileReporters.indices { fileReporters[index].begin(into: &files[index]) }
        standardReporter?.begin(into: &standardOutput)
        standardOutput.flush()

        let auditor = Auditor(book: book, asOf: evaluation.asOf, loadOptions: options, jobs: jobs ?? Auditor.defaultJobs)
        // Rendering a verdict can cost as much as evaluating it: the workers render each report's
        // part (where the format allows), or this thread would bound a parallel audit. A format
        // named twice (two JSON files, say) is rendered once.
        let wanted = fileFormats.map { ($0, context.withoutColor) } + (standardFormat.map { [($0, context)] } ?? [])
        var renderers: [(format: ReportFormat, context: ReportContext)] = []
        let rendererOf = wanted.map { format, context in
            if let known = renderers.firstIndex(where: { $0.format == format && $0.context.color == context.color }) { return known }
            renderers.append((format, context))
            return renderers.count - 1
        }
        let render: @Sendable (Verdict) -> [String?] = { [renderers] verdict in
            renderers.map { $0.format.reporterType.prerender(verdict, context: $0.context) }
        }
        var reported = 0
        func report(_ verdict: Verdict, rendered texts: [String?]) {
            summary.add(verdict)
            if verdict.isInvalid && printDiagnostics {
                bar.clear()
                for error in verdict.errors { Console.error(error.headline) }
            }
            for index in fileReporters.indices {
                fileReporters[index].add(verdict, rendered: texts[rendererOf[index]], into: &files[index])
            }
            if standardReporter != nil {
                standardReporter!.add(verdict, rendered: texts[rendererOf[fileReporters.count]], into: &standardOutput)
                standardOutput.flush()
            }
            reported += 1
            bar.update(reported)
        }
        // Files named directly that are not regular files (a FIFO from `<(…)`) are read here, as
        // `check` reads them, before the workers start; each is reported in its place in path order.
        var streams = walk.streams.map { (path: $0, verdict: streamVerdict(at: $0, book: book, options: options)) }[...]
        func reportStreams(before path: String?) {
            while let next = streams.first, path.map({ FileWalker.pathOrder(next.path, $0) }) ?? true {
                report(next.verdict, rendered: render(next.verdict))
                streams.removeFirst()
            }
        }
        let isStream = Set(walk.streams)
        auditor.evaluate(walk.files.filter { !isStream.contains($0) }, render: render) { result, texts in
            reportStreams(before: result.path)
            report(result.verdict, rendered: texts)
        }
        reportStreams(before: nil)
        bar.clear()

        for index in fileReporters.indices { fileReporters[index].end(summary, into: &files[index]) }
        standardReporter?.end(summary, into: &standardOutput)
        standardOutput.flush()

        outcome.note(.cannotCreate, if: !reports.commit())

        if !quiet {
            var written: [(reporter: any Reporter, name: String)] = Array(zip(fileReporters, files.map(\.path)))
            if let standardReporter { written.append((standardReporter, "on standard output")) }
            for case let (sarif as SARIFReporter, name) in written where sarif.resultCount > SARIFReporter.gitHubResultLimit {
                Console.error("warning: the SARIF report \(name.escapedForTerminal()) holds \(sarif.resultCount) results; GitHub code scanning "
                              + "rejects a run of more than \(SARIFReporter.gitHubResultLimit) (and shows at most \(SARIFReporter.gitHubShownResults)): "
                              + "split the audit into several runs over fewer folders, each uploaded with a category of its own")
            }
            Console.error(summaryText(summary, elapsed: Clock.seconds() - started,
                                      written: zip(files, fileFormats).map { "\($0.0.path) (\($0.1))" }))
        }
        outcome.note(.invalidInput, if: summary.hasInvalidInput && !allowInvalid)
        outcome.note(.failing, if: summary.failing > 0)
        try outcome.exit()
    }

    /// The most bytes `--files-from` reads: some half a million paths.
    static let maxPathListBytes = 64 << 20

    /// Reads `--files-from`: a file or standard input, one path per line (or per NUL), at most
    /// ``maxPathListBytes``.
    func readPathList(_ source: String) throws -> [String] {
        let file = source == "-" ? "<stdin>" : source
        let fd = source == "-" ? 0 : open(source, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw YAMLError(kind: .reader, problem: "cannot read the list of paths: \(YAMLParser.describeErrno())", mark: .start, file: file)
        }
        defer { if fd != 0 { close(fd) } }
        let limit = Self.maxPathListBytes
        guard let bytes = try Console.readAll(fd, limit: limit, file: file, describing: "the list of paths") else {
            throw YAMLError(kind: .limit, problem: "the list of paths is larger than the limit of \(limit) bytes (64 MiB); "
                            + "split it over several audits, or name the folders that hold the files", mark: .start, file: file)
        }
        let separator: UInt8 = nullSeparated ? 0 : UInt8(ascii: "\n")
        return bytes.split(separator: separator, omittingEmptySubsequences: true).compactMap { line in
            var line = line
            if !nullSeparated, line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            return line.isEmpty ? nil : String(decoding: line, as: UTF8.self)
        }
    }

    /// Reads and evaluates a file named directly that is not a regular file (a FIFO), as `check`
    /// does: a problem becomes an invalid verdict.
    func streamVerdict(at path: String, book: RuleBook, options: LoadOptions) -> Verdict {
        do {
            return book.evaluate(try LabProfile(contentsOf: path, options: options), asOf: evaluation.asOf)
        } catch {
            let problem = error as? YAMLError ?? YAMLError(kind: .reader, problem: "\(error)", mark: .start, file: path)
            return Verdict(profile: path, organization: nil, asOf: evaluation.asOf, packs: [], errors: [problem])
        }
    }

    /// "no profiles found under …", with the patterns that chose them.
    func nothingFoundMessage(_ roots: [String]) -> String {
        let place: String
        if roots.isEmpty {
            place = ": the list \(filesFrom.map { $0 == "-" ? "on standard input" : $0.escapedForTerminal() } ?? "") names no paths"
        } else {
            let shown = roots.prefix(3).map { $0.escapedForTerminal() }.joined(separator: ", ")
            place = " under " + shown + (roots.count > 3 ? " and \(roots.count - 3) more" : "")
        }
        let patterns = include.isEmpty ? FileWalker.defaultInclude : include
        var message = "no profiles found\(place) (include: \(patterns.map { $0.escapedForTerminal() }.joined(separator: ", "))"
        if !exclude.isEmpty { message += "; exclude: \(exclude.map { $0.escapedForTerminal() }.joined(separator: ", "))" }
        return message + ")"
    }

    /// The summary for standard error.
    func summaryText(_ summary: AuditSummary, elapsed: Double, written: [String]) -> String {
        let rate = elapsed > 0 ? Double(summary.profiles) / elapsed : 0
        var text = "threshold audit: \(summary.profiles) \(summary.profiles == 1 ? "profile" : "profiles") in \(Format.fixed(elapsed, 2)) s"
        if summary.profiles > 0 { text += " (\(Format.fixed(rate, 1))/s)" }
        if let peak = Clock.peakMemoryKiB() { text += ", peak memory \(Format.fixed(Double(peak) / 1024, 1)) MiB" }
        text += ": \(summary.valid) valid, \(summary.invalid) invalid, \(summary.failing) failing (--fail-on \(summary.failurePolicy.rawValue)); as of \(summary.asOf)"
        let width = summary.packs.map(\.pack.count).max() ?? 0
        for tally in summary.packs {
            text += "\n  \(tally.pack.padding(width))  "
            // A pack not in force requires nothing: who it would reach is labelled as such.
            text += tally.inForce ? "in scope \(tally.inScope), unmet \(tally.unmet)"
                : "not in force on \(summary.asOf)\(tally.inForceReason.map { " (\($0))" } ?? ""); would be in scope if in force: \(tally.wouldBeInScope)"
            if tally.late > 0 { text += ", late \(tally.late)" }
            if tally.pending > 0 { text += ", pending \(tally.pending)" }
            if tally.indeterminate > 0 { text += ", indeterminate \(tally.indeterminate)" }
            if tally.blocked > 0 { text += ", blocked \(tally.blocked)" }
        }
        let counts = summary.noticeCounts
        if !counts.isEmpty {
            text += "\n  skipped: " + counts.map { entry in
                entry.kind.counted(entry.count) + (entry.kind == .symlinkNotFollowed ? " (use --follow-symlinks)" : "")
            }.joined(separator: "; ")
        }
        if !written.isEmpty { text += "\n  wrote " + written.joined(separator: ", ") }
        return text
    }
}

extension ReportContext {
    /// The same context without colour (for files).
    var withoutColor: ReportContext {
        var copy = self
        copy.color = false
        return copy
    }
}

/// Standard output as a `TextOutputStream`, written in one piece per flush; clears the progress
/// bar first when both are on the terminal.
struct StandardOutput: TextOutputStream {
    var buffer = ""
    var bar: ProgressBar?

    mutating func write(_ string: String) {
        buffer += string
        if buffer.utf8.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        bar?.clear()
        Console.out(buffer)
        buffer = ""
    }
}

/// A one-line progress bar on standard error: done/total, percentage, rate and time left.
final class ProgressBar {
    let total: Int
    let enabled: Bool
    private let line: ProgressLine
    private let started = Clock.seconds()
    private var lastDrawn = -1.0

    init(total: Int, line: ProgressLine, enabled: Bool) {
        self.total = total
        self.line = line
        self.enabled = enabled
    }

    func update(_ done: Int) {
        guard enabled else { return }
        let now = Clock.seconds()
        if done < total && now - lastDrawn < 0.1 && line.isShown { return }
        lastDrawn = now
        let elapsed = now - started
        let fraction = total > 0 ? Double(done) / Double(total) : 1
        let width = 24
        let filled = Int((fraction * Double(width)).rounded(.down))
        var text = "\r\u{1B}[2K[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] "
        text += "\(done)/\(total) \(Int((fraction * 100).rounded(.down)))%"
        if elapsed > 0.05 && done > 0 {
            let rate = Double(done) / elapsed
            text += "  \(Format.fixed(rate, 1))/s  \(Format.duration(Double(total - done) / rate)) left"
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
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    /// Guarded by `mutex`.
    private var shown = false

    init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Whether the line is on the screen.
    var isShown: Bool { locked { shown } }

    /// Writes `text` (which starts by erasing the line) and records that the line is shown.
    func draw(_ text: String) {
        locked {
            Console.write(text)
            shown = true
        }
    }

    /// Erases the line if it is on the screen.
    func erase() {
        locked {
            guard shown else { return }
            Console.write("\r\u{1B}[2K")
            shown = false
        }
    }

    private func locked<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body()
    }
}

extension Reporter {
    /// Writes a verdict from the text a worker prerendered for it, or renders it here when the
    /// format prerenders nothing.
    mutating func add(_ verdict: Verdict, rendered text: String?, into output: inout some TextOutputStream) {
        if let text { add(verdict, prerendered: text, into: &output) } else { add(verdict, into: &output) }
    }
}

/// The signals that end a run early: each removes the reports' temporary files and exits
/// 128 + the signal (Ctrl-C exits 130).
private let interruptSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGPIPE]

/// The thread that does the cleanup, set once before any handler is installed.
#if canImport(Glibc)
nonisolated(unsafe) private var cleanupThread = pthread_t()
#else
nonisolated(unsafe) private var cleanupThread: pthread_t?
#endif

/// Runs on whichever thread the signal lands on, perhaps one that is creating a report file at that
/// instant: it only passes the signal on to the cleanup thread (`pthread_kill` is async-signal-safe),
/// which waits for that creation to finish before removing anything.
private func forwardSignal(_ signal: Int32) {
    #if canImport(Glibc)
    _ = pthread_kill(cleanupThread, signal)
    #else
    if let thread = cleanupThread { _ = pthread_kill(thread, signal) }
    #endif
}

/// Installs the cleanup for Ctrl-C, `kill`, a closed terminal and a closed pipe: a thread that waits
/// for those signals (blocked on it, so they queue for its `sigwait`), erases the progress bar's
/// `line` (if there is one), removes the reports' temporary files under their registry's lock — so a file being
/// created on another thread at that instant is not missed — and exits 128 + the signal.
func installInterruptHandlers(erasing line: ProgressLine? = nil) {
    ReportFile.prepareForSignals()
    var signals = sigset_t()
    sigemptyset(&signals)
    for sig in interruptSignals { sigaddset(&signals, sig) }
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
    // The new thread starts with every signal blocked (our mask, with these added, is inherited).
    var previous = sigset_t()
    pthread_sigmask(SIG_BLOCK, &signals, &previous)
    let context = line.map { Unmanaged.passRetained($0).toOpaque() }
    let status = pthread_create(&cleanupThread, &attributes, { context in
        let line = context.map { Unmanaged<ProgressLine>.fromOpaque($0).takeRetainedValue() }
        var signals = sigset_t()
        sigemptyset(&signals)
        for sig in interruptSignals { sigaddset(&signals, sig) }
        var received: Int32 = 0
        while sigwait(&signals, &received) != 0 {}
        line?.erase()
        ReportFile.removeTemporaryFilesAndExit(status: 128 + received)
    }, context)
    pthread_attr_destroy(&attributes)
    guard status == 0 else {
        // No thread: fall back on the lock-free cleanup in the handler itself.
        if let context { Unmanaged<ProgressLine>.fromOpaque(context).release() }
        pthread_sigmask(SIG_SETMASK, &previous, nil)
        for sig in interruptSignals { _ = signal(sig, { ReportFile.removeTemporaryFiles(); _exit(128 + $0) }) }
        return
    }
    for sig in interruptSignals { _ = signal(sig, forwardSignal) }
    // Our own mask: these signals are not blocked here, whatever a parent left blocked (a blocked
    // mask survives exec), or Ctrl-C would wait until the audit ends.
    pthread_sigmask(SIG_UNBLOCK, &signals, nil)
}

/// A monotonic clock in seconds, and the process's peak memory.
enum Clock {
    /// The most resident memory the process has used, in KiB.
    static func peakMemoryKiB() -> Int? {
        var usage = rusage()
        #if canImport(Glibc)
        guard getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage) == 0 else { return nil }
        return Int(usage.ru_maxrss)
        #else
        guard getrusage(RUSAGE_SELF, &usage) == 0 else { return nil }
        return Int(usage.ru_maxrss) / 1024
        #endif
    }

    static func seconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

/// Number formatting without Foundation.
enum Format {
    /// `value` with `digits` decimals.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "—" }
        var scale = 1
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int((value * Double(scale)).rounded())
        let whole = scaled / scale, fraction = scaled % scale
        guard digits > 0 else { return String(whole) }
        let digitsText = String(fraction)
        return "\(whole)." + String(repeating: "0", count: digits - digitsText.count) + digitsText
    }

    /// `m:ss`, or `h:mm:ss`.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "—" }
        let total = Int(seconds.rounded(.up))
        let h = total / 3600, m = (total % 3600) / 60, s = total % 60
        let ss = s < 10 ? "0\(s)" : "\(s)"
        if h > 0 { return "\(h):" + (m < 10 ? "0\(m)" : "\(m)") + ":" + ss }
        return "\(m):" + ss
    }
}

extension Console {
    /// Writes to standard error with no newline added.
    static func write(_ text: String) {
        var text = text
        text.withUTF8 { buffer in write(all: buffer, to: 2) }
    }
}
