import ThresholdPlatform

/// `junit`: JUnit XML, as CI servers (Jenkins, GitLab, Azure Pipelines, …) read it.
///
/// - `<testsuites>` holds a `<testsuite name="PACK">` per pack of the rule book, in its order, with
///   `tests`, `failures`, `errors` and `skipped` counts.
/// - Each suite has a `<testcase classname="PROFILE PATH" name="OBLIGATION" file="PROFILE PATH">`
///   per profile × obligation: an obligation unmet or expired is a `<failure>` (whose `type` is the
///   status); an indeterminate one is `<skipped>` — or a `<failure>` under `--fail-on
///   indeterminate`; met and not-required ones pass.
/// - An invalid profile is one `<testcase name="(invalid profile)">` with an `<error>` in each suite
///   (the profile could not be evaluated against any pack).
/// - Text is escaped for XML; characters XML 1.0 cannot hold are replaced by U+FFFD.
///
/// Suites need their counts before their test cases, and each suite gathers test cases from every
/// profile, so the test cases are spooled to anonymous temporary files (one per pack) as verdicts
/// come, and the document is written at the end: memory stays flat.
package struct JUnitReporter: Reporter {
    /// `junit`.
    package static let identifier = "junit"

    private let context: ReportContext
    private var suites: [Suite] = []

    private final class Suite {
        let pack: String
        let title: String
        let inForce: Bool
        let spool = Spool()
        var tests = 0, failures = 0, errors = 0, skipped = 0
        init(pack: String, title: String, inForce: Bool) {
            self.pack = pack
            self.title = title
            self.inForce = inForce
        }
    }

    /// Creates a reporter.
    package init(context: ReportContext) {
        self.context = context
    }

    /// Writes nothing yet (the suites' counts come first in the document).
    package mutating func begin(into output: inout some ReportOutput) {
        suites = context.book.packs.map { Suite(pack: $0.id, title: $0.title, inForce: $0.isInForce(on: context.asOf)) }
    }

    private mutating func suite(_ pack: String, title: String, inForce: Bool) -> Suite {
        if let suite = suites.first(where: { $0.pack == pack }) { return suite }
        let suite = Suite(pack: pack, title: title, inForce: inForce)
        suites.append(suite)
        return suite
    }

    /// Spools the verdict's test cases.
    package mutating func add(_ verdict: Verdict, into output: inout some ReportOutput) {
        let path = verdict.profile ?? "<input>"
        let classname = XML.attribute(path)
        if verdict.isInvalid {
            let message = verdict.errors.map(\.headline).joined(separator: "\n")
            let details = verdict.errors.map(\.description).joined(separator: "\n\n")
            let type = verdict.errors.first?.kind.rawValue ?? "reader"
            if suites.isEmpty { _ = suite("threshold", title: "Threshold", inForce: true) }
            for suite in suites {
                suite.tests += 1
                suite.errors += 1
                suite.spool.write(
                    "    <testcase classname=\"\(classname)\" name=\"(invalid profile)\" file=\"\(classname)\">\n"
                        + "      <error message=\"\(XML.attribute(message))\" "
                        + "type=\"\(XML.attribute(type))\">\(XML.text(details))</error>\n"
                        + "    </testcase>\n")
            }
            return
        }
        for pack in verdict.packs {
            let suite = suite(pack.pack, title: pack.title, inForce: pack.inForce)
            var text = ""
            for obligation in pack.obligations {
                suite.tests += 1
                text +=
                    "    <testcase classname=\"\(classname)\" name=\"\(XML.attribute(obligation.id))\" "
                    + "file=\"\(classname)\">\n"
                let details = Self.details(obligation, verdict: verdict, pack: pack)
                switch obligation.status {
                case .unmet, .expired:
                    suite.failures += 1
                    text +=
                        "      <failure message=\"\(XML.attribute(Self.headline(obligation)))\" "
                        + "type=\"\(obligation.status.rawValue)\">\(XML.text(details))</failure>\n"
                case .indeterminate where context.failurePolicy == .indeterminate:
                    suite.failures += 1
                    text +=
                        "      <failure message=\"\(XML.attribute(Self.headline(obligation)))\" "
                        + "type=\"indeterminate\">\(XML.text(details))</failure>\n"
                case .indeterminate:
                    suite.skipped += 1
                    text += "      <skipped message=\"\(XML.attribute(Self.headline(obligation)))\"/>\n"
                case .met, .late, .pending, .notRequired:
                    text += "      <system-out>\(XML.text(details))</system-out>\n"
                }
                text += "    </testcase>\n"
            }
            suite.spool.write(text)
        }
    }

    /// Writes the document: each suite with its counts and its spooled test cases.
    package mutating func end(_ summary: AuditSummary, into output: inout some ReportOutput) {
        let tests = suites.reduce(0) { $0 + $1.tests }, failures = suites.reduce(0) { $0 + $1.failures }
        let errors = suites.reduce(0) { $0 + $1.errors }, skipped = suites.reduce(0) { $0 + $1.skipped }
        output.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        output.write(
            "<testsuites name=\"threshold audit\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" "
                + "skipped=\"\(skipped)\">\n"
        )
        for suite in suites {
            output.write(
                "  <testsuite name=\"\(XML.attribute(suite.pack))\" tests=\"\(suite.tests)\" "
                    + "failures=\"\(suite.failures)\" errors=\"\(suite.errors)\" skipped=\"\(suite.skipped)\">\n"
            )
            output.write("    <properties>\n")
            output.write("      <property name=\"title\" value=\"\(XML.attribute(suite.title))\"/>\n")
            output.write("      <property name=\"in_force\" value=\"\(suite.inForce)\"/>\n")
            output.write("      <property name=\"as_of\" value=\"\(summary.asOf)\"/>\n")
            output.write("    </properties>\n")
            suite.spool.drain(into: &output)
            output.write("  </testsuite>\n")
        }
        output.write("</testsuites>\n")
    }

    static func headline(_ obligation: ObligationResult) -> String {
        var text = "\(obligation.status.rawValue): \(obligation.title)"
        if !obligation.because.isEmpty { text += " (applies because \(obligation.because.joined(separator: ", ")))" }
        return text
    }

    static func details(_ obligation: ObligationResult, verdict: Verdict, pack: PackResult) -> String {
        var lines = [
            "\(pack.pack) · \(obligation.id): applies \(obligation.applies.rawValue), status "
                + "\(obligation.status.rawValue)"
        ]
        if let organization = verdict.organization { lines.append("organization: \(organization)") }
        if !obligation.because.isEmpty { lines.append("because: \(obligation.because.joined(separator: ", "))") }
        if let due = obligation.due { lines.append("due: \(due)") }
        for subject in obligation.subjects where subject.applies != .no {
            var line = "\(subject.subject): \(subject.status.rawValue)"
            if let due = subject.due { line += ", due \(due)" }
            if !subject.notes.isEmpty { line += " — " + subject.notes.joined(separator: "; ") }
            lines.append(line)
        }
        lines += obligation.notes
        for threshold in pack.thresholds where obligation.because.contains(threshold.id) && threshold.result == .met {
            var line =
                "\(threshold.id) (\(threshold.subject)): "
                + "\(threshold.shownValue({ "\($0) \(threshold.unit)" }) ?? "—") \(threshold.comparison.symbol) "
                + "\(threshold.limit) \(threshold.unit)"
            if let mark = threshold.mark { line += " at \(verdict.profile ?? "<input>"):\(mark.line):\(mark.column)" }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}

/// Escaping for XML 1.0.
package enum XML {
    /// Text content: `&`, `<` and `>` escaped; characters XML cannot hold replaced by U+FFFD.
    package static func text(_ value: String) -> String { escape(value, attribute: false) }

    /// An attribute value (in double quotes): also `"` and `'`, and tabs and line breaks as
    /// character references so that they survive attribute-value normalisation.
    package static func attribute(_ value: String) -> String { escape(value, attribute: true) }

    static func escape(_ value: String, attribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "'" where attribute: out += "&apos;"
            case "\n" where attribute: out += "&#10;"
            case "\r": out += "&#13;"
            case "\t" where attribute: out += "&#9;"
            default:
                let v = scalar.value
                let allowed =
                    v == 0x9 || v == 0xA || v == 0xD || (0x20...0xD7FF).contains(v)
                    || (0xE000...0xFFFD).contains(v) || (0x10000...0x10FFFF).contains(v)
                if allowed { out.unicodeScalars.append(scalar) } else { out += "\u{FFFD}" }
            }
        }
        return out
    }
}
