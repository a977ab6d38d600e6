/// The report `threshold check` writes, in any of the audit's formats: each profile's full report
/// for `text` and `markdown`, its verdict object for `json`, and the audit's reporters
/// (``ReportFormat/makeReporter(context:)``) for the others.
///
/// JSON is one document: a single profile gives its `threshold.verdict/1` object, as it always
/// has; several give an array of them. Text leaves out an invalid profile, whose diagnostics go to
/// standard error; the other formats show it as their audit counterparts do.
///
/// ```swift
/// var report = CheckReporter(format: .json, context: context, profiles: 2)
/// var out = ""
/// report.begin(into: &out)
/// for verdict in verdicts { report.add(verdict, into: &out) }
/// report.end(summary, into: &out)   // out is one JSON array of two verdicts
/// ```
package struct CheckReporter {
    /// The format.
    package let format: ReportFormat
    private let style: TextStyle
    private let profiles: Int
    private var written = 0
    private var reporter: (any Reporter)?

    /// Creates a reporter for one report.
    ///
    /// - Parameters:
    ///   - format: the format.
    ///   - context: what the audit's reporters are told (the colour of the text report comes from
    ///     here too).
    ///   - explain: whether text and Markdown show every threshold, including those not met.
    ///   - profiles: how many verdicts will be added (JSON is an array when more than one).
    package init(format: ReportFormat, context: ReportContext, explain: Bool = false, profiles: Int) {
        self.format = format
        self.style = TextStyle(explain: explain, color: context.color, width: context.textWidth)
        self.profiles = profiles
        if ![.text, .json, .markdown].contains(format) { reporter = format.makeReporter(context: context) }
    }

    /// Whether ``add(_:into:)`` writes an invalid verdict (text does not: its diagnostics go to
    /// standard error instead).
    package var showsInvalidProfiles: Bool { format != .text }

    /// Writes what comes before the first verdict.
    package mutating func begin(into output: inout some ReportOutput) {
        if var reporter {
            reporter.begin(into: &output)
            self.reporter = reporter
        } else if format == .json && profiles > 1 {
            output.write("[\n")
        }
    }

    /// Writes one verdict.
    package mutating func add(_ verdict: Verdict, into output: inout some ReportOutput) {
        if var reporter {
            reporter.add(verdict, into: &output)
            self.reporter = reporter
            return
        }
        switch format {
        case .json where profiles > 1:
            // Each verdict indented one level inside the array (JSON strings hold no raw newline).
            let indented = verdict.prettyJSON().split(separator: "\n", omittingEmptySubsequences: false)
                .map { "  " + $0 }.joined(separator: "\n")
            output.write((written > 0 ? ",\n" : "") + indented)
        case .json:
            output.write(verdict.prettyJSON() + "\n")
        case .markdown:
            output.write(verdict.markdown(explain: style.explain))
        default:
            guard !verdict.isInvalid else { return }
            output.write((written > 0 ? "\n" : "") + verdict.text(style: style))
        }
        written += 1
    }

    /// Writes what comes after the last verdict.
    package mutating func end(_ summary: AuditSummary, into output: inout some ReportOutput) {
        if var reporter {
            reporter.end(summary, into: &output)
            self.reporter = reporter
        } else if format == .json && profiles > 1 {
            output.write((written > 0 ? "\n" : "") + "]\n")
        }
    }
}
