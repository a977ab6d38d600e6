import Foundation
import Testing

@testable import ThresholdKit

/// A one-threshold pack whose limit and comparison each test sets.
private func pack(
    fact: String = "training_compute", subject: String = "model", comparison: String = "greater_than",
    limit: String = "1e25 FLOP", extra: String = "", rates: String = ""
) -> String {
    """
    pack: test-pack
    title: Test
    status: enacted
    effective: 2020-01-01
    \(rates)
    thresholds:
      - id: line
        subject: \(subject)
        fact: \(fact)
        \(comparison): \(limit)
    \(extra)
    obligations:
      - id: duty
        title: A duty
        kind: third-party-assessment
        per: \(subject == "organization" ? "organization" : "model")
        when: line
    """
}

private let asOf = CalendarDate("2026-11-29")!

private func evaluate(_ packYAML: String, _ profileYAML: String, on date: CalendarDate = asOf) throws -> PackResult {
    try Support.evaluate(packYAML, profileYAML, on: date)
}

@Suite("Evaluation")
struct EvaluationTests {
    @Test(
        "exact boundaries: the statute's word decides",
        arguments: [
            ("greater_than", "1e25 FLOP", "10000000000000000000000001 FLOP", Truth.met),
            ("greater_than", "1e25 FLOP", "10^25 FLOP", .notMet),
            ("at_least", "1e25 FLOP", "10^25 FLOP", .met),
            ("at_least", "1e25 FLOP", "9999999999999999999999999 FLOP", .notMet),
            ("less_than", "1e25 FLOP", "1e25 FLOP", .notMet),
            ("at_most", "1e25 FLOP", "1e25", .met),
            ("greater_than", "1e25 FLOP", "115741 PF-days", .met),
            ("greater_than", "1e25 FLOP", "115740 PF-days", .notMet),
        ])
    func boundaries(comparison: String, limit: String, value: String, expected: Truth) throws {
        let result = try evaluate(
            pack(comparison: comparison, limit: limit),
            "organization: {name: L}\nmodels: [{name: m, training_compute: \(value)}]")
        #expect(result.thresholds[0].result == expected)
        #expect(result.obligations[0].applies == Applicability(expected))
    }

    @Test("a missing fact is indeterminate, never not met")
    func missingFact() throws {
        let result = try evaluate(pack(), "organization: {name: L}\nmodels: [{name: m}]")
        #expect(result.thresholds[0].result == .indeterminate)
        #expect(result.thresholds[0].value == nil)
        #expect(result.obligations[0].applies == .indeterminate)
        #expect(result.obligations[0].status == .indeterminate)
        #expect(result.thresholds[0].notes == ["training_compute is not given"])
    }

    @Test("an uncertain value straddling the line is indeterminate; one wholly above is met")
    func uncertainty() throws {
        let straddling = try evaluate(
            pack(),
            "organization: {name: L}\nmodels: [{name: m, training_compute: {estimate: 9e24, low: 5e24, high: 2e25}}]")
        #expect(straddling.thresholds[0].result == .indeterminate)
        #expect(straddling.thresholds[0].range == ExactDecimal(5, exponent: 24)...ExactDecimal(2, exponent: 25))
        let above = try evaluate(
            pack(),
            "organization: {name: L}\nmodels: [{name: m, training_compute: {estimate: 3e25, low: 2e25, high: 4e25}}]")
        #expect(above.thresholds[0].result == .met)
    }

    @Test("two estimates that disagree span an interval")
    func disagreeingEstimates() throws {
        // 6 × 1e12 × 1e12 = 6e24 and the stated 2e25 straddle 1e25.
        let result = try evaluate(
            pack(),
            "organization: {name: L}\nmodels: [{name: m, training_compute: {estimate: 2e25, parameters: 1e12, "
                + "tokens: 1e12}}]"
        )
        #expect(result.thresholds[0].result == .indeterminate)
        #expect(result.thresholds[0].range == ExactDecimal(6, exponent: 24)...ExactDecimal(2, exponent: 25))
    }

    @Test("training plus fine-tuning: a missing part decides only when training alone is over")
    func sums() throws {
        let yaml = pack(fact: "training_and_fine_tuning_compute", limit: "1e26 FLOP")
        let over = try evaluate(
            yaml, "organization: {name: L}\nmodels: [{name: m, training_compute: 9e25, fine_tuning_compute: 2e25}]")
        #expect(over.thresholds[0].result == .met)
        #expect(over.thresholds[0].value == ExactDecimal(11, exponent: 25))
        let exactly = try evaluate(
            yaml, "organization: {name: L}\nmodels: [{name: m, training_compute: 9e25, fine_tuning_compute: 1e25}]")
        #expect(exactly.thresholds[0].result == .notMet)
        let unknownPart = try evaluate(yaml, "organization: {name: L}\nmodels: [{name: m, training_compute: 9e25}]")
        #expect(unknownPart.thresholds[0].result == .indeterminate)
        let trainingAlone = try evaluate(yaml, "organization: {name: L}\nmodels: [{name: m, training_compute: 2e26}]")
        #expect(trainingAlone.thresholds[0].result == .met)
    }

    @Test("money in another currency converts only through a declared rate")
    func exchangeRates() throws {
        let yaml = pack(fact: "ai_revenue", subject: "organization", limit: "500M USD")
        let direct = try evaluate(
            yaml,
            """
            organization:
              name: L
              ai_revenue: 470M EUR
              exchange_rates: [{from: EUR, to: USD, rate: 1.08, date: 2025-12-31}]
            """)
        #expect(direct.thresholds[0].result == .met)  // 470M × 1.08 = 507.6M
        #expect(direct.thresholds[0].value == ExactDecimal(5076, exponent: 5))
        // Only the inverse rate: compared exactly as 462.9M EUR > 500M × 0.926 = 463M EUR? No.
        let inverse = try evaluate(
            yaml,
            """
            organization:
              name: L
              ai_revenue: 462.9M EUR
              exchange_rates: [{from: USD, to: EUR, rate: 0.926}]
            """)
        #expect(inverse.thresholds[0].result == .notMet)
        let inverseOver = try evaluate(
            yaml,
            "organization: {name: L, ai_revenue: 463000001 EUR, exchange_rates: [{from: USD, to: EUR, rate: 0.926}]}")
        #expect(inverseOver.thresholds[0].result == .met)
        let missing = try evaluate(yaml, "organization: {name: L, ai_revenue: 900M GBP}")
        #expect(missing.thresholds[0].result == .indeterminate)
        #expect(missing.thresholds[0].notes.contains { $0.contains("no exchange rate from GBP to USD") })
    }

    @Test("revenue in the preceding calendar year: another year is indeterminate, and says why")
    func precedingYear() throws {
        let yaml = pack(fact: "annual_gross_revenue", subject: "organization", limit: "500M USD").replacingOccurrences(
            of: "    greater_than: 500M USD", with: "    greater_than: 500M USD\n    period: preceding-calendar-year")
        let right = try evaluate(yaml, "organization: {name: L, reporting_period: 2025, annual_gross_revenue: 600M}")
        #expect(right.thresholds[0].result == .met)
        let wrong = try evaluate(yaml, "organization: {name: L, reporting_period: 2023, annual_gross_revenue: 600M}")
        #expect(wrong.thresholds[0].result == .indeterminate)
        #expect(
            wrong.thresholds[0].notes.contains(
                "the figures cover 2023, but the statute counts the preceding calendar year, 2025"))
    }

    @Test("a pack outside its dates is not in force and requires nothing")
    func inForce() throws {
        let result = try evaluate(
            pack(), "organization: {name: L}\nmodels: [{name: m, training_compute: 1e26}]",
            on: CalendarDate("2019-12-31")!)
        #expect(result.inForce == false)
        #expect(result.inForceReason == "not in force until 2020-01-01")
        #expect(result.obligations[0].status == .notRequired)
    }

    @Test("derived compute is exact and says how it was derived")
    func derivedCompute() throws {
        let result = try evaluate(
            pack(),
            "organization: {name: L}\nmodels: [{name: m, training_compute: {parameters: 405e9, tokens: 15.6e12}}]")
        #expect(result.thresholds[0].value == ExactDecimal(37908, exponent: 21))
        #expect(result.thresholds[0].result == .met)
        #expect(result.thresholds[0].notes.first?.contains("6") == true)
    }

    @Test("the verdict JSON follows the contract")
    func verdictJSON() throws {
        let book = try RuleBook(yaml: pack())
        let profile = try LabProfile(
            yaml: "organization: {name: Helios}\nmodels:\n  - name: helios-4\n    training_compute: 3.2e25 FLOP\n",
            path: "labs/helios.yaml")
        let json = book.evaluate(profile, asOf: asOf).jsonLine()
        let head =
            #"{"schema":"threshold.verdict/1","profile":"labs/helios.yaml","organization":"Helios","#
            + #""as_of":"2026-11-29","packs":[{"pack":"test-pack""#
        #expect(json.hasPrefix(head))
        let line =
            #"{"id":"line","subject":"model:helios-4","result":"met","value":"3.2e25","limit":"1e25","unit":"FLOP","#
            + #""line":4,"column":23,"#
        #expect(json.contains(line))
        #expect(json.contains(#"{"id":"duty","applies":"yes","status":"unmet","because":["line"],"#))
        #expect(json.hasSuffix(#""errors":[]}"#))
    }

    @Test("evaluation is the same from many tasks at once as sequentially")
    func concurrentEvaluation() async throws {
        let book = try RuleBook.builtIn()
        let profiles = try (0..<2_000).map { i in
            try LabProfile(
                yaml:
                    "organization: {name: Lab \(i), ai_revenue: \(i * 3)M USD}\nmodels: [{name: m\(i), "
                    + "training_compute: \(i)e23 FLOP}]",
                path: "lab\(i).yaml")
        }
        let sequential = profiles.map { book.evaluate($0, asOf: asOf) }
        let concurrent = await withTaskGroup(of: (Int, Verdict).self) { group in
            for (index, profile) in profiles.enumerated() {
                group.addTask { (index, book.evaluate(profile, asOf: asOf)) }
            }
            var results = [Verdict?](repeating: nil, count: profiles.count)
            for await (index, verdict) in group { results[index] = verdict }
            return results.compactMap { $0 }
        }
        #expect(concurrent == sequential)
    }
}

@Suite("Fact notes shared across packs")
struct FactDescriptionTests {
    /// Two models with derived and uncertain values, and uncertain money: each note names its own
    /// model's figures.
    static let profile = """
        organization:
          name: Shared Notes Lab
          jurisdictions: [US-CA, US-NY, EU]
          reporting_period: 2025
          annual_gross_revenue: {estimate: 900M USD, low: 400M USD, high: 1.4B USD}
          ai_revenue: 600M USD
        models:
          - name: first
            training_compute: {parameters: 7e11, tokens: 3e12}
            fine_tuning_compute: {estimate: 1e23 FLOP, low: 5e22 FLOP, high: 2e23 FLOP}
            status: deployed
            released: 2026-03-01
          - name: second
            training_compute: {chips: 16384, peak_per_chip: 989e12 FLOP/s, hours: 1200, utilization: 0.4}
            status: deployed
            released: 2026-05-01
          - name: third
            training_compute: {parameters: 2e12, tokens: 1e13}
            status: in-training
        """

    @Test("every pack's result is the same whether the notes on facts are shared or written afresh")
    func sharedNotesChangeNothing() throws {
        let book = try RuleBook.builtIn(tests: false)
        let profile = try LabProfile(yaml: Self.profile, path: "shared.yaml")
        for date in ["2025-06-01", "2026-07-01", "2027-09-01"].compactMap(CalendarDate.init) {
            let verdict = book.evaluate(profile, asOf: date)
            #expect(verdict.packs.count == book.packs.count)
            for index in book.packs.indices {
                let alone = book.evaluate(pack: index, profile: profile, asOf: date, sharedNotes: nil)
                #expect(verdict.packs[index] == alone, "\(book.packs[index].id) on \(date)")
            }
        }
    }

    @Test("the example labs: every pack's result is the same with notes shared, dated notes among them")
    func sharedNotesChangeNothingForTheExamples() throws {
        let book = try RuleBook.builtIn(tests: false)
        let directory = Support.packageRoot.appendingPathComponent("Examples/labs")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".yaml") }
        var dated: Set<String> = []
        // And a model placed on the EU market before the GPAI rules' transition date.
        let early = try LabProfile(
            yaml: "organization: {name: Early}\nmodels: [{name: e, training_compute: 3e25 FLOP, status: deployed, "
                + "released: 2024-06-01}]",
            path: "early.yaml")
        for name in names.sorted() + ["early"] {
            let profile =
                name == "early" ? early : try LabProfile(contentsOf: directory.appendingPathComponent(name).path)
            // Four dates, and a day some duty falls due on, for "due today".
            var dates = ["2025-09-01", "2026-07-01", "2027-01-13", "2027-09-01"].compactMap(CalendarDate.init)
            let start = CalendarDate("2026-07-01")!
            if let due = book.evaluate(profile, asOf: start).packs.flatMap(\.obligations).compactMap(\.due)
                .filter({ $0 > start }).min()
            {
                dates.append(due)
            }
            for date in dates {
                let verdict = book.evaluate(profile, asOf: date)
                for index in book.packs.indices {
                    let alone = book.evaluate(pack: index, profile: profile, asOf: date, sharedNotes: nil)
                    #expect(verdict.packs[index] == alone, "\(name): \(book.packs[index].id) on \(date)")
                }
                let obligations = verdict.packs.flatMap(\.obligations)
                for note in obligations.flatMap(\.notes) + obligations.flatMap(\.subjects).flatMap(\.notes) {
                    for start in ["not due until ", "due today, ", "placed on the market before ", "released on "]
                    where note.hasPrefix(start) {
                        dated.insert(start)
                    }
                }
            }
        }
        // Every kind of dated note was written, so every kind was compared.
        #expect(dated.count == 4, "\(dated.sorted())")
    }

    @Test("a dated note is written the first time it is asked for, then read; other dates get their own")
    func datedNotesWrittenOnce() {
        let notes = SharedNotes()
        var writes = 0
        let day = CalendarDate("2027-01-13")!
        for _ in 0..<3 {
            #expect(
                notes.note(.due(day, today: false)) {
                    writes += 1; return "not due until \(day)"
                } == "not due until 2027-01-13")
        }
        #expect(
            notes.note(.due(day, today: true)) {
                writes += 1; return "due today, \(day)"
            } == "due today, 2027-01-13")
        let later = CalendarDate("2027-01-14")!
        #expect(
            notes.note(.due(later, today: false)) {
                writes += 1; return "not due until \(later)"
            } == "not due until 2027-01-14")
        #expect(writes == 3)
    }

    @Test("a note on a derived value is written once and read by each pack that tests it, for its own model")
    func notesAreKeptPerFact() throws {
        let book = try RuleBook.builtIn(tests: false)
        let profile = try LabProfile(yaml: Self.profile, path: "shared.yaml")
        let verdict = book.evaluate(profile, asOf: CalendarDate("2026-07-01")!)
        let notes = verdict.packs.flatMap(\.thresholds).flatMap { result in result.notes.map { (result.subject, $0) } }
        let first = notes.filter { $0.1.hasPrefix("training_compute: 6 × parameters (7e11)") }
        let third = notes.filter { $0.1.hasPrefix("training_compute: 6 × parameters (2e12)") }
        // Shared across packs, and never given to another model.
        #expect(Set(first.map(\.0)) == ["model:first"])
        #expect(Set(third.map(\.0)) == ["model:third"])
        #expect(first.count > 1)
        let packsWithFirst = Set(
            verdict.packs.filter { pack in
                pack.thresholds.contains {
                    $0.notes.contains { $0.hasPrefix("training_compute: 6 × parameters (7e11)") }
                }
            }.map(\.pack))
        #expect(packsWithFirst.count > 1)
        // The uncertain revenue is described for the organisation alone.
        let revenue = notes.filter { $0.1.hasPrefix("annual_gross_revenue is uncertain") }
        #expect(!revenue.isEmpty && revenue.allSatisfy { $0.0 == "organization" })
    }

    @Test("the notes for one fact are written the first time they are asked for, then read")
    func writtenOnce() {
        let sharedNotes = SharedNotes()
        var writes = 0
        let key = SharedNotes.Key(name: "training_compute", model: 0, cluster: nil, market: nil)
        for _ in 0..<3 {
            let notes = sharedNotes.notes(for: key) {
                writes += 1
                return ["a note"]
            }
            #expect(notes == ["a note"])
        }
        let other = sharedNotes.notes(for: .init(name: "training_compute", model: 1, cluster: nil, market: nil)) {
            writes += 1
            return ["another"]
        }
        #expect(other == ["another"])
        #expect(writes == 2)
    }
}
