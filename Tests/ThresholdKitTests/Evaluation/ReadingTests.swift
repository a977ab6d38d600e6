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
