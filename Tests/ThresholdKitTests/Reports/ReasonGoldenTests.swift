import Foundation
import Testing

@testable import ThresholdKit

/// Every status and every reason, in text and Markdown, each against a golden file under
/// Tests/ThresholdKitTests/Golden/reasons (rewritten with THRESHOLD_UPDATE_GOLDEN=1); and the
/// reasons themselves asserted word for word, so that a golden rewritten in haste cannot hide a
/// reason that went missing.
private let reasonsPack = """
    pack: reasons-pack
    title: Every status and every reason
    status: enacted
    effective: 2024-01-01
    thresholds:
      - {id: compute, subject: model, fact: training_compute, greater_than: 1e25 FLOP}
      - {id: revenue, subject: organization, fact: annual_gross_revenue, greater_than: 500M USD, period: \
    preceding-calendar-year}
      - {id: text-model, subject: model, fact: training_compute, greater_than: 1e23 FLOP, where: {modalities: \
    {includes_any: [text]}}}
    obligations:
      - {id: assessment, kind: third-party-assessment, per: model, when: compute, due: before-deployment}
      - {id: notice, kind: notification, per: model, when: compute, due: {within_days: 14, of: release}}
      - {id: framework, kind: framework, per: organization, when: {all: [compute, revenue]}, due: continuing, \
    valid_for: 1 year}
      - {id: text-duty, kind: provider-obligations, per: model, when: text-model, due: before-deployment}
      - {id: either, kind: notification, per: organization, when: {any: [compute, revenue]}, due: continuing}
      - {id: deployment-gate, kind: deployment-gate, per: model, when: {any_assessment_outcome: high-risk}}
    """

private let laterPack = """
    pack: later-pack
    title: A pack not yet in force
    status: enacted
    effective: 2030-01-01
    thresholds:
      - {id: compute, subject: model, fact: training_compute, greater_than: 1e26 FLOP}
    obligations:
      - {id: audit, kind: third-party-assessment, per: model, when: compute, due: before-deployment}
    """

@Suite("Reasons in text and Markdown")
struct ReasonGoldenTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var profile: String
        var asOf = "2026-12-02"
        /// Phrases the text report must contain.
        var says: [String]
        var testDescription: String { name }
    }

    static let org = "organization: {name: Reasons Lab, reporting_period: 2025, annual_gross_revenue: 800M USD}\n"

    static let cases: [Case] = [
        Case(
            name: "met",
            profile: org + """
                models: [{name: m, training_compute: 3e25 FLOP, modalities: [text], status: deployed, released: \
                2026-07-01}]
                assessments:
                  - {obligation: assessment, model: m, assessor: Audit Co, independent: true, completed: 2026-06-20, \
                outcome: acceptable}
                  - {obligation: notice, model: m, completed: 2026-07-05}
                  - {obligation: framework, completed: 2026-03-01}
                """, says: ["MET           assessment", "valid through 2027-03-01"]),
        Case(
            name: "late",
            profile: org + """
                models: [{name: m, training_compute: 3e25 FLOP, modalities: [text], status: deployed, released: \
                2026-07-01}]
                assessments:
                  - {obligation: assessment, model: m, assessor: Audit Co, independent: true, completed: 2026-10-01, \
                outcome: acceptable}
                """, says: ["LATE          assessment", "late by 92 days"]),
        Case(
            name: "pending",
            profile: org + """
                models: [{name: m, training_compute: 3e25 FLOP, modalities: [text], status: in-training}]
                """, says: ["pending       assessment", "the duty falls due when it is deployed"]),
        Case(
            name: "overdue",
            profile: org + """
                models: [{name: m, training_compute: 3e25 FLOP, modalities: [text], status: deployed, released: \
                2026-07-01}]
                """,
            says: ["OVERDUE       assessment", "overdue since 2026-07-02 (154 days)", "nothing on file meets it"]),
        Case(
            name: "expired",
            profile: org + """
                models: [{name: m, training_compute: 3e25 FLOP, modalities: [text], status: deployed, released: \
                2026-07-01}]
                assessments:
                  - {obligation: framework, completed: 2025-06-01}
                """, says: ["EXPIRED       framework", "expired on 2026-06-02"]),
        Case(
            name: "not-required",
            profile: org + """
                models: [{name: m, training_compute: 2e24 FLOP, modalities: [image], status: deployed, released: \
                2026-07-01}]
                """,
            says: [
                "assessment       does not apply\n", "compute not met (m: 2e24 FLOP ≤ 1e25 FLOP)",
                "text-model not met (m: modalities (image) include none of text)",
                "notice           does not apply (as above)",
                "no assessment on file found high risk",
            ]),
        Case(
            name: "not-required-money",
            profile: """
                organization: {name: Small Money Lab, reporting_period: 2025, annual_gross_revenue: 80M USD}
                models: [{name: m, training_compute: 2e24 FLOP, modalities: [text], status: deployed, released: \
                2026-07-01}]
                """, says: ["revenue not met (80M USD ≤ 500M USD)"]),
        Case(
            name: "indeterminate",
            profile: """
                organization: {name: Quiet Lab, reporting_period: 2023, annual_gross_revenue: 800M USD}
                models: [{name: m, modalities: [text], status: deployed, released: 2026-07-01}]
                """,
            says: [
                "INDETERMINATE assessment", "may apply", "compute undecided (m: training_compute is not given)",
                "revenue undecided (the figures cover 2023, but the statute counts the preceding calendar year, 2025)",
            ]),
        Case(
            name: "self-assessment",
            profile: org + """
                models: [{name: m, training_compute: 3e25 FLOP, modalities: [text], status: deployed, released: \
                2026-07-01}]
                assessments:
                  - {obligation: assessment, model: m, assessor: In House, independent: false, completed: 2026-06-01, \
                outcome: acceptable}
                """,
            says: [
                "OVERDUE       assessment", "a record on file is not from an independent assessor and does not count",
            ]),
        Case(
            name: "future-record",
            profile: org + """
                models: [{name: m, training_compute: 3e25 FLOP, modalities: [text], status: deployed, released: \
                2026-07-01}]
                assessments:
                  - {obligation: assessment, model: m, assessor: Audit Co, independent: true, completed: 2027-01-15, \
                outcome: acceptable}
                """, says: ["a record dated 2027-01-15, after 2026-12-02, does not count yet"]),
        Case(
            name: "no-outcome",
            profile: org + """
                models: [{name: m, training_compute: 3e25 FLOP, modalities: [text], status: deployed, released: \
                2026-07-01}]
                assessments:
                  - {obligation: assessment, model: m, assessor: Audit Co, independent: true, completed: 2026-06-01}
                """, says: ["INDETERMINATE assessment", "outcome"]),
        Case(
            name: "blocked",
            profile: org + """
                models: [{name: m, training_compute: 3e25 FLOP, modalities: [text], status: deployed, released: \
                2026-07-01}]
                assessments:
                  - {obligation: assessment, model: m, assessor: Audit Co, independent: true, completed: 2026-06-01, \
                outcome: high-risk}
                """, says: ["BLOCKED", "found high risk"]),
        Case(
            name: "not-in-force",
            profile: org + """
                models: [{name: m, training_compute: 3e25 FLOP, modalities: [text], status: deployed, released: \
                2026-07-01}]
                """,
            says: ["would not apply", "compute not met (m: 3e25 FLOP ≤ 1e26 FLOP)", "not in force until 2030-01-01"]),
    ]

    @Test("text and Markdown of each status and reason match their golden files", arguments: cases)
    func golden(_ example: Case) throws {
        let profile = try LabProfile(yaml: example.profile, path: "\(example.name).yaml")
        let book = try RuleBook(yaml: example.name == "not-in-force" ? laterPack : reasonsPack)
        let verdict = try book.evaluate(profile, asOf: #require(CalendarDate(example.asOf)))
        let text = verdict.text(style: TextStyle(width: 100))
        let markdown = verdict.markdown()
        try expectReasonGolden(text, "\(example.name).txt")
        try expectReasonGolden(markdown, "\(example.name).md")
        let unwrapped = verdict.text(style: TextStyle())
        for phrase in example.says {
            #expect(unwrapped.contains(phrase), "the text report of \(example.name) does not say \"\(phrase)\"")
        }
        // Text wraps to its width, and Markdown gives the same reasons in its Why column.
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 100 || !$0.contains(" ") })
        for reason in verdict.packs.flatMap({ pack in pack.obligations.compactMap { pack.scopeReason(of: $0) } }) {
            #expect(markdown.contains(Markdown.escape(reason)), "Markdown lacks \"\(reason)\"")
        }
    }

    @Test("decided_by names the thresholds that keep an obligation out, and only those")
    func decidedBy() throws {
        let book = try RuleBook(yaml: reasonsPack)
        // Over the compute line, under the money line: the all-of framework is kept out by revenue
        // alone; the any-of duty applies; the per-model duties apply.
        let small = try LabProfile(
            yaml: """
                organization: {name: L, reporting_period: 2025, annual_gross_revenue: 80M USD}
                models: [{name: m, training_compute: 3e25 FLOP, modalities: [text], status: deployed, released: \
                2026-07-01}]
                """, path: "l.yaml")
        let pack = try book.evaluate(small, asOf: #require(CalendarDate("2026-12-02"))).packs[0]
        let framework = try #require(pack.obligations.first { $0.id == "framework" })
        #expect(framework.applies == .no)
        #expect(framework.decidedBy == ["revenue"])
        #expect(pack.scopeReason(of: framework) == "revenue not met (80M USD ≤ 500M USD)")
        let either = try #require(pack.obligations.first { $0.id == "either" })
        #expect(either.applies == .yes && either.decidedBy.isEmpty && either.because == ["compute"])
        // Both under: the any-of duty names both.
        let none = try LabProfile(
            yaml: """
                organization: {name: L, reporting_period: 2025, annual_gross_revenue: 80M USD}
                models: [{name: m, training_compute: 3e24 FLOP, modalities: [text]}]
                """, path: "l.yaml")
        let out = try book.evaluate(none, asOf: #require(CalendarDate("2026-12-02"))).packs[0]
        #expect(out.obligations.first { $0.id == "either" }?.decidedBy == ["compute", "revenue"])
        // JSON carries it where it does not apply, and never where it does.
        let json = try book.evaluate(small, asOf: #require(CalendarDate("2026-12-02"))).prettyJSON()
        #expect(json.contains("\"decided_by\": [\n            \"revenue\"\n          ]"))
    }

    @Test("of several models not over the line, the nearest stands for the rest")
    func nearest() throws {
        let profile = try LabProfile(
            yaml: """
                organization: {name: L, reporting_period: 2025, annual_gross_revenue: 80M USD}
                models: [{name: a, training_compute: 1e24 FLOP}, {name: b, training_compute: 9e24 FLOP}, {name: c, \
                training_compute: 2e22 FLOP}]
                """, path: "l.yaml")
        let pack = try RuleBook(yaml: reasonsPack).evaluate(profile, asOf: #require(CalendarDate("2026-12-02"))).packs[
            0]
        let either = try #require(pack.obligations.first { $0.id == "either" })
        #expect(
            pack.scopeReason(of: either)
                == "compute not met by any of 3 models (nearest: b: 9e24 FLOP ≤ 1e25 FLOP); revenue not met (80M USD "
                + "≤ 500M USD)"
        )
    }
}

/// Compares `actual` with Golden/reasons/`name`, or rewrites it under THRESHOLD_UPDATE_GOLDEN=1.
private func expectReasonGolden(
    _ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let url = Support.goldenDirectory.appendingPathComponent("reasons/\(name)")
    if ProcessInfo.processInfo.environment["THRESHOLD_UPDATE_GOLDEN"] == "1" {
        try actual.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(actual == expected, "output differs from Golden/reasons/\(name)", sourceLocation: sourceLocation)
}
