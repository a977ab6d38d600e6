extension Verdict {
    /// This verdict as a complete report in `format`: exactly what the format's `Reporter` writes
    /// for an audit of this one profile, begun, given the verdict and ended with its totals.
    ///
    /// ```swift
    /// let sarif = verdict.rendered(as: .sarif, context: ReportContext(book: book, asOf: verdict.asOf))
    /// ```
    ///
    /// So `.sarif` gives a whole SARIF log, `.junit` a whole JUnit document, `.json` a
    /// `threshold.audit/1` document with one verdict and its summary, `.csv` the header and the
    /// verdict's rows, `.jsonl` the verdict's ``jsonLine()`` and a line break. For `threshold check`'s
    /// per-profile reports use ``text(style:)``, ``prettyJSON()`` or ``markdown(explain:)``; for
    /// many verdicts, feed one reporter (`ReportFormat/makeReporter(context:)`) so they share one
    /// document.
    ///
    /// - Parameters:
    ///   - format: The report format.
    ///   - context: The rule book the verdict was evaluated against, and the report's options. Its
    ///     ``ReportContext/asOf`` should be the verdict's ``asOf``.
    /// - Returns: The report, ending in a line break.
    public func rendered(as format: ReportFormat, context: ReportContext) -> String {
        var reporter = format.makeReporter(context: context)
        var summary = AuditSummary(book: context.book, asOf: context.asOf, failurePolicy: context.failurePolicy)
        summary.add(self)
        var report = ""
        reporter.begin(into: &report)
        reporter.add(self, into: &report)
        reporter.end(summary, into: &report)
        return report
    }

    /// This verdict as a complete report in `format`, with the default report options, on the
    /// verdict's own date: ``rendered(as:context:)`` with a context made from `book`.
    ///
    /// ```swift
    /// let verdict = book.evaluate(profile, asOf: CalendarDate("2026-11-29")!)
    /// print(verdict.rendered(as: .sarif, book: book))
    /// ```
    ///
    /// - Parameters:
    ///   - format: The report format.
    ///   - book: The rule book the verdict was evaluated against.
    ///   - failurePolicy: What makes the verdict count as failing (in the totals, and for JUnit).
    /// - Returns: The report, ending in a line break.
    public func rendered(as format: ReportFormat, book: RuleBook, failurePolicy: FailurePolicy = .unmet) -> String {
        let context = ReportContext(
            book: book, asOf: asOf, failurePolicy: failurePolicy,
            profileColumnWidth: ReportContext.profileColumnWidth(for: [profile ?? "<input>"]))
        return rendered(as: format, context: context)
    }
}
