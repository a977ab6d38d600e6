import Foundation
import Testing
import ThresholdTestSupport

@testable import ThresholdKit

/// An obligation's status on a date, at every boundary: the due day and the day after, the last
/// valid day and the day after (leap years included), models not yet deployed, a record one day
/// late; and the records read as a set, whatever their order.
private let timedPack = """
    pack: timed-pack
    title: Test
    status: enacted
    effective: 2024-01-01
    thresholds:
      - {id: compute, subject: model, fact: training_compute, greater_than: 1e25 FLOP}
    obligations:
      - {id: assessment, kind: third-party-assessment, per: model, when: compute, due: before-deployment}
      - {id: notice, kind: notification, per: model, when: compute, due: {within_days: 14, of: release}}
      - {id: framework, kind: framework, per: organization, when: compute, due: continuing, valid_for: 1 year}
      - {id: renewed, kind: third-party-assessment, per: model, when: compute, due: before-deployment, valid_for: 1 \
    year}
      - {id: deployment-gate, kind: deployment-gate, per: model, when: {any_assessment_outcome: high-risk}}
    """

private func result(
    records: String = "[]", model: String = "status: deployed, released: 2026-07-01",
    asOf: String, pack: String = timedPack
) throws -> PackResult {
    let yaml =
        "organization: {name: L}\nmodels: [{name: m, training_compute: 3e25 FLOP, \(model)}]\nassessments: \(records)"
    let profile = try LabProfile(yaml: yaml, path: "lab.yaml")
    return try RuleBook(yaml: pack).evaluate(profile, asOf: CalendarDate(asOf)!).packs[0]
}

private extension PackResult {
    func obligation(_ id: String) -> ObligationResult { obligations.first { $0.id == id }! }
}

@Suite("Obligation status: on time, late, pending, overdue, expired")
struct ObligationStatusTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var obligation: String
        var records: String
        var model: String = "status: deployed, released: 2026-07-01"
        var asOf: String
        var status: ObligationStatus
        var lateBy: Int? = nil
        var overdueSince: String? = nil
        var validUntil: String? = nil
        var expiredOn: String? = nil
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        // The due day and the day after, with nothing on file.
        Case(name: "due today: pending", obligation: "assessment", records: "[]", asOf: "2026-07-01", status: .pending),
        Case(
            name: "the day after: overdue since that day", obligation: "assessment", records: "[]", asOf: "2026-07-02",
            status: .unmet, overdueSince: "2026-07-02"),
        Case(
            name: "fourteenth day after release: notice pending", obligation: "notice", records: "[]",
            asOf: "2026-07-15", status: .pending),
        Case(
            name: "fifteenth day: notice overdue", obligation: "notice", records: "[]", asOf: "2026-07-16",
            status: .unmet, overdueSince: "2026-07-16"),
        // A record on the due day, and one a day late.
        Case(
            name: "record on the due day: met", obligation: "assessment",
            records:
                "[{obligation: assessment, model: m, independent: true, completed: 2026-07-01, outcome: acceptable}]",
            asOf: "2026-11-29", status: .met),
        Case(
            name: "record one day after the due day: late by 1", obligation: "assessment",
            records:
                "[{obligation: assessment, model: m, independent: true, completed: 2026-07-02, outcome: acceptable}]",
            asOf: "2026-11-29", status: .late, lateBy: 1),
        Case(
            name: "notice due on the fourteenth day, filed 93 days after it", obligation: "notice",
            records: "[{obligation: notice, model: m, completed: 2026-10-16}]", asOf: "2026-11-29", status: .late,
            lateBy: 93),
        // Models not yet deployed.
        Case(
            name: "in training: pending", obligation: "assessment", records: "[]", model: "status: in-training",
            asOf: "2026-11-29", status: .pending),
        Case(
            name: "internal only: pending", obligation: "assessment", records: "[]", model: "status: internal",
            asOf: "2026-11-29", status: .pending),
        Case(
            name: "released in 2028: pending until then", obligation: "assessment", records: "[]",
            model: "status: internal, released: 2028-03-01", asOf: "2026-11-29", status: .pending),
        Case(
            name: "neither status nor release date: indeterminate, never unmet", obligation: "assessment",
            records: "[]",
            model: "modalities: [text]", asOf: "2026-11-29", status: .indeterminate),
        Case(
            name: "deployed without a release date: unmet, day unknown", obligation: "assessment", records: "[]",
            model: "status: deployed", asOf: "2026-11-29", status: .unmet),
        // Validity: through the completion date plus a year, inclusive; leap years by the calendar.
        Case(
            name: "last valid day of a yearly review", obligation: "framework",
            records: "[{obligation: framework, completed: 2027-03-01}]", asOf: "2028-03-01", status: .met,
            validUntil: "2028-03-01"),
        Case(
            name: "the day after it: expired", obligation: "framework",
            records: "[{obligation: framework, completed: 2027-03-01}]", asOf: "2028-03-02", status: .expired,
            expiredOn: "2028-03-02"),
        Case(
            name: "29 February plus a year is 28 February", obligation: "framework",
            records: "[{obligation: framework, completed: 2024-02-29}]", asOf: "2025-02-28", status: .met,
            validUntil: "2025-02-28"),
        Case(
            name: "and 1 March it has expired", obligation: "framework",
            records: "[{obligation: framework, completed: 2024-02-29}]", asOf: "2025-03-01", status: .expired,
            expiredOn: "2025-03-01"),
        // A renewal judged against the end of the record it renews.
        Case(
            name: "renewed on the last valid day: met", obligation: "renewed",
            records:
                "[{obligation: renewed, model: m, independent: true, completed: 2026-06-01, outcome: acceptable}, "
                + "{obligation: renewed, model: m, independent: true, completed: 2027-06-01, outcome: acceptable}]",
            asOf: "2027-08-01", status: .met, validUntil: "2028-06-01"),
        Case(
            name: "renewed 30 days after the last valid day: late by 30", obligation: "renewed",
            records:
                "[{obligation: renewed, model: m, independent: true, completed: 2026-06-01, outcome: acceptable}, "
                + "{obligation: renewed, model: m, independent: true, completed: 2027-07-01, outcome: acceptable}]",
            asOf: "2027-08-01", status: .late, lateBy: 30, validUntil: "2028-07-01"),
    ]

    @Test("each boundary", arguments: cases)
    func boundary(_ c: Case) throws {
        let duty = try result(records: c.records, model: c.model, asOf: c.asOf).obligation(c.obligation)
        #expect(duty.status == c.status, "\(duty.notes)")
        #expect(duty.lateByDays == c.lateBy)
        #expect(duty.overdueSince == c.overdueSince.flatMap(CalendarDate.init))
        #expect(duty.validUntil == c.validUntil.flatMap(CalendarDate.init))
        #expect(duty.expiredOn == c.expiredOn.flatMap(CalendarDate.init))
        // Every non-met status says why.
        let reasons: [String] = duty.subjects.isEmpty ? duty.notes : duty.subjects[0].notes
        if c.status != .met { #expect(reasons.count > 0) }
    }

    @Test("the JSON carries late_by_days, overdue_since, valid_until and expired_on")
    func jsonFields() throws {
        let late = try result(records: "[{obligation: notice, model: m, completed: 2026-10-16}]", asOf: "2026-11-29")
        let verdict = Verdict(profile: "lab.yaml", organization: "L", asOf: CalendarDate("2026-11-29")!, packs: [late])
        let line = verdict.jsonLine()
        #expect(line.contains(#""id":"notice","applies":"yes","status":"late""#))
        #expect(line.contains(#""late_by_days":93"#))
        #expect(line.contains(#""overdue_since":"2026-07-02""#))
        #expect(line.contains(#""valid_until":"#) == false)
    }

    @Test(
        "a high-risk finding beside an acceptable one of the same day blocks, in either order; the note names both"
    )
    func sameDayConflict() throws {
        let high =
            "{obligation: assessment, model: m, assessor: B, independent: true, completed: 2026-06-20, outcome: "
            + "high-risk}"
        let fine =
            "{obligation: assessment, model: m, assessor: A, independent: true, completed: 2026-06-20, outcome: "
            + "acceptable}"
        let first = try result(records: "[\(high), \(fine)]", asOf: "2026-11-29")
        let second = try result(records: "[\(fine), \(high)]", asOf: "2026-11-29")
        for pack in [first, second] {
            #expect(pack.deployment == .blocked)
            #expect(pack.obligation("assessment").status == .unmet)
            let notes = pack.obligation("assessment").subjects[0].notes.joined(separator: " ")
            #expect(notes.contains("by B") && notes.contains("by A") && notes.contains("the high-risk finding stands"))
        }
        // A later acceptable finding (after mitigation) does decide.
        let later = try result(
            records:
                "[\(high), {obligation: assessment, model: m, independent: true, completed: 2026-07-01, outcome: "
                + "acceptable}]",
            asOf: "2026-11-29")
        #expect(later.obligation("deployment-gate").applies == .no)
        #expect(later.obligation("assessment").status == .met)
    }

    @Test("deployment is not-gated for a pack without a gate, permitted only where a gate exists")
    func notGated() throws {
        let ungated = timedPack.replacingOccurrences(
            of:
                "  - {id: deployment-gate, kind: deployment-gate, per: model, when: {any_assessment_outcome: "
                + "high-risk}}",
            with: "")
        #expect(ungated != timedPack)
        #expect(try result(asOf: "2026-11-29", pack: ungated).deployment == .notGated)
        let done =
            "[{obligation: assessment, model: m, independent: true, completed: 2026-06-01, outcome: acceptable}, "
            + "{obligation: notice, model: m, completed: 2026-07-01}, {obligation: framework, completed: "
            + "2026-06-01}, {obligation: renewed, model: m, independent: true, completed: 2026-06-01, outcome: "
            + "acceptable}]"
        #expect(try result(records: done, asOf: "2026-11-29").deployment == .permitted)
        #expect(try result(records: done, asOf: "2026-11-29", pack: ungated).deployment == .notGated)
        // A model still in training with its assessments pending may not be deployed yet.
        #expect(try result(model: "status: in-training", asOf: "2026-11-29").deployment == .indeterminate)
    }

    @Test("records and exchange rates in any order give byte-identical verdict JSON")
    func orderNeverMatters() throws {
        let yaml = """
            organization:
              name: Shuffled
              ai_revenue: 450M EUR
              exchange_rates:
                - {from: EUR, to: USD, rate: 1.25}
                - {from: USD, to: EUR, rate: 0.8}
                - {from: GBP, to: USD, rate: 1.5}
            models:
              - {name: a, training_compute: 3e25 FLOP, status: deployed, released: 2026-07-01}
              - {name: b, training_compute: 3e25 FLOP, status: internal}
            assessments:
              - {obligation: cybersecurity-assessment, model: a, assessor: X, independent: true, completed: \
            2026-06-20, outcome: acceptable}
              - {obligation: cybersecurity-assessment, model: a, assessor: Y, independent: true, completed: \
            2026-06-20, outcome: high-risk}
              - {obligation: biological-weapons-assessment, model: a, assessor: X, independent: true, completed: \
            2026-07-20, outcome: acceptable}
              - {obligation: biological-weapons-assessment, model: a, assessor: Z, independent: true, completed: \
            2026-07-20, outcome: acceptable}
              - {obligation: loss-of-control-assessment, model: a, independent: true, outcome: acceptable}
              - {obligation: loss-of-control-assessment, model: a, independent: true, completed: 2026-05-01}
              - {obligation: loss-of-control-assessment, model: a, independent: false, completed: 2026-06-01, outcome: \
            acceptable}
              - {obligation: automated-ai-rnd-assessment, model: b, independent: true, completed: 2027-01-01, outcome: \
            acceptable}
              - {obligation: automated-ai-rnd-assessment, model: b, independent: true, completed: 2026-01-01, outcome: \
            high-risk}
              - {obligation: frontier-transparency-report, pack: us-ca-sb53, model: a, completed: 2026-07-02}
              - {obligation: frontier-ai-framework, completed: 2025-11-01}
              - {obligation: frontier-ai-framework, completed: 2025-11-30}
            """
        let book = try RuleBook.builtIn()
        let profile = try LabProfile(yaml: yaml, path: "shuffled.yaml")
        let date = CalendarDate("2026-11-29")!
        let expected = book.evaluate(profile, asOf: date).jsonLine()
        var generator = SplitMix64(seed: 0x5EED)
        for _ in 0..<200 {
            var shuffled = profile
            shuffled.assessments.shuffle(using: &generator)
            shuffled.organization.exchangeRates.shuffle(using: &generator)
            #expect(book.evaluate(shuffled, asOf: date).jsonLine() == expected)
        }
    }

    @Test(
        "a record naming an obligation or pack that no loaded pack defines is an error at its line, with a suggestion")
    func recordsChecked() throws {
        let book = try RuleBook.builtIn()
        let options = LoadOptions(records: book.records)
        let typo = """
            organization: {name: L}
            models: [{name: m, training_compute: 3e25 FLOP}]
            assessments:
              - {obligation: biological-weapons-assesment, model: m, independent: true, completed: 2026-06-01, \
            outcome: high-risk}
            """
        /// The first line of the error loading `yaml` gives, or nil when it loads.
        func refusal(_ yaml: String) -> String? {
            do {
                _ = try LabProfile(yaml: yaml, path: "lab.yaml", options: options)
                return nil
            } catch {
                return (error as? YAMLError)?.headline ?? "\(error)"
            }
        }
        #expect(
            refusal(typo)
                == "lab.yaml:4:18: error: assessments[0].obligation: no loaded rule pack defines an obligation "
                + "'biological-weapons-assesment'; did you mean 'biological-weapons-assessment'?"
        )
        let pack =
            "organization: {name: L}\nmodels: []\nassessments:\n  - {obligation: frontier-ai-framework, pack: "
            + "us-ca-sb5, completed: 2026-06-01}\n"
        #expect(
            refusal(pack)
                == "lab.yaml:4:47: error: assessments[0].pack: no rule pack 'us-ca-sb5' is loaded; did you mean "
                + "'us-ca-sb53'?"
        )
        // An id written with words of its own around a known one is pointed to the known id.
        let prefixed = typo.replacingOccurrences(
            of: "biological-weapons-assesment", with: "third-party-biological-weapons-assessment")
        #expect(
            refusal(prefixed)
                == "lab.yaml:4:18: error: assessments[0].obligation: no loaded rule pack defines an obligation "
                + "'third-party-biological-weapons-assessment'; did you mean 'biological-weapons-assessment'?"
        )
        // Without the check at load, evaluation refuses the profile all the same.
        let loose = try LabProfile(yaml: typo, path: "lab.yaml")
        let verdict = book.evaluate(loose, asOf: CalendarDate("2026-11-29")!)
        #expect(verdict.isInvalid && verdict.packs.isEmpty)
        #expect(verdict.errors[0].mark.line == 4)
        // A record for a pack that --pack leaves out is fine.
        let sb53 =
            "organization: {name: L}\nmodels: []\nassessments:\n  - {obligation: frontier-ai-framework, pack: "
            + "us-ca-sb53, completed: 2026-06-01}\n"
        let selected = try book.selecting(["frontier-ai-proposal-2026"])
        let profile = try LabProfile(yaml: sb53, path: "lab.yaml", options: LoadOptions(records: selected.records))
        #expect(!selected.evaluate(profile, asOf: CalendarDate("2026-11-29")!).isInvalid)
    }

    @Test("a rate and its inverse must multiply to exactly 1; a currency's rate to itself is 1")
    func ratesAgree() throws {
        func load(_ rates: String) throws -> LabProfile {
            try LabProfile(yaml: "organization:\n  name: L\n  exchange_rates:\n\(rates)models: []\n", path: "lab.yaml")
        }
        do {
            _ = try load("    - {from: EUR, to: USD, rate: 1.05}\n    - {from: USD, to: EUR, rate: 0.8}\n")
            Issue.record("contradictory rates were accepted")
        } catch let error as YAMLError {
            #expect(error.mark.line == 5)
            #expect(error.message.contains("disagrees with the rate at line 4"))
        }
        #expect(throws: YAMLError.self) { try load("    - {from: USD, to: USD, rate: 2}\n") }
        let agreed = try load("    - {from: EUR, to: USD, rate: 1.25}\n    - {from: USD, to: EUR, rate: 0.8}\n")
        #expect(agreed.organization.exchangeRates.count == 2)
    }

    @Test("estimates that disagree are shown as the interval they span, with no value between them")
    func intervalsAsIntervals() throws {
        let profile = try LabProfile(
            yaml: """
                organization: {name: Span}
                models: [{name: m, training_compute: {estimate: 2e25 FLOP, parameters: 1e9, tokens: 1e12}, status: \
                internal}]
                """, path: "span.yaml")
        let verdict = try RuleBook.builtIn().selecting(["frontier-ai-proposal-2026"]).evaluate(
            profile, asOf: CalendarDate("2026-11-29")!)
        let compute = try #require(verdict.packs[0].thresholds.first { $0.id == "training-compute" })
        #expect(compute.value == nil && compute.margin == nil)
        #expect(compute.range == ExactDecimal("6e21")!...ExactDecimal("2e25")!)
        #expect(compute.result == .indeterminate)
        let line = verdict.jsonLine()
        #expect(line.contains(#""value":null"#) && line.contains(#""low":"6e21","high":"2e25""#))
        #expect(!line.contains("1.0003e25"))
        #expect(verdict.text(style: TextStyle(explain: true, color: false)).contains("6e21–2e25 FLOP vs > 1e25 FLOP"))
    }

    @Test(
        "a hostile profile of 50 models with 1e10000-scale hardware estimates is refused at its first value, at once",
        .timeLimit(.minutes(1)))
    func boundedCost() throws {
        var yaml = "organization: {name: Hostile, ai_revenue: 1M USD}\nmodels:\n"
        for index in 0..<50 {
            yaml +=
                "  - {name: m\(index), training_compute: {estimate: 3e25 FLOP, chips: 1e10000, peak_per_chip: "
                + "1e10000 FLOP/s, hours: 1e-10000, utilization: 0.4}}\n"
        }
        do {
            _ = try LabProfile(yaml: yaml, path: "hostile.yaml")
            Issue.record("the hostile profile was accepted")
        } catch let error as YAMLError {
            #expect(error.kind == .limit)
            #expect(error.mark.line == 3)
            #expect(error.message.contains("more than the limit of 1000 (raise ProfileLimits.maxDigits)"))
        }
        // At the limit's edge, evaluation stays cheap: values of 1,000 digits compare and print.
        var edge = "organization: {name: Edge, ai_revenue: 1M USD}\nmodels:\n"
        for index in 0..<50 {
            edge +=
                "  - {name: m\(index), training_compute: {estimate: 1e990 FLOP, low: 1e-990 FLOP, high: 1e990 FLOP}, "
                + "status: internal}\n"
        }
        let profile = try LabProfile(yaml: edge, path: "edge.yaml")
        let verdict = try RuleBook.builtIn().evaluate(profile, asOf: CalendarDate("2026-11-29")!)
        #expect(!verdict.isInvalid)
        #expect(ExactDecimal("1e990")!.positionalDigitCount == 991)
        #expect(ExactDecimal("0.001")!.positionalDigitCount == 4)
    }

    @Test("%YAML 1.1 is refused at its line with a way out; %YAML 1.2 reads")
    func yamlVersion() throws {
        let body = "---\norganization: {name: L, ai_revenue: 0500000001 USD}\nmodels: []\n"
        do {
            _ = try LabProfile(yaml: "%YAML 1.1\n" + body, path: "old.yaml")
            Issue.record("a YAML 1.1 document was read under 1.2's rules")
        } catch let error as YAMLError {
            #expect(error.headline.hasPrefix("old.yaml:1:1: error: %YAML 1.1: Threshold reads YAML 1.2 only"))
            #expect(error.message.contains("remove the %YAML line"))
        }
        let current = try LabProfile(yaml: "%YAML 1.2\n" + body, path: "new.yaml")
        #expect(current.organization.aiRevenue?.value.estimate == ExactDecimal("500000001"))
    }

    @Test("calendar periods parse as statutes write them and add by the calendar")
    func periods() throws {
        #expect(CalendarPeriod("1 year") == CalendarPeriod(years: 1))
        #expect(CalendarPeriod("3 months") == CalendarPeriod(months: 3))
        #expect(CalendarPeriod("1 year and 6 months") == CalendarPeriod(years: 1, months: 6))
        #expect(CalendarPeriod("2 weeks") == CalendarPeriod(days: 14))
        for bad in ["", "year", "0 days", "1 fortnight", "-1 year", "101 years", "1.5 years"] {
            #expect(CalendarPeriod(bad) == nil, "\(bad)")
        }
        #expect(CalendarDate("2024-01-31")!.adding(CalendarPeriod(months: 1)) == CalendarDate("2024-02-29"))
        #expect(CalendarDate("2027-11-30")!.adding(CalendarPeriod(months: 3)) == CalendarDate("2028-02-29"))
        #expect(CalendarDate("2027-03-01")!.adding(CalendarPeriod(years: 1)) == CalendarDate("2028-03-01"))
        #expect(CalendarPeriod(years: 1, months: 6).description == "1 year 6 months")
    }

    @Test("an obligation's due date is the date of the subjects that have its status, not an undecided one's")
    func dueDateExplainsStatus() throws {
        // Model a is overdue (due on its release, 2026-09-15); model b's compute is unknown, so its
        // duty is undecided, though its release (2026-03-01) is earlier.
        let yaml = """
            organization: {name: L}
            models:
              - {name: a, training_compute: 3e25 FLOP, status: deployed, released: 2026-09-15}
              - {name: b, status: deployed, released: 2026-03-01}
            assessments: []
            """
        let profile = try LabProfile(yaml: yaml, path: "lab.yaml")
        let pack = try RuleBook(yaml: timedPack).evaluate(profile, asOf: CalendarDate("2026-12-01")!).packs[0]
        let assessment = pack.obligation("assessment")
        #expect(assessment.status == .unmet)
        #expect(assessment.subjects.map(\.status) == [.unmet, .indeterminate])
        #expect(assessment.subjects.map(\.due) == [CalendarDate("2026-09-15"), CalendarDate("2026-03-01")])
        #expect(assessment.due == CalendarDate("2026-09-15"))
        #expect(assessment.overdueSince == CalendarDate("2026-09-16"))
    }

    @Test("the outcomes on file are every outcome some record gives, and no other")
    func outcomesOnFile() {
        typealias Record = LabProfile.AssessmentRecord
        func outcomes(_ given: [Record.Outcome?]) -> [Record.Outcome] {
            let onFile = Evaluator.OutcomesOnFile(given.map { Record(obligation: "o", outcome: $0) })
            return Record.Outcome.allCases.filter { onFile.contains($0) }
        }
        #expect(outcomes([]).isEmpty)
        #expect(outcomes([nil, nil]).isEmpty)
        #expect(outcomes([.acceptable, nil]) == [.acceptable])
        #expect(outcomes([nil, .highRisk]) == [.highRisk])
        #expect(outcomes([.highRisk, .acceptable, .highRisk]) == Record.Outcome.allCases)
    }
}
