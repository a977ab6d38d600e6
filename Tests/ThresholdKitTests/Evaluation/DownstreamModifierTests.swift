import Foundation
import Testing

@testable import ThresholdKit

/// Downstream modifiers: a model built on another provider's model (`base_model:`), tested by a
/// threshold's `modified_model:` against a line drawn as a fraction of the original's compute.

private let asOf = CalendarDate("2026-03-01")!

/// A one-threshold pack: own models over 1e23 FLOP; a modified model over `fraction` of its base
/// model's compute (or of `otherwise` when that is not given).
private func pack(
    fraction: String = "1/3", otherwise: String? = "1e23 FLOP", comparison: String = "greater_than",
    modifiedWhere: String = ""
) -> String {
    let fallback = otherwise.map { ", otherwise: \($0)" } ?? ""
    return """
        pack: modifier-pack
        title: Test
        status: enacted
        effective: 2020-01-01
        thresholds:
          - id: gpai
            subject: model
            fact: training_and_fine_tuning_compute
            greater_than: 1e23 FLOP
            modified_model:
              fact: fine_tuning_compute
              \(comparison): {fraction: \(fraction), of: base_model.training_compute\(fallback)}
              \(modifiedWhere)
        obligations:
          - id: duty
            title: A duty
            kind: provider-obligations
            per: model
            when: gpai
        """
}

/// A profile with one model: `base` is the `base_model:` flow mapping (nil for none).
private func profile(base: String?, fineTuning: String?, training: String? = nil) -> String {
    var model = "{name: m"
    if let training { model += ", training_compute: \(training)" }
    if let base { model += ", base_model: \(base)" }
    if let fineTuning { model += ", fine_tuning_compute: \(fineTuning)" }
    return "organization: {name: L}\nmodels: [\(model)}]\n"
}

private func evaluate(_ packYAML: String, _ profileYAML: String) throws -> PackResult {
    try Support.evaluate(packYAML, profileYAML, on: asOf)
}

private func packError(_ yaml: String) -> YAMLError? { Support.yamlError { _ = try RuleBook(yaml: yaml) } }

@Suite("Downstream modifiers")
struct DownstreamModifierTests {
    // MARK: The one-third line, exactly

    @Test(
        "more than a third of the original's compute, compared exactly",
        arguments: [
            ("3e25 FLOP", "1e25 FLOP", Truth.notMet),  // exactly a third: not over it
            ("3e25 FLOP", "10000000000000000000000001 FLOP", .met),  // one FLOP over
            ("3e25 FLOP", "9999999999999999999999999 FLOP", .notMet),  // one FLOP under
            ("1e25 FLOP", "3333333333333333333333334 FLOP", .met),  // ⅓ × 10^25 has no finite decimal
            ("1e25 FLOP", "3333333333333333333333333 FLOP", .notMet),
            // The line straddles the estimate's range.
            ("{estimate: 3e25 FLOP, low: 2e25 FLOP, high: 4e25 FLOP}", "1.2e25 FLOP", .indeterminate),
            ("{estimate: 3e25 FLOP, low: 2e25 FLOP, high: 3.5e25 FLOP}", "1.2e25 FLOP", .met),
            ("{estimate: 3e25 FLOP, low: 2e25 FLOP, high: 4e25 FLOP}", "6e24 FLOP", .notMet),
        ])
    func oneThird(original: String, modification: String, expected: Truth) throws {
        let result = try evaluate(
            pack(),
            profile(
                base: "{provider: Big Lab, name: big-1, training_compute: \(original)}",
                fineTuning: modification))
        let line = try #require(result.thresholds.first)
        #expect(line.result == expected)
        #expect(result.obligations[0].applies == Applicability(expected))
        // The value shown is the modification's, never scaled.
        #expect(line.value == (try QuantityParser.parse(modification, expecting: .operations).value))
    }

    @Test("the line is shown exactly when it has a finite decimal, with the margin against it")
    func exactLineShown() throws {
        let result = try evaluate(
            pack(),
            profile(base: "{provider: Big Lab, name: big-1, training_compute: 3e25 FLOP}", fineTuning: "1.2e25 FLOP"))
        let line = try #require(result.thresholds.first)
        #expect(line.limit == ExactDecimal(1, exponent: 25))
        #expect(line.margin == ExactDecimal(12, exponent: -1))
        #expect(line.notes.contains("limit: 1/3 of base_model.training_compute (3e25 FLOP) = 1e25 FLOP"))
        #expect(line.notes.first?.hasPrefix("a modification of Big Lab's big-1 (base_model)") == true)
        #expect(line.mark?.line == 2)
    }

    @Test(
        "a line with no finite decimal is shown rounded away from the side meeting it; the note compares exactly"
    )
    func roundedLineShown() throws {
        let result = try evaluate(
            pack(), profile(base: "{provider: Big Lab, name: big-1}", fineTuning: "33333333333333333333333 FLOP"))
        let line = try #require(result.thresholds.first)
        #expect(line.result == .notMet)
        // Rounded up for "greater than": the value shown beside it never looks over a line it is not over.
        #expect(line.limit == (try QuantityParser.parseNumber("3.33333333334e22")))
        #expect(line.value.map { $0 < line.limit } == true)
        let note = try #require(line.notes.first { $0.hasPrefix("limit: ") })
        #expect(note.contains("rounded for display"))
        #expect(note.contains("3 × fine_tuning_compute > 1e23 FLOP"))
        // The JSON contract: value and limit stay decimal strings.
        let decimal = try NSRegularExpression(
            pattern: "^(0|-?(0\\.[0-9]*[1-9]|[1-9][0-9]*(\\.[0-9]*[1-9])?|[1-9](\\.[0-9]*[1-9])?e-?[1-9][0-9]*))$")
        let text = line.limit.description
        #expect(decimal.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil, "\(text)")
    }

    // MARK: The fallback, and what is not known

    @Test(
        "the original's compute not given: the fallback line, at and either side",
        arguments: [
            ("1e23 FLOP", "33333333333333333333334 FLOP", Truth.met),
            ("1e23 FLOP", "33333333333333333333333 FLOP", .notMet),
            ("1e25 FLOP", "3333333333333333333333334 FLOP", .met),
            ("1e25 FLOP", "3333333333333333333333333 FLOP", .notMet),
            ("3e25 FLOP", "1e25 FLOP", .notMet),  // a fallback of 3e25: exactly a third
        ])
    func fallback(otherwise: String, modification: String, expected: Truth) throws {
        let result = try evaluate(
            pack(otherwise: otherwise), profile(base: "{provider: Big Lab, name: big-1}", fineTuning: modification))
        #expect(result.thresholds[0].result == expected)
        #expect(result.thresholds[0].notes.contains { $0.contains("base_model.training_compute is not given") })
    }

    @Test("no fallback and no original's compute: indeterminate, never not met, with the reason")
    func noFallback() throws {
        let result = try evaluate(
            pack(otherwise: nil), profile(base: "{provider: Big Lab, name: big-1}", fineTuning: "1 FLOP"))
        let line = try #require(result.thresholds.first)
        #expect(line.result == .indeterminate)
        #expect(line.reason == "base_model.training_compute is not given, so the line (1/3 of it) is not known")
        #expect(result.obligations[0].applies == .indeterminate)
    }

    @Test("a base model without fine_tuning_compute is indeterminate, never not met")
    func modificationNotGiven() throws {
        let result = try evaluate(
            pack(), profile(base: "{provider: Big Lab, name: big-1, training_compute: 3e25 FLOP}", fineTuning: nil))
        let line = try #require(result.thresholds.first)
        #expect(line.result == .indeterminate)
        #expect(line.value == nil)
        #expect(line.reason == "fine_tuning_compute is not given")
        #expect(line.limit == ExactDecimal(1, exponent: 25))
        #expect(result.obligations[0].applies == .indeterminate)
    }

    @Test("a model without base_model is tested as before: no note, the threshold's own line")
    func ownModelUnchanged() throws {
        let result = try evaluate(pack(), profile(base: nil, fineTuning: "1e22 FLOP", training: "2e23 FLOP"))
        let line = try #require(result.thresholds.first)
        #expect(line.result == .met)
        #expect(line.limit == ExactDecimal(1, exponent: 23))
        #expect(!line.notes.contains { $0.contains("base_model") })
        // The same profile with base_model is a modification of 1e22 FLOP: under a third of 2e23? No base compute:
        // fallback ⅓ × 1e23.
        let modified = try evaluate(
            pack(), profile(base: "{provider: Big Lab, name: big-1}", fineTuning: "1e22 FLOP", training: "2e23 FLOP"))
        #expect(modified.thresholds[0].result == .notMet)
    }

    @Test(
        "other comparisons scale the same way",
        arguments: [
            ("at_least", "1e25 FLOP", Truth.met), ("at_least", "9999999999999999999999999 FLOP", .notMet),
            ("less_than", "1e25 FLOP", .notMet), ("at_most", "1e25 FLOP", .met),
        ])
    func comparisons(comparison: String, modification: String, expected: Truth) throws {
        let result = try evaluate(
            pack(comparison: comparison),
            profile(base: "{provider: Big Lab, name: big-1, training_compute: 3e25 FLOP}", fineTuning: modification))
        #expect(result.thresholds[0].result == expected)
    }

    /// The modified-model result under `where: {any: [systemic risk, 1e25 FLOP together]}`.
    func anyResult(_ base: String, _ modification: String) throws -> ThresholdResult {
        let condition =
            "where: {any: [{base_model.systemic_risk: true}, {base_model_and_fine_tuning_compute: {greater_than: "
            + "1e25 FLOP}}]}"
        return try evaluate(
            pack(otherwise: "1e25 FLOP", modifiedWhere: condition), profile(base: base, fineTuning: modification)
        ).thresholds[0]
    }

    @Test("where: {any: […]} in a modified_model test: one alternative suffices, Kleene")
    func anyCondition() throws {
        func truth(_ base: String, _ modification: String) throws -> Truth {
            try anyResult(base, modification).result
        }
        #expect(
            try truth("{provider: B, name: b, training_compute: 3e25 FLOP, systemic_risk: true}", "1.1e25 FLOP") == .met
        )
        // 1.1e25 together.
        #expect(
            try truth("{provider: B, name: b, training_compute: 6e24 FLOP, systemic_risk: false}", "5e24 FLOP") == .met)
        #expect(
            try truth("{provider: B, name: b, training_compute: 6e24 FLOP, systemic_risk: false}", "3e24 FLOP")
                == .notMet)  // 9e24 together
        // The risk and the original's compute unknown.
        #expect(try truth("{provider: B, name: b}", "5e24 FLOP") == .indeterminate)
        #expect(try truth("{provider: B, name: b, systemic_risk: true}", "3333333333333333333333334 FLOP") == .met)
    }

    @Test("where: {any: […]}: the reason names every alternative not met, or the first undecided one")
    func anyConditionReasons() throws {
        let result = anyResult
        let unmet = try result("{provider: B, name: b, training_compute: 6e24 FLOP, systemic_risk: false}", "3e24 FLOP")
        #expect(unmet.result == .notMet)
        #expect(
            unmet.reason
                == "none of: base_model.systemic_risk is false; base_model_and_fine_tuning_compute is 9e24 FLOP, "
                + "not > 1e25 FLOP")
        // The first alternative undecided, the second not met: undecided, for the first's reason.
        let undecided = try result("{provider: B, name: b, training_compute: 6e24 FLOP}", "3e24 FLOP")
        #expect(undecided.result == .indeterminate)
        #expect(undecided.reason == "base_model.systemic_risk is not given")
        let met = try result("{provider: B, name: b, training_compute: 6e24 FLOP}", "5e24 FLOP")
        #expect(met.result == .met && met.reason == nil)
    }

    // MARK: Profile keys

    @Test("base_model loads with positions kept and exact quantities")
    func loads() throws {
        let lab = try LabProfile(
            yaml: """
                organization: {name: L}
                models:
                  - name: tuned-7
                    base_model: {provider: Big Lab, name: big-1, training_compute: 3.000000000000000000000001e25 FLOP, \
                systemic_risk: true}
                    fine_tuning_compute: 1.2e25 FLOP
                """, path: "lab.yaml")
        let base = try #require(lab.models.first?.baseModel)
        #expect(base.provider == "Big Lab" && base.name == "big-1" && base.systemicRisk == true)
        #expect(base.trainingCompute?.value.estimate == (try QuantityParser.parseNumber("30000000000000000000000010")))
        #expect(base.mark?.line == 4 && base.mark?.column == 17)
        #expect(base.trainingCompute?.mark?.line == 4 && base.trainingCompute?.mark?.column == 68)
    }

    @Test("an unknown base_model key is an error at its line and column, with a did-you-mean")
    func unknownKey() throws {
        let found = try #require(
            Support.profileError(
                "organization: {name: L}\nmodels:\n  - name: m\n    base_model:\n      provider: B\n      name: b\n  "
                    + "    training_comput: 3e25 FLOP\n"
            ))
        #expect(
            found.headline
                == "lab.yaml:7:7: error: models[0].base_model: unknown key 'training_comput'; did you mean "
                + "'training_compute'?"
        )
    }

    @Test(
        "base_model errors say where and what was expected",
        arguments: [
            ("{provider: B}", "lab.yaml:2:32: error: models[0].base_model: missing the required key 'name'"),
            ("{provider: B, name: b, training_compute: 3e25 FLOP/s}", ""),
            ("{provider: B, name: b, systemic_risk: maybe}", ""),
            ("[B, b]", ""),
        ])
    func badValues(base: String, headline: String) throws {
        let found = try #require(
            Support.profileError("organization: {name: L}\nmodels: [{name: m, base_model: \(base)}]\n"))
        #expect(found.headline.hasPrefix("lab.yaml:2:"))
        #expect(found.headline.contains("models[0].base_model"))
        if !headline.isEmpty { #expect(found.headline.hasPrefix(headline), "\(found.headline)") }
    }

    @Test("a mistyped base_model key in the model is a did-you-mean too")
    func mistypedModelKey() throws {
        let found = try #require(
            Support.profileError(
                "organization: {name: L}\nmodels:\n  - name: m\n    base_modle: {provider: B, name: b}\n"))
        #expect(
            found.headline == "lab.yaml:4:5: error: models[0]: unknown key 'base_modle'; did you mean 'base_model'?")
    }

    // MARK: Pack keys

    @Test(
        "a relative limit's mistakes are errors at their place",
        arguments: [
            (
                "{fraction: 1/3, of: base_model.training_compute, otherwize: 1e23 FLOP}",
                "unknown key 'otherwize'; did you mean 'otherwise'?"
            ),
            (
                "{fraction: 1/0, of: base_model.training_compute}",
                "is not a fraction of whole numbers greater than zero"
            ),
            (
                "{fraction: 0.5, of: base_model.training_compute}",
                "is not a fraction of whole numbers greater than zero"
            ),
            ("{fraction: 1/3, of: base_model.training_compte}", "did you mean 'base_model.training_compute'?"),
            ("{fraction: 1/3, of: modalities}", "a limit drawn from it must be in the dimension"),
            (
                "{fraction: 1/3, of: base_model.training_compute, otherwise: 1e23 USD}",
                "modified_model.greater_than.otherwise"
            ),
        ])
    func packErrors(limit: String, message: String) throws {
        let yaml = pack().replacingOccurrences(
            of: "{fraction: 1/3, of: base_model.training_compute, otherwise: 1e23 FLOP}", with: limit)
        let found = try #require(packError(yaml))
        #expect(found.headline.contains(message), "\(found.headline)")
        #expect(found.mark.line >= 10)
    }

    @Test("modified_model is for thresholds about models")
    func modifiedModelSubject() throws {
        let yaml = """
            pack: p
            title: T
            status: enacted
            thresholds:
              - id: money
                subject: organization
                fact: ai_revenue
                greater_than: 1M USD
                modified_model: {fact: ai_revenue, greater_than: 2M USD}
            obligations: []
            """
        let found = try #require(packError(yaml))
        #expect(
            found.headline.contains("thresholds[0].modified_model: only a threshold about models"), "\(found.headline)")
        #expect(found.mark.line == 9)
    }
}

@Suite("Downstream modifiers in the HTML chart")
struct DownstreamModifierChartTests {
    @Test("a modification tested against a third of its original's compute is not plotted on the compute chart")
    func notCharted() throws {
        let book = try RuleBook(yaml: pack())
        let own = try LabProfile(
            yaml:
                "organization: {name: Own}\nmodels: [{name: own-1, training_compute: 5e23 FLOP, fine_tuning_compute: "
                + "0 FLOP}]\n",
            path: "own.yaml")
        let tuned = try LabProfile(
            yaml: profile(
                base: "{provider: Big Lab, name: big-1, training_compute: 3e25 FLOP}", fineTuning: "2e25 FLOP"),
            path: "tuned.yaml")
        let verdicts = [book.evaluate(own, asOf: asOf), book.evaluate(tuned, asOf: asOf)]
        #expect(verdicts[1].packs[0].thresholds[0].isModificationTest)
        #expect(!verdicts[0].packs[0].thresholds[0].isModificationTest)
        let charts = HTMLChart.charts(verdicts: verdicts, thresholds: HTMLReport.thresholdIndex(book), changes: [])
        let plotted = charts.flatMap { $0.rows.map(\.subject) }
        #expect(plotted.contains("model:own-1"))
        #expect(!plotted.contains("model:m"))
        // The table still lists it, with the modification's value.
        let page = HTMLReport.render(verdicts: verdicts, title: "t", generated: asOf, rules: book)
        #expect(page.contains("a modification of Big Lab"))
    }
}
