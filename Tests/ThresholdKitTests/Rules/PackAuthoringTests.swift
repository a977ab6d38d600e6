import Foundation
import Testing

@testable import ThresholdKit

/// What a pack author's mistakes get: each a clear error at its line (or, for a clash with a
/// built-in pack, a choice made explicit with `replaces:`), all of a file's errors in one run.
@Suite("Pack authoring: the time model and semantic lint")
struct PackAuthoringTests {
    static func pack(
        _ body: String, header: String = "pack: p\ntitle: T\nstatus: enacted\neffective: 2027-01-01\n"
    ) -> String { header + body }

    static func error(_ yaml: String) -> YAMLError? {
        Support.yamlError { _ = try RulePack(yaml: yaml, path: "p.yaml") }
    }

    static let threshold =
        "thresholds:\n  - {id: big, subject: model, fact: training_compute, greater_than: 1e26 FLOP}\n"

    @Test("1. a model deadline on a duty owed by the organisation is an error, not a dropped date")
    func modelDeadlineOnOrganisation() throws {
        for due in [
            "before-deployment", "{within_days: 14, of: release}", "{later_of: [2028-01-01, before-deployment]}",
        ] {
            let error = try #require(
                Self.error(
                    Self.pack(Self.threshold + "obligations:\n  - {id: o, kind: report, when: big, due: \(due)}\n")))
            #expect(error.message.contains("needs 'per: model'"), "\(due)")
        }
        let transition = Self.error(
            Self.pack(
                Self.threshold
                    + "obligations:\n  - {id: o, kind: report, when: big, transition: {placed_before: 2025-08-02, "
                    + "comply_by: 2027-08-02}}\n"
            ))
        #expect(transition?.message.contains("needs 'per: model'") == true)
    }

    @Test("2. a deployment gate opened by a threshold rather than a finding is an error")
    func gateByThreshold() throws {
        let error = try #require(
            Self.error(
                Self.pack(
                    Self.threshold + "obligations:\n  - {id: gate, kind: deployment-gate, per: model, when: big}\n")))
        #expect(error.message.contains("triggered by an assessment's finding"))
    }

    @Test("3. 'always' is reserved: a threshold or obligation of that id is an error")
    func alwaysReserved() throws {
        let error = try #require(
            Self.error(
                Self.pack(
                    "thresholds:\n  - {id: always, subject: model, fact: training_compute, greater_than: 1e26 "
                        + "FLOP}\nobligations: []\n"
                )))
        #expect(error.message.contains("'always' is the keyword"))
    }

    @Test("4 and 5. lint reads packs together: one id in two files, and a built-in's id without replaces:, are errors")
    func clashes() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let body = Self.threshold + "obligations:\n  - {id: o, kind: report, when: big}\n"
        try Self.pack(body).write(to: dir.appendingPathComponent("one.yaml"), atomically: true, encoding: .utf8)
        try Self.pack(body).write(to: dir.appendingPathComponent("two.yaml"), atomically: true, encoding: .utf8)
        try Self.pack(body, header: "pack: us-ca-sb53\ntitle: Mine\nstatus: enacted\n").write(
            to: dir.appendingPathComponent("three.yaml"), atomically: true, encoding: .utf8)
        try Self.pack(body, header: "pack: us-ca-sb53\nreplaces: us-ca-sb53\ntitle: Mine\nstatus: enacted\n").write(
            to: dir.appendingPathComponent("four.yaml"), atomically: true, encoding: .utf8)
        let builtIn = try RuleBook.builtIn(tests: false)
        let report = RuleBook.lint(
            paths: [
                dir.appendingPathComponent("one.yaml").path, dir.appendingPathComponent("two.yaml").path,
                dir.appendingPathComponent("three.yaml").path,
            ], builtIn: builtIn)
        let messages = report.errors.map(\.error.message)
        #expect(messages.contains { $0.hasPrefix("a second pack with the id 'p'; the first is in") })
        #expect(
            messages.contains {
                $0.contains("the built-in pack 'us-ca-sb53' has this id") && $0.contains("replaces: us-ca-sb53")
            })
        // With replaces: the user's pack stands in for the built-in, in lint and in a rule book.
        let replacing = RuleBook.lint(paths: [dir.appendingPathComponent("four.yaml").path], builtIn: builtIn)
        #expect(replacing.errors.isEmpty)
        let mine = try RulePack(contentsOf: dir.appendingPathComponent("four.yaml").path)
        let book = try RuleBook(packs: builtIn.packs + [mine])
        #expect(book.packs.filter { $0.id == "us-ca-sb53" }.count == 1 && book.pack("us-ca-sb53")?.title == "Mine")
        // Without it, the error names the built-in pack, not a path on another disk.
        let clash = try RulePack(contentsOf: dir.appendingPathComponent("three.yaml").path)
        #expect(throws: YAMLError.self) { try RuleBook(packs: builtIn.packs + [clash]) }
        do { _ = try RuleBook(packs: builtIn.packs + [clash]) } catch let error as YAMLError {
            #expect(error.message.contains("the built-in pack 'us-ca-sb53'") && !error.message.contains("Rules/"))
        }
    }

    @Test("6. a pack's rates must agree: two rates for one pair, or a currency's rate to itself other than 1")
    func packRates() throws {
        let two = try #require(
            Self.error(
                Self.pack(
                    "exchange_rates:\n  - {from: EUR, to: USD, rate: 1.1}\n  - {from: EUR, to: USD, rate: "
                        + "1.2}\nthresholds: []\nobligations: []\n"
                )))
        #expect(two.message.contains("a second rate from EUR to USD"))
        let same = try #require(
            Self.error(
                Self.pack("exchange_rates:\n  - {from: USD, to: USD, rate: 2}\nthresholds: []\nobligations: []\n")))
        #expect(same.message.contains("to itself can only be 1"))
    }

    @Test("7. expectations that cannot fail or contradict themselves are errors; expect can name one model")
    func expectations() throws {
        let duty =
            Self.threshold + "obligations:\n  - {id: o, kind: report, per: model, when: big, due: before-deployment}\n"
        let profile =
            "profile: {organization: {name: X}, models: [{name: m, training_compute: 2e26 FLOP, status: deployed, "
            + "released: 2027-02-01}, {name: n, training_compute: 1e20 FLOP}]}"
        let empty = try #require(
            Self.error(Self.pack(duty + "tests:\n  - {name: t, as_of: 2027-06-01, \(profile), expect: {}}\n")))
        #expect(empty.message.contains("expects nothing"))
        let both = try #require(
            Self.error(
                Self.pack(
                    duty
                        + "tests:\n  - {name: t, as_of: 2027-06-01, \(profile), expect: {applies: [o], not_applies: "
                        + "[o]}}\n"
                )))
        #expect(both.message.contains("is also under 'applies'"))
        let perModel = try RulePack(
            yaml: Self.pack(
                duty
                    + "tests:\n  - {name: t, as_of: 2027-06-01, \(profile), expect: {models: {m: {status: {o: "
                    + "unmet}}, n: {not_applies: [o]}}}}\n"
            ), path: "p.yaml")
        let outcomes = perModel.runTests()
        #expect(outcomes.count == 1 && outcomes[0].passed)
        let wrong = try RulePack(
            yaml: Self.pack(
                duty
                    + "tests:\n  - {name: t, as_of: 2027-06-01, \(profile), expect: {models: {m: {status: {o: "
                    + "met}}}}}\n"
            ), path: "p.yaml")
        let failures = wrong.runTests().first?.failures ?? []
        #expect(failures == ["m: o: expected status met, got unmet"])
        let noModel = try #require(
            Self.error(
                Self.pack(
                    duty
                        + "tests:\n  - {name: t, as_of: 2027-06-01, \(profile), expect: {models: {q: {applies: "
                        + "[o]}}}}\n"
                )))
        #expect(noModel.message.contains("unknown key 'q'"))
    }

    @Test("8. lint reports every error of a file in one run")
    func everyError() throws {
        let yaml = Self.pack(
            """
            thresholds:
              - {id: always, subject: model, fact: training_compute, greater_than: 1e26 FLOP}
              - {id: big, subject: model, fact: training_compute, greater_than: 1e26 FLOP}
            obligations:
              - {id: a, kind: report, when: big, due: before-deployment}
              - {id: b, kind: deployment-gate, per: model, when: big}
              - {id: c, kind: report, per: model, when: big, due: 2027-02-30}

            """)
        let (pack, errors) = RulePack.loadReportingAll(bytes: Array(yaml.utf8), path: "p.yaml", options: .default)
        #expect(pack == nil)
        #expect(errors.map(\.mark.line) == [6, 9, 10, 11])
    }

    @Test("9. a comma inside a number in a flow mapping gets the comma hint, not 'unknown key 000'")
    func flowComma() throws {
        let error = try #require(
            Self.error(
                Self.pack(
                    "thresholds:\n  - {id: big, subject: model, fact: training_compute, greater_than: 1,000,000 "
                        + "FLOP}\nobligations: []\n"
                )))
        #expect(
            error.message.contains("a comma inside a number splits a flow mapping")
                && error.message.contains("1_000_000"))
    }

    @Test("10. a date-shaped value that is no date says why")
    func badDate() throws {
        let error = try #require(
            Self.error(
                Self.pack(Self.threshold + "obligations:\n  - {id: o, kind: report, when: big, due: 2027-02-30}\n")))
        #expect(error.message.hasSuffix("2027-02-30 is not a date: February 2027 has 28 days"))
        #expect(CalendarDate.problem(with: "2026-13-01") == "2026-13-01 is not a date: month 13 does not exist")
        #expect(CalendarDate.problem(with: "2028-02-29") == nil)
    }

    @Test("11. a 'when' nested 33 deep loads; the depth limit is the YAML one, with its flag")
    func deepWhen() throws {
        var formula = "big"
        for _ in 0..<40 { formula = "{not: \(formula)}" }
        _ = try RulePack(
            yaml: Self.pack(Self.threshold + "obligations:\n  - {id: o, kind: report, when: \(formula)}\n"),
            path: "p.yaml")
        var options = LoadOptions.default
        options.yaml.maxDepth = 20
        #expect(throws: YAMLError.self) {
            try RulePack(
                yaml: Self.pack(Self.threshold + "obligations:\n  - {id: o, kind: report, when: \(formula)}\n"),
                path: "p.yaml", options: options)
        }
    }

    @Test(
        "12. an id with an invisible or look-alike character is shown spelled out; a pack's tests load only when asked")
    func lookAlikes() throws {
        let error = try #require(
            Self.error(
                Self.pack(
                    "thresholds:\n  - {id: \"b\\u0456g\", subject: model, fact: training_compute, greater_than: 1e26 "
                        + "FLOP}\nobligations: []\n"
                )))
        #expect(error.message.contains("'b\\u{456}g' is not a valid id") && error.message.contains("U+0456"))
        var options = LoadOptions.default
        options.packTests = false
        let yaml = Self.pack(
            Self.threshold
                + "obligations:\n  - {id: o, kind: report, when: big}\ntests:\n  - {name: t, as_of: 2027-06-01, "
                + "profile: {organization: {name: X}, models: []}, expect: {not_applies: [o]}}\n"
        )
        #expect(try RulePack(yaml: yaml, path: "p.yaml", options: options).tests.isEmpty)
        #expect(try RulePack(yaml: yaml, path: "p.yaml").tests.count == 1)
    }

    @Test("the time model: a duty's own start, later_of with first qualifying, every, a record's clock")
    func timeModel() throws {
        let pack = try RulePack(
            yaml: Self.pack(
                """
                thresholds:
                  - {id: large, subject: organization, fact: annual_gross_revenue, greater_than: 500M USD, period: \
                preceding-calendar-year}
                obligations:
                  - {id: audit, kind: third-party-audit, independent: true, when: large, due: {later_of: [2028-01-01, \
                {within: 90 days, of: first-qualified}]}, every: 1 year}
                  - {id: summary, kind: report, when: large, due: {within: 30 days, of: {record: audit}}}
                  - {id: framework, kind: framework, when: large, effective: 2028-01-01, due: start, every: 1 year}

                """), path: "p.yaml")
        func status(_ id: String, asOf: String, history: String, records: String = "[]") throws -> ObligationStatus {
            let profile = try LabProfile(
                yaml: "organization: {name: X, history: \(history)}\nmodels: []\nassessments: \(records)",
                path: "lab.yaml")
            return try RuleBook(packs: [pack]).evaluate(profile, asOf: CalendarDate(asOf)!).packs[0].obligations.first {
                $0.id == id
            }!.status
        }
        let lateQualifier =
            "[{year: 2026, annual_gross_revenue: 100M USD}, {year: 2027, annual_gross_revenue: 100M USD}, {year: "
            + "2028, annual_gross_revenue: 900M USD}]"
        // Qualified on 2029-01-01: the audit is due 90 days later, on 2029-04-01.
        #expect(try status("audit", asOf: "2029-04-01", history: lateQualifier) == .pending)
        #expect(try status("audit", asOf: "2029-04-02", history: lateQualifier) == .unmet)
        #expect(
            try status("framework", asOf: "2027-06-01", history: "[{year: 2026, annual_gross_revenue: 900M USD}]")
                == .pending)
        let audited = "[{obligation: audit, independent: true, completed: 2029-03-01}]"
        #expect(try status("audit", asOf: "2029-06-01", history: lateQualifier, records: audited) == .met)
        #expect(try status("summary", asOf: "2029-03-31", history: lateQualifier, records: audited) == .pending)
        #expect(try status("summary", asOf: "2029-04-01", history: lateQualifier, records: audited) == .unmet)
        // A year after the audit, the next one is overdue.
        #expect(
            try status(
                "audit", asOf: "2030-03-02",
                history: lateQualifier.replacingOccurrences(
                    of: "]", with: ", {year: 2029, annual_gross_revenue: 900M USD}]"), records: audited) == .unmet)
    }
}
