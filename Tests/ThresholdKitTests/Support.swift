// What the suites of ThresholdKitTests share: where the package and the goldens are, evaluating a
// pack written in YAML, the error a load throws, the fixed pack and profiles of the reporter and
// auditor suites, and a strict XML reader for rendered pages. The suites live in folders that
// mirror Sources/ThresholdKit; Golden/ and the cross-cutting fuzz regressions stay at the top.

import Foundation
import Testing
import ThresholdTestSupport

@testable import ThresholdKit

#if canImport(FoundationXML)
import FoundationXML
#endif

enum Support {
    /// The package's root (where Package.swift is).
    static let packageRoot = PackagePaths.root

    /// Tests/ThresholdKitTests/Golden, whichever folder the suite reading it lives in.
    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Golden")

    /// The result of the book's first pack (`packYAML`) for the profile `profileYAML` (read as
    /// `lab.yaml`) on `date`.
    static func evaluate(_ packYAML: String, _ profileYAML: String, on date: CalendarDate) throws -> PackResult {
        let book = try RuleBook(yaml: packYAML)
        let profile = try LabProfile(yaml: profileYAML, path: "lab.yaml")
        return book.evaluate(profile, asOf: date).packs[0]
    }

    /// The `YAMLError` that `load` throws; nil when it loads, or throws another error.
    static func yamlError(_ load: () throws -> Void) -> YAMLError? {
        do {
            try load()
            return nil
        } catch let error as YAMLError {
            return error
        } catch {
            return nil
        }
    }

    /// The `YAMLError` loading `yaml` as a profile (`lab.yaml`) throws, or nil.
    static func profileError(_ yaml: String) -> YAMLError? {
        yamlError { _ = try LabProfile(yaml: yaml, path: "lab.yaml") }
    }
}

/// A fixed pack and profiles for the reporter and auditor tests.
enum ReporterFixtures {
    static let pack = """
        pack: fixture-pack
        title: A fixture pack
        status: enacted
        jurisdiction: none
        effective: 2026-01-01
        sources:
          - {id: statute, title: The Fixture Statute, url: "https://example.org/statute"}
        thresholds:
          - {id: big-compute, subject: model, fact: training_compute, greater_than: 1e25 FLOP, cite: statute, \
        citation: § 1}
          - {id: big-revenue, subject: organization, fact: ai_revenue, greater_than: 500M USD, cite: statute, \
        citation: § 2}
        obligations:
          - {id: assessment, title: Independent assessment, kind: third-party-assessment, per: model,
             when: {any: [big-compute, big-revenue]}, due: before-deployment, cite: statute, citation: § 3}
          - {id: report, title: Annual report, kind: report, per: organization, when: big-revenue, cite: statute}

        """
    static let helios = """
        organization: {name: Helios AI Labs, ai_revenue: 620M USD}
        models:
          - {name: helios-4, training_compute: 3.2e25 FLOP, status: deployed, released: 2026-03-01}

        """
    static let quiet = """
        organization: {name: Quiet Lab}
        models:
          - {name: q, training_compute: 1e22 FLOP, status: deployed, released: 2026-03-01}

        """
    static let bad = """
        organization: {name: Bad}
        models:
          - {name: b, training_compute: 3.2e25 FLOPS}

        """
    static let asOf = CalendarDate("2026-11-29")!

    static func book() throws -> RuleBook { try RuleBook(yaml: pack, path: "fixture-pack.yaml") }

    static func verdict(_ yaml: String, path: String) throws -> Verdict {
        let book = try book()
        do {
            return book.evaluate(try LabProfile(yaml: yaml, path: path), asOf: asOf)
        } catch let error as YAMLError {
            return Verdict(profile: path, organization: nil, asOf: asOf, packs: [], errors: [error])
        }
    }

    static func context() throws -> ReportContext {
        ReportContext(book: try book(), asOf: asOf, profileColumnWidth: 20)
    }

    /// Renders verdicts with a format's reporter.
    static func render(_ format: ReportFormat, _ verdicts: [Verdict], context: ReportContext? = nil) throws -> String {
        let context = try context ?? Self.context()
        var reporter = format.makeReporter(context: context)
        var summary = AuditSummary(book: context.book, asOf: asOf, failurePolicy: context.failurePolicy)
        var out = ""
        reporter.begin(into: &out)
        for verdict in verdicts {
            summary.add(verdict)
            reporter.add(verdict, into: &out)
        }
        reporter.end(summary, into: &out)
        return out
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "threshold-reporter-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ text: String, _ path: String, in root: URL) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: false, encoding: .utf8)
    }
}

// MARK: Reading XHTML and XML back

/// An element of the parsed page.
final class HTMLTestNode {
    let name: String
    let attributes: [String: String]
    var children: [HTMLTestNode] = []
    var text = ""
    weak var parent: HTMLTestNode?

    init(name: String, attributes: [String: String], parent: HTMLTestNode?) {
        self.name = name
        self.attributes = attributes
        self.parent = parent
    }

    /// Every element below this one, depth first (text is kept in `#text` nodes, in order).
    var descendants: [HTMLTestNode] { elements.flatMap { [$0] + $0.descendants } }

    /// The child elements.
    var elements: [HTMLTestNode] { children.filter { $0.name != "#text" } }

    /// All text inside, in document order.
    var allText: String { name == "#text" ? text : children.map(\.allText).joined() }

    func all(_ name: String) -> [HTMLTestNode] { descendants.filter { $0.name == name } }

    func classes() -> Set<String> { Set((attributes["class"] ?? "").split(separator: " ").map(String.init)) }

    func hasClass(_ name: String) -> Bool { classes().contains(name) }
}

/// A DOM-lite built by XMLParser's SAX callbacks.
final class HTMLTestTreeBuilder: NSObject, XMLParserDelegate {
    let root = HTMLTestNode(name: "#document", attributes: [:], parent: nil)
    lazy var current = root
    var error: Error?

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        let node = HTMLTestNode(name: name, attributes: attributes, parent: current)
        current.children.append(node)
        current = node
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        current = current.parent ?? root
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let last = current.children.last, last.name == "#text" {
            last.text += string
        } else {
            let node = HTMLTestNode(name: "#text", attributes: [:], parent: current)
            node.text = string
            current.children.append(node)
        }
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {}

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }
}

extension Support {
    /// Parses the page strictly, failing the test with the parser's message and line when it is not
    /// well-formed XML.
    static func parseXML(_ html: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> HTMLTestNode {
        let parser = XMLParser(data: Data(html.utf8))
        let builder = HTMLTestTreeBuilder()
        parser.delegate = builder
        parser.shouldResolveExternalEntities = false
        let ok = parser.parse()
        if !ok {
            let line = parser.lineNumber
            let lines = html.split(separator: "\n", omittingEmptySubsequences: false)
            let context = line > 0 && line <= lines.count ? String(lines[line - 1].prefix(300)) : ""
            let error = String(describing: parser.parserError ?? builder.error)
            Issue.record(
                "not well-formed XML at line \(line), column \(parser.columnNumber): \(error)\n\(context)",
                sourceLocation: sourceLocation)
            throw CancellationError()
        }
        return builder.root
    }
}
