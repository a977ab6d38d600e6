import ArgumentParser
import ThresholdKit

/// `threshold check FILE... | -`
struct Check: ParsableCommand, FormatOptionCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Evaluate lab profiles against the rule packs.",
        discussion: """
            Reads each profile (or standard input for '-') and reports, per pack, which obligations apply, \
            why, and whether they are met. To evaluate every profile under a folder, use 'threshold audit'.

            Formats: text (a report per profile), json (one document: a profile's threshold.verdict/1 \
            object, or an array of them for several profiles), markdown, and the formats of 'threshold \
            audit' (jsonl, csv, sarif, junit, html). '--format FMT' writes to standard output (default \
            text); '--output FILE' (repeatable) writes a file in the format its extension names, and \
            '--format FMT:FILE' in the format named; files are replaced only when complete.

            Examples:
              threshold check Examples/labs/helios.yaml
              threshold check lab.yaml --pack frontier-ai-proposal-2026 --explain
              threshold check a.yaml b.yaml --format json > verdicts.json
              generate-profile | threshold check - --output report.md

            \(ExitStatus.table("  0   nothing failing", ExitStatus.failing, ExitStatus.invalid, ExitStatus.usage,
                         "  66  a profile or --rules path named does not exist or cannot be read, or\n      is a "
                             + "folder (EX_NOINPUT)",
                         ExitStatus.cannotCreate, ExitStatus.precedence))
            """)

    static var formatNames: [String] { ReportFormat.allCases.map(\.rawValue) }

    @Argument(help: ArgumentHelp("Lab profiles (YAML); '-' reads standard input.", valueName: "file"))
    var files: [String]

    @OptionGroup var rules: RuleOptions
    @OptionGroup var evaluation: EvaluationOptions

    @Option(
        name: .customLong("format"),
        help: ArgumentHelp(
            "text, json, markdown, jsonl, csv, sarif, junit or html to standard output (default text), or "
                + "FORMAT:FILE to a file (repeatable).",
            valueName: "format[:file]"))
    var formats: [String] = []

    @Option(
        name: [.customShort("o"), .customLong("output")],
        help: ArgumentHelp(
            "Write a report to this file, in the format its extension names (.txt .json .jsonl .csv .sarif .xml .md "
                + ".html; repeatable).",
            valueName: "file"))
    var outputs: [String] = []

    @Flag(help: "Show every threshold, including those not met.")
    var explain = false

    @Option(help: "Colour text output: auto, always or never.")
    var color: AutoChoice = .auto

    @Flag(
        name: [.customShort("q"), .customLong("quiet")],
        help: "No notes on standard error when reports are written to files (errors are still shown).")
    var quiet = false

    @OptionGroup var limits: LimitOptions

    func validate() throws {
        if files.isEmpty { throw ValidationError("Name at least one profile, or '-' for standard input.") }
        if files.filter({ $0 == "-" }).count > 1 {
            throw ValidationError("Standard input ('-') can be read only once.")
        }
        _ = try targets()
    }

    func targets() throws -> [ReportTarget<ReportFormat>] {
        do {
            return try ReportTargets.resolve(formats: formats, outputs: outputs, catalog: .reportFormats)
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        var outcome = Outcome()
        let targets = try targets()
        let readable = readablePaths(files, directoryAllowed: false, suggestAudit: true, &outcome)

        let (book, options) = try rules.load(limits)
        let asOf = evaluation.asOf

        // The report files first: an unwritable destination fails before anything is read.
        if targets.contains(where: { $0.path != nil }) { InterruptCleanup.install() }
        let reports = try ReportFiles(targets)
        let names = readable.map { $0 == "-" ? "<stdin>" : $0 }
        var context = ReportContext(
            book: book, asOf: asOf, failurePolicy: evaluation.failOn,
            profileColumnWidth: ReportContext.profileColumnWidth(for: names),
            color: Console.isColored(reports.standardFormat, color), toolVersion: Threshold.configuration.version)
        // Text wraps to the terminal's width, or to 100 columns in a file or a pipe.
        context.textWidth = Console.width(fd: 1)
        var fileReporters = reports.files.map {
            CheckReporter(format: $0.format, context: context.withoutColor, explain: explain, profiles: readable.count)
        }
        var standard = reports.standardFormat.map {
            CheckReporter(format: $0, context: context, explain: explain, profiles: readable.count)
        }
        var out = DescriptorOutput(interactive: Console.isTerminal(1))
        var files = reports.files.map(\.file)
        for index in fileReporters.indices { fileReporters[index].begin(into: &files[index]) }
        standard?.begin(into: &out)
        out.flush()

        var summary = AuditSummary(book: book, asOf: asOf, failurePolicy: evaluation.failOn)
        for file in readable {
            let verdict = evaluate(file, book: book, options: options, asOf: asOf)
            if verdict.isInvalid { Console.error(verdict.errors.map(\.description).joined(separator: "\n")) }
            outcome.note(.invalidInput, if: verdict.isInvalid)
            outcome.note(.failing, if: evaluation.failOn.fails(verdict))
            summary.add(verdict)
            for index in fileReporters.indices { fileReporters[index].add(verdict, into: &files[index]) }
            standard?.add(verdict, into: &out)
            out.flush()
        }
        for index in fileReporters.indices { fileReporters[index].end(summary, into: &files[index]) }
        standard?.end(summary, into: &out)
        out.finish()

        outcome.note(.cannotCreate, if: !commit(reports))
        if !quiet && !files.isEmpty {
            Console.error(
                "threshold check: \(summary.profiles) \(summary.profiles == 1 ? "profile" : "profiles"): "
                    + "\(summary.valid) valid, "
                    + "\(summary.invalid) invalid, \(summary.failing) failing (--fail-on "
                    + "\(summary.failurePolicy.rawValue)); "
                    + "wrote " + reports.written.joined(separator: ", "))
        }
        try outcome.exit()
    }

    /// Reads and evaluates one profile (or standard input); a problem becomes an invalid verdict.
    func evaluate(_ file: String, book: RuleBook, options: LoadOptions, asOf: CalendarDate) -> Verdict {
        do {
            let profile: LabProfile
            if file == "-" {
                let bytes = try Console.readStandardInput(limit: options.yaml.maxFileBytes)
                profile = try LabProfile(bytes: bytes, path: "<stdin>", options: options)
            } else {
                profile = try LabProfile(contentsOf: file, options: options)
            }
            return book.evaluate(profile, asOf: asOf)
        } catch {
            let problem = error as? YAMLError ?? YAMLError(kind: .reader, problem: "\(error)", mark: .start, file: file)
            return Verdict(
                profile: file == "-" ? "<stdin>" : file, organization: nil, asOf: asOf, packs: [], errors: [problem])
        }
    }
}

/// The named paths that can be read. Each that cannot is said (`threshold: x.yaml: no such file or
/// directory`) and makes the exit code 66, so that the others can still be read.
func readablePaths(
    _ paths: [String], directoryAllowed: Bool, suggestAudit: Bool = false, _ outcome: inout Outcome
) -> [String] {
    paths.filter { path in
        guard path != "-", let problem = NamedInput.problem(at: path, directoryAllowed: directoryAllowed) else {
            return true
        }
        Console.message(inputMessage(problem, suggestAudit: suggestAudit))
        outcome.note(.noInput)
        return false
    }
}

/// Walks `paths` as `threshold audit` does by default (`*.yaml` and `*.yml`, hidden files skipped,
/// symbolic links not followed), saying what it could not read or skipped; a folder that cannot be
/// listed makes the run's exit code 2.
func walkReporting(_ paths: [String], _ outcome: inout Outcome) -> WalkResult {
    let walk = FileWalker().walk(paths)
    for notice in walk.notices where notice.kind != .symlinkNotFollowed {
        Console.error((notice.isError ? "error: " : "warning: ") + notice.description)
        outcome.note(.invalidInput, if: notice.isError)
    }
    return walk
}
