import Foundation
import Testing

@testable import ThresholdKit

/// A threshold's results share one reference to what it cites, and a duty's results one to its
/// text; each result still behaves as a value.
@Suite struct SharedTextTests {
    /// Fjord (two models) against every built-in pack, with the results of each threshold grouped.
    private func resultsByThreshold() throws -> [[ThresholdResult]] {
        let book = try RuleBook.builtIn(tests: false)
        let path = Support.packageRoot.appendingPathComponent("Examples/labs/fjord.yaml").path
        let verdict = book.evaluate(try LabProfile(contentsOf: path), asOf: CalendarDate("2026-12-04")!)
        return verdict.packs.flatMap { pack in
            Dictionary(grouping: pack.thresholds, by: \.id).values.map { $0 }
        }
    }

    @Test("the results of one threshold share what it cites, with the pack's source filled in")
    func resultsShareTheirSource() throws {
        var shared = 0
        for results in try resultsByThreshold() where results.count > 1 {
            for result in results.dropFirst() { #expect(result.text === results[0].text) }
            shared += 1
        }
        #expect(shared >= 10)
        let cited = try resultsByThreshold().joined().filter { $0.cite != nil }
        #expect(!cited.isEmpty)
        #expect(cited.allSatisfy { $0.sourceTitle != nil })
    }

    @Test("changing one result's citation changes that result only, and results compare by value")
    func aChangeIsOneResultsOwn() throws {
        let results = try #require(try resultsByThreshold().first { $0.count > 1 && $0[0].citation != nil })
        var changed = results[0]
        changed.citation = "§ 99"
        changed.sourceGrade = .secondary
        #expect(changed.citation == "§ 99" && changed.sourceGrade == .secondary)
        #expect(results[0].citation != "§ 99")
        #expect(results[1].text === results[0].text)
        #expect(changed != results[0])
        // Set back, the values are equal again, though the reference is a new one.
        changed.citation = results[0].citation
        changed.sourceGrade = results[0].sourceGrade
        #expect(changed.text !== results[0].text)
        #expect(changed == results[0])
        #expect(changed.hashValue == results[0].hashValue)
        #expect(Set([changed, results[0]]).count == 1)
    }

    @Test("a duty's results share its text across profiles; a change is one result's own")
    func dutiesShareTheirText() throws {
        let book = try RuleBook.builtIn(tests: false)
        let labs = Support.packageRoot.appendingPathComponent("Examples/labs")
        let date = CalendarDate("2026-12-04")!
        let first = book.evaluate(
            try LabProfile(contentsOf: labs.appendingPathComponent("fjord.yaml").path), asOf: date)
        let second = book.evaluate(
            try LabProfile(contentsOf: labs.appendingPathComponent("helios.yaml").path), asOf: date)
        var compared = 0
        for (a, b) in zip(first.packs, second.packs) {
            for (x, y) in zip(a.obligations, b.obligations) {
                #expect(x.id == y.id && x.text === y.text)
                compared += 1
            }
        }
        #expect(compared > 20)
        let duty = try #require(first.packs.first { !$0.obligations.isEmpty }?.obligations[0])
        #expect(duty.sourceGrade != nil || duty.citation != nil || !duty.title.isEmpty)
        var changed = duty
        changed.title = "Changed"
        changed.citation = nil
        #expect(changed.title == "Changed" && changed.citation == nil && changed.id == duty.id)
        #expect(duty.title != "Changed")
        #expect(changed != duty)
        changed.title = duty.title
        changed.citation = duty.citation
        #expect(changed.text !== duty.text && changed == duty && changed.hashValue == duty.hashValue)
    }
}
