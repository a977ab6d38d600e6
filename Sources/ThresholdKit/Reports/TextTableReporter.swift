/// `text`: a table with one row per profile × pack, written row by row, then the totals per pack
/// (unless ``ReportContext/includesTotals`` is off).
///
/// ```
/// PROFILE          PACK                       RESULT         APPLIES  UNMET  DEPLOYMENT     ORGANIZATION
/// labs/helios.yaml frontier-ai-proposal-2026  UNMET          4 of 5   4      indeterminate  Helios AI Labs
/// labs/bad.yaml    —                          INVALID        labs/bad.yaml:3:5: error: …
/// ```
///
/// RESULT is, worst first: `BLOCKED` (an assessment found high risk), `UNMET` (an obligation that
/// applies is unmet or expired), `INDETERMINATE`, `met` (everything that applies is met),
/// `out-of-scope`, `not-in-force`, or `INVALID`. The profile column is as wide as the longest path
/// (``ReportContext/profileColumnWidth``), so the table lines up although it is streamed. Text from
/// profiles has its control characters escaped.
package struct TextTableReporter: Reporter {
    /// `text`.
    package static let identifier = "text"

    private let context: ReportContext
    private let packWidth: Int
    private let paint: Paint

    /// Creates a reporter.
    package init(context: ReportContext) {
        self.context = context
        self.packWidth = max(4, context.book.packs.map(\.id.count).max() ?? 0)
        self.paint = Paint(enabled: context.color)
    }

    private static let resultWidth = 13, appliesWidth = 8, unmetWidth = 5, deploymentWidth = 13

    /// The header row.
    package mutating func begin(into output: inout some ReportOutput) {
        let header =
            "PROFILE".padded(context.profileColumnWidth) + "  " + "PACK".padded(packWidth) + "  "
            + "RESULT".padded(Self.resultWidth) + "  " + "APPLIES".padded(Self.appliesWidth) + "  "
            + "UNMET".padded(Self.unmetWidth) + "  " + "DEPLOYMENT".padded(Self.deploymentWidth) + "  ORGANIZATION"
        output.write(paint.bold(header) + "\n")
    }

    /// The verdict's rows, as ``add(_:into:)`` writes them (the reporter keeps no state between
    /// verdicts), so that an audit renders them on its workers.
    package static func prerender(_ verdict: Verdict, context: ReportContext) -> [UInt8]? {
        renderedAlone(verdict, context: context)
    }

    /// One row per pack, or one INVALID row.
    package mutating func add(_ verdict: Verdict, into output: inout some ReportOutput) {
        let profile = (verdict.profile ?? "<input>").controlCharactersEscaped.padded(context.profileColumnWidth)
        if verdict.isInvalid {
            let message = verdict.errors.map { $0.headline.controlCharactersEscaped }.joined(separator: "; ")
            output.write(
                profile + "  " + "—".padded(packWidth) + "  " + paint.red("INVALID".padded(Self.resultWidth)) + "  "
                    + message + "\n")
            return
        }
        let organization = (verdict.organization ?? "").controlCharactersEscaped
        for pack in verdict.packs {
            let word = pack.outcomeWord
            let painted: String
            switch word {
            case "BLOCKED", "UNMET": painted = paint.red(word.padded(Self.resultWidth))
            case "INDETERMINATE": painted = paint.magenta(word.padded(Self.resultWidth))
            case "LATE": painted = paint.yellow(word.padded(Self.resultWidth))
            case "met": painted = paint.green(word.padded(Self.resultWidth))
            default: painted = paint.dim(word.padded(Self.resultWidth))
            }
            let row =
                profile + "  " + pack.pack.padded(packWidth) + "  " + painted + "  "
                + pack.appliesCount.padded(Self.appliesWidth) + "  " + String(pack.unmet.count).padded(Self.unmetWidth)
                + "  "
                + pack.deployment.rawValue.padded(Self.deploymentWidth) + "  " + organization
            output.write(row.trailingSpacesTrimmed + "\n")
        }
    }

    /// The totals: profiles, invalid, failing; per pack, in scope and unmet; what the walk skipped.
    /// Nothing when ``ReportContext/includesTotals`` is off.
    package mutating func end(_ summary: AuditSummary, into output: inout some ReportOutput) {
        guard context.includesTotals else { return }
        var out =
            "\n\(summary.profiles) \(summary.profiles == 1 ? "profile" : "profiles"), \(summary.invalid) invalid, "
        out += "\(summary.failing) failing (--fail-on \(summary.failurePolicy.rawValue)); as of \(summary.asOf)\n"
        if !summary.packs.isEmpty {
            out +=
                paint.bold(
                    "PACK".padded(packWidth) + "  IN FORCE  IN SCOPE  UNMET  LATE  PENDING  INDETERMINATE  BLOCKED")
                + "\n"
            for tally in summary.packs {
                out +=
                    tally.pack.padded(packWidth) + "  " + (tally.inForce ? "yes" : "no").padded(8) + "  "
                    + String(tally.inScope).padded(8) + "  " + String(tally.unmet).padded(5) + "  "
                    + String(tally.late).padded(4) + "  " + String(tally.pending).padded(7) + "  "
                    + String(tally.indeterminate).padded(13) + "  " + String(tally.blocked) + "\n"
            }
        }
        let problems = summary.notices.filter { $0.kind != .symlinkNotFollowed }
        for notice in problems {
            out += (notice.isError ? "error: " : "warning: ") + notice.description.controlCharactersEscaped + "\n"
        }
        let notFollowed = summary.notices.count - problems.count
        if notFollowed > 0 {
            out += "note: " + WalkNotice.Kind.symlinkNotFollowed.counted(notFollowed) + " (use --follow-symlinks)\n"
        }
        output.write(out)
    }
}

extension String {
    var trailingSpacesTrimmed: String {
        var end = endIndex
        while end > startIndex && self[index(before: end)] == " " { end = index(before: end) }
        return String(self[..<end])
    }
}
