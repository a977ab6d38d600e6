import Testing

@testable import ThresholdKit

@Suite("Loading profiles")
struct ProfileLoadingTests {
    private func error(_ yaml: String) -> YAMLError? { Support.profileError(yaml) }

    @Test("a rule pack read as a profile is said to be a rule pack, at its 'pack' key")
    func rulePackAsProfile() throws {
        let pack = try #require(error("# a pack\npack: p\ntitle: T\nobligations: []\n"))
        #expect(
            pack.headline
                == "lab.yaml:2:1: error: unknown key 'pack': this file is a rule pack (it has 'pack' and "
                + "'obligations' or 'thresholds'), not a lab profile; load it as rules, and leave it out of the "
                + "profiles audited")
        // A profile that happens to have a key named 'pack' and nothing of a pack's is an ordinary
        // unknown key.
        let typo = try #require(error("organization: {name: L}\npack: x\n"))
        #expect(typo.headline.hasPrefix("lab.yaml:2:1: error: unknown key 'pack'; "))
    }

    @Test("unknown keys are errors with a did-you-mean, at the key")
    func unknownKey() throws {
        let found = try #require(error("organization: {name: L}\nmodles: []\n"))
        #expect(found.headline == "lab.yaml:2:1: error: unknown key 'modles'; did you mean 'models'?")
    }

    @Test("errors name the path and what was expected")
    func pathInMessage() throws {
        let found = try #require(
            error("organization: {name: L}\nmodels:\n  - name: a\n  - name: b\n    training_compute: [1, 2]\n"))
        #expect(
            found.headline
                == "lab.yaml:5:23: error: models[1].training_compute: expected a count of operations such as '3.2e25 "
                + "FLOP', found a sequence"
        )
        #expect(found.description.hasSuffix("    training_compute: [1, 2]\n                          ^"))
    }

    @Test("a rate where a count is meant is refused at the unit")
    func wrongDimension() throws {
        let found = try #require(error("organization: {name: L}\nmodels: [{name: a, training_compute: 3e25 FLOP/s}]\n"))
        #expect(found.mark.line == 2)
        #expect(found.problem.hasPrefix("models[0].training_compute: "))
    }

    @Test("quoted quantities read exactly as plain ones, and aliases work")
    func quotedAndAliases() throws {
        let profile = try LabProfile(
            yaml: """
                organization: {name: L, ai_revenue: "$400M"}
                models:
                  - {name: a, training_compute: &run "3.2e25 FLOP"}
                  - {name: b, training_compute: *run}
                """)
        #expect(profile.organization.aiRevenue?.value.estimate == ExactDecimal(4, exponent: 8))
        #expect(profile.models[1].trainingCompute?.value.estimate == ExactDecimal(32, exponent: 24))
        // Through the alias, the fact points at the anchored node (its mark is where its anchor starts).
        #expect(profile.models[1].trainingCompute?.mark == SourceMark(line: 3, column: 33))
    }

    @Test("merge keys fill in a record; explicit keys win")
    func mergeKeys() throws {
        let profile = try LabProfile(
            yaml: """
                organization: {name: L}
                models: [{name: m}]
                assessments:
                  - &base {obligation: cybersecurity-assessment, model: m, independent: true, completed: 2026-01-01, \
                outcome: acceptable}
                  - {<<: *base, obligation: loss-of-control-assessment}
                """)
        #expect(profile.assessments.map(\.obligation) == ["cybersecurity-assessment", "loss-of-control-assessment"])
        #expect(profile.assessments[1].independent == true)
    }

    @Test("duplicate model names and assessments of unknown models are refused")
    func references() throws {
        let duplicate = try #require(error("organization: {name: L}\nmodels: [{name: m}, {name: m}]\n"))
        #expect(duplicate.problem == "models[1].name: a second model named 'm'; the first is at line 2")
        let unknown = try #require(
            error("organization: {name: L}\nmodels: [{name: helios}]\nassessments: [{obligation: x, model: helois}]\n"))
        #expect(
            unknown.problem == "assessments[0].model: no model named 'helois' in this profile; did you mean 'helios'?")
    }

    @Test("the model limit is enforced with the advice that raises it (the library's words, or the caller's)")
    func modelLimit() throws {
        var options = LoadOptions()
        options.profile.maxModels = 2
        #expect(throws: YAMLError.self) {
            try LabProfile(yaml: "organization: {name: L}\nmodels: [{name: a}, {name: b}, {name: c}]", options: options)
        }
        do {
            _ = try LabProfile(
                yaml: "organization: {name: L}\nmodels: [{name: a}, {name: b}, {name: c}]", options: options)
        } catch let error as YAMLError {
            #expect(error.kind == .limit)
            #expect(error.problem.contains("(raise ProfileLimits.maxModels)"))
        }
        // A caller names its own way of raising it (the command line, its flag).
        options.profile.raiseAdvice[.maxModels] = "raise it with --max-models"
        do {
            _ = try LabProfile(
                yaml: "organization: {name: L}\nmodels: [{name: a}, {name: b}, {name: c}]", options: options)
        } catch let error as YAMLError {
            #expect(error.problem.hasSuffix("(raise it with --max-models)"))
        }
    }

    @Test("a profile built in Swift evaluates like one read from YAML")
    func builtInSwift() throws {
        let swift = LabProfile(
            organization: .init(name: "Helios", aiRevenue: .money("620M")),
            models: [.init(name: "helios-4", trainingCompute: .operations("3.2e25 FLOP"))])
        let yaml = try LabProfile(
            yaml:
                "organization: {name: Helios, ai_revenue: 620M USD}\nmodels: [{name: helios-4, training_compute: "
                + "3.2e25 FLOP}]"
        )
        let book = try RuleBook.builtIn()
        let date = CalendarDate("2026-11-29")!
        let a = book.evaluate(swift, asOf: date).packs.map { $0.obligations.map(\.status) }
        let b = book.evaluate(yaml, asOf: date).packs.map { $0.obligations.map(\.status) }
        #expect(a == b)
    }

    @Test("every error of a profile is reported in one run, each at its position, and the verdict lists them all")
    func everyError() throws {
        let yaml = """
            organization:
              name: Three Mistakes
              ai_revenue: 1,000,000 USD
            models:
              - {name: m, training_compute: 3e25 FLOPS}
              - {name: n, training_compute: 3e25 FLOP, statuss: deployed}
            clusters:
              - {name: c, peak_capacity: 1e20 FLOP}
            assessments:
              - {obligation: cybersecurity-assesment, model: m, completed: 2026-06-01}
            """
        let book = try RuleBook.builtIn(tests: false)
        do {
            _ = try LabProfile(yaml: yaml, path: "lab.yaml", options: LoadOptions(records: book.records))
            Issue.record("a profile with five mistakes loaded")
        } catch let error as YAMLError {
            #expect(error.all.map(\.mark.line) == [3, 5, 6, 8, 10])
            #expect(error.all.allSatisfy { $0.file == "lab.yaml" })
            // The model whose entry failed is still a model: its record is not a sixth error.
            #expect(!error.description.contains("no model named"))
            let verdict = Verdict(
                profile: "lab.yaml", organization: nil, asOf: CalendarDate("2026-11-29")!, packs: [], errors: [error])
            #expect(verdict.errors.count == 5)
            #expect(verdict.jsonLine().components(separatedBy: "\"line\":").count == 6)
        }
    }
}
