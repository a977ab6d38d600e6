import Foundation
import Testing

@testable import ThresholdKit

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("Reporters")
struct ReporterTests {
    static func verdicts() throws -> [Verdict] {
        [
            try ReporterFixtures.verdict(ReporterFixtures.bad, path: "labs/bad.yaml"),
            try ReporterFixtures.verdict(ReporterFixtures.helios, path: "labs/helios.yaml"),
            try ReporterFixtures.verdict(ReporterFixtures.quiet, path: "labs/quiet.yaml"),
        ]
    }

    @Test("each format is chosen by its identifier, and by a file's extension")
    func formats() {
        for format in ReportFormat.allCases {
            #expect(ReportFormat(identifier: format.rawValue) == format)
            #expect(format.reporterType.identifier == format.rawValue)
            #expect(ReportFormat(fileName: "out/report." + format.fileExtension) == format)
        }
        #expect(ReportFormat(fileName: "scan.sarif.json") == .sarif)
        #expect(ReportFormat(fileName: "r.NDJSON") == .jsonl)
        #expect(ReportFormat(fileName: "r.pdf") == nil)
        #expect(ReportFormat(fileName: ".json") == nil)
    }

    @Test("the string API: begin, add and end each return their text")
    func stringAPI() throws {
        var reporter = JSONLinesReporter(context: try ReporterFixtures.context())
        #expect(reporter.begin().isEmpty)
        let verdict = try Self.verdicts()[1]
        #expect(reporter.add(verdict) == verdict.jsonLine() + "\n")
        #expect(reporter.end(AuditSummary(book: try ReporterFixtures.book(), asOf: ReporterFixtures.asOf)).isEmpty)
    }

    @Test("json parses back: the verdicts (exactly jsonLine's objects) and the summary")
    func json() throws {
        let verdicts = try Self.verdicts()
        let text = try ReporterFixtures.render(.json, verdicts)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let objects = try #require(document["verdicts"] as? [NSDictionary])
        #expect(objects.count == 3)
        for (object, verdict) in zip(objects, verdicts) {
            let line = try #require(
                try JSONSerialization.jsonObject(with: Data(verdict.jsonLine().utf8)) as? NSDictionary)
            #expect(object == line)
        }
        let summary = try #require(document["summary"] as? [String: Any])
        #expect(summary["profiles"] as? Int == 3 && summary["invalid"] as? Int == 1)
        // No verdicts is still a document.
        let empty = try ReporterFixtures.render(.json, [])
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(empty.utf8)) as? [String: Any])
        #expect((parsed["verdicts"] as? [Any])?.isEmpty == true)
    }

    @Test("csv quoting follows RFC 4180")
    func csvQuoting() {
        #expect(CSVReporter.field("plain") == "plain")
        #expect(CSVReporter.field("a,b") == "\"a,b\"")
        #expect(CSVReporter.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVReporter.field("two\nlines") == "\"two\nlines\"")
        #expect(CSVReporter.field("cr\r") == "\"cr\r\"")
        #expect(CSVReporter.row(["a", "b,c", ""]) == "a,\"b,c\",\r\n")
    }

    @Test("XML escaping: markup characters, quotes in attributes, and characters XML cannot hold")
    func xmlEscaping() {
        #expect(XML.text("a < b && c > d") == "a &lt; b &amp;&amp; c &gt; d")
        #expect(XML.attribute("\"quoted\" 'single'\nnext") == "&quot;quoted&quot; &apos;single&apos;&#10;next")
        #expect(XML.text("bell\u{07}nul\u{0}") == "bell\u{FFFD}nul\u{FFFD}")
        #expect(XML.text("emoji 🛰 ok") == "emoji 🛰 ok")
    }

    @Test("junit parses back with XMLParser, even with hostile names and thousands of cases spooled to disk")
    func junitLarge() throws {
        let base = try ReporterFixtures.verdict(ReporterFixtures.helios, path: "labs/helios.yaml")
        var verdicts: [Verdict] = []
        for index in 0..<1500 {
            var verdict = base
            // Multi-byte characters everywhere, so that spooled chunks are cut inside them.
            verdict.profile = "labs/é-\(index)-🛰.yaml"
            verdict.organization = "Org \u{01}<\(index)> & \"ü\""
            verdicts.append(verdict)
        }
        verdicts.append(try ReporterFixtures.verdict(ReporterFixtures.bad, path: "labs/bad.yaml"))
        let xml = try ReporterFixtures.render(.junit, verdicts)
        #expect(xml.utf8.count > 200_000)
        let parser = XMLParser(data: Data(xml.utf8))
        final class Counter: NSObject, XMLParserDelegate {
            var cases = 0, failures = 0, errors = 0, suites: [[String: String]] = [], classnames = Set<String>()
            func parser(
                _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]
            ) {
                switch element {
                case "testsuite": suites.append(attributes)
                case "testcase": cases += 1; classnames.insert(attributes["classname"] ?? "")
                case "failure": failures += 1
                case "error": errors += 1
                default: break
                }
            }
        }
        let counter = Counter()
        parser.delegate = counter
        #expect(parser.parse(), "\(String(describing: parser.parserError))")
        #expect(counter.suites.count == 1)
        #expect(counter.cases == 1500 * 2 + 1)
        #expect(counter.failures == 1500 * 2)
        #expect(counter.errors == 1)
        #expect(
            counter.suites[0]["tests"] == "3001" && counter.suites[0]["failures"] == "3000"
                && counter.suites[0]["errors"] == "1")
        #expect(counter.classnames.contains("labs/é-1499-🛰.yaml"))
    }

    @Test(
        "sarif: rules for every obligation and threshold, cited; URIs percent-encoded; absolute paths as file URIs"
    )
    func sarif() throws {
        var helios = try ReporterFixtures.verdict(ReporterFixtures.helios, path: "./dir with space/é.yaml")
        var text = try ReporterFixtures.render(.sarif, [helios])
        var log = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let rules = try #require(
            ((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        #expect(
            rules.compactMap { $0["id"] as? String } == [
                "fixture-pack/assessment", "fixture-pack/report", "fixture-pack/threshold/big-compute",
                "fixture-pack/threshold/big-revenue", "threshold/invalid-profile",
            ])
        #expect(
            (rules[2]["help"] as? [String: Any])?["text"] as? String
                == "Source: The Fixture Statute, § 1. https://example.org/statute")
        let results = try #require(run["results"] as? [[String: Any]])
        let artifact = try #require(
            (((results.first?["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?[
                "artifactLocation"]) as? [String: Any])
        #expect(artifact["uri"] as? String == "dir%20with%20space/%C3%A9.yaml")
        #expect(artifact["uriBaseId"] as? String == "%SRCROOT%")
        // The organisation's report is located at ai_revenue (line 1), the model's assessment at its compute (line 3).
        let report = try #require(results.first { $0["ruleId"] as? String == "fixture-pack/report" })
        let reportRegion =
            (((report["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"])
            as? [String: Any]
        #expect(reportRegion?["startLine"] as? Int == 1)
        let assessment = try #require(results.first { $0["ruleId"] as? String == "fixture-pack/assessment" })
        let assessmentRegion =
            (((assessment["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"])
            as? [String: Any]
        #expect(assessmentRegion?["startLine"] as? Int == 3)

        helios.profile = "/srv/filings/helios.yaml"
        text = try ReporterFixtures.render(.sarif, [helios])
        log = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(text.contains("\"uri\":\"file:///srv/filings/helios.yaml\""))
    }

    @Test("the text table lines up although it is streamed, and escapes control characters")
    func textTable() throws {
        var verdicts = try Self.verdicts()
        verdicts[2].organization = "Evil\u{1B}[31m Corp"
        let text = try ReporterFixtures.render(.text, verdicts)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let header = try #require(lines.first)
        let packColumn = try #require(header.range(of: "PACK")).lowerBound.utf16Offset(in: header)
        for line in lines.dropFirst().prefix(3) {
            #expect(
                line.dropFirst(packColumn).hasPrefix("fixture-pack") || line.dropFirst(packColumn).hasPrefix("—"),
                "\(line)")
        }
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("Evil\\u{1b}[31m Corp"))
        #expect(text.contains("3 profiles, 1 invalid, 1 failing"))
    }

    @Test("markdown escapes table-breaking characters from profiles")
    func markdown() throws {
        var verdicts = try Self.verdicts()
        verdicts[1].organization = "Pipe | Co *bold*"
        let text = try ReporterFixtures.render(.markdown, verdicts)
        #expect(text.contains("Pipe \\| Co \\*bold\\*"))
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| labs/") }
        #expect(rows.count == 3)
        for row in rows {
            var pipes = 0, previous: Character = " "
            for character in row {
                if character == "|" && previous != "\\" { pipes += 1 }
                previous = character
            }
            #expect(pipes == 9, "eight cells: \(row)")
        }
    }
}

@Suite("Report files", .serialized)
struct ReporterFileTests {
    @Test("commit writes the whole report and renames it into place; nothing else is left")
    func commit() throws {
        let dir = try ReporterFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("report.jsonl").path
        try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
        let file = try ReportFile(path: path)
        #expect(file.temporaryPath.hasPrefix(dir.path + "/.report.jsonl."))
        let big = String(repeating: "x", count: 100_000)
        file.write(big)
        file.write("\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n", "the old report stays whole until commit")
        try file.commit()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == big + "\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["report.jsonl"])
    }

    @Test("discard, deinit and removeTemporaryFiles leave no temporary file and the destination untouched")
    func discard() throws {
        let dir = try ReporterFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("r.csv").path
        let first = try ReportFile(path: path)
        first.write("partial")
        first.discard()
        do {
            let second = try ReportFile(path: path)
            second.write("partial")
        }
        let third = try ReportFile(path: path)
        ReportFile.removeTemporaryFiles()
        #expect(!FileManager.default.fileExists(atPath: third.temporaryPath))
        third.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
        #expect(throws: ReportFile.Failure.self) {
            try ReportFile(path: dir.appendingPathComponent("no/such/dir.csv").path)
        }
    }
}
