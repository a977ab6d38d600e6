/// `csv`: RFC 4180 comma-separated values, streamed: a header row, then one row per profile × pack
/// × obligation; an invalid profile is one row with the error and its line and column.
///
/// Columns: `profile, organization, as_of, pack, pack_in_force, obligation, title, applies, status,
/// because, due, deployment, error, error_line, error_column`. `because` lists threshold ids
/// separated by spaces. Rows end in CRLF; a field is quoted when it holds a comma, a double quote, a
/// CR or an LF, and its double quotes are doubled. Values are written as they are: a spreadsheet
/// that evaluates formulas in data should be told to import text.
public struct CSVReporter: Reporter {
    /// `csv`.
    public static let identifier = "csv"

    /// The header's column names.
    public static let columns = ["profile", "organization", "as_of", "pack", "pack_in_force", "obligation", "title",
                                 "applies", "status", "because", "due", "deployment", "error", "error_line", "error_column"]

    /// Creates a reporter.
    public init(context: ReportContext) {}

    /// The header row.
    public mutating func begin(into output: inout some TextOutputStream) {
        output.write(Self.row(Self.columns))
    }

    /// The verdict's rows, as ``add(_:into:)`` writes them (the reporter keeps no state between
    /// verdicts), so that an audit renders them on its workers.
    public static func prerender(_ verdict: Verdict, context: ReportContext) -> String? {
        renderedAlone(verdict, context: context)
    }

    /// The verdict's rows.
    public mutating func add(_ verdict: Verdict, into output: inout some TextOutputStream) {
        let profile = verdict.profile ?? ""
        let organization = verdict.organization ?? ""
        let asOf = verdict.asOf.description
        if verdict.isInvalid {
            for error in verdict.errors {
                output.write(Self.row([profile, organization, asOf, "", "", "", "", "", "", "", "", "",
                                       error.message, String(error.mark.line), String(error.mark.column)]))
            }
            return
        }
        var text = ""
        for pack in verdict.packs {
            let inForce = pack.inForce ? "true" : "false"
            if pack.obligations.isEmpty {
                text += Self.row([profile, organization, asOf, pack.pack, inForce, "", "", "", "", "", "", pack.deployment.rawValue, "", "", ""])
            }
            for obligation in pack.obligations {
                text += Self.row([profile, organization, asOf, pack.pack, inForce, obligation.id, obligation.title,
                                  obligation.applies.rawValue, obligation.status.rawValue,
                                  obligation.because.joined(separator: " "), obligation.due?.description ?? "",
                                  pack.deployment.rawValue, "", "", ""])
            }
        }
        output.write(text)
    }

    /// Writes nothing.
    public mutating func end(_ summary: AuditSummary, into output: inout some TextOutputStream) {}

    /// One record, ending in CRLF.
    public static func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// One field, quoted when it must be.
    public static func field(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0D || $0 == 0x0A }) else {
            return value
        }
        var out = "\""
        for character in value.unicodeScalars {
            if character == "\"" { out += "\"\"" } else { out.unicodeScalars.append(character) }
        }
        return out + "\""
    }
}
