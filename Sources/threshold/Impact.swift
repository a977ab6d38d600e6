import ArgumentParser
import ThresholdKit

extension ImpactFormat: ExpressibleByArgument {}

/// One `--set PACK/THRESHOLD=VALUE`, split but not yet checked against the rule book.
struct LimitSetting: Equatable {
    var pack: String
    var threshold: String
    var value: String

    /// Splits the text at the first `=` and the first `/` before it.
    init(parsing text: String) throws {
        guard let equals = text.firstIndex(of: "=") else {
            throw ValidationError(
                "--set \(text): expected PACK/THRESHOLD=VALUE, e.g. --set eu-ai-act-gpai/systemic-risk-compute=1e26")
        }
        let key = text[..<equals], value = text[text.index(after: equals)...]
        guard let slash = key.firstIndex(of: "/") else {
            throw ValidationError(
                "--set \(text): name the pack and the threshold as PACK/THRESHOLD, e.g. --set "
                    + "eu-ai-act-gpai/systemic-risk-compute=1e26"
            )
        }
        pack = String(key[..<slash]).trimmedSpaces
        threshold = String(key[key.index(after: slash)...]).trimmedSpaces
        self.value = String(value).trimmedSpaces
        if pack.isEmpty || threshold.isEmpty {
            throw ValidationError("--set \(text): the pack and the threshold must both be named (PACK/THRESHOLD=VALUE)")
        }
        if self.value.isEmpty { throw ValidationError("--set \(text): no value after '='") }
    }
}

/// `threshold impact PATH... --set PACK/THRESHOLD=VALUE`
struct Impact: ParsableCommand, FormatOptionCommand {
    static var formatNames: [String] { ImpactFormat.allCases.map(\.rawValue) }

    static let configuration = CommandConfiguration(
        commandName: "impact",
        abstract: "Show who changes status if a threshold's limit is moved.",
        discussion: """
            Evaluates every profile twice, under the rule packs as they are and with each --set limit \
            replaced, on the same date, and reports per pack who is newly in scope, who falls out of scope, \
            who becomes indeterminate, and whose threshold results or obligations otherwise change; and per \
            obligation, whom it newly applies to and whom it no longer does.

            VALUE is read exactly, in the threshold's unit: '1e26' or '10^26 FLOP' for a compute threshold, \
            '100M' or '100M USD' for a USD threshold. A value in another unit or currency is refused.

            Directories are walked recursively for '*.yaml' and '*.yml' (hidden files skipped, symbolic \
            links not followed). Formats: text (default), json (schema threshold.impact/1), markdown, and \
            html (the audit report with the change drawn on its charts); --output FILE writes a file in the \
            format its extension names (.txt .json .md .html).

            Only what changes is listed: the counts that move, the profiles whose thresholds, \
            obligations or deployment verdict change, and the obligations whose reach changes; the packs \
            the change leaves as they were are named on one line.

            Examples:
              threshold impact Examples/labs --set eu-ai-act-gpai/systemic-risk-compute=1e26 --as-of 2026-11-29
              threshold impact labs --set frontier-ai-proposal-2026/ai-revenue=250M --output impact.html
              threshold impact labs --set us-ca-sb53/frontier-compute=1e25 --format json

            \(ExitStatus.table("  0   the report was written", ExitStatus.invalid,
                         "  64  usage error, including a --set that names no pack or threshold, or a\n      value "
                             + "that cannot be read in the threshold's unit (EX_USAGE)",
                         ExitStatus.noInput, ExitStatus.cannotCreate, ExitStatus.precedence))
            """)

    @Argument(help: ArgumentHelp("Lab profiles, or directories to walk for them.", valueName: "path"))
    var paths: [String]

    @Option(
        name: .customLong("set"),
        help: ArgumentHelp("Replace a threshold's limit (repeatable).", valueName: "pack/threshold=value"))
    var settings: [String] = []

    @Option(help: "Output format: text, json, markdown or html (default: from --output's extension, else text).")
    var format: ImpactFormat?

    @Option(
        name: [.customShort("o"), .customLong("output")],
        help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: "The HTML report's title.")
    var title: String?

    @OptionGroup var date: AsOfOptions

    @Option(help: "Colour text output: auto, always or never.")
    var color: AutoChoice = .auto

    @OptionGroup var rules: RuleOptions
    @OptionGroup var limits: LimitOptions

    func validate() throws {
        if paths.isEmpty { throw ValidationError("Name at least one profile or directory.") }
        if paths.contains("-") {
            throw ValidationError("'-' (standard input) is not supported by impact; name files or directories.")
        }
        if settings.isEmpty {
            throw ValidationError(
                "Name at least one limit to change with --set PACK/THRESHOLD=VALUE, e.g. --set "
                    + "eu-ai-act-gpai/systemic-risk-compute=1e26."
            )
        }
        _ = try settings.map(LimitSetting.init(parsing:))
        _ = try resolvedFormat()
    }

    /// The format: --format, else --output's extension, else text.
    func resolvedFormat() throws -> ImpactFormat {
        if let format { return format }
        guard let output else { return .text }
        guard let implied = ImpactFormat(fileName: output) else {
            throw ValidationError(
                "Cannot tell the format of --output \(output) from its extension (.txt .json .md .html); add --format.")
        }
        return implied
    }

    func run() throws {
        let format = try resolvedFormat()
        let asOf = date.asOf
        var outcome = Outcome()
        let named = readablePaths(paths, directoryAllowed: true, &outcome)
        if named.isEmpty { try outcome.exit() }
        let (book, options) = try rules.load(limits)
        // A --set that names no pack or threshold, or a value in the wrong unit: usage errors.
        var changes: [LimitChange] = []
        for setting in try settings.map(LimitSetting.init(parsing:)) {
            do {
                changes.append(
                    try book.limitChange(pack: setting.pack, threshold: setting.threshold, to: setting.value))
            } catch {
                throw ValidationError("--set \(setting.pack)/\(setting.threshold)=\(setting.value): \(error.message)")
            }
        }
        let changed: RuleBook
        do {
            changed = try book.applying(changes)
        } catch {
            throw ValidationError("--set: \(error)")
        }

        // The profiles: the audit's walker, so that impact reads exactly what `threshold audit` would.
        let walk = walkReporting(named, &outcome)
        let (report, before) = book.impact(
            of: changes, changed: changed, onFilesAt: walk.files, options: options, asOf: asOf)
        for verdict in before where verdict.isInvalid {
            for error in verdict.errors { Console.error(error.description) }
        }

        let text: String
        switch format {
        case .text: text = report.text(color: output == nil && Console.useColor(color))
        case .json: text = report.prettyJSON() + "\n"
        case .markdown: text = report.markdown()
        case .html:
            let heading =
                title ?? "Threshold impact: "
                + changes.map { "\($0.key) \($0.comparison.symbol) \($0.to) \($0.unit)" }.joined(separator: "; ")
            text = HTMLReport.render(verdicts: before, title: heading, generated: .today(), impact: report, rules: book)
        }
        if let output {
            InterruptCleanup.install()
            let reports = try ReportFiles([ReportTarget(format: format, path: output)])
            for (file, _) in reports.files { file.write(text) }
            outcome.note(.cannotCreate, if: !commit(reports))
        } else {
            Console.out(text)
        }
        outcome.note(.invalidInput, if: report.invalid > 0)
        try outcome.exit()
    }
}

extension String {
    /// Without leading and trailing spaces.
    fileprivate var trimmedSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
