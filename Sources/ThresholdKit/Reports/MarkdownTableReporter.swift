/// `markdown`: GitHub-flavoured Markdown, streamed: a table with one row per profile × pack (an
/// invalid profile is one row with its error), then the totals per pack and what the walk skipped.
///
/// The columns are Profile, Organization, Pack, Result (as in ``TextTableReporter``), Applies,
/// Unmet (the ids of the obligations unmet or expired), Deployment and Notes. Text from profiles is
/// escaped so that it can neither break the table nor add markup.
package struct MarkdownTableReporter: Reporter {
    /// `markdown`.
    package static let identifier = "markdown"

    private let context: ReportContext

    /// Creates a reporter.
    package init(context: ReportContext) { self.context = context }

    /// The title and the table's header.
    package mutating func begin(into output: inout some ReportOutput) {
        var out = "# Threshold audit\n\n"
        out +=
            "As of \(context.asOf) · rule packs: " + context.book.packs.map { "`\($0.id)`" }.joined(separator: ", ")
            + "\n\n"
        out += "| Profile | Organization | Pack | Result | Applies | Unmet | Deployment | Notes |\n"
        out += "|---|---|---|---|---|---|---|---|\n"
        output.write(out)
    }

    /// The verdict's rows, as ``add(_:into:)`` writes them (the reporter keeps no state between
    /// verdicts), so that an audit renders them on its workers.
    package static func prerender(_ verdict: Verdict, context: ReportContext) -> [UInt8]? {
        renderedAlone(verdict, context: context)
    }

    /// One row per pack, or one row for an invalid profile.
    package mutating func add(_ verdict: Verdict, into output: inout some ReportOutput) {
        let profile = Markdown.escape(verdict.profile ?? "<input>")
        if verdict.isInvalid {
            let notes = verdict.errors.map {
                "line \($0.mark.line), column \($0.mark.column): " + Markdown.escape($0.message)
            }.joined(separator: "<br>")
            output.write("| \(profile) | — | — | **INVALID** |  |  |  | \(notes) |\n")
            return
        }
        let organization = Markdown.escape(verdict.organization ?? "")
        var out = ""
        for pack in verdict.packs {
            let word = pack.outcomeWord
            let result = word == word.uppercased() ? "**\(word)**" : word
            let unmet = pack.unmet.map { "`\($0.id)`" }.joined(separator: ", ")
            var notes: [String] = []
            if !pack.inForce, let reason = pack.inForceReason { notes.append(Markdown.escape(reason)) }
            if pack.status == .proposed { notes.append("proposal, evaluated as if enacted") }
            out +=
                "| \(profile) | \(organization) | `\(pack.pack)` | \(result) | \(pack.appliesCount) | \(unmet) | "
                + "\(pack.deployment.rawValue) | \(notes.joined(separator: "; ")) |\n"
        }
        output.write(out)
    }

    /// The totals.
    package mutating func end(_ summary: AuditSummary, into output: inout some ReportOutput) {
        var out = "\n## Summary\n\n"
        out += "\(summary.profiles) \(summary.profiles == 1 ? "profile" : "profiles") · \(summary.invalid) invalid · "
        out += "\(summary.failing) failing under `--fail-on \(summary.failurePolicy.rawValue)`\n\n"
        if !summary.packs.isEmpty {
            out +=
                "| Pack | In force | In scope | Unmet | Late | Pending | Indeterminate | Blocked "
                + "|\n|---|---|---|---|---|---|---|---|\n"
            for tally in summary.packs {
                out +=
                    "| `\(tally.pack)` | \(tally.inForce ? "yes" : "no") | \(tally.inScope) | \(tally.unmet) | "
                    + "\(tally.late) | \(tally.pending) | \(tally.indeterminate) | \(tally.blocked) |\n"
            }
        }
        let problems = summary.notices.filter { $0.kind != .symlinkNotFollowed }
        if !problems.isEmpty || summary.notices.count > problems.count {
            out += "\n### Skipped\n\n"
            for notice in problems {
                out +=
                    "- \(notice.isError ? "**error**" : "warning"): \(Markdown.escape(notice.path)): "
                    + "\(Markdown.escape(notice.message))\n"
            }
            let notFollowed = summary.notices.count - problems.count
            if notFollowed > 0 {
                out += "- " + WalkNotice.Kind.symlinkNotFollowed.counted(notFollowed) + " (use `--follow-symlinks`)\n"
            }
        }
        output.write(out)
    }
}
