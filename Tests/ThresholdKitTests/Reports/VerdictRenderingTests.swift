import Foundation
import Testing

@testable import ThresholdKit

#if canImport(FoundationXML)
import FoundationXML
#endif

/// `Verdict.rendered(as:context:)`: one verdict as a whole report in any format.
@Suite struct VerdictRenderingTests {
    static let path = "labs/helios.yaml"

    static func helios() throws -> Verdict { try ReporterFixtures.verdict(ReporterFixtures.helios, path: path) }

    /// A one-verdict audit as `threshold audit` runs it: the text a reporter prerenders (on a
    /// worker) where the format allows, the verdict itself where it does not.
    static func audited(_ verdict: Verdict, as format: ReportFormat, context: ReportContext) -> String {
        var reporter = format.makeReporter(context: context)
        var summary = AuditSummary(book: context.book, asOf: context.asOf, failurePolicy: context.failurePolicy)
        summary.add(verdict)
        var out = ""
        reporter.begin(into: &out)
        if let text = format.reporterType.prerender(verdict, context: context) {
            reporter.add(prerendered: text, into: &out)
        } else {
            reporter.add(verdict, into: &out)
        }
        reporter.end(summary, into: &out)
        return out
    }

    @Test(
        "every format: the same text as the reporter pipeline for a one-verdict audit, valid or invalid",
        arguments: ReportFormat.allCases)
    func matchesThePipeline(format: ReportFormat) throws {
        let context = try ReporterFixtures.context()
        for verdict in [try Self.helios(), try ReporterFixtures.verdict(ReporterFixtures.bad, path: "labs/bad.yaml")] {
            let rendered = verdict.rendered(as: format, context: context)
            #expect(rendered == (try ReporterFixtures.render(format, [verdict], context: context)))
            #expect(rendered == Self.audited(verdict, as: format, context: context))
            #expect(rendered.utf8.last == UInt8(ascii: "\n"))  // CSV's rows end in CRLF
            #expect(rendered.contains(verdict.profile!))
        }
    }

    @Test("rendered(as:book:) uses the verdict's date and a profile column as wide as its path")
    func bookConvenience() throws {
        let verdict = try Self.helios()
        let book = try ReporterFixtures.book()
        for format in ReportFormat.allCases {
            for policy in [FailurePolicy.unmet, .indeterminate] {
                let context = ReportContext(
                    book: book, asOf: verdict.asOf, failurePolicy: policy, profileColumnWidth: Self.path.count)
                #expect(
                    verdict.rendered(as: format, book: book, failurePolicy: policy)
                        == verdict.rendered(as: format, context: context))
            }
        }
        let table = verdict.rendered(as: .text, book: book)
        #expect(
            table.split(separator: "\n").first!.hasPrefix(
                "PROFILE" + String(repeating: " ", count: Self.path.count - 7) + "  PACK"))
    }

    @Test("json: a threshold.audit/1 document whose one verdict is jsonLine's object, with its totals")
    func json() throws {
        let verdict = try Self.helios()
        let text = verdict.rendered(as: .json, book: try ReporterFixtures.book())
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(document["schema"] as? String == "threshold.audit/1")
        #expect(document["as_of"] as? String == "2026-11-29")
        let verdicts = try #require(document["verdicts"] as? [NSDictionary])
        let line = try #require(try JSONSerialization.jsonObject(with: Data(verdict.jsonLine().utf8)) as? NSDictionary)
        #expect(verdicts == [line])
        let summary = try #require(document["summary"] as? [String: Any])
        #expect(summary["profiles"] as? Int == 1)
        #expect(summary["invalid"] as? Int == 0)
        #expect(summary["failing"] as? Int == 1)
    }

    @Test("jsonl: the verdict's JSON line")
    func jsonLines() throws {
        let verdict = try Self.helios()
        let text = verdict.rendered(as: .jsonl, book: try ReporterFixtures.book())
        #expect(text == verdict.jsonLine() + "\n")
        #expect(try JSONSerialization.jsonObject(with: Data(text.utf8)) is [String: Any])
    }

    @Test("sarif: a whole log with the book's rules and the verdict's results")
    func sarif() throws {
        let text = try Self.helios().rendered(as: .sarif, book: try ReporterFixtures.book())
        let log = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(
            (driver["rules"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [
                "fixture-pack/assessment", "fixture-pack/report", "fixture-pack/threshold/big-compute",
                "fixture-pack/threshold/big-revenue", "threshold/invalid-profile",
            ])
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(
            results.map { "\($0["ruleId"] as? String ?? "?") \($0["level"] as? String ?? "?")" } == [
                "fixture-pack/threshold/big-compute note", "fixture-pack/threshold/big-revenue note",
                "fixture-pack/assessment error", "fixture-pack/report error",
            ])
        #expect(run["invocations"] is [[String: Any]])
    }

    @Test("sarif: an invalid profile is one error result at the error's position")
    func sarifInvalid() throws {
        let verdict = try ReporterFixtures.verdict(ReporterFixtures.bad, path: "labs/bad.yaml")
        let text = verdict.rendered(as: .sarif, book: try ReporterFixtures.book())
        let log = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let results = try #require((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        #expect(results.count == 1)
        #expect(results.first?["ruleId"] as? String == SARIFReporter.invalidProfileRule)
        let region =
            ((results.first?["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"]
            as? [String: Any]
        #expect(region?["startLine"] as? Int == verdict.errors.first?.mark.line)
    }

    @Test("junit: a well-formed document, a suite for the pack, the unmet obligations as failures")
    func junit() throws {
        let text = try Self.helios().rendered(as: .junit, book: try ReporterFixtures.book())
        let root = try Support.parseXML(text)
        let suites = root.all("testsuite")
        #expect(suites.map { $0.attributes["name"] } == ["fixture-pack"])
        #expect(suites.first?.attributes["failures"] == "2")
        #expect(root.all("testcase").count == 2)
        #expect(root.all("failure").count == 2)
    }

    @Test("csv: the header and one row per obligation")
    func csv() throws {
        let text = try Self.helios().rendered(as: .csv, book: try ReporterFixtures.book())
        let rows = text.split(separator: "\r\n", omittingEmptySubsequences: false)
        #expect(rows.first.map(String.init) == CSVReporter.columns.joined(separator: ","))
        #expect(rows.count == 4)  // the header, two obligations, and the empty string after the last CRLF
        #expect(rows[1].hasPrefix("labs/helios.yaml,Helios AI Labs,2026-11-29,fixture-pack,true,assessment,"))
        #expect(rows[2].hasPrefix("labs/helios.yaml,Helios AI Labs,2026-11-29,fixture-pack,true,report,"))
    }

    @Test("html: a well-formed page")
    func html() throws {
        let text = try Self.helios().rendered(as: .html, book: try ReporterFixtures.book())
        #expect(try Support.parseXML(text).all("html").count == 1)
    }
}
