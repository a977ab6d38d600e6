import Foundation
import Testing

@testable import ThresholdKit

/// The assessments on file, the deadlines they answer, the deployment gate, and what a profile
/// leaves out: each case a reading of the records that would have given a wrong verdict.
private let assessmentPack = """
    pack: gate-pack
    title: Test
    status: enacted
    effective: 2026-06-10
    thresholds:
      - {id: compute, subject: model, fact: training_compute, greater_than: 1e25 FLOP}
    obligations:
      - id: assessment
        title: An assessment
        kind: third-party-assessment
        per: model
        when: compute
        due: before-deployment
        valid_for_days: 365
      - id: notice
        title: A notice
        kind: notification
        per: model
        when: compute
        due: {within_days: 14, of: release}
      - id: deployment-gate
        kind: deployment-gate
        per: model
        when: {any_assessment_outcome: high-risk}
    """

private func verdict(
    _ records: String, models: String = "[{name: m, training_compute: 3e25 FLOP, released: 2026-07-01}]",
    asOf: String = "2026-11-29", pack: String = assessmentPack
) throws -> PackResult {
    let profile = try LabProfile(
        yaml: "organization: {name: L}\nmodels: \(models)\nassessments: \(records)", path: "lab.yaml")
    return try RuleBook(yaml: pack).evaluate(profile, asOf: CalendarDate(asOf)!).packs[0]
}

private extension PackResult {
    func obligation(_ id: String) -> ObligationResult { obligations.first { $0.id == id }! }
}

@Suite("Records, deadlines and the deployment gate")
struct RecordsAndDeadlinesTests {
    @Test("a complete, independent, acceptable assessment meets the duty and permits deployment")
    func completeRecord() throws {
        let result = try verdict(
            "[{obligation: assessment, model: m, independent: true, completed: 2026-06-20, outcome: acceptable}]")
        #expect(result.obligation("assessment").status == .met)
    }

    @Test(
        "a record that leaves out its date, its outcome or its assessor's independence never counts as met",
        arguments: [
            ("{obligation: assessment, model: m, independent: true, outcome: acceptable}", "no completion date"),
            ("{obligation: assessment, model: m, independent: true, completed: 2026-06-20}", "gives no outcome"),
            ("{obligation: assessment, model: m, completed: 2026-06-20, outcome: acceptable}", "independent"),
            ("{obligation: assessment, model: m}", "no completion date"),
        ])
    func incompleteRecords(record: String, reason: String) throws {
        let result = try verdict("[\(record)]")
        let assessment = result.obligation("assessment")
        #expect(assessment.status == .indeterminate)
        #expect(assessment.subjects[0].notes.contains { $0.contains(reason) }, "\(assessment.subjects[0].notes)")
        #expect(result.deployment == .indeterminate)
    }

    @Test("a self-assessment is set aside; an incomplete record beside a complete acceptable one does not matter")
    func setAside() throws {
        let selfAssessed = try verdict(
            "[{obligation: assessment, model: m, independent: false, completed: 2026-06-20, outcome: acceptable}]")
        #expect(selfAssessed.obligation("assessment").status == .unmet)
        let both = try verdict(
            """
            [{obligation: assessment, model: m, independent: true, completed: 2026-06-20, outcome: acceptable},
             {obligation: assessment, model: m}]
            """)
        #expect(both.obligation("assessment").status == .met)
    }

    @Test("a notification needs no outcome and no independent assessor")
    func notificationRecord() throws {
        let result = try verdict("[{obligation: notice, model: m, completed: 2026-07-10}]")
        #expect(result.obligation("notice").status == .met)
    }

    @Test(
        "only an independent, current finding for a duty that applies blocks deployment",
        arguments: [
            // (records, as-of, expected deployment)
            (
                "[{obligation: assessment, model: m, independent: true, completed: 2026-06-20, outcome: high-risk}]",
                "2026-11-29", Deployment.blocked
            ),
            (
                "[{obligation: assessment, model: m, independent: false, completed: 2026-06-20, outcome: high-risk}]",
                "2026-11-29", .indeterminate
            ),
            (
                "[{obligation: assessment, model: m, independent: true, completed: 2025-06-20, outcome: high-risk}]",
                "2026-11-29", .indeterminate
            ),
            (
                "[{obligation: assessment, model: m, independent: true, completed: 2026-12-20, outcome: high-risk}]",
                "2026-11-29", .indeterminate
            ),
        ])
    func gate(records: String, asOf: String, expected: Deployment) throws {
        #expect(try verdict(records, asOf: asOf).deployment == expected)
    }

    @Test("a high-risk finding for a model under every line does not block it")
    func gateNeedsAnApplicableDuty() throws {
        let result = try verdict(
            "[{obligation: assessment, model: m, independent: true, completed: 2026-06-20, outcome: high-risk}]",
            models: "[{name: m, training_compute: 1e24 FLOP, released: 2026-07-01}]")
        #expect(result.obligation("assessment").applies == .no)
        #expect(result.deployment == .permitted)
        // With the compute unknown, whether the finding blocks is unknown too.
        let unknown = try verdict(
            "[{obligation: assessment, model: m, independent: true, completed: 2026-06-20, outcome: high-risk}]",
            models: "[{name: m, released: 2026-07-01}]")
        #expect(unknown.obligation("deployment-gate").applies == .indeterminate)
        #expect(unknown.deployment == .indeterminate)
    }

    @Test("nothing falls due before the pack takes effect")
    func dueNoEarlierThanEffective() throws {
        let result = try verdict("[]", models: "[{name: m, training_compute: 3e25 FLOP, released: 2025-06-01}]")
        #expect(result.obligation("assessment").due == CalendarDate("2026-06-10"))
        #expect(result.obligation("notice").due == CalendarDate("2026-06-10"))
        #expect(
            result.obligation("assessment").subjects[0].notes.contains { $0.contains("before the pack took effect") })
        let later = try verdict("[]", models: "[{name: m, training_compute: 3e25 FLOP, released: 2026-08-01}]")
        #expect(later.obligation("notice").due == CalendarDate("2026-08-15"))
    }

    @Test(
        "EU AI Act Art. 111(3): a model on the market before 2 Aug 2025 is due 2 Aug 2027, before and after that date"
    )
    func transitionDeadline() throws {
        let model = "[{name: m, training_compute: 3e25 FLOP, modalities: [text], released: 2025-03-01}]"
        let book = try RuleBook.builtIn()
        for (asOf, status) in [
            ("2027-08-01", ObligationStatus.pending), ("2027-08-02", .pending), ("2027-08-03", .unmet),
        ] {
            let profile = try LabProfile(yaml: "organization: {name: L}\nmodels: \(model)", path: "lab.yaml")
            let pack = book.evaluate(profile, asOf: CalendarDate(asOf)!).packs.first { $0.pack == "eu-ai-act-gpai" }!
            for obligation in pack.obligations {
                #expect(obligation.due == CalendarDate("2027-08-02"), "\(obligation.id) on \(asOf)")
                #expect(obligation.status == status, "\(obligation.id) on \(asOf)")
            }
        }
    }

    @Test("a profile with no models: list leaves every model threshold indeterminate; models: [] means none")
    func unlistedModels() throws {
        let unlisted = try LabProfile(yaml: "organization: {name: L}", path: "lab.yaml")
        #expect(!unlisted.listsModels && !unlisted.listsClusters)
        let result = try RuleBook(yaml: assessmentPack).evaluate(unlisted, asOf: CalendarDate("2026-11-29")!).packs[0]
        #expect(result.thresholds.map(\.subject) == ["models"])
        #expect(result.thresholds[0].result == .indeterminate)
        #expect(result.obligation("assessment").applies == .indeterminate)
        #expect(result.deployment == .indeterminate)

        let none = try LabProfile(yaml: "organization: {name: L}\nmodels: []", path: "lab.yaml")
        let noneResult = try RuleBook(yaml: assessmentPack).evaluate(none, asOf: CalendarDate("2026-11-29")!).packs[0]
        #expect(noneResult.thresholds.isEmpty)
        #expect(noneResult.obligation("assessment").applies == .no)
        #expect(noneResult.deployment == .permitted)
    }

    @Test("a condition that fails says why: a model over the line that generates none of the modalities")
    func failedConditionExplained() throws {
        let profile = try LabProfile(
            yaml: """
                organization: {name: L}
                models: [{name: m, training_compute: 4e23 FLOP, fine_tuning_compute: 0 FLOP, modalities: \
                [protein-sequence]}]
                clusters: []
                """, path: "lab.yaml")
        let verdict = try RuleBook.builtIn().evaluate(profile, asOf: CalendarDate("2026-11-29")!)
        let pack = verdict.packs.first { $0.pack == "eu-ai-act-gpai" }!
        let gpai = pack.thresholds.first { $0.id == "gpai-compute" }!
        #expect(gpai.result == .notMet)
        #expect(
            gpai.notes.contains("modalities (protein-sequence) include none of text, speech, image, video"),
            "\(gpai.notes)")
        // The text report states the value's true relation to the line; the marker says "no".
        let text = verdict.text(style: TextStyle(explain: true))
        #expect(text.contains("no   gpai-compute") && text.contains("4e23 FLOP > 1e23 FLOP"), "\(text)")
        #expect(text.contains("4e23 FLOP ≤ 1e25 FLOP"), "\(text)")
    }

    @Test(
        "training plus fine-tuning: fine-tuning alone over the line decides it even when training is not given",
        arguments: [("2e26 FLOP", Truth.met), ("5e25 FLOP", .indeterminate)])
    func fineTuningAlone(fineTuning: String, expected: Truth) throws {
        let profile = try LabProfile(
            yaml: "organization: {name: L}\nmodels: [{name: m, fine_tuning_compute: \(fineTuning)}]",
            path: "lab.yaml")
        let pack = try RuleBook.builtIn().evaluate(profile, asOf: CalendarDate("2026-11-29")!).packs.first {
            $0.pack == "us-ca-sb53"
        }!
        let compute = pack.thresholds.first { $0.id == "frontier-model-compute" }!
        #expect(compute.result == expected)
        #expect(compute.mark?.line == 2)
        #expect(
            compute.notes.contains { $0.hasPrefix("training_compute is not given: it counts toward this threshold") })
    }

    @Test("a margin that rounds to 1 keeps the digits that show which side of the line the value is on")
    func marginNearOne() throws {
        let profile = try LabProfile(
            yaml: "organization: {name: L}\nmodels: [{name: m, training_compute: 10000000000000000000000001 FLOP}]",
            path: "lab.yaml")
        let result = try RuleBook(yaml: assessmentPack).evaluate(profile, asOf: CalendarDate("2026-11-29")!).packs[0]
        #expect(result.thresholds[0].margin?.description == "1.0000000000000000000000001")
        let exact = try LabProfile(
            yaml: "organization: {name: L}\nmodels: [{name: m, training_compute: 1e25 FLOP}]", path: "lab.yaml")
        #expect(
            try RuleBook(yaml: assessmentPack).evaluate(exact, asOf: CalendarDate("2026-11-29")!).packs[0].thresholds[0]
                .margin?.description == "1")
    }

    @Test("a fact that cannot be converted keeps its position")
    func missingRateKeepsPosition() throws {
        let pack = """
            pack: money
            title: Money
            status: enacted
            thresholds: [{id: revenue, subject: organization, fact: ai_revenue, greater_than: 500M USD}]
            obligations: [{id: duty, title: Duty, kind: report, when: revenue}]
            """
        let profile = try LabProfile(
            yaml: "organization:\n  name: L\n  ai_revenue: 460M EUR\nmodels: []", path: "lab.yaml")
        let threshold = try RuleBook(yaml: pack).evaluate(profile, asOf: CalendarDate("2026-11-29")!).packs[0]
            .thresholds[0]
        #expect(threshold.result == .indeterminate)
        #expect(threshold.mark?.line == 3 && threshold.mark?.column == 15)
    }
}

@Suite("Calendar dates as text")
struct CalendarDateTextTests {
    @Test("every day's text is its year, month and day, padded, and reads back as the same day")
    func descriptionRoundTrips() {
        // Every day from 0001-01-01 to 9999-12-31 is too many for a test; every 97th day is a
        // sample that falls on each month, day and kind of year.
        let first = CalendarDate(year: 1, month: 1, day: 1)!.daysSinceEpoch
        let last = CalendarDate(year: 9999, month: 12, day: 31)!.daysSinceEpoch
        for days in stride(from: first, through: last, by: 97) + [first, last] {
            let date = CalendarDate(daysSinceEpoch: days)
            var bytes: [UInt8] = []
            date.appendDescription(to: &bytes)
            #expect(date.description == String(decoding: bytes, as: UTF8.self))
            #expect(date.description.utf8.count == 10)
            #expect(CalendarDate(date.description) == date, "\(date.description)")
            #expect(bytes.withUnsafeBufferPointer { CalendarDate(utf8: $0) } == date)
        }
    }

    @Test("text that is not a day reads as none, from a string, a substring or bytes")
    func notADay() {
        for text in [
            "", "2026-02-29", "2026-13-01", "2026-00-10", "0000-01-01", "2026-1-01", "2026/01/01", " 2026-01-01",
            "2026-01-011", "２０２６-01-01", "2026-01-0a",
        ] {
            #expect(CalendarDate(text) == nil, "\(text)")
            #expect(CalendarDate(Substring("x" + text).dropFirst()) == nil, "\(text)")
            #expect(Array(text.utf8).withUnsafeBufferPointer { CalendarDate(utf8: $0) } == nil, "\(text)")
        }
        #expect(CalendarDate(Substring("x2024-02-29").dropFirst()) == CalendarDate(year: 2024, month: 2, day: 29))
    }

    @Test("a day moved past 9999 by adding days still says its year in full")
    func pastTheCalendar() {
        let far = CalendarDate(year: 9999, month: 12, day: 31)!.adding(days: 4_000_000)
        #expect(far.year > 9999)
        #expect(far.description.hasPrefix(String(far.year) + "-"))
        let early = CalendarDate(year: 1, month: 1, day: 1)!.adding(days: -400)
        #expect(early.year < 1)
        #expect(early.description.hasPrefix("-"))
    }

    @Test("no period leaves a day of the calendar as it is, and brings a day past it back as a period does")
    func addingNoPeriod() {
        let none = CalendarPeriod()
        for text in ["2024-02-29", "2026-01-31", "0001-01-01", "9999-12-31"] {
            let day = CalendarDate(text)!
            #expect(day.adding(none) == day, "\(text)")
            #expect(day.adding(CalendarPeriod(days: 1)).adding(days: -1) == day, "\(text)")
        }
        // Past the calendar, no period clamps the year as any other period of whole months does.
        let far = CalendarDate(year: 9999, month: 12, day: 31)!.adding(days: 400)
        #expect(far.adding(none) == far.adding(CalendarPeriod(years: 0, months: 0, days: 0)))
        #expect(far.adding(none).year == 9999)
        #expect(far.adding(none) == CalendarDate(year: 9999, month: far.month, day: far.day))
    }
}
