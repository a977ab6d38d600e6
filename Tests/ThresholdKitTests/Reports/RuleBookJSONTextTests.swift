import Foundation
import Testing

@testable import ThresholdKit

/// `RuleBookJSONText`: the book's members of a verdict laid out once. Rendering with it must give
/// exactly the bytes that writing member by member gives, whatever the verdict holds.
@Suite struct RuleBookJSONTextTests {
    /// The verdict's line written with `text`, and without it (as text, so that a difference reads).
    static func lines(_ verdict: Verdict, _ text: RuleBookJSONText) -> (with: String, without: String) {
        (
            String(decoding: verdict.jsonLineBytes(text: text), as: UTF8.self),
            String(decoding: verdict.jsonLineBytes(), as: UTF8.self)
        )
    }

    static let dates = ["2025-06-01", "2026-07-01", "2026-12-04", "2028-01-01"].map { CalendarDate($0)! }

    static func exampleProfiles() throws -> [LabProfile] {
        let directory = Support.packageRoot.appendingPathComponent("Examples/labs")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        return try names.map { try LabProfile(contentsOf: directory.appendingPathComponent($0).path) }
    }

    @Test("every example lab, every built-in pack, four dates, each reading reported: the same bytes")
    func sameBytesForTheBuiltInBook() throws {
        let builtIn = try RuleBook.builtIn(tests: false)
        var books = [builtIn]
        for pack in builtIn.packs {
            for reading in pack.readings where reading.id != pack.defaultReading {
                books.append(try builtIn.reporting(reading.id, forPack: pack.id))
            }
        }
        #expect(books.count > 1)
        let profiles = try Self.exampleProfiles()
        #expect(profiles.count >= 10)
        for book in books {
            let text = RuleBookJSONText(book: book)
            for profile in profiles {
                for date in Self.dates {
                    let verdict = book.evaluate(profile, asOf: date)
                    let lines = Self.lines(verdict, text)
                    #expect(lines.with == lines.without, "\(profile.path!) \(date)")
                    #expect(
                        verdict.jsonLineBytes(lineFeed: true, text: text) == Array((verdict.jsonLine() + "\n").utf8))
                }
            }
        }
    }

    @Test("the book's own results find their runs: every pack, threshold and obligation, source and title")
    func resultsFindTheirRuns() throws {
        let book = try RuleBook.builtIn(tests: false)
        let text = RuleBookJSONText(book: book)
        var checked = (packs: 0, thresholds: 0, measures: 0, obligations: 0, idLists: 0)
        for profile in try Self.exampleProfiles() {
            let verdict = book.evaluate(profile, asOf: CalendarDate("2026-12-04")!)
            var packCursor = 0
            for packResult in verdict.packs {
                let pack = try #require(text.pack(packResult.pack, cursor: &packCursor))
                #expect(pack.title == packResult.title && pack.status == packResult.status)
                var cursor = 0
                for result in packResult.thresholds {
                    let threshold = try #require(pack.threshold(result.id, cursor: &cursor))
                    #expect(
                        withUnsafePointer(to: result) { threshold.hasSource(of: $0) }, "\(packResult.pack) \(result.id)"
                    )
                    // A line of the threshold's own; one drawn relative to another fact has its own.
                    if withUnsafePointer(to: result, { threshold.hasMeasure(of: $0) }) {
                        checked.measures += 1
                    } else {
                        #expect(result.limit != threshold.limit || result.unit != threshold.unit)
                    }
                    checked.thresholds += 1
                }
                cursor = 0
                for result in packResult.obligations {
                    let obligation = try #require(pack.obligation(result.id, cursor: &cursor))
                    #expect(obligation.title == result.title && obligation.kind == result.kind)
                    #expect(obligation.citation == result.citation && obligation.sourceGrade == result.sourceGrade)
                    // Laid out from the plan the result was evaluated with (a pack's reading
                    // reported, for a pack with readings): the very text, checked in a word.
                    #expect(result.text === obligation.text, "\(packResult.pack) \(result.id)")
                    // The ids the evaluator gives are the plan's own lists, found by identity;
                    // a list found is the very same ids.
                    let lists =
                        [result.because, result.decidedBy] + result.subjects.flatMap { [$0.because, $0.decidedBy] }
                    for list in lists where !list.isEmpty {
                        guard let found = obligation.idList(list) else { continue }
                        #expect(obligation.idLists[found] == list)
                        checked.idLists += 1
                    }
                    checked.obligations += 1
                }
                checked.packs += 1
            }
        }
        #expect(checked.packs > 50 && checked.thresholds > 100 && checked.obligations > 100)
        #expect(checked.measures > 100)
        #expect(checked.idLists > 100)
        // An equal list that is not the plan's is written member by member.
        let pack = try #require(text.packs.first { $0.obligations.contains { !$0.idLists.isEmpty } })
        let obligation = try #require(pack.obligations.first { !$0.idLists.isEmpty })
        #expect(obligation.idList(obligation.idLists[0]) == 0)
        #expect(obligation.idList(obligation.idLists[0].map { String(decoding: Array($0.utf8), as: UTF8.self) }) == nil)
    }

    @Test("a result changed after evaluation is written with its own values, not the book's")
    func changedResultsKeepTheirValues() throws {
        let book = try RuleBook.builtIn(tests: false)
        let text = RuleBookJSONText(book: book)
        let profile = try #require(try Self.exampleProfiles().first { $0.path!.hasSuffix("helios.yaml") })
        var verdict = book.evaluate(profile, asOf: CalendarDate("2026-12-04")!)
        let pack = try #require(verdict.packs.firstIndex { !$0.thresholds.isEmpty && !$0.obligations.isEmpty })
        verdict.packs[pack].title = "A \"changed\" title"
        verdict.packs[pack].thresholds[0].citation = "§ 9 (changed)"
        verdict.packs[pack].thresholds[0].sourceURL = nil
        verdict.packs[pack].thresholds[0].limit = try #require(ExactDecimal("12.5e3"))
        verdict.packs[pack].thresholds[0].unit = #"changed "unit""#
        verdict.packs[pack].obligations[0].title = "Changed\ttitle"
        verdict.packs[pack].obligations[0].sourceGrade = nil
        let (written, unaided) = Self.lines(verdict, text)
        #expect(written == unaided)
        for fragment in [
            #""title":"A \"changed\" title""#, #""citation":"§ 9 (changed)""#, #""title":"Changed\ttitle""#,
            #""limit":"12500","unit":"changed \"unit\"""#,
        ] {
            #expect(written.contains(fragment), "\(fragment)")
        }
    }

    @Test("runs from another book: results it does not know are written in full, the output unchanged")
    func anotherBook() throws {
        let builtIn = try RuleBook.builtIn(tests: false)
        let fixture = try ReporterFixtures.book()
        let one = try builtIn.selecting([try #require(builtIn.packs.last?.id)])
        for profile in try Self.exampleProfiles() {
            let verdict = builtIn.evaluate(profile, asOf: CalendarDate("2026-12-04")!)
            for other in [fixture, one] {
                let lines = Self.lines(verdict, RuleBookJSONText(book: other))
                #expect(lines.with == lines.without)
            }
            let lines = Self.lines(
                fixture.evaluate(profile, asOf: ReporterFixtures.asOf), RuleBookJSONText(book: builtIn))
            #expect(lines.with == lines.without)
        }
    }

    @Test("a context is prepared with the book's JSON text for JSON reports only, and keeps one it has")
    func preparedForJSONOnly() throws {
        let context = ReportContext(book: try ReporterFixtures.book(), asOf: ReporterFixtures.asOf)
        #expect(context.jsonText == nil)
        for format in ReportFormat.allCases {
            let prepared = context.preparing(for: [.text, format])
            #expect((prepared.jsonText != nil) == (format == .json || format == .jsonl), "\(format)")
        }
        let prepared = context.preparing(for: [.jsonl])
        #expect(prepared.preparing(for: [.json]).jsonText === prepared.jsonText)
        #expect(context.preparing(for: []).jsonText == nil)
        // What the JSON reporters prerender is the same either way.
        let verdict = try ReporterFixtures.verdict(ReporterFixtures.helios, path: "labs/helios.yaml")
        for format in [ReportFormat.json, .jsonl] {
            #expect(
                format.reporterType.prerender(verdict, context: prepared)
                    == format.reporterType.prerender(verdict, context: context))
        }
    }

    @Test("a context detached to a worker's book lays its JSON text out from that book's own strings")
    func detachedToAThreadsBook() throws {
        let book = try RuleBook.builtIn(tests: false)
        let prepared = ReportContext(book: book, asOf: ReporterFixtures.asOf).preparing(for: [.jsonl])
        let copy = book.detached()
        let detached = prepared.detached(to: copy)
        let text = try #require(detached.jsonText)
        #expect(text !== prepared.jsonText)
        #expect(detached.book.packs == copy.packs)
        /// Where a string's bytes are stored (every pack title here is too long to be stored inline).
        func storage(_ string: String) -> UnsafePointer<UInt8>? {
            string.utf8.withContiguousStorageIfAvailable { $0.baseAddress } ?? nil
        }
        for (position, pack) in copy.packs.enumerated() {
            #expect(storage(text.packs[position].title) == storage(pack.title))
            #expect(storage(text.packs[position].title) != storage(book.packs[position].title))
        }
        // A context without the text stays without it; the rendering is the same either way.
        #expect(ReportContext(book: book, asOf: ReporterFixtures.asOf).detached(to: copy).jsonText == nil)
        for profile in try Self.exampleProfiles() {
            let verdict = copy.evaluate(profile, asOf: ReporterFixtures.asOf)
            #expect(
                JSONLinesReporter.prerender(verdict, context: detached)
                    == JSONLinesReporter.prerender(verdict, context: prepared))
        }
    }

    @Test("the search goes round from the cursor once and stops where it finds the id")
    func search() {
        let ids = ["alpha", "beta", "gamma", "delta"]
        var cursor = 2
        #expect(RuleBookJSONText.find("gamma", in: ids, cursor: &cursor) == 2 && cursor == 2)
        #expect(RuleBookJSONText.find("beta", in: ids, cursor: &cursor) == 1 && cursor == 1)
        #expect(RuleBookJSONText.find("delta", in: ids, cursor: &cursor) == 3 && cursor == 3)
        #expect(RuleBookJSONText.find("epsilon", in: ids, cursor: &cursor) == nil && cursor == 3)
        #expect(RuleBookJSONText.find("alph", in: ids, cursor: &cursor) == nil)
        cursor = 99
        #expect(RuleBookJSONText.find("alpha", in: ids, cursor: &cursor) == 0 && cursor == 0)
        #expect(RuleBookJSONText.find("alpha", in: [], cursor: &cursor) == nil)
    }

    @Test("the runs are the members as a compact writer writes them, without braces")
    func runsAreCompactMembers() throws {
        let text = RuleBookJSONText(book: try ReporterFixtures.book())
        let pack = try #require(text.packs.first)
        #expect(
            String(decoding: pack.head.bytes, as: UTF8.self)
                == #""pack":"fixture-pack","title":"A fixture pack","status":"enacted""#)
        #expect(
            String(decoding: pack.thresholds[0].tail.bytes, as: UTF8.self)
                == #""cite":"statute","citation":"§ 1","source_url":"https://example.org/statute""#)
        #expect(String(decoding: pack.thresholds[0].measure.bytes, as: UTF8.self) == #""limit":"1e25","unit":"FLOP""#)
        #expect(
            String(decoding: pack.thresholds[1].measure.bytes, as: UTF8.self) == #""limit":"500000000","unit":"USD""#)
        #expect(String(decoding: pack.obligations[1].tail.bytes, as: UTF8.self) == #""citation":null"#)
        #expect(
            String(decoding: pack.obligations[0].middle.bytes, as: UTF8.self)
                == #""title":"Independent assessment","kind":"third-party-assessment""#)
    }

    @Test("each duty's because and decided_by runs are its id lists as the writer writes them")
    func idListRuns() throws {
        let text = RuleBookJSONText(book: try RuleBook.builtIn())
        var lists = 0
        for pack in text.packs {
            for obligation in pack.obligations {
                #expect(obligation.because.count == obligation.idLists.count)
                #expect(obligation.decidedBy.count == obligation.idLists.count)
                for (position, ids) in obligation.idLists.enumerated() {
                    var because = JSONWriter(capacity: 64), decidedBy = JSONWriter(capacity: 64)
                    because.beginObject()
                    because.member("because", strings: ids)
                    because.endObject()
                    decidedBy.beginObject()
                    decidedBy.member("decided_by", strings: ids)
                    decidedBy.endObject()
                    #expect(
                        Array(obligation.because[position].bytes) == Array(because.takeBytes().dropFirst().dropLast()))
                    #expect(
                        Array(obligation.decidedBy[position].bytes)
                            == Array(decidedBy.takeBytes().dropFirst().dropLast()))
                    lists += 1
                }
            }
        }
        #expect(lists > 50)
    }

    @Test("a block holds its pieces side by side, empty ones included, each read as it was given")
    func runBlock() {
        let pieces: [[UInt8]] = [[], Array("\"a\":1".utf8), [], Array("\"b\":\"ü\"".utf8), []]
        let block = RuleBookJSONText.RunBlock(pieces)
        #expect(block.runs.count == pieces.count)
        #expect(block.runs.map { Array($0.bytes) } == pieces)
        #expect(block.runs[1].bytes.baseAddress.map { $0 + 5 } == block.runs[3].bytes.baseAddress)
        let empty = RuleBookJSONText.RunBlock([])
        #expect(empty.runs.isEmpty)
        let runs = RuleBookJSONText.Runs(block.runs, from: 1, count: 3)
        #expect(runs.count == 3 && Array(runs[0].bytes) == pieces[1] && Array(runs[2].bytes) == pieces[3])
    }
}
