/// The HTML audit report as a ``Reporter``: it keeps the verdicts it is given and writes the whole
/// page (``HTMLReport``) when the audit ends, since the summary, the charts and the table all need
/// every verdict. Memory therefore grows with the corpus (the page itself does too); for very large
/// audits prefer the streamed formats.
package struct HTMLReporter: Reporter {
    /// `html`.
    package static let identifier = "html"

    private let context: ReportContext
    private var verdicts: [Verdict] = []

    /// The page's title.
    package var title = "Threshold audit"

    /// Creates a reporter for one report.
    package init(context: ReportContext) {
        self.context = context
    }

    /// Writes nothing: the page is written at the end.
    package mutating func begin(into output: inout some ReportOutput) {}

    /// Keeps the verdict for the page.
    package mutating func add(_ verdict: Verdict, into output: inout some ReportOutput) {
        verdicts.append(verdict)
    }

    /// Writes the page.
    package mutating func end(_ summary: AuditSummary, into output: inout some ReportOutput) {
        output.write(HTMLReport.render(verdicts: verdicts, title: title, generated: .today(), rules: context.book))
        verdicts = []
    }
}
