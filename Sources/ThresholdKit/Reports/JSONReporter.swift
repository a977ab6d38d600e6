/// `json`: one JSON document holding every verdict and the totals, streamed.
///
/// ```json
/// {"schema":"threshold.audit/1","as_of":"2026-11-29","verdicts":[
/// {"schema":"threshold.verdict/1","profile":"labs/helios.yaml",…},
/// {"schema":"threshold.verdict/1","profile":"labs/quiet.yaml",…}
/// ],"summary":{"profiles":2,"invalid":0,"failing":1,"fail_on":"unmet","packs":[…],"notices":[…]}}
/// ```
///
/// Each element of `verdicts` is exactly the `threshold.verdict/1` object of
/// ``Verdict/jsonLine()`` (one per line, so the file also diffs well). `summary` has `profiles`,
/// `valid`, `invalid`, `failing`, `fail_on`, `as_of`, `packs` (per pack: `pack`, `title`,
/// `in_force`, `evaluated`, `in_scope`, `unmet`, `unmet_obligations`, `indeterminate`, `blocked`)
/// and `notices` (what the walk skipped: `path`, `kind`, `severity`, `message`).
package struct JSONReporter: Reporter {
    /// `json`.
    package static let identifier = "json"
    /// The schema id of the document.
    package static let schema = "threshold.audit/1"

    private let context: ReportContext
    private var first = true

    /// Creates a reporter.
    package init(context: ReportContext) { self.context = context }

    /// Opens the document and the `verdicts` array.
    package mutating func begin(into output: inout some ReportOutput) {
        var head = "{"
        JSONWriter.appendString("schema", to: &head)
        head += ":"
        JSONWriter.appendString(Self.schema, to: &head)
        head += ","
        JSONWriter.appendString("as_of", to: &head)
        head += ":"
        JSONWriter.appendString(context.asOf.description, to: &head)
        head += ",\"verdicts\":[\n"
        output.write(head)
    }

    /// One verdict object on its own line.
    package mutating func add(_ verdict: Verdict, into output: inout some ReportOutput) {
        add(prerendered: verdict.jsonLineBytes(text: context.jsonText), into: &output)
    }

    /// The verdict's ``Verdict/jsonLine()``, as UTF-8.
    package static func prerender(_ verdict: Verdict, context: ReportContext) -> [UInt8]? {
        verdict.jsonLineBytes(text: context.jsonText)
    }

    /// One verdict object, already rendered, on its own line.
    package mutating func add(prerendered: [UInt8], into output: inout some ReportOutput) {
        if !first { output.write(",\n") }
        output.write(utf8: prerendered)
        first = false
    }

    /// Closes the array and writes the summary.
    package mutating func end(_ summary: AuditSummary, into output: inout some ReportOutput) {
        var writer = JSONWriter()
        summary.write(to: &writer)
        output.write((first ? "" : "\n") + "],\"summary\":" + writer.output + "}\n")
    }
}

/// `jsonl`: JSON Lines, one `threshold.verdict/1` object per line (exactly
/// ``Verdict/jsonLine()``), written as each verdict is added. Nothing before or after.
package struct JSONLinesReporter: Reporter {
    /// `jsonl`.
    package static let identifier = "jsonl"

    private let context: ReportContext

    /// Creates a reporter.
    package init(context: ReportContext) { self.context = context }

    /// Writes nothing.
    package mutating func begin(into output: inout some ReportOutput) {}

    /// The verdict's line.
    package mutating func add(_ verdict: Verdict, into output: inout some ReportOutput) {
        output.write(utf8: verdict.jsonLineBytes(lineFeed: true, text: context.jsonText))
    }

    /// The verdict's line and a line feed, as UTF-8.
    package static func prerender(_ verdict: Verdict, context: ReportContext) -> [UInt8]? {
        verdict.jsonLineBytes(lineFeed: true, text: context.jsonText)
    }

    /// Writes nothing: the totals are not verdicts.
    package mutating func end(_ summary: AuditSummary, into output: inout some ReportOutput) {}
}

extension AuditSummary {
    /// The summary as one line of JSON (the `summary` member of the `json` format).
    package func jsonLine() -> String {
        var writer = JSONWriter()
        write(to: &writer)
        return writer.output
    }

    func write(to w: inout JSONWriter) {
        w.object { w in
            w.member("profiles", profiles)
            w.member("valid", valid)
            w.member("invalid", invalid)
            w.member("failing", failing)
            w.member("fail_on", failurePolicy.rawValue)
            w.member("as_of", asOf.description)
            w.member("packs") { w in
                for tally in packs {
                    w.object { w in
                        w.member("pack", tally.pack)
                        w.member("title", tally.title)
                        w.member("in_force", tally.inForce)
                        w.member("evaluated", tally.evaluated)
                        w.member("in_scope", tally.inScope)
                        w.member("unmet", tally.unmet)
                        w.member("unmet_obligations", tally.unmetObligations)
                        w.member("indeterminate", tally.indeterminate)
                        w.member("blocked", tally.blocked)
                        w.member("late", tally.late)
                        w.member("pending", tally.pending)
                    }
                }
            }
            w.member("notices") { w in
                for notice in notices {
                    w.object { w in
                        w.member("path", notice.path)
                        w.member("kind", notice.kind.rawValue)
                        w.member("severity", notice.isError ? "error" : "warning")
                        w.member("message", notice.message)
                    }
                }
            }
        }
    }
}
