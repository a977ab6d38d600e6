import Foundation
import Testing

@testable import ThresholdKit

/// A pack with readings reports each obligation's applicability under every reading. The readings
/// not chosen are evaluated for applicability alone (no statuses or deadlines); what they give
/// must be what evaluating each of them as the chosen reading gives.
@Suite("Readings")
struct ReadingTests {
    static let profiles = [
        // Money only, compute only, both, neither, a model of unknown compute, no models at all.
        "organization: {name: Money, ai_revenue: 900M USD, ai_rnd_spend: 50M USD}\n"
            + "models: [{name: m, training_compute: 1e24 FLOP, status: deployed, released: 2026-07-01}]",
        "organization: {name: Compute, ai_revenue: 9M USD}\n"
            + "models: [{name: m, training_compute: 3e25 FLOP, status: deployed, released: 2026-07-01}]",
        "organization: {name: Both, ai_revenue: 900M USD, ai_rnd_spend: 2B USD}\n"
            + "models: [{name: a, training_compute: 3e25 FLOP, status: deployed, released: 2026-02-01},\n"
            + "         {name: b, training_compute: 1e23 FLOP, status: in-training}]",
        "organization: {name: Neither, ai_revenue: 1M USD, ai_rnd_spend: 1M USD}\n"
            + "models: [{name: m, training_compute: 1e22 FLOP, status: deployed, released: 2026-07-01}]",
        "organization: {name: Unknown, ai_revenue: 900M USD}\nmodels: [{name: m, status: deployed}]",
        "organization: {name: Unlisted, ai_rnd_spend: 2B USD}",
    ]

    static func exampleProfiles() throws -> [LabProfile] {
        let directory = Support.packageRoot.appendingPathComponent("Examples/labs")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        return try names.map { try LabProfile(contentsOf: directory.appendingPathComponent($0).path) }
            + profiles.enumerated().map { try LabProfile(yaml: $1, path: "reading-\($0).yaml") }
    }

    @Test("each reading's applicability, as reported beside the chosen one, is what choosing it gives")
    func otherReadingsMatchTheirOwnEvaluation() throws {
        let book = try RuleBook.builtIn(tests: false)
        let packsWithReadings = book.packs.indices.filter { !book.packs[$0].readings.isEmpty }
        #expect(!packsWithReadings.isEmpty)
        var differing = 0
        for profile in try Self.exampleProfiles() {
            for date in ["2026-07-01", "2026-12-04", "2028-06-30"].map({ CalendarDate($0)! }) {
                let verdict = book.evaluate(profile, asOf: date)
                for index in packsWithReadings {
                    let pack = book.packs[index]
                    let reported = verdict.packs[index]
                    #expect(reported.pack == pack.id)
                    for reading in pack.readings {
                        let chosen = try book.reporting(reading.id, forPack: pack.id).evaluate(profile, asOf: date)
                            .packs[index]
                        #expect(chosen.reading == reading.id)
                        for (position, obligation) in reported.obligations.enumerated() {
                            let shown =
                                obligation.byReading.first { $0.reading == reading.id }?.applies ?? obligation.applies
                            #expect(
                                shown == chosen.obligations[position].applies,
                                "\(profile.path!) \(date) \(pack.id) \(reading.id) \(obligation.id)")
                        }
                    }
                    differing += reported.obligations.filter { !$0.byReading.isEmpty }.count
                }
            }
        }
        // The profiles include some on which the readings part.
        #expect(differing > 0)
    }

    /// A pack whose second reading draws the compute line at 1e26 FLOP instead of 1e25, and leaves
    /// the revenue line as it is.
    static let linePack = """
        pack: line-readings
        title: Two lines
        status: enacted
        jurisdiction: none
        effective: 2026-01-01
        thresholds:
          - {id: big-compute, subject: model, fact: training_compute, greater_than: 1e25 FLOP}
          - {id: big-revenue, subject: organization, fact: ai_revenue, greater_than: 500M USD}
        obligations:
          - {id: assessment, title: Assessment, kind: third-party-assessment, per: model,
             when: {any: [big-compute, big-revenue]}, due: before-deployment}
          - {id: report, title: Report, kind: report, per: organization, when: big-revenue}
        readings:
          - {id: low-line, default: true, title: The line at 1e25, rationale: As written.}
          - id: high-line
            title: The line at 1e26
            rationale: As some read it.
            limits: {big-compute: {greater_than: 1e26 FLOP}}

        """

    @Test("a reading that draws its own line is judged on it, whichever reading is reported")
    func readingsWithTheirOwnLines() throws {
        let book = try RuleBook(yaml: Self.linePack, path: "line-readings.yaml")
        let date = CalendarDate("2026-12-04")!
        // Compute between the lines: only the first reading brings it in. Revenue over its line:
        // both readings do.
        let between = try LabProfile(
            yaml: "organization: {name: Between, ai_revenue: 9M USD}\n"
                + "models: [{name: m, training_compute: 3e25 FLOP, status: deployed, released: 2026-07-01}]",
            path: "between.yaml")
        let rich = try LabProfile(
            yaml: "organization: {name: Rich, ai_revenue: 900M USD}\n"
                + "models: [{name: m, training_compute: 1e24 FLOP, status: deployed, released: 2026-07-01}]",
            path: "rich.yaml")
        for reported in ["low-line", "high-line"] {
            let chosen = try book.reporting(reported, forPack: "line-readings")
            let other = reported == "low-line" ? "high-line" : "low-line"
            let betweenResult = chosen.evaluate(between, asOf: date).packs[0]
            #expect(betweenResult.reading == reported)
            #expect(betweenResult.dependsOnReading)
            let assessment = try #require(betweenResult.obligations.first { $0.id == "assessment" })
            #expect(assessment.applies == (reported == "low-line" ? .yes : .no), "\(reported)")
            let byReading = Dictionary(uniqueKeysWithValues: assessment.byReading.map { ($0.reading, $0.applies) })
            #expect(byReading == ["low-line": .yes, "high-line": .no], "\(reported)")
            // The reported reading's own line is the one shown.
            let compute = try #require(betweenResult.thresholds.first { $0.id == "big-compute" })
            #expect(compute.limit == ExactDecimal(reported == "low-line" ? "1e25" : "1e26")!, "\(reported)")
            let richResult = chosen.evaluate(rich, asOf: date).packs[0]
            #expect(!richResult.dependsOnReading, "\(reported) over \(other)")
            #expect(richResult.obligations.allSatisfy { $0.applies == .yes && $0.byReading.isEmpty })
        }
    }

    /// A pack of `count` readings, reading `i` drawing the compute line at 10^(25 + i) FLOP.
    static func manyLines(_ count: Int) -> String {
        var text = """
            pack: many-lines
            title: Many lines
            status: enacted
            effective: 2026-01-01
            thresholds:
              - {id: big-compute, subject: model, fact: training_compute, greater_than: 1e25 FLOP}
            obligations:
              - {id: assessment, title: Assessment, kind: third-party-assessment, per: model, when: big-compute}
            readings:

            """
        for reading in 0..<count {
            let isDefault = reading == 0 ? ", default: true" : ""
            text += "  - {id: line-\(reading), title: Line \(reading), rationale: As read.\(isDefault)"
            text += ", limits: {big-compute: {greater_than: 1e\(25 + reading) FLOP}}}\n"
        }
        return text
    }

    @Test(
        "the note that a duty depends on the reading reads alike whether written beforehand or as needed",
        arguments: 2...5)
    func readingNotes(count: Int) throws {
        let book = try RuleBook(yaml: Self.manyLines(count), path: "many-lines.yaml")
        #expect((book.readingNotes[0] != nil) == (count <= RuleBook.readingNoteLimit))
        let profile = try LabProfile(
            yaml: "organization: {name: Between}\n"
                + "models: [{name: m, training_compute: 5e25 FLOP, status: deployed, released: 2026-07-01}, "
                + "{name: n, status: deployed}]",
            path: "between.yaml")
        let result = book.evaluate(profile, asOf: CalendarDate("2026-12-04")!).packs[0]
        let assessment = try #require(result.obligations.first)
        // Reading 0 (the line at 1e25) brings 5e25 in; the others do not, and under them the model of
        // unknown compute may be in.
        let expected =
            "depends on the reading: "
            + (0..<count).map { "line-\($0) → \($0 == 0 ? "applies" : "may apply")" }.joined(separator: "; ")
        #expect(assessment.notes.first == expected)
    }

    @Test("every note written beforehand is the one for its combination of what each reading says")
    func readingNoteTable() throws {
        let book = try RuleBook.builtIn(tests: false)
        var checked = 0
        for index in book.packs.indices {
            guard let table = book.readingNotes[index] else { continue }
            let ids = book.readingVariants[index].map(\.reading)
            for code in table.indices {
                var rest = code
                let applies = ids.map { _ in
                    defer { rest /= 3 }
                    return Applicability.allCases[rest % 3]
                }
                #expect(RuleBook.readingNoteCode(applies.map { [$0] }, position: 0) == code)
                #expect(table[code] == RuleBook.readingNote(ids, applies))
                checked += 1
            }
        }
        #expect(checked >= 9)
        #expect(
            RuleBook.readingNote(["any-of", "compute-and-money"], [.yes, .no])
                == "depends on the reading: any-of → applies; compute-and-money → does not apply")
    }

    @Test("an obligation whose formula reads a threshold twice names it once, for each model and overall")
    func repeatedReadsAreNamedOnce() throws {
        let pack = """
            pack: twice
            title: Twice
            status: enacted
            effective: 2020-01-01
            thresholds:
              - {id: big, subject: model, fact: training_compute, greater_than: 1e25 FLOP}
              - {id: rich, subject: organization, fact: ai_revenue, greater_than: 500M USD}
            obligations:
              - id: duty
                title: A duty
                kind: third-party-assessment
                per: model
                when: {any: [big, {all: [big, rich]}, rich]}
            """
        let profile = """
            organization: {name: L, ai_revenue: 900M USD}
            models:
              - {name: a, training_compute: 3e25 FLOP}
              - {name: b, training_compute: 1e20 FLOP}
            """
        let result = try Support.evaluate(pack, profile, on: CalendarDate("2026-12-04")!)
        let duty = try #require(result.obligations.first)
        #expect(duty.because == ["big", "rich"])
        #expect(duty.subjects.map(\.because) == [["big", "rich"], ["rich"]])
    }
}
