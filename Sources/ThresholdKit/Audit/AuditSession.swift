/// A stream that is written in pieces and flushed after each verdict: standard output, say, which
/// shows each row of a table as soon as its profile is evaluated.
package protocol FlushingOutputStream: ReportOutput {
    /// Writes out what the stream holds.
    mutating func flush()
}

extension String: FlushingOutputStream {
    /// Nothing to do: a string holds what is written to it.
    package mutating func flush() {}
}

/// One audit, from the files a walk found to the reports: every report's reporter, the verdicts
/// rendered once per distinct format and counted on the threads that evaluated them (a verdict
/// every format prerenders is freed there, never handed to the thread that writes), the files
/// named directly that are not regular files (a FIFO) read in their place in path order, and the
/// totals.
///
/// Create the report files first (``ReportFiles``), so that an unwritable destination fails before
/// a long walk; then walk, run, and commit:
///
/// ```swift
/// let reports = try ReportFiles(targets)
/// let survey = FileWalker().survey(["labs"])  // counted; the paths are found again as the audit goes
/// let session = AuditSession(reports: reports, context: context)
/// var out = ""
/// let summary = session.run(survey, auditor: Auditor(book: book, asOf: date), into: &out)
/// let failures = reports.commit()
/// ```
///
/// The files get the context without colour; standard output gets it as given, without the totals
/// (an audit's summary goes to standard error, once).
package final class AuditSession {
    private let reports: ReportFiles<ReportFormat>
    private let context: ReportContext
    private var fileReporters: [any Reporter]
    private var files: [ReportFile]
    private var standardReporter: (any Reporter)?

    /// Prepares a reporter for every report: `context` is for standard output (the files get it
    /// without colour).
    package init(reports: ReportFiles<ReportFormat>, context: ReportContext) {
        let context = context.preparing(for: reports.files.map(\.format) + [reports.standardFormat].compactMap { $0 })
        self.reports = reports
        self.context = context
        fileReporters = reports.files.map { $0.format.makeReporter(context: context.withoutColor) }
        files = reports.files.map(\.file)
        var standardContext = context
        standardContext.includesTotals = false
        standardReporter = reports.standardFormat.map { $0.makeReporter(context: standardContext) }
    }

    /// Evaluates the files `walk` found with `auditor` and writes every report, in the order of the
    /// paths, whatever the number of jobs. Commits nothing: call ``ReportFiles/commit()`` after.
    ///
    /// - Parameters:
    ///   - walk: the files to audit, what the walk skipped, and the files named directly that are
    ///     not regular files (read here, in their place).
    ///   - auditor: evaluates the files, on its ``Auditor/jobs`` threads.
    ///   - standardOutput: where the standard output report goes (if there is one), flushed after
    ///     its beginning, after each verdict and after its end.
    ///   - willReportInvalid: called with each invalid verdict before it is written (to show its
    ///     errors).
    ///   - didReport: called with the number of verdicts written so far, after each.
    /// - Returns: the totals, with what the walk skipped.
    package func run(
        _ walk: WalkResult, auditor: Auditor, into standardOutput: inout some FlushingOutputStream,
        willReportInvalid: (Verdict) -> Void = { _ in }, didReport: (Int) -> Void = { _ in }
    ) -> AuditSummary {
        run(
            files: walk.files, notices: walk.notices, streams: walk.streams, auditor: auditor, into: &standardOutput,
            willReportInvalid: willReportInvalid, didReport: didReport)
    }

    /// Evaluates the files a survey counted, as a second walk finds them, and writes every report,
    /// as the same method does for a walk whose paths are all held: here only the files being
    /// evaluated are held, however many there are. The notices are the survey's.
    package func run(
        _ survey: WalkSurvey, auditor: Auditor, into standardOutput: inout some FlushingOutputStream,
        willReportInvalid: (Verdict) -> Void = { _ in }, didReport: (Int) -> Void = { _ in }
    ) -> AuditSummary {
        run(
            files: survey.files, notices: survey.notices, streams: survey.streams, auditor: auditor,
            into: &standardOutput, willReportInvalid: willReportInvalid, didReport: didReport)
    }

    private func run(
        files walked: some Sequence<String>, notices: [WalkNotice], streams named: [String], auditor: Auditor,
        into standardOutput: inout some FlushingOutputStream, willReportInvalid: (Verdict) -> Void,
        didReport: (Int) -> Void
    ) -> AuditSummary {
        var summary = AuditSummary(book: context.book, asOf: context.asOf, failurePolicy: context.failurePolicy)
        summary.add(notices)
        for index in fileReporters.indices { fileReporters[index].begin(into: &files[index]) }
        standardReporter?.begin(into: &standardOutput)
        standardOutput.flush()

        let renderers = Renderers(
            files: reports.files.map(\.format), fileContext: context.withoutColor,
            standard: reports.standardFormat, standardContext: context, summary: summary)
        var reported = 0
        func report(_ rendition: Rendition) {
            switch rendition {
            case .text(let texts, let entry):
                summary.add(entry)
                for index in fileReporters.indices {
                    fileReporters[index].add(prerendered: texts[renderers.index[index]], into: &files[index])
                }
                if standardReporter != nil {
                    standardReporter!.add(
                        prerendered: texts[renderers.index[fileReporters.count]], into: &standardOutput)
                }
            case .verdict(let verdict, let texts):
                summary.add(verdict)
                if verdict.isInvalid { willReportInvalid(verdict) }
                for index in fileReporters.indices {
                    fileReporters[index].add(verdict, rendered: texts[renderers.index[index]], into: &files[index])
                }
                if standardReporter != nil {
                    standardReporter!.add(
                        verdict, rendered: texts[renderers.index[fileReporters.count]], into: &standardOutput)
                }
            }
            if standardReporter != nil { standardOutput.flush() }
            reported += 1
            didReport(reported)
        }
        // Files named directly that are not regular files (a FIFO from `<(…)`) are read here, as
        // `check` reads them, before the workers start; each is reported in its place in path order.
        var streams = named.map { (path: $0, verdict: auditor.verdict(forStreamAt: $0)) }[...]
        func reportStreams(before path: String?) {
            while let next = streams.first, path.map({ FileWalker.pathOrder(next.path, $0) }) ?? true {
                report(.verdict(next.verdict, texts: renderers.texts(next.verdict)))
                streams.removeFirst()
            }
        }
        let isStream = Set(named)
        auditor.evaluate(RegularFiles(walked, except: isStream), making: renderers.rendering(for:)) {
            _, path, rendition in
            if !streams.isEmpty { reportStreams(before: path) }
            report(rendition)
        }
        reportStreams(before: nil)

        for index in fileReporters.indices { fileReporters[index].end(summary, into: &files[index]) }
        standardReporter?.end(summary, into: &standardOutput)
        standardOutput.flush()
        return summary
    }

    /// A warning for each SARIF report that holds more results than GitHub code scanning accepts
    /// in one run (standard output is named "on standard output").
    package var warnings: [String] {
        var written: [(reporter: any Reporter, name: String)] = Array(zip(fileReporters, files.map(\.path)))
        if let standardReporter { written.append((standardReporter, "on standard output")) }
        return written.compactMap { reporter, name in
            guard let sarif = reporter as? SARIFReporter, sarif.resultCount > SARIFReporter.gitHubResultLimit else {
                return nil
            }
            return
                "the SARIF report \(name.escapedForTerminal()) holds \(sarif.resultCount) results; GitHub code "
                + "scanning "
                + "rejects a run of more than \(SARIFReporter.gitHubResultLimit) (and shows at most "
                + "\(SARIFReporter.gitHubShownResults)): "
                + "split the audit into several runs over fewer folders, each uploaded with a category of its own"
        }
    }
}

/// What a worker makes of a verdict for the thread that writes the reports.
private enum Rendition: Sendable {
    /// Every format's text and what the verdict adds to the totals: the verdict stays (and is
    /// freed) on the worker.
    case text([[UInt8]], AuditSummary.Entry)
    /// The verdict itself, with the texts of the formats that prerender it: for an invalid verdict
    /// (whose errors are shown), one some format renders only with the others (nil texts), or one
    /// with a pack the totals do not know.
    case verdict(Verdict, texts: [[UInt8]?])
}

/// The renderings the workers make of each verdict: one per distinct format and colour, so that a
/// format named twice (two JSON files, say) is rendered once.
private struct Renderers {
    /// For each report (the files in order, then standard output), which rendering it takes.
    let index: [Int]
    /// The distinct formats, each with its context.
    private let distinct: [(format: ReportFormat, context: ReportContext)]
    /// What a verdict's entry in the totals is counted against.
    private let summary: AuditSummary

    init(
        files: [ReportFormat], fileContext: ReportContext, standard: ReportFormat?, standardContext: ReportContext,
        summary: AuditSummary
    ) {
        let wanted = files.map { ($0, fileContext) } + (standard.map { [($0, standardContext)] } ?? [])
        var distinct: [(format: ReportFormat, context: ReportContext)] = []
        index = wanted.map { format, context in
            if let known = distinct.firstIndex(where: { $0.format == format && $0.context.color == context.color }) {
                return known
            }
            distinct.append((format, context))
            return distinct.count - 1
        }
        self.distinct = distinct
        self.summary = summary
    }

    /// A verdict rendered in every distinct format (nil where the format prerenders nothing).
    func texts(_ verdict: Verdict) -> [[UInt8]?] {
        Self.texts(verdict, distinct)
    }

    private static func texts(
        _ verdict: Verdict, _ distinct: [(format: ReportFormat, context: ReportContext)]
    )
        -> [[UInt8]?]
    {
        distinct.map { $0.format.reporterType.prerender(verdict, context: $0.context) }
    }

    /// For a thread that evaluates against `book`: a function that renders and counts each verdict,
    /// keeping it only when the writing thread needs it, with contexts of the thread's own.
    func rendering(for book: RuleBook) -> (Verdict) -> Rendition {
        let distinct = distinct.map { ($0.format, $0.context.detached(to: book)) }
        let summary = summary.detached()
        return { verdict in
            let texts = Self.texts(verdict, distinct)
            guard !verdict.isInvalid, let entry = summary.entry(for: verdict) else {
                return .verdict(verdict, texts: texts)
            }
            let all = texts.compactMap { $0 }
            return all.count == texts.count ? .text(all, entry) : .verdict(verdict, texts: texts)
        }
    }
}

extension Reporter {
    /// Writes a verdict from the text a worker prerendered for it, or renders it here when the
    /// format prerenders nothing.
    mutating func add(_ verdict: Verdict, rendered text: [UInt8]?, into output: inout some ReportOutput) {
        if let text { add(prerendered: text, into: &output) } else { add(verdict, into: &output) }
    }
}

extension ReportContext {
    /// The same context without colour (for files).
    package var withoutColor: ReportContext {
        var copy = self
        copy.color = false
        return copy
    }
}

extension AuditSummary {
    /// The summary an audit writes to standard error: profiles, time, rate and peak memory, the
    /// counts, a line per pack, what the walk skipped, and the files written.
    ///
    /// - Parameters:
    ///   - elapsed: the run's time, in seconds.
    ///   - peakMemoryKiB: the process's peak resident memory, if known.
    ///   - written: the files written, as ``ReportFiles/written`` names them.
    package func overview(elapsed: Double, peakMemoryKiB: Int?, written: [String]) -> String {
        let rate = elapsed > 0 ? Double(profiles) / elapsed : 0
        var text =
            "threshold audit: \(profiles) \(profiles == 1 ? "profile" : "profiles") in \(Figures.fixed(elapsed, 2)) s"
        if profiles > 0 { text += " (\(Figures.fixed(rate, 1))/s)" }
        if let peak = peakMemoryKiB { text += ", peak memory \(Figures.fixed(Double(peak) / 1024, 1)) MiB" }
        text +=
            ": \(valid) valid, \(invalid) invalid, \(failing) failing (--fail-on \(failurePolicy.rawValue)); as of "
            + "\(asOf)"
        let width = packs.map(\.pack.count).max() ?? 0
        for tally in packs {
            text += "\n  \(tally.pack.padded(width))  "
            // A pack not in force requires nothing: who it would reach is labelled as such.
            text +=
                tally.inForce
                ? "in scope \(tally.inScope), unmet \(tally.unmet)"
                : "not in force on \(asOf)\(tally.inForceReason.map { " (\($0))" } ?? ""); would be in scope if in "
                    + "force: \(tally.wouldBeInScope)"
            if tally.late > 0 { text += ", late \(tally.late)" }
            if tally.pending > 0 { text += ", pending \(tally.pending)" }
            if tally.indeterminate > 0 { text += ", indeterminate \(tally.indeterminate)" }
            if tally.blocked > 0 { text += ", blocked \(tally.blocked)" }
        }
        if !noticeCounts.isEmpty {
            text +=
                "\n  skipped: "
                + noticeCounts.map { entry in
                    entry.kind.counted(entry.count)
                        + (entry.kind == .symlinkNotFollowed ? " (use --follow-symlinks)" : "")
                }.joined(separator: "; ")
        }
        if !written.isEmpty { text += "\n  wrote " + written.joined(separator: ", ") }
        return text
    }
}

/// The files of a walk without those read as streams (a FIFO named directly), in order.
private struct RegularFiles<Base: Sequence<String>>: Sequence {
    let base: Base
    let streams: Set<String>

    init(_ base: Base, except streams: Set<String>) {
        self.base = base
        self.streams = streams
    }

    /// As many as the walk holds, when it holds them (no streams to leave out): so that one file
    /// gets no thread of its own.
    var underestimatedCount: Int { streams.isEmpty ? base.underestimatedCount : 0 }

    func makeIterator() -> Iterator { Iterator(base: base.makeIterator(), streams: streams) }

    struct Iterator: IteratorProtocol {
        var base: Base.Iterator
        let streams: Set<String>

        mutating func next() -> String? {
            while let path = base.next() {
                if streams.isEmpty || !streams.contains(path) { return path }
            }
            return nil
        }
    }
}
