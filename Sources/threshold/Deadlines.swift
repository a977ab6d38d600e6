import ArgumentParser
import ThresholdKit

extension DeadlineFormat: ExpressibleByArgument {}

/// Reads `--within`: `90d`, `12w`, `6m` or `1y`.
func parseWindow(_ argument: String) throws -> CalendarPeriod {
    guard let period = CalendarPeriod(compact: argument) else {
        throw ValidationError(
            "expected a count and a unit: 90d (days), 12w (weeks), 6m (months) or 1y (years), at most 100 years")
    }
    return period
}

/// `threshold deadlines PATH...`
struct Deadlines: ParsableCommand, FormatOptionCommand {
    static let configuration = CommandConfiguration(
        commandName: "deadlines",
        abstract: "List every dated duty across profiles and packs: overdue first, then what falls due next.",
        discussion: """
            A row per profile, pack, obligation and model with a date: overdue (unmet past its due date), \
            expired (the last record's validity ran out), due (pending, or indeterminate: it may apply) \
            and renewal (met by a record valid through a date). Overdue rows come first, the oldest \
            first; then the others by date. Duties met for good, and duties without a date, have no row.

            Directories are walked recursively for '*.yaml' and '*.yml' (hidden files skipped, symbolic \
            links not followed), as 'threshold audit' walks them. An invalid profile is reported on \
            standard error with its position, and the others are still listed.

            Formats: text (a table), json (one document: an array of objects with profile, \
            organization, pack, obligation, title, model, status, due, overdue_since, late_by_days, \
            valid_until, expired_on, citation, date, deadline, uid), csv (RFC 4180 with a header row), \
            markdown (a table) and ics (iCalendar, RFC 5545: an all-day event per row). '--format FMT' \
            writes to standard output (default text); '--output FILE' (repeatable) writes a file in the \
            format its extension names (.txt .json .csv .md .ics), '--format FMT:FILE' in the format \
            named; files are replaced only when complete.

            A calendar can subscribe to the .ics file: each event's UID is a hash of the profile's path, \
            the pack, the obligation, the model and the date, so a later run updates its events instead \
            of adding copies (name the profiles with the same paths on every run), and two runs with the \
            same --as-of give the same bytes.

            Examples:
              threshold deadlines Examples/labs
              threshold deadlines labs --within 90d --as-of 2026-11-29
              threshold deadlines labs --output deadlines.ics --output deadlines.csv

            \(ExitStatus.table("  0   the list was written",
                         "  2   an invalid profile (the others are still listed) or rule pack",
                         ExitStatus.usage, ExitStatus.noInput, ExitStatus.cannotCreate, ExitStatus.precedence))
            """)

    static var formatNames: [String] { DeadlineFormat.allCases.map(\.rawValue) }

    @Argument(help: ArgumentHelp("Lab profiles, or directories to walk for them.", valueName: "path"))
    var paths: [String]

    @Option(
        name: .customLong("within"),
        help: ArgumentHelp(
            "Keep only what falls due from the as-of date to this far ahead: 90d, 12w, 6m or 1y (overdue rows are "
                + "always kept).",
            valueName: "period"),
        transform: parseWindow)
    var within: CalendarPeriod?

    @Option(
        name: .customLong("format"),
        help: ArgumentHelp(
            "text, json, csv, markdown or ics to standard output (default text), or FORMAT:FILE to a file "
                + "(repeatable).",
            valueName: "format[:file]"))
    var formats: [String] = []

    @Option(
        name: [.customShort("o"), .customLong("output")],
        help: ArgumentHelp(
            "Write the list to this file, in the format its extension names (.txt .json .csv .md .ics; repeatable).",
            valueName: "file"))
    var outputs: [String] = []

    @Flag(
        name: [.customShort("q"), .customLong("quiet")],
        help: "No note on standard error when files are written (errors are still shown).")
    var quiet = false

    @OptionGroup var rules: RuleOptions
    @OptionGroup var date: AsOfOptions
    @OptionGroup var limits: LimitOptions

    func validate() throws {
        if paths.isEmpty { throw ValidationError("Name at least one profile or directory.") }
        if paths.contains("-") {
            throw ValidationError("'-' (standard input) is not read by deadlines; name files or directories.")
        }
        _ = try targets()
    }

    func targets() throws -> [ReportTarget<DeadlineFormat>] {
        let catalog = ReportTargets.Catalog<DeadlineFormat>(
            named: { DeadlineFormat(rawValue: $0) }, ofFile: { DeadlineFormat(fileName: $0) },
            names: DeadlineFormat.allCases.map(\.rawValue), extensions: DeadlineFormat.fileExtensions,
            defaultFormat: .text)
        do {
            return try ReportTargets.resolve(formats: formats, outputs: outputs, catalog: catalog)
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        var outcome = Outcome()
        let targets = try targets()
        let asOf = date.asOf
        let named = readablePaths(paths, directoryAllowed: true, &outcome)
        if named.isEmpty { try outcome.exit() }
        let (book, options) = try rules.load(limits)

        if targets.contains(where: { $0.path != nil }) { InterruptCleanup.install() }
        let reports = try ReportFiles(targets)

        let walk = walkReporting(named, &outcome)
        var deadlines: [Deadline] = []
        var profiles = 0
        func take(_ verdict: Verdict) {
            profiles += 1
            if verdict.isInvalid {
                for error in verdict.errors { Console.error(error.headline) }
                outcome.note(.invalidInput)
            }
            deadlines += DeadlineList.deadlines(in: verdict)
        }
        // Files named directly that are not regular files (a FIFO from `<(…)`) are read as `check`
        // reads them; the rest on every core.
        let auditor = Auditor(book: book, asOf: asOf, loadOptions: options)
        for path in walk.streams { take(auditor.verdict(forStreamAt: path)) }
        let streams = Set(walk.streams)
        auditor.evaluate(PathCollection(walk.files.lazy.filter { !streams.contains($0) })) { result in
            take(result.verdict)
        }

        var list = DeadlineList(asOf: asOf, deadlines: deadlines)
        if let within { list = list.within(within) }
        let productID = "-//Threshold//threshold \(Threshold.configuration.version)//EN"
        if let format = reports.standardFormat { Console.out(list.rendered(as: format, productID: productID)) }
        for (file, format) in reports.files { file.write(list.rendered(as: format, productID: productID)) }
        outcome.note(.cannotCreate, if: !commit(reports))
        if !quiet && !reports.files.isEmpty {
            Console.error(
                "threshold deadlines: \(list.deadlines.count) dated \(list.deadlines.count == 1 ? "duty" : "duties") "
                    + "(\(list.overdueCount) overdue) from \(profiles) \(profiles == 1 ? "profile" : "profiles"); "
                    + "wrote "
                    + reports.written.joined(separator: ", "))
        }
        try outcome.exit()
    }
}
