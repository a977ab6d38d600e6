import ArgumentParser
import ThresholdKit
import ThresholdPlatform

extension ReportFormat: ExpressibleByArgument {}

/// `threshold audit PATH...`
struct Audit: ParsableCommand, FormatOptionCommand {
    static var formatNames: [String] { ReportFormat.allCases.map(\.rawValue) }

    static let configuration = CommandConfiguration(
        commandName: "audit",
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
                         "  2   an invalid profile or rule pack, a file found that cannot be read,\n      or a "
                             + "folder that cannot be listed (not with --allow-invalid)",
                         ExitStatus.usage,
                         "  66  a path named does not exist or cannot be read, or no profile was\n      found "
                             + "(EX_NOINPUT)",
                         ExitStatus.cannotCreate, "  130 interrupted (Ctrl-C)", ExitStatus.precedence))
            """)

    @Argument(help: ArgumentHelp("Directories to walk and profiles to read.", valueName: "path"))
    var paths: [String] = []

    @Option(
        name: .customLong("files-from"),
        help: ArgumentHelp(
            "Also audit the paths listed in this file, one per line ('-' reads standard input; at most 64 MiB).",
            valueName: "file|-"))
    var filesFrom: String?

    @Flag(
        name: [.customLong("null"), .customShort("0")],
        help: "With --files-from, paths are separated by NUL characters (as find -print0 writes them).")
    var nullSeparated = false

    @Option(
        name: .customLong("include"),
        help: ArgumentHelp(
            "Audit files whose name matches this glob; with a '/', their path below the directory walked "
                + "(repeatable; replaces the default '*.yaml', '*.yml'; '**' spans folders; '{a,b}' matches either).",
            valueName: "glob"))
    var include: [String] = []

    @Option(
        name: .customLong("exclude"),
        help: ArgumentHelp(
            "Skip files and folders matching this glob (repeatable; a trailing '/' matches folders only).",
            valueName: "glob"))
    var exclude: [String] = []

    @Flag(name: .customLong("hidden"), help: "Walk hidden files and folders (names starting with '.').")
    var hidden = false

    @Flag(
        name: .customLong("follow-symlinks"),
        help: "Follow symbolic links met in the walk (links back to a folder being walked are reported as loops).")
    var followSymlinks = false

    @Option(
        name: [.customShort("j"), .customLong("jobs")],
        help: ArgumentHelp("Evaluate on this many threads (default: the number of processors).", valueName: "n"))
    var jobs: Int?

    @Option(
        name: .customLong("progress"),
        help: "Progress bar on standard error: auto (when it is a terminal), always or never.")
    var progress: AutoChoice = .auto

    @Option(
        name: .customLong("format"),
        help: ArgumentHelp(
            "text, json, jsonl, csv, sarif, junit, markdown or html to standard output, or FORMAT:FILE to a file "
                + "(repeatable).",
            valueName: "format[:file]"))
    var formats: [String] = []

    @Option(
        name: [.customShort("o"), .customLong("output")],
        help: ArgumentHelp(
            "Write a report to this file, in the format its extension names (repeatable).", valueName: "file"))
    var outputs: [String] = []

    @Flag(
        name: .customLong("allow-invalid"),
        help: "Report invalid and unreadable files, but do not let them make the exit code 2.")
    var allowInvalid = false

    @Option(help: "Colour the text table on a terminal: auto, always or never.")
    var color: AutoChoice = .auto

    @Flag(
        name: [.customShort("q"), .customLong("quiet")],
        help: "No progress bar, warnings or summary on standard error (errors are still shown).")
    var quiet = false

    @OptionGroup var rules: RuleOptions
    @OptionGroup var evaluation: EvaluationOptions
    @OptionGroup var limits: LimitOptions

    func validate() throws {
        if paths.isEmpty && filesFrom == nil {
            throw ValidationError("Name at least one directory or profile, or a list of them with --files-from.")
        }
        if paths.contains("-") {
            throw ValidationError(
                "'-' is not a path here; to read a list of paths from standard input, use --files-from -.")
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
        let started = System.seconds()
        var outcome = Outcome()
        let targets = try outputTargets()
        // A path named that does not exist is said once, without a position, and is no profile: the
        // others are still audited. When none is left, there is nothing to report.
        let named = readablePaths(paths, directoryAllowed: true, &outcome)
        if let filesFrom, filesFrom != "-" { try requireInputs([filesFrom], directoryAllowed: false) }
        if named.isEmpty && filesFrom == nil { try outcome.exit() }
        let (book, options) = try rules.load(limits)

        // Create the report files first: an unwritable destination fails before a long walk.
        let progressLine = ProgressLine()
        InterruptCleanup.install(before: { progressLine.erase() })
        let reports = try ReportFiles(targets)
        var roots = named
        if let filesFrom {
            do {
                roots += try PathList.read(filesFrom, nullSeparated: nullSeparated)
            } catch {
                Console.error(error.headline)
                reports.discard()
                throw ExitCode.invalidInput
            }
        }

        // The walk is counted first and made again as the audit goes, so that the paths are never
        // all held: memory does not grow with the number of files.
        let walk = FileWalker(
            include: include.isEmpty ? FileWalker.defaultInclude : include, exclude: exclude,
            includeHidden: hidden, followSymlinks: followSymlinks
        ).survey(roots)
        for notice in walk.notices where notice.kind != .symlinkNotFollowed && (notice.isError || !quiet) {
            Console.error((notice.isError ? "error: " : "warning: ") + notice.description)
        }
        // A gate that checks nothing must not pass: a mistyped --include, an empty folder.
        if walk.count == 0 { Console.error("error: " + nothingFoundMessage(roots)) }
        outcome.note(.noInput, if: walk.count == 0)

        let context = ReportContext(
            book: book, asOf: evaluation.asOf, failurePolicy: evaluation.failOn,
            profileColumnWidth: ReportContext.profileColumnWidth(longestPath: walk.longestPath),
            color: Console.isColored(reports.standardFormat, color), toolVersion: Threshold.configuration.version)
        let bar = ProgressBar(
            total: walk.count, line: progressLine,
            enabled: !quiet && walk.count > 0 && progress.isOn(fd: 2))
        let interactive = Console.isTerminal(1)
        var standardOutput = DescriptorOutput(
            interactive: interactive, beforeWriting: interactive ? { bar.clear() } : nil)
        // Diagnostics for invalid files go to standard error, unless the table on standard output shows them.
        let printDiagnostics = reports.standardFormat != .text
        let session = AuditSession(reports: reports, context: context)
        let auditor = Auditor(
            book: book, asOf: evaluation.asOf, loadOptions: options, jobs: jobs ?? Auditor.defaultJobs)
        let summary = session.run(
            walk, auditor: auditor, into: &standardOutput,
            willReportInvalid: { verdict in
                guard printDiagnostics else { return }
                bar.clear()
                for error in verdict.errors { Console.error(error.headline) }
            }, didReport: bar.update)
        standardOutput.finish()
        bar.clear()
        outcome.note(.cannotCreate, if: !commit(reports))

        if !quiet {
            for warning in session.warnings { Console.error("warning: " + warning) }
            Console.error(
                summary.overview(
                    elapsed: System.seconds() - started, peakMemoryKiB: System.peakMemoryKiB(),
                    written: reports.written))
        }
        outcome.note(.invalidInput, if: summary.hasInvalidInput && !allowInvalid)
        outcome.note(.failing, if: summary.failing > 0)
        try outcome.exit()
    }

    /// "no profiles found under …", with the patterns that chose them.
    func nothingFoundMessage(_ roots: [String]) -> String {
        let place: String
        if roots.isEmpty {
            place =
                ": the list \(filesFrom.map { $0 == "-" ? "on standard input" : $0.escapedForTerminal() } ?? "") "
                + "names no paths"
        } else {
            let shown = roots.prefix(3).map { $0.escapedForTerminal() }.joined(separator: ", ")
            place = " under " + shown + (roots.count > 3 ? " and \(roots.count - 3) more" : "")
        }
        let patterns = include.isEmpty ? FileWalker.defaultInclude : include
        var message =
            "no profiles found\(place) (include: \(patterns.map { $0.escapedForTerminal() }.joined(separator: ", "))"
        if !exclude.isEmpty {
            message += "; exclude: \(exclude.map { $0.escapedForTerminal() }.joined(separator: ", "))"
        }
        return message + ")"
    }
}
