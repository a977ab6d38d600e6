import Foundation
import Testing

@testable import ThresholdKit

// Impact analysis on corpora built here, where who moves is known by construction.

private let asOf = CalendarDate("2026-11-29")!

/// A lab with one model of the given compute, the given AI revenue and $10M of AI R&D (2025 figures).
private func lab(
    _ name: String, compute: String? = nil, aiRevenue: String? = nil, computeRange: (String, String)? = nil
) -> LabProfile {
    var training: Fact? = compute.flatMap(Fact.operations)
    if let (low, high) = computeRange, let estimate = compute {
        training = Fact(
            value: try! FactValue(
                estimate: QuantityParser.parseNumber(estimate),
                low: QuantityParser.parseNumber(low), high: QuantityParser.parseNumber(high)),
            dimension: .operations)
    }
    return LabProfile(
        path: "corpus/\(name).yaml",
        organization: .init(
            name: name, reportingPeriod: 2025, aiRevenue: aiRevenue.flatMap { Fact.money($0) },
            aiRnDSpend: Fact.money("10M")),
        models: [
            .init(
                name: name.lowercased() + "-1", trainingCompute: training, fineTuningCompute: Fact.operations("0"),
                modalities: ["text"],
                primaryData: "general", status: .deployed, released: CalendarDate("2026-01-15")!)
        ])
}

@Suite("Impact")
struct ImpactTests {
    let book: RuleBook

    init() throws { book = try RuleBook.builtIn() }

    @Test("impact says where the seed pack's readings disagree, before and after, and for each mover")
    func readings() throws {
        // Money over the line, compute under it: any-of applies, compute-and-money does not. Lowering
        // the compute line to 1e24 brings Mid (3e24) in under both readings: it no longer depends on
        // the reading; Rich stays dependent.
        let corpus = [
            lab("Rich", compute: "1e23", aiRevenue: "900M"), lab("Mid", compute: "3e24", aiRevenue: "900M"),
            lab("Small", compute: "1e23", aiRevenue: "1M"),
        ]
        let change = try book.limitChange(pack: "frontier-ai-proposal-2026", threshold: "training-compute", to: "1e24")
        let report = try book.impact(of: [change], on: corpus, asOf: asOf)
        let seed = try #require(report.packs.first { $0.pack == "frontier-ai-proposal-2026" })
        #expect(seed.before.dependsOnReading == 2 && seed.after.dependsOnReading == 1)
        #expect(report.text().contains("depending on the reading 2 → 1"))
        #expect(report.jsonLine().contains("\"depends_on_reading\":2"))
        // Raising the money line over a big lab's revenue makes its scope depend on the reading,
        // though under the default reading nothing moves.
        let up = try book.limitChange(pack: "frontier-ai-proposal-2026", threshold: "ai-revenue", to: "950M")
        let raised = try book.impact(of: [up], on: [lab("Tuned", compute: "2e25", aiRevenue: "900M")], asOf: asOf)
        let tuned = try #require(raised.packs.first { $0.pack == "frontier-ai-proposal-2026" })
        #expect(tuned.before.dependsOnReading == 0 && tuned.after.dependsOnReading == 1)
        #expect(raised.text().contains("depending on the reading 0 → 1"))
        // A mover's line names each reading's answer.
        let lowered = try book.impact(of: [change], on: [lab("Mid", compute: "3e24", aiRevenue: "1M")], asOf: asOf)
        let mid = try #require(lowered.packs.first { $0.pack == "frontier-ai-proposal-2026" }?.movers.first)
        #expect(mid.obligations.first?.byReadingAfter.map(\.reading) == ["any-of", "compute-and-money"])
        #expect(lowered.text().contains("depends on the reading: any-of → applies, compute-and-money → does not apply"))
    }

    @Test("raising the EU systemic-risk line to 1e26 moves exactly the models between 1e25 and 1e26 out of scope")
    func raiseSystemicRisk() throws {
        let corpus = [
            lab("Two", compute: "2e25"), lab("Five", compute: "5e25"), lab("Twenty", compute: "2e26"),
            lab("Small", compute: "5e24"),
        ]
        let change = try book.limitChange(pack: "eu-ai-act-gpai", threshold: "systemic-risk-compute", to: "1e26")
        #expect(change.from == ExactDecimal(1, exponent: 25) && change.to == ExactDecimal(1, exponent: 26))
        #expect(change.unit == "FLOP" && change.comparison == .greaterThan)
        let report = try book.impact(of: [change], on: corpus, asOf: asOf)
        let eu = try #require(report.packs.first { $0.pack == "eu-ai-act-gpai" })
        #expect(eu.changed == ["systemic-risk-compute"])
        // Every model is a GPAI model (> 1e23, text), so the pack stays in scope for all of them;
        // it is the systemic-risk obligations that move.
        #expect(eu.before.inScope == 4 && eu.after.inScope == 4)
        let notification = try #require(eu.obligations.first { $0.id == "systemic-risk-notification" })
        #expect(notification.noLongerApplies == ["Two", "Five"])
        #expect(notification.newlyApplies.isEmpty && notification.newlyIndeterminate.isEmpty)
        #expect(notification.appliesBefore == 3 && notification.appliesAfter == 1)
        #expect(Set(eu.movers.map(\.name)) == ["Two", "Five"])
        for mover in eu.movers {
            #expect(mover.thresholds.map(\.id) == ["systemic-risk-compute"])
            #expect(mover.thresholds.allSatisfy { $0.before == .met && $0.after == .notMet })
            #expect(
                mover.obligations.contains {
                    $0.id == "systemic-risk-obligations" && $0.appliesBefore == .yes && $0.appliesAfter == .no
                })
        }
        // No other pack moves.
        for pack in report.packs where pack.pack != "eu-ai-act-gpai" { #expect(pack.movers.isEmpty, "\(pack.pack)") }
    }

    @Test("the same change, on a pack where it decides scope: a one-threshold pack moves exactly the first two out")
    func scopeMovement() throws {
        let pack = try RuleBook(
            yaml: """
                pack: line-only
                title: One line
                status: enacted
                effective: 2020-01-01
                thresholds:
                  - {id: compute, subject: model, fact: training_compute, greater_than: 1e25 FLOP}
                obligations:
                  - {id: duty, title: A duty, kind: report, per: model, when: compute}
                """)
        let corpus = [lab("Two", compute: "2e25"), lab("Five", compute: "5e25"), lab("Twenty", compute: "2e26")]
        let report = try pack.impact(
            of: [pack.limitChange(pack: "line-only", threshold: "compute", to: "1e26")], on: corpus, asOf: asOf)
        let impact = report.packs[0]
        #expect(impact.movers(.outOfScope).map(\.name) == ["Two", "Five"])
        #expect(impact.movers(.newlyInScope).isEmpty && impact.movers(.newlyIndeterminate).isEmpty)
        #expect(impact.before.inScope == 3 && impact.after.inScope == 1 && impact.after.outOfScope == 2)
        #expect(impact.movers.allSatisfy { $0.before == .inScope && $0.after == .outOfScope })
    }

    @Test("lowering the proposal's AI-revenue line to 100M brings in exactly the labs between 100M and 500M")
    func lowerRevenue() throws {
        // Small models, so only money can bring a lab into scope of the proposal.
        let corpus = [
            lab("Fifty", compute: "1e22", aiRevenue: "50M"), lab("OneFifty", compute: "1e22", aiRevenue: "150M"),
            lab("FourNinetyNine", compute: "1e22", aiRevenue: "499M"),
            lab("Exactly100", compute: "1e22", aiRevenue: "100M"),
            lab("SixHundred", compute: "1e22", aiRevenue: "600M"), lab("Unknown", compute: "1e22"),
        ]
        let change = try book.limitChange(pack: "frontier-ai-proposal-2026", threshold: "ai-revenue", to: "100M")
        #expect(change.unit == "USD" && change.to == ExactDecimal(100_000_000))
        let report = try book.impact(of: [change], on: corpus, asOf: asOf)
        let proposal = try #require(report.packs.first { $0.pack == "frontier-ai-proposal-2026" })
        #expect(proposal.movers(.newlyInScope).map(\.name) == ["OneFifty", "FourNinetyNine"])
        #expect(proposal.movers.map(\.name) == ["OneFifty", "FourNinetyNine"])  // 100M is not "greater than" 100M
        #expect(proposal.before.inScope == 1 && proposal.after.inScope == 3)
        // Unknown revenue stays indeterminate before and after: not a mover.
        #expect(proposal.before.indeterminate == 1 && proposal.after.indeterminate == 1)
        let cyber = try #require(proposal.obligations.first { $0.id == "cybersecurity-assessment" })
        #expect(cyber.newlyApplies == ["OneFifty", "FourNinetyNine"])
        #expect(cyber.statusChanges.map(\.name) == ["OneFifty", "FourNinetyNine"])
        #expect(cyber.statusChanges.allSatisfy { $0.before == .notRequired && $0.after == .unmet })
    }

    @Test("an uncertain value the new line crosses becomes indeterminate")
    func newlyIndeterminate() throws {
        let corpus = [
            lab("Fuzzy", compute: "8e25", aiRevenue: "50M", computeRange: ("5e25", "1.5e26")),
            lab("Sharp", compute: "8e25", aiRevenue: "50M"),
        ]
        let report = try book.impact(
            of: [book.limitChange(pack: "frontier-ai-proposal-2026", threshold: "training-compute", to: "1e26")],
            on: corpus, asOf: asOf)
        let proposal = try #require(report.packs.first { $0.pack == "frontier-ai-proposal-2026" })
        #expect(proposal.movers(.newlyIndeterminate).map(\.name) == ["Fuzzy"])
        #expect(proposal.movers(.outOfScope).map(\.name) == ["Sharp"])
        let fuzzy = proposal.movers(.newlyIndeterminate)[0]
        #expect(fuzzy.thresholds.first?.after == .indeterminate)
    }

    @Test("replacingLimit changes one limit and nothing else")
    func replacingLimit() throws {
        let changed = try book.replacingLimit(pack: "us-ca-sb53", threshold: "large-developer-revenue", with: "1B USD")
        #expect(changed.packs.count == book.packs.count)
        for (a, b) in zip(book.packs, changed.packs) {
            for (x, y) in zip(a.thresholds, b.thresholds) {
                if a.id == "us-ca-sb53" && x.id == "large-developer-revenue" {
                    #expect(y.test.limit == ExactDecimal(1_000_000_000) && y.test.comparison == x.test.comparison)
                } else {
                    #expect(x == y)
                }
            }
            #expect(a.obligations == b.obligations)
        }
        // Spellings the parser accepts, read exactly in the threshold's dimension.
        for (text, expected) in [
            ("10^26", ExactDecimal(1, exponent: 26)), ("1e26 FLOP", ExactDecimal(1, exponent: 26)),
            ("3 × 10^25", ExactDecimal(3, exponent: 25)),
            ("115741 PF-days", ExactDecimal(115_741) * ExactDecimal(864, exponent: 17)),
        ] {
            let change = try book.limitChange(pack: "eu-ai-act-gpai", threshold: "systemic-risk-compute", to: text)
            #expect(change.to == expected, "\(text)")
        }
    }

    @Test(
        "unknown packs and thresholds, bad values and wrong units are refused with a clear message",
        arguments: [
            (
                "eu-ai-act-gpia", "systemic-risk-compute", "1e26", LimitChangeError.Kind.unknownPack,
                "did you mean 'eu-ai-act-gpai'?"
            ),
            (
                "eu-ai-act-gpai", "systemic-risk-comput", "1e26", .unknownThreshold,
                "did you mean 'systemic-risk-compute'?"
            ),
            (
                "eu-ai-act-gpai", "nothing-like-it", "1e26", .unknownThreshold,
                "its thresholds are: gpai-compute, systemic-risk-compute"
            ),
            ("eu-ai-act-gpai", "systemic-risk-compute", "lots", .badValue, "systemic-risk-compute=lots"),
            ("eu-ai-act-gpai", "systemic-risk-compute", "1,000", .badValue, "comma"),
            ("eu-ai-act-gpai", "systemic-risk-compute", "500M USD", .wrongUnit, "FLOP"),
            ("eu-ai-act-gpai", "systemic-risk-compute", "1e18 FLOP/s", .wrongUnit, "FLOP"),
            ("frontier-ai-proposal-2026", "ai-revenue", "1e25 FLOP", .wrongUnit, "USD"),
            ("frontier-ai-proposal-2026", "ai-revenue", "100M EUR", .wrongUnit, "the limit is in USD, not EUR"),
            ("frontier-ai-proposal-2026", "ai-revenue", "-5M", .badValue, "ai-revenue=-5M"),
        ])
    func errors(pack: String, threshold: String, value: String, kind: LimitChangeError.Kind, fragment: String) {
        do {
            _ = try book.limitChange(pack: pack, threshold: threshold, to: value)
            Issue.record("accepted \(pack)/\(threshold)=\(value)")
        } catch {
            #expect(error.kind == kind, "\(error.message)")
            #expect(error.message.lowercased().contains(fragment.lowercased()), "\(error.message)")
        }
    }

    @Test("the same threshold twice is refused")
    func duplicate() throws {
        let change = try book.limitChange(pack: "eu-ai-act-gpai", threshold: "systemic-risk-compute", to: "1e26")
        #expect(throws: LimitChangeError.self) { try book.applying([change, change]) }
    }

    @Test("text, JSON and Markdown name the movers; JSON is exact and parses")
    func formats() throws {
        let corpus = [lab("Two", compute: "2e25"), lab("Five", compute: "5e25"), lab("Twenty", compute: "2e26")]
        let change = try book.limitChange(pack: "eu-ai-act-gpai", threshold: "systemic-risk-compute", to: "1e26")
        let report = try book.impact(of: [change], on: corpus, asOf: asOf)
        let text = report.text()
        #expect(text.contains("eu-ai-act-gpai/systemic-risk-compute: > 1e25 FLOP → > 1e26 FLOP"))
        // An in-force pack's counts include its unmet obligations; an arrow only where a count moves.
        let euSection = try #require(text.components(separatedBy: "\n\n").first { $0.hasPrefix("eu-ai-act-gpai") })
        #expect(euSection.contains("with unmet obligations") && !euSection.contains("not in force"))
        #expect(euSection.contains("\n  in scope 3 · "), "\(euSection)")
        #expect(text.contains("Two") && text.contains("Five") && !text.contains("Twenty (corpus"))
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(report.prettyJSON().utf8)) as? [String: Any])
        #expect(json["schema"] as? String == "threshold.impact/1")
        let changes = try #require(json["changes"] as? [[String: Any]])
        #expect(changes.first?["from"] as? String == "1e25" && changes.first?["to"] as? String == "1e26")
        let packs = try #require(json["packs"] as? [[String: Any]])
        let eu = try #require(packs.first { $0["pack"] as? String == "eu-ai-act-gpai" })
        let movers = try #require(eu["movers"] as? [[String: Any]])
        #expect(movers.compactMap { $0["organization"] as? String } == ["Two", "Five"])
        #expect(try JSONSerialization.jsonObject(with: Data(report.jsonLine().utf8)) is [String: Any])
        #expect(!report.jsonLine().contains("\n"))
        let markdown = report.markdown()
        #expect(markdown.contains("| `eu-ai-act-gpai/systemic-risk-compute` | > 1e25 FLOP | > 1e26 FLOP |"))
        #expect(markdown.contains("### eu-ai-act-gpai"))
    }

    @Test(
        "a pack not in force requires nothing before or after: text and Markdown count only what it would do"
    )
    func notInForce() throws {
        // 2e26 FLOP: over the revoked order's 10^26 line and New York's line (not yet in force).
        let corpus = [lab("Twenty", compute: "2e26"), lab("Two", compute: "2e25")]
        let change = try book.limitChange(pack: "us-eo-14110", threshold: "dual-use-model-compute", to: "1e25")
        let report = try book.impact(of: [change], on: corpus, asOf: asOf)
        let eo = try #require(report.packs.first { $0.pack == "us-eo-14110" })
        #expect(!eo.inForce)
        let text = report.text()
        let section = try #require(text.components(separatedBy: "\n\n").first { $0.hasPrefix("us-eo-14110") })
        #expect(
            section.contains("\n  not in force on 2026-11-29: nothing is required; were it in force:\n  in scope "),
            "\(section)")
        #expect(!section.contains("with unmet obligations"))
        // The packs the change leaves as they were are named on one line, not given a section.
        #expect(!text.contains("\neu-ai-act-gpai — "))
        #expect(text.contains("\nUnchanged: eu-ai-act-gpai"), "\(text)")
        let markdown = report.markdown()
        let row = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("| `us-eo-14110`") })
        #expect(
            row.hasPrefix("| `us-eo-14110` (not in force: counts as if it were) |")
                && row.hasSuffix("| — | \(eo.movers.count) |"), "\(row)")
        #expect(markdown.contains("| `eu-ai-act-gpai` |"))
    }

    @Test("invalid verdicts are counted and left out of the comparison")
    func invalidProfiles() throws {
        let good = lab("Two", compute: "2e25")
        let bad = Verdict(
            profile: "bad.yaml", organization: nil, asOf: asOf, packs: [],
            errors: [YAMLError(kind: .decoding, problem: "nope", mark: SourceMark(line: 1, column: 1))])
        let changed = try book.replacingLimit(pack: "eu-ai-act-gpai", threshold: "systemic-risk-compute", with: "1e26")
        let report = ImpactReport(
            before: [book.evaluate(good, asOf: asOf), bad], after: [changed.evaluate(good, asOf: asOf), bad],
            changes: [], asOf: asOf)
        #expect(report.profiles == 2 && report.invalid == 1)
        #expect(report.packs.allSatisfy { $0.before.inScope + $0.before.indeterminate + $0.before.outOfScope == 1 })
    }
}
