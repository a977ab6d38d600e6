/// Renders a stream of verdicts in one format, one verdict at a time.
///
/// A reporter is told when the report begins, is given each verdict in order, and is told when it
/// ends, with the audit's totals. It writes as it goes into any `TextOutputStream` (a `String`, a
/// ``ReportFile``, standard output), so that a report of any size is produced in flat memory:
/// streaming formats write each verdict as it comes and keep nothing; formats whose structure needs
/// grouping (JUnit) spool to temporary files.
///
/// Pick one by its identifier through ``ReportFormat``:
/// ```swift
/// var reporter = ReportFormat.sarif.makeReporter(context: context)
/// var out = ""
/// reporter.begin(into: &out)
/// for verdict in verdicts { reporter.add(verdict, into: &out) }
/// reporter.end(summary, into: &out)
/// ```
package protocol Reporter {
    /// The format's identifier, as `--format` spells it.
    static var identifier: String { get }
    /// Creates a reporter for one report.
    init(context: ReportContext)
    /// Writes what comes before the first verdict.
    mutating func begin(into output: inout some ReportOutput)
    /// Writes (or records) one verdict.
    mutating func add(_ verdict: Verdict, into output: inout some ReportOutput)
    /// Writes what comes after the last verdict, with the totals.
    mutating func end(_ summary: AuditSummary, into output: inout some ReportOutput)
    /// The text ``add(_:into:)`` writes for `verdict`, when it depends on nothing but the verdict and
    /// the context; nil (the default) for a format that must see the verdicts together. An audit
    /// calls it on the worker thread that evaluated the verdict — rendering a verdict can cost as
    /// much as evaluating it — and hands the text to ``add(prerendered:into:)``, so that the verdict
    /// itself never leaves that thread.
    /// The text is UTF-8 bytes, so that a format that renders bytes (JSON) hands them on as they are.
    static func prerender(_ verdict: Verdict, context: ReportContext) -> [UInt8]?
    /// Writes one verdict from the text ``prerender(_:context:)`` made of it, exactly as
    /// ``add(_:into:)`` would have, without the verdict. The default writes the text as it is.
    mutating func add(prerendered: [UInt8], into output: inout some ReportOutput)
}

/// Where a reporter writes: a `TextOutputStream` that also takes UTF-8 bytes as they are (a
/// ``ReportFile``, standard output), so that text rendered as bytes is never turned into a `String`
/// and back.
package protocol ReportOutput: TextOutputStream {
    /// Appends UTF-8 text.
    mutating func write(utf8 bytes: [UInt8])
}

extension String: ReportOutput {
    /// Appends the text the bytes spell.
    package mutating func write(utf8 bytes: [UInt8]) { self += String(decoding: bytes, as: UTF8.self) }
}

extension Reporter {
    /// Nil: the format renders the verdicts itself.
    package static func prerender(_ verdict: Verdict, context: ReportContext) -> [UInt8]? { nil }

    /// Writes the text as it is.
    package mutating func add(prerendered: [UInt8], into output: inout some ReportOutput) {
        output.write(utf8: prerendered)
    }

    /// What a fresh reporter writes for one verdict: ``prerender(_:context:)`` for a format whose
    /// ``add(_:into:)`` keeps no state between verdicts.
    static func renderedAlone(_ verdict: Verdict, context: ReportContext) -> [UInt8] {
        var reporter = Self(context: context)
        var text = ""
        reporter.add(verdict, into: &text)
        return Array(text.utf8)
    }

    /// What comes before the first verdict, as a string.
    package mutating func begin() -> String {
        var out = ""
        begin(into: &out)
        return out
    }

    /// One verdict, as a string (empty for formats that write everything at the end).
    package mutating func add(_ verdict: Verdict) -> String {
        var out = ""
        add(verdict, into: &out)
        return out
    }

    /// What comes after the last verdict, as a string.
    package mutating func end(_ summary: AuditSummary) -> String {
        var out = ""
        end(summary, into: &out)
        return out
    }
}

/// What reporters know about the audit besides the verdicts.
public struct ReportContext: Sendable {
    /// The rule book the profiles are evaluated against (SARIF lists its rules; tables list its packs).
    public var book: RuleBook
    /// The evaluation date.
    public var asOf: CalendarDate
    /// What makes a verdict count as failing (JUnit marks indeterminate obligations as failures
    /// only under ``FailurePolicy/indeterminate``).
    public var failurePolicy: FailurePolicy
    /// The width of the profile column in the text table: the longest path to be reported, so that
    /// the table lines up although it is written row by row.
    package var profileColumnWidth: Int
    /// Whether text may use ANSI colours.
    public var color: Bool
    /// The width `threshold check`'s text report wraps its long lines to; nil for no wrapping.
    public var textWidth: Int? = nil
    /// The tool's name, for SARIF.
    public var toolName: String
    /// The tool's version, for SARIF.
    public var toolVersion: String
    /// Whether the text table ends with the totals and what the walk skipped. An audit that prints
    /// the table on standard output turns this off: its summary goes to standard error, once.
    package var includesTotals: Bool = true
    /// The book's text that JSON verdicts repeat, laid out once (``RuleBookJSONText``): made by
    /// ``preparing(for:)`` for an audit that writes JSON, nil otherwise. The JSON is the same
    /// either way; a result whose values differ from it is written in full.
    package var jsonText: RuleBookJSONText? = nil

    /// Creates a context.
    public init(
        book: RuleBook, asOf: CalendarDate, failurePolicy: FailurePolicy = .unmet,
        profileColumnWidth: Int = 0, color: Bool = false,
        toolName: String = "threshold", toolVersion: String = ReportContext.defaultToolVersion
    ) {
        self.book = book
        self.asOf = asOf
        self.failurePolicy = failurePolicy
        self.profileColumnWidth = profileColumnWidth
        self.color = color
        self.toolName = toolName
        self.toolVersion = toolVersion
    }

    /// This context ready for reports in `formats`: with the book's JSON text laid out once when
    /// one of them is JSON (every verdict then copies it), as it is; other formats do not pay for it.
    package func preparing(for formats: [ReportFormat]) -> ReportContext {
        guard jsonText == nil, formats.contains(where: { $0 == .json || $0 == .jsonl }) else { return self }
        var prepared = self
        prepared.jsonText = RuleBookJSONText(book: book)
        return prepared
    }

    /// This context for a thread that evaluates against `book`, a detached copy of ``book`` (see
    /// ``RuleBook/detached()``): with the JSON text laid out again from that copy, if this context
    /// has it, so that the thread's verdicts share their strings with it (compared by identity) and
    /// rendering them writes no reference count another thread also writes.
    package func detached(to book: RuleBook) -> ReportContext {
        var copy = self
        copy.book = book
        if jsonText != nil { copy.jsonText = RuleBookJSONText(book: book) }
        return copy
    }

    /// The version reports name when none is given.
    public static let defaultToolVersion = "0.1.0"

    /// The profile column width for a list of paths: the longest, in characters, capped at 60.
    package static func profileColumnWidth(for paths: some Sequence<String>) -> Int {
        profileColumnWidth(longestPath: paths.reduce(0) { max($0, $1.count) })
    }

    /// The profile column width for paths the longest of which has `longestPath` characters (a
    /// walk's ``WalkSurvey/longestPath``): that, capped at 60, and no less than the heading.
    package static func profileColumnWidth(longestPath: Int) -> Int {
        max(7, min(60, longestPath))  // 7: "PROFILE"
    }
}

/// The report formats, by the identifier `--format` takes.
public enum ReportFormat: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// A table, one row per profile × pack, then the totals.
    case text
    /// One JSON document: `{"schema": "threshold.audit/1", "verdicts": [...], "summary": {...}}`.
    case json
    /// JSON Lines: one verdict object per line, streamed.
    case jsonl
    /// RFC 4180 CSV: a header, then one row per profile × pack × obligation.
    case csv
    /// SARIF 2.1.0, for GitHub code scanning and other static-analysis viewers.
    case sarif
    /// JUnit XML: a test suite per pack, a test case per profile × obligation.
    case junit
    /// GitHub-flavoured Markdown: a table, one row per profile × pack, then the totals.
    case markdown
    /// A self-contained HTML page: summary, charts, a sortable table and per-profile details.
    case html

    /// The reporter type that renders the format.
    package var reporterType: any Reporter.Type {
        switch self {
        case .text: return TextTableReporter.self
        case .json: return JSONReporter.self
        case .jsonl: return JSONLinesReporter.self
        case .csv: return CSVReporter.self
        case .sarif: return SARIFReporter.self
        case .junit: return JUnitReporter.self
        case .markdown: return MarkdownTableReporter.self
        case .html: return HTMLReporter.self
        }
    }

    /// A new reporter for one report in this format.
    package func makeReporter(context: ReportContext) -> any Reporter {
        reporterType.init(context: context)
    }

    /// The format with an identifier (`Reporter/identifier`), or nil.
    public init?(identifier: String) {
        guard let format = ReportFormat.allCases.first(where: { $0.reporterType.identifier == identifier }) else {
            return nil
        }
        self = format
    }

    /// The format a file name's extension implies: `.txt`, `.json`, `.jsonl` (or `.ndjson`), `.csv`,
    /// `.sarif` (or `.sarif.json`), `.xml` (JUnit), `.md` (or `.markdown`); nil for others.
    package init?(fileName: String) {
        guard
            let format = ReportTargets.format(
                ofFile: fileName,
                in: [
                    (".sarif.json", .sarif), (".sarif", .sarif), (".jsonl", .jsonl), (".ndjson", .jsonl),
                    (".json", .json), (".csv", .csv), (".xml", .junit), (".md", .markdown),
                    (".markdown", .markdown), (".txt", .text), (".html", .html), (".htm", .html),
                ] as [(suffix: String, format: ReportFormat)])
        else { return nil }
        self = format
    }

    /// The usual file extension, without the dot.
    public var fileExtension: String {
        switch self {
        case .text: return "txt"
        case .json: return "json"
        case .jsonl: return "jsonl"
        case .csv: return "csv"
        case .sarif: return "sarif"
        case .junit: return "xml"
        case .markdown: return "md"
        case .html: return "html"
        }
    }

    /// Whether the format writes each verdict as it is added (rather than all at the end).
    package var isStreamed: Bool { self != .junit && self != .html }

    /// The identifier.
    public var description: String { rawValue }
}

// MARK: - Shared helpers

extension PackResult {
    /// One word for the pack's outcome, worst first: `BLOCKED`, `UNMET`, `INDETERMINATE`, `LATE`,
    /// `pending`, `met`, `out-of-scope`, `not-in-force`. `met` means every applicable duty is met on
    /// time.
    var outcomeWord: String {
        if !inForce { return "not-in-force" }
        if deployment == .blocked { return "BLOCKED" }
        if !unmet.isEmpty { return "UNMET" }
        if obligations.contains(where: { $0.status == .indeterminate || $0.applies == .indeterminate }) {
            return "INDETERMINATE"
        }
        if obligations.contains(where: { $0.status == .late }) { return "LATE" }
        if obligations.contains(where: { $0.status == .pending }) { return "pending" }
        if inScope { return "met" }
        return "out-of-scope"
    }

    /// "4 of 5": obligations that apply, of all; "—" for a pack not in force, of which none do.
    var appliesCount: String {
        guard inForce else { return "—" }
        return "\(obligations.filter { $0.applies == .yes }.count) of \(obligations.count)"
    }
}

extension String {
    /// The string with control characters (C0, DEL, C1) shown as `\u{…}` escapes, so that text
    /// from a profile can neither break a line of a report nor drive a terminal.
    var controlCharactersEscaped: String {
        guard unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else {
            return self
        }
        var out = ""
        for scalar in unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
