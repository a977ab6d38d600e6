import Foundation
import Testing

@testable import ThresholdKit

#if canImport(FoundationXML)
import FoundationXML
#endif

// The HTML report is read back with a strict XML parser: if it parses, it is well-formed XHTML
// (every element closed, attributes quoted, no stray `&`), and its structure can be checked.

private let asOf = CalendarDate("2026-11-29")!

/// The example labs, loaded with `LabProfile(contentsOf:)`, in file-name order.
private func exampleProfiles() throws -> [LabProfile] {
    let directory = Support.packageRoot.appendingPathComponent("Examples/labs")
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") }
        .sorted()
    return try names.map {
        try LabProfile(contentsOf: "Examples/labs/" + $0, options: .default, relativeTo: Support.packageRoot)
    }
}

extension LabProfile {
    /// Loads a profile at a path relative to a directory, keeping the relative path as its name.
    fileprivate init(contentsOf path: String, options: LoadOptions, relativeTo root: URL) throws {
        self = try LabProfile(contentsOf: root.appendingPathComponent(path).path, options: options)
        self.path = path
    }
}

/// The chart group a fact belongs to, as the report is specified to draw them: all compute in one
/// chart, each money figure (per currency) in its own, cluster capacity in its own.
private func chartGroup(_ fact: FactKey, unit: String) -> String {
    switch fact {
    case .trainingCompute, .trainingAndFineTuningCompute, .fineTuningCompute: return "compute"
    case .peakCapacity, .interconnect: return fact.rawValue
    default: return fact.rawValue + " " + unit
    }
}

@Suite("HTML report")
struct HTMLReportTests {
    let book: RuleBook
    let profiles: [LabProfile]
    let verdicts: [Verdict]
    let html: String
    let page: HTMLTestNode

    init() throws {
        let book = try RuleBook.builtIn()
        let profiles = try exampleProfiles()
        let verdicts = profiles.map { book.evaluate($0, asOf: asOf) }
        let html = HTMLReport.render(verdicts: verdicts, title: "Example labs & friends", generated: asOf, rules: book)
        self.book = book
        self.profiles = profiles
        self.verdicts = verdicts
        self.html = html
        page = try Support.parseXML(html)
        if let out = ProcessInfo.processInfo.environment["THRESHOLD_HTML_OUT"] {
            try html.write(toFile: out, atomically: true, encoding: .utf8)
        }
    }

    @Test("the examples load and the page is well-formed XHTML with a title and the doctype")
    func wellFormed() throws {
        #expect(profiles.count >= 10)
        #expect(verdicts.allSatisfy { !$0.isInvalid })
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\""))
        let root = try #require(page.elements.first)
        #expect(root.name == "html")
        #expect(root.attributes["lang"] == "en")
        #expect(page.all("title").first?.allText == "Example labs & friends")
        // Self-contained: nothing is loaded from anywhere.
        for node in page.descendants {
            #expect(node.attributes["src"] == nil, "\(node.name) loads \(node.attributes["src"] ?? "")")
            if node.name == "link" { Issue.record("a <link> element: \(node.attributes)") }
        }
        #expect(!html.contains("@import") && !html.contains("url("))
        #expect(html.contains("@media print"))
    }

    @Test("the status table has a row per profile × pack, each linking to the profile's section")
    func statusTable() throws {
        let table = try #require(page.all("table").first { $0.attributes["id"] == "status-table" })
        #expect(table.all("caption").count == 1)
        let body = try #require(table.all("tbody").first)
        let rows = body.elements.filter { $0.name == "tr" }
        #expect(rows.count == profiles.count * book.packs.count)
        for (i, verdict) in verdicts.enumerated() {
            let mine = rows[(i * book.packs.count)..<((i + 1) * book.packs.count)]
            for (row, pack) in zip(mine, verdict.packs) {
                let header = try #require(row.elements.first)
                #expect(header.name == "th" && header.attributes["scope"] == "row")
                #expect(header.all("a").first?.attributes["href"] == "#p-\(i + 1)")
                #expect(row.allText.contains(pack.pack))
                // The status is a word, not only a colour.
                let words = [
                    "invalid", "blocked", "unmet", "indeterminate", "late", "pending", "met", "out of scope",
                    "not in force",
                ]
                #expect(words.contains { row.elements[2].allText.contains($0) })
            }
        }
        // Readable without script: the sort buttons are added by the script, not in the markup.
        #expect(table.all("button").isEmpty)
        #expect(html.contains("<script>\n//<![CDATA["))
    }

    @Test("every table has a caption and scoped header cells")
    func accessibleTables() {
        let tables = page.all("table")
        #expect(tables.count > profiles.count)
        for table in tables {
            #expect(table.elements.first?.name == "caption", "a table without a leading caption")
            for th in table.all("th") {
                #expect(
                    th.attributes["scope"] == "col" || th.attributes["scope"] == "row",
                    "th without scope: \(th.allText)")
            }
        }
    }

    @Test("one chart per quantity group, a row and one point per subject, with title, description and a data table")
    func charts() throws {
        let svgs = page.all("svg").filter { $0.hasClass("chart") }
        // The groups the book's thresholds call for.
        var expected: [String: Set<String>] = [:]  // group → "profileIndex|subject"
        for (i, verdict) in verdicts.enumerated() {
            for pack in verdict.packs {
                let facts = Dictionary(
                    uniqueKeysWithValues: book.pack(pack.pack)!.thresholds.map { ($0.id, $0.test.fact) })
                for t in pack.thresholds {
                    expected[chartGroup(facts[t.id]!, unit: t.unit), default: []].insert("\(i + 1)|\(t.subject)")
                }
            }
        }
        #expect(Set(svgs.compactMap { $0.attributes["data-group"] }) == Set(expected.keys))
        #expect(svgs.count == expected.count)
        #expect(
            expected.keys.contains("compute") && expected.keys.contains("ai_revenue USD")
                && expected.keys.contains("ai_rnd_spend USD"))
        for svg in svgs {
            let group = try #require(svg.attributes["data-group"])
            #expect(svg.attributes["role"] == "img")
            #expect(svg.attributes["xmlns"] == "http://www.w3.org/2000/svg")
            let title = try #require(svg.elements.first { $0.name == "title" })
            let desc = try #require(svg.elements.first { $0.name == "desc" })
            #expect(svg.attributes["aria-labelledby"] == "\(title.attributes["id"]!) \(desc.attributes["id"]!)")
            #expect(!desc.allText.isEmpty)
            let rows = svg.elements.filter { $0.name == "g" && $0.hasClass("row") }
            #expect(rows.count == expected[group]!.count, "\(group)")
            for row in rows {
                let points = row.descendants.filter { $0.hasClass("point") }
                #expect(points.count == 1, "\(group): a row with \(points.count) points")
                // Every point says what it is, for a tooltip and for assistive technology.
                #expect(points.first?.elements.first?.name == "title")
            }
            // The lines: at least one limit line, each labelled.
            #expect(!svg.descendants.filter { $0.hasClass("limit") }.isEmpty)
            // A text alternative: a table of the plotted values right after the chart, in a box
            // that hides it visually (and clips it, so that it cannot widen the page).
            let figure = try #require(svg.parent?.parent)
            #expect(figure.name == "figure")
            let data = try #require(figure.all("table").first { $0.hasClass("chart-data") })
            #expect(data.parent?.name == "div" && data.parent?.hasClass("sr-only") == true)
            #expect(data.all("tbody").first!.elements.count >= rows.count)
        }
        // The compute chart: one row per model, and every compute limit of every pack as a line.
        let compute = try #require(svgs.first { $0.attributes["data-group"] == "compute" })
        #expect(compute.elements.filter { $0.hasClass("row") }.count == profiles.map(\.models.count).reduce(0, +))
        let labels = compute.descendants.filter { $0.hasClass("limit") }.map(\.allText).joined(separator: " | ")
        for limit in ["1e23", "1e25", "1e26"] { #expect(labels.contains(limit), "\(labels)") }
    }

    @Test("uncertain values are drawn as ranges and indeterminate ones with their own shape")
    func uncertainty() throws {
        let compute = try #require(page.all("svg").first { $0.attributes["data-group"] == "compute" })
        let quietRiver = try #require(verdicts.firstIndex { $0.organization == "Quiet River AI" })
        let row = try #require(
            compute.elements.first { $0.hasClass("row") && $0.attributes["data-profile"] == "\(quietRiver + 1)" })
        let point = try #require(row.descendants.first { $0.hasClass("point") })
        #expect(point.hasClass("indeterminate"))
        #expect(point.elements.contains { $0.name == "path" })  // a diamond, not a circle
        #expect(!point.elements.contains { $0.name == "circle" })
        #expect(row.descendants.contains { $0.hasClass("range") })
        let helios = try #require(verdicts.firstIndex { $0.organization == "Helios AI Labs" })
        let decided = try #require(
            compute.elements.first { $0.hasClass("row") && $0.attributes["data-profile"] == "\(helios + 1)" })
        #expect(decided.descendants.first { $0.hasClass("point") }?.elements.contains { $0.name == "circle" } == true)
    }

    @Test("every internal link has a target, and ids are unique")
    func links() throws {
        var ids: [String: Int] = [:]
        for node in page.descendants { if let id = node.attributes["id"] { ids[id, default: 0] += 1 } }
        #expect(ids.filter { $0.value > 1 }.isEmpty, "duplicate ids: \(ids.filter { $0.value > 1 }.keys.sorted())")
        let hrefs = page.descendants.compactMap { $0.attributes["href"] }.filter { $0.hasPrefix("#") }
        #expect(hrefs.count >= profiles.count * book.packs.count)
        for href in hrefs { #expect(ids[String(href.dropFirst())] != nil, "dangling link \(href)") }
        // aria-labelledby targets exist too.
        for node in page.descendants {
            for id in (node.attributes["aria-labelledby"] ?? "").split(separator: " ") {
                #expect(ids[String(id)] != nil)
            }
        }
        // Each profile's details: thresholds with values, limits and citations.
        for i in verdicts.indices {
            #expect(ids["p-\(i + 1)"] == 1)
        }
        let helios = verdicts.firstIndex { $0.organization == "Helios AI Labs" }!
        let section = page.descendants.first { $0.attributes["id"] == "p-\(helios + 1)" }!
        let text = section.allText
        #expect(text.contains("3.2e25 FLOP") && text.contains("> 1e25 FLOP") && text.contains("×3.2"))
        let mark = try #require(
            verdicts[helios].packs[0].thresholds.first {
                $0.id == "systemic-risk-compute" || $0.id == "training-compute"
            }?.mark)
        #expect(text.contains("Examples/labs/helios.yaml:\(mark.line):\(mark.column)"))
        #expect(text.contains("cybersecurity-assessment"))
        #expect(text.contains("deployment"))
        #expect(section.all("a").contains { ($0.attributes["href"] ?? "").hasPrefix("https://") })
    }

    // A pack not in force has nobody in scope.
    @Test("summary counts profiles, invalid ones, and per pack in force those in scope and unmet")
    func summary() throws {
        let section = try #require(page.descendants.first { $0.attributes["id"] == "summary" })
        let cards = section.all("div").map(\.allText)
        #expect(cards.contains("Profiles audited\(profiles.count)"))
        #expect(cards.contains("Invalid0"))
        let table = try #require(section.all("table").first)
        let rows = table.all("tbody").first!.elements
        #expect(rows.count == book.packs.count)
        // The examples are audited on 2026-11-29: EO 14110 was revoked, the Illinois and RAISE Acts
        // are not yet in force.
        #expect(
            book.packs.filter { !$0.isInForce(on: asOf) }.map(\.id) == [
                "us-eo-14110", "us-il-ai-safety", "us-ny-raise",
            ])
        for (row, pack) in zip(rows, book.packs) {
            #expect(row.allText.contains(pack.id))
            let inScope = verdicts.filter { v in v.packs.contains { $0.pack == pack.id && $0.inScope } }.count
            let unmet = verdicts.filter { v in v.packs.contains { $0.pack == pack.id && !$0.unmet.isEmpty } }.count
            let cells = row.elements.filter { $0.name == "td" }.map(\.allText)
            if pack.isInForce(on: asOf) {
                #expect(cells[1] == "yes")
                #expect(cells[2] == "\(inScope)" && cells[4] == "\(unmet)", "\(pack.id): \(cells)")
            } else {
                // Nothing is required, so nobody is in scope; whom it would reach is labelled so.
                #expect(inScope > 0, "\(pack.id): the examples should reach it were it in force")
                #expect(cells[1].hasPrefix("no"))
                #expect(cells[2] == "—would be \(inScope) if in force", "\(pack.id): \(cells)")
                #expect(cells[4] == "—" && cells[5] == "—", "\(pack.id): \(cells)")
            }
        }
        #expect(section.allText.contains("A pack not in force on the date evaluated requires nothing"))
    }

    @Test("the status table shows nobody in scope of a pack not in force, and what would apply labelled so")
    func statusNotInForce() throws {
        let table = try #require(page.all("table").first { $0.attributes["id"] == "status-table" })
        let rows = table.all("tbody").first!.elements
        let revoked = rows.filter { $0.elements[1].allText == "us-eo-14110" }
        #expect(revoked.count == verdicts.count)
        for row in revoked {
            let cells = row.elements.map(\.allText)
            #expect(cells[2].contains("not in force"))
            #expect(cells[3].hasPrefix("none: not in force") && cells[3].contains("would be "), "\(cells)")
            #expect(cells[4].hasPrefix("—would be ") && cells[4].hasSuffix(" of 1"), "\(cells)")
            #expect(!cells[3].hasPrefix("in scope") && cells[4] != "1 of 1")
        }
        // Helios's cluster made it reportable under the order: the row says so only as "would be".
        let helios = try #require(verdicts.firstIndex { $0.organization == "Helios AI Labs" })
        #expect(revoked[helios].elements[3].allText == "none: not in forcewould be in scope")
        #expect(revoked[helios].elements[4].allText == "—would be 1 of 1")
    }

    /// The compute chart's SVG of a page.
    private func computeChart(_ page: HTMLTestNode) throws -> HTMLTestNode {
        try #require(page.all("svg").first { $0.attributes["data-group"] == "compute" })
    }

    @Test("row labels are drawn whole — sized to the longest, wrapped when longer than the column may be — never cut")
    func rowLabels() throws {
        let long =
            "The Extraordinarily Long-Named International Consortium for Frontier Artificial Intelligence Research"
        let lab = LabProfile(
            path: "labs/long.yaml", organization: .init(name: long),
            models: [
                .init(
                    name: "a-model-with-a-name-far-too-long-to-fit-on-one-line-of-any-chart",
                    trainingCompute: .operations("3e25"))
            ])
        let verdicts = self.verdicts + [book.evaluate(lab, asOf: asOf)]
        let page = try Support.parseXML(
            HTMLReport.render(verdicts: verdicts, title: "Long", generated: asOf, rules: book))
        let chart = try computeChart(page)
        let labels = chart.descendants.filter { $0.hasClass("row-label") }
        #expect(!labels.isEmpty)
        for label in labels {
            // The words drawn, line by line, are the whole label (its tooltip), in order.
            let title = try #require(label.elements.first { $0.name == "title" }?.allText)
            let lines = label.elements.filter { $0.name == "tspan" }.map(\.allText)
            let drawn =
                lines.isEmpty
                ? label.children.filter { $0.name == "#text" }.map(\.text).joined() : lines.joined(separator: " ")
            #expect(
                drawn.replacingOccurrences(of: " ", with: "") == title.replacingOccurrences(of: " ", with: ""),
                "\(drawn) ≠ \(title)")
            #expect(!drawn.contains("…"))
        }
        // The examples' longest label fits on one line; the long one wraps.
        let northwind = try #require(
            labels.first {
                $0.elements.first { $0.name == "title" }?.allText == "Northwind Intelligence · northwind-ultra"
            })
        #expect(northwind.elements.filter { $0.name == "tspan" }.isEmpty)
        let wrapped = try #require(
            labels.first { ($0.elements.first { $0.name == "title" }?.allText ?? "").hasPrefix(long) })
        #expect(wrapped.elements.filter { $0.name == "tspan" }.count >= 3)
    }

    @Test("HTMLText.wrapped keeps every character, breaks at spaces, and inside a word only when it must")
    func wrapping() {
        #expect(
            HTMLText.wrapped("Helios AI Labs · helios-4", width: 400, fontSize: 12) == ["Helios AI Labs · helios-4"])
        #expect(
            HTMLText.wrapped("Helios AI Labs · helios-4", width: 100, fontSize: 12) == ["Helios AI Labs ·", "helios-4"])
        let word = String(repeating: "x", count: 60)
        let pieces = HTMLText.wrapped(word, width: 100, fontSize: 12)
        #expect(pieces.count > 1 && pieces.joined() == word)
        #expect(pieces.allSatisfy { HTMLText.estimatedWidth($0, fontSize: 12) <= 100 })
        #expect(HTMLText.wrapped("", width: 100, fontSize: 12) == [""])
        // A long hyphenated name breaks after a hyphen.
        let name = "a-model-with-a-name-far-too-long-to-fit"
        let parts = HTMLText.wrapped(name, width: 120, fontSize: 12)
        #expect(
            parts.count > 1 && parts.joined() == name && parts.dropLast().allSatisfy { $0.hasSuffix("-") }, "\(parts)")
        // Wide characters count as wide.
        #expect(HTMLText.estimatedWidth("研究所", fontSize: 12) > HTMLText.estimatedWidth("abc", fontSize: 12) * 1.5)
    }

    @Test("a chart's description calls its rows by the right article: an organisation, a model")
    func descriptionGrammar() throws {
        let descriptions = page.all("svg").filter { $0.hasClass("chart") }.compactMap { svg in
            svg.elements.first { $0.name == "desc" }?.allText
        }
        #expect(descriptions.contains { $0.hasPrefix("Each row is an organisation (") })
        #expect(descriptions.contains { $0.hasPrefix("Each row is a model (") })
        #expect(descriptions.contains { $0.hasPrefix("Each row is a cluster (") })
        #expect(!descriptions.contains { $0.contains("is a organisation") })
    }

    @Test(
        "a value over a line whose threshold's other condition fails is drawn hollow, with the reason under the chart")
    func conditionNotMet() throws {
        func model(_ name: String, modalities: [String], data: String) -> LabProfile {
            LabProfile(
                path: "labs/\(name).yaml", organization: .init(name: name),
                models: [
                    .init(
                        name: "m", trainingCompute: .operations("4e23"), fineTuningCompute: .operations("0"),
                        modalities: modalities, primaryData: data)
                ],
                clusters: [])
        }
        let protein = model("Protein", modalities: ["biological-sequence"], data: "biological-sequence")
        let chat = model("Chat", modalities: ["text"], data: "general")
        /// The mark of a row in a series: the EU lines read cumulative compute ("training +
        /// fine-tuning"), the order's read training compute.
        func point(_ page: HTMLTestNode, _ row: Int, series: String = "training + fine-tuning") throws -> HTMLTestNode {
            let chart = try computeChart(page)
            let found = try #require(
                chart.elements.first { $0.hasClass("row") && $0.attributes["data-profile"] == "\(row)" })
            return try #require(
                found.descendants.first {
                    ($0.hasClass("point") || $0.hasClass("point2")) && $0.allText.contains(", \(series)")
                })
        }
        // In 2026 the EU test is in force: 4e23 FLOP is past its 1e23 line, but a model that
        // generates none of text, audio, images or video is not a GPAI model. (The revoked order's
        // 10^23 line for biological sequence models, at the same value, is not in force.)
        let now = try Support.parseXML(
            HTMLReport.render(
                verdicts: [protein, chat].map { book.evaluate($0, asOf: asOf) }, title: "t", generated: asOf,
                rules: book))
        let hollow = try point(now, 1)
        #expect(hollow.hasClass("condition-not-met"))
        #expect(try point(now, 2).hasClass("decided"))
        let notes = try #require(now.all("details").first { $0.hasClass("mark-notes") }).allText
        #expect(notes.contains("eu-ai-act-gpai › gpai-compute: over the line, not met: a condition is not"), "\(notes)")
        // The chat model is noted only against the order's biological-sequence line, on the
        // training-compute series: the EU line it meets.
        #expect(!notes.contains("Chat · m (training + fine-tuning"))
        let legend = try #require(now.all("div").first { $0.hasClass("legend") }).allText
        #expect(legend.contains("over a line, but not met"))
        // In 2024 only the order is in force: the protein model is past its line and meets it; the
        // general model is past it without meeting it.
        let then = CalendarDate("2024-06-01")!
        let past = try Support.parseXML(
            HTMLReport.render(
                verdicts: [protein, chat].map { book.evaluate($0, asOf: then) }, title: "t", generated: then,
                rules: book))
        #expect(try point(past, 1, series: "training compute").hasClass("decided"))
        #expect(try point(past, 2, series: "training compute").hasClass("condition-not-met"))
        // In the examples, a model past lines it meets is drawn as met.
        let helios = try #require(verdicts.firstIndex { $0.organization == "Helios AI Labs" })
        #expect(try point(page, helios + 1).hasClass("decided"))
    }

    @Test("every indeterminate mark is explained under its chart, the reporting-year reason too; the legend says so")
    func markNotes() throws {
        let revenue = try #require(
            page.all("figure").first { figure in
                figure.all("svg").contains { $0.attributes["data-group"] == "annual_gross_revenue USD" }
            })
        let legend = try #require(revenue.all("div").first { $0.hasClass("legend") }).allText
        #expect(legend.contains("figures for the year the statute counts"))
        let notes = try #require(revenue.all("details").first { $0.hasClass("mark-notes") })
        let items = notes.all("li").map(\.allText)
        // Every diamond in the chart has its reason listed.
        let svg = try #require(revenue.all("svg").first { $0.hasClass("chart") })
        for row in svg.elements where row.hasClass("row") {
            guard row.descendants.contains(where: { $0.hasClass("point") && $0.hasClass("indeterminate") }) else {
                continue
            }
            let label = try #require(
                row.descendants.first { $0.hasClass("row-label") }?.elements.first { $0.name == "title" }?.allText)
            #expect(items.contains { $0.hasPrefix(label) }, "no reason for \(label)")
        }
        #expect(items.contains { $0.contains("the statute counts the preceding calendar year") }, "\(items)")
    }

    @Test("lines at one value are drawn side by side, and no line runs through another line's label")
    func coincidentLines() throws {
        let change = try book.limitChange(pack: "eu-ai-act-gpai", threshold: "systemic-risk-compute", to: "1e26")
        let report = try book.impact(of: [change], on: profiles, asOf: asOf)
        let page = try Support.parseXML(
            HTMLReport.render(verdicts: verdicts, title: "Impact", generated: asOf, impact: report, rules: book))
        let chart = try computeChart(page)
        struct Drawn {
            var key: String; var x: Double; var top: Double; var label: ClosedRange<Double>; var baseline: Double
        }
        var drawn: [Drawn] = []
        for group in chart.descendants where group.name == "g" && group.hasClass("limit") {
            let line = try #require(group.elements.first { $0.name == "line" })
            let text = try #require(group.elements.first { $0.name == "text" })
            let x = Double(line.attributes["x1"]!)!, tx = Double(text.attributes["x"]!)!
            let w = HTMLText.estimatedWidth(text.allText, fontSize: 12, bold: true)
            let span: ClosedRange<Double>
            switch text.attributes["text-anchor"] {
            case "start": span = tx...(tx + w)
            case "end": span = (tx - w)...tx
            default: span = (tx - w / 2)...(tx + w / 2)
            }
            drawn.append(
                Drawn(
                    key: String(text.allText.prefix { $0 != " " }), x: x, top: Double(line.attributes["y1"]!)!,
                    label: span, baseline: Double(text.attributes["y"]!)!))
        }
        let c = try #require(drawn.first { $0.key == "C" }), p1 = try #require(drawn.first { $0.key == "P1" })
        // Both at 1e26, drawn apart so that each shows.
        #expect(abs(c.x - p1.x) >= 5)
        for a in drawn {
            for b in drawn where a.key != b.key {
                // b's line runs from its top down; a's label must not sit across it.
                if a.baseline > b.top { #expect(!a.label.contains(b.x), "line \(b.key) crosses the label of \(a.key)") }
            }
        }
        let legend = try #require(page.all("div").first { $0.hasClass("legend") }).allText
        #expect(legend.contains("(drawn beside C, at the same value)"))
    }

    @Test("text from profiles is escaped, whatever it holds; invalid profiles show their errors")
    func escaping() throws {
        let hostile = "<script>alert(\"x\")</script> & 'Co' ]]> \u{1B}[31m"
        let lab = LabProfile(
            path: "labs/<evil> & \"quoted\".yaml",
            organization: .init(name: hostile, aiRevenue: .money("620M")),
            models: [.init(name: "m\"<1>&'", trainingCompute: .operations("3e25"))])
        let broken = Verdict(
            profile: "labs/bad&<.yaml", organization: nil, asOf: asOf, packs: [],
            errors: [
                YAMLError(
                    kind: .decoding, problem: "unknown key '<x>' & more", mark: SourceMark(line: 3, column: 5),
                    file: "labs/bad&<.yaml")
            ])
        let verdicts = [book.evaluate(lab, asOf: asOf), broken]
        let html = HTMLReport.render(verdicts: verdicts, title: "<T> & \"t\"", generated: asOf, rules: book)
        let page = try Support.parseXML(html)
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("\u{1B}"))
        #expect(page.all("title").first?.allText == "<T> & \"t\"")
        let text = page.allText
        #expect(text.contains("<script>alert(\"x\")</script> & 'Co' ]]> \\u{1b}[31m"))
        #expect(text.contains("m\"<1>&'"))
        #expect(text.contains("unknown key '<x>' & more"))
        #expect(text.contains("labs/bad&<.yaml:3:5"))
        let table = try #require(page.all("table").first { $0.attributes["id"] == "status-table" })
        let rows = table.all("tbody").first!.elements
        // Due dates sit in cells that never wrap.
        #expect(
            html.contains("td.date { white-space: nowrap; }")
                && page.descendants.contains { $0.attributes["class"] == "date" })
        // The valid profile has a row per pack; the invalid file is one row.
        #expect(rows.count == book.packs.count + 1)
        #expect(rows.last?.allText.contains("invalid") == true && rows.last?.allText.contains("every pack") == true)
        let summary = try #require(page.descendants.first { $0.attributes["id"] == "summary" })
        #expect(summary.all("div").map(\.allText).contains("Invalid1"))
    }

    @Test("with an impact analysis, the page shows the change, the movers, and the proposed line")
    func impact() throws {
        let change = try book.limitChange(pack: "eu-ai-act-gpai", threshold: "systemic-risk-compute", to: "1e26")
        let report = try book.impact(of: [change], on: profiles, asOf: asOf)
        let html = HTMLReport.render(verdicts: verdicts, title: "Impact", generated: asOf, impact: report, rules: book)
        let page = try Support.parseXML(html)
        let section = try #require(page.descendants.first { $0.attributes["id"] == "impact" })
        #expect(section.allText.contains("systemic-risk-compute"))
        let movers = report.packs.first { $0.pack == "eu-ai-act-gpai" }!.movers
        #expect(!movers.isEmpty)
        let moverLinks = section.all("a").compactMap { $0.attributes["href"] }
        for mover in movers { #expect(moverLinks.contains("#p-\(mover.index + 1)")) }
        let compute = try #require(page.all("svg").first { $0.attributes["data-group"] == "compute" })
        #expect(compute.descendants.contains { $0.hasClass("proposed") })
        // A pack not in force has nobody in scope before or after; what it would do is labelled so.
        let counts = try #require(
            section.all("table").first { $0.all("caption").first?.allText.hasPrefix("Profiles per pack") == true })
        let revoked = try #require(
            counts.all("tr").first { $0.elements.first?.allText.hasPrefix("us-eo-14110") == true })
        let cell = try #require(revoked.elements.first { $0.attributes["colspan"] == "4" })
        #expect(
            cell.allText.hasPrefix(
                "not in force on 2026-11-29: nobody is in scope before or after. Were it in force: in scope "))
        var ids: Set<String> = []
        for node in page.descendants { if let id = node.attributes["id"] { ids.insert(id) } }
        for node in page.descendants {
            if let href = node.attributes["href"], href.hasPrefix("#") {
                #expect(ids.contains(String(href.dropFirst())))
            }
        }
    }
}
