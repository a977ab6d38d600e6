/// `csv`: RFC 4180 comma-separated values, streamed: a header row, then one row per profile × pack
/// × obligation; an invalid profile is one row with the error and its line and column.
///
/// Columns: `profile, organization, as_of, pack, pack_in_force, obligation, title, applies, status,
/// because, due, deployment, error, error_line, error_column`. `because` lists threshold ids
/// separated by spaces. Rows end in CRLF; a field is quoted when it holds a comma, a double quote, a
/// CR or an LF, and its double quotes are doubled. Values are written as they are: a spreadsheet
/// that evaluates formulas in data should be told to import text.
///
/// On a terminal (``ReportContext/color`` set: an audit sets it when the CSV goes to standard
/// output and that is a terminal), control characters other than tab, CR and LF are written as
/// `\u{…}`, so that a profile's name or path cannot drive the terminal; a file or a pipe gets the
/// data exactly.
package struct CSVReporter: Reporter {
    /// `csv`.
    package static let identifier = "csv"

    /// The header's column names.
    package static let columns = [
        "profile", "organization", "as_of", "pack", "pack_in_force", "obligation", "title",
        "applies", "status", "because", "due", "deployment", "error", "error_line", "error_column",
    ]

    /// Whether control characters are escaped (the report goes to a terminal).
    private let escapesControlCharacters: Bool

    /// Creates a reporter.
    package init(context: ReportContext) {
        escapesControlCharacters = context.color
    }

    /// The header row.
    package mutating func begin(into output: inout some ReportOutput) {
        output.write(Self.row(Self.columns))
    }

    /// The verdict's rows, as ``add(_:into:)`` writes them (the reporter keeps no state between
    /// verdicts), so that an audit renders them on its workers.
    package static func prerender(_ verdict: Verdict, context: ReportContext) -> [UInt8]? {
        renderedAlone(verdict, context: context)
    }

    /// The verdict's rows.
    package mutating func add(_ verdict: Verdict, into output: inout some ReportOutput) {
        let profile = verdict.profile ?? ""
        let organization = verdict.organization ?? ""
        let asOf = verdict.asOf.description
        if verdict.isInvalid {
            for error in verdict.errors {
                output.write(
                    row([
                        profile, organization, asOf, "", "", "", "", "", "", "", "", "",
                        error.message, String(error.mark.line), String(error.mark.column),
                    ]))
            }
            return
        }
        var text = ""
        for pack in verdict.packs {
            let inForce = pack.inForce ? "true" : "false"
            if pack.obligations.isEmpty {
                text += row([
                    profile, organization, asOf, pack.pack, inForce, "", "", "", "", "", "", pack.deployment.rawValue,
                    "", "", "",
                ])
            }
            for obligation in pack.obligations {
                text += row([
                    profile, organization, asOf, pack.pack, inForce, obligation.id, obligation.title,
                    obligation.applies.rawValue, obligation.status.rawValue,
                    obligation.because.joined(separator: " "), obligation.due?.description ?? "",
                    pack.deployment.rawValue, "", "", "",
                ])
            }
        }
        output.write(text)
    }

    /// Writes nothing.
    package mutating func end(_ summary: AuditSummary, into output: inout some ReportOutput) {}

    /// One record of this report: escaped for a terminal when it goes to one.
    private func row(_ fields: [String]) -> String {
        escapesControlCharacters ? Self.row(fields.map(Self.terminalSafe)) : Self.row(fields)
    }

    /// The text with control characters (C0 but tab, CR and LF; DEL; C1) written as `\u{…}`,
    /// as the text table writes them.
    static func terminalSafe(_ value: String) -> String {
        func isEscaped(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: return false
            case 0x00..<0x20, 0x7F...0x9F: return true
            default: return false
            }
        }
        guard value.unicodeScalars.contains(where: isEscaped) else { return value }
        var out = ""
        for scalar in value.unicodeScalars {
            if isEscaped(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// One record, ending in CRLF.
    package static func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// One field, quoted when it must be.
    package static func field(_ value: String) -> String {
        guard
            value.utf8.contains(where: {
                $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0D || $0 == 0x0A
            })
        else {
            return value
        }
        var out = "\""
        for character in value.unicodeScalars {
            if character == "\"" { out += "\"\"" } else { out.unicodeScalars.append(character) }
        }
        return out + "\""
    }
}
