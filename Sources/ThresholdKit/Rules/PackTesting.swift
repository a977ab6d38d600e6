/// The outcome of one of a pack's own test cases.
package struct PackTestOutcome: Sendable, Hashable {
    /// The case.
    package var test: PackTest
    /// What differed, as "expected … , got …" lines; empty when the case passed.
    package var failures: [String]
    /// Whether the case passed.
    package var passed: Bool { failures.isEmpty }
}

extension RulePack {
    /// Runs the pack's own test cases, like `opa test`.
    package func runTests() -> [PackTestOutcome] {
        let records = RecordVocabulary(packs: [self])
        return tests.map { test in
            // A record naming an obligation the pack does not define would be ignored: the case
            // would test nothing about it.
            let problems = records.problems(in: test.profile).map { "profile: \($0.problem)" }
            let main = defaultReading.flatMap { id in readings.first { $0.id == id } }.map(applying) ?? self
            let result = Evaluator(pack: main, profile: test.profile, asOf: test.asOf).evaluate()
            var failures = problems + Self.check(test, against: result)
            for (id, expected) in test.readings.sorted(by: { $0.key < $1.key }) {
                guard let reading = readings.first(where: { $0.id == id }) else { continue }
                let other = Evaluator(pack: applying(reading), profile: test.profile, asOf: test.asOf).evaluate()
                var alone = PackTest(
                    name: test.name, asOf: test.asOf, profile: test.profile, applies: expected.applies,
                    notApplies: expected.notApplies, indeterminate: expected.indeterminate,
                    statuses: expected.statuses, thresholds: [:], deployment: expected.deployment, inForce: nil)
                alone.mark = test.mark
                failures += Self.check(alone, against: other).map { "reading \(id): \($0)" }
            }
            return PackTestOutcome(test: test, failures: failures)
        }
    }

    static func check(_ test: PackTest, against result: PackResult) -> [String] {
        var failures: [String] = []
        func obligation(_ id: String) -> ObligationResult? { result.obligations.first { $0.id == id } }
        for (ids, wanted) in [
            (test.applies, Applicability.yes), (test.notApplies, .no), (test.indeterminate, .indeterminate),
        ] {
            for id in ids {
                let actual = obligation(id)?.applies
                if actual != wanted {
                    failures.append("\(id): expected applies \(wanted.rawValue), got \(actual?.rawValue ?? "nothing")")
                }
            }
        }
        for (id, wanted) in test.statuses.sorted(by: { $0.key < $1.key }) {
            let actual = obligation(id)?.status
            if actual != wanted {
                failures.append("\(id): expected status \(wanted.rawValue), got \(actual?.rawValue ?? "nothing")")
            }
        }
        for (id, wanted) in test.thresholds.sorted(by: { $0.key < $1.key }) {
            let truths = result.thresholds.filter { $0.id == id }.map(\.result)
            let actual = truths.isEmpty ? nil : Truth.any(truths)
            if actual != wanted {
                let detail = result.thresholds.filter { $0.id == id }
                    .map { "\($0.subject): \($0.result.name)\($0.value.map { " (value \($0))" } ?? "")" }.joined(
                        separator: ", ")
                failures.append(
                    "\(id): expected \(wanted.name), got "
                        + "\(actual?.name ?? "no subject")\(detail.isEmpty ? "" : " — \(detail)")"
                )
            }
        }
        if let wanted = test.deployment, result.deployment != wanted {
            failures.append("deployment: expected \(wanted.rawValue), got \(result.deployment.rawValue)")
        }
        if let wanted = test.inForce, result.inForce != wanted {
            failures.append("in_force: expected \(wanted), got \(result.inForce)")
        }
        for (model, expected) in test.models.sorted(by: { $0.key < $1.key }) {
            func subject(_ id: String) -> ObligationResult.SubjectResult? {
                obligation(id)?.subjects.first { $0.subject == "model:" + model }
            }
            for (ids, wanted) in [
                (expected.applies, Applicability.yes), (expected.notApplies, .no),
                (expected.indeterminate, .indeterminate),
            ] {
                for id in ids where subject(id)?.applies != wanted {
                    failures.append(
                        "\(model): \(id): expected applies \(wanted.rawValue), got "
                            + "\(subject(id)?.applies.rawValue ?? "nothing")"
                    )
                }
            }
            for (id, wanted) in expected.statuses.sorted(by: { $0.key < $1.key }) where subject(id)?.status != wanted {
                failures.append(
                    "\(model): \(id): expected status \(wanted.rawValue), got "
                        + "\(subject(id)?.status.rawValue ?? "nothing")"
                )
            }
            if let wanted = expected.deployment {
                let actual =
                    result.deploymentByModel.first { $0.model == model }?.deployment
                    ?? (result.deployment == .notGated ? .notGated : nil)
                if actual != wanted {
                    failures.append(
                        "\(model): deployment: expected \(wanted.rawValue), got \(actual?.rawValue ?? "nothing")")
                }
            }
        }
        return failures
    }

    /// A readable description of the pack: what it is, its thresholds with their exact limits and
    /// citations, and its obligations with when they apply.
    package func explanation() -> String {
        var out = "\(id) — \(title)\n"
        out += "status: \(status.rawValue)\(status == .proposed ? " (evaluated as if enacted)" : "")"
        out += "; jurisdiction: \(jurisdiction ?? "none")"
        if let effective { out += "; effective \(effective)" }
        if let expires { out += "; until \(expires)" }
        out += "\n"
        if let summary { out += "\n\(summary)\n" }
        if !sources.isEmpty {
            out += "\nSources\n"
            for source in sources { out += "  [\(source.id)] \(source.title)\(source.url.map { " <\($0)>" } ?? "")\n" }
        }
        out += "\nThresholds\n"
        for threshold in thresholds {
            let test = threshold.test
            out +=
                "  \(threshold.id): \(threshold.subject.rawValue) \(test.fact.rawValue) "
                + "\(test.comparison.rawValue.replacingUnderscores) \(test.limit)"
            out += test.currency.map { " \($0)" } ?? test.fact.dimension.map { " \($0.baseUnit ?? "")" } ?? ""
            for condition in threshold.conditions { out += ", where \(condition.text)" }
            if threshold.period != nil { out += ", in the preceding calendar year" }
            if let citation = threshold.citation { out += "  [\(citation)]" }
            if let modified = threshold.modifiedModel {
                out +=
                    "\n    a model built on another provider's (base_model): \(modified.test.fact.rawValue) "
                    + "\(modified.test.comparison.rawValue.replacingUnderscores) \(modified.test.written)"
                for condition in modified.conditions { out += ", where \(condition.text)" }
            }
            out += "\n"
        }
        out += "\nObligations\n"
        for obligation in obligations {
            out += "  \(obligation.id) (\(obligation.kind), per \(obligation.per.rawValue)): \(obligation.title)\n"
            out += "      when \(obligation.when.text)"
            if let citation = obligation.citation { out += "  [\(citation)]" }
            out += "\n"
            for line in obligation.timingText { out += "      \(line)\n" }
        }
        if !readings.isEmpty {
            out += "\nReadings\n"
            for reading in readings {
                out += "  \(reading.id)\(reading.id == defaultReading ? " (default)" : ""): \(reading.title)\n"
                for (id, formula) in reading.formulas.sorted(by: { $0.key < $1.key }) {
                    out += "      \(id) when \(formula.text)\n"
                }
            }
        }
        out += "\n\(tests.count) test cases\n"
        return out
    }
}

extension String {
    /// The text with each `_` made a space, byte by byte (an underscore is never part of a longer
    /// UTF-8 sequence).
    var replacingUnderscores: String {
        String(decoding: utf8.map { $0 == UInt8(ascii: "_") ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
    }
}

extension Condition {
    /// The condition as text.
    package var text: String {
        switch self {
        case .equals(let fact, let values): return "\(fact.rawValue) is \(values.joined(separator: " or "))"
        case .includesAny(let fact, let values):
            return "\(fact.rawValue) includes any of \(values.joined(separator: ", "))"
        case .isTrue(let fact, let value): return "\(fact.rawValue) is \(value)"
        case .quantity(let test):
            return "\(test.fact.rawValue) \(test.comparison.rawValue.replacingUnderscores) \(test.written)"
        case .date(let fact, let comparison, let date): return "\(fact.rawValue) \(comparison.words) \(date)"
        case .any(let groups):
            return "any of (" + groups.map { $0.map(\.text).joined(separator: " and ") }.joined(separator: "; ") + ")"
        }
    }
}

extension When {
    /// The formula as text.
    package var text: String {
        switch self {
        case .threshold(let id), .obligation(let id): return id
        case .any(let items): return "any of (\(items.map(\.text).joined(separator: ", ")))"
        case .all(let items): return "all of (\(items.map(\.text).joined(separator: ", ")))"
        case .not(let inner): return "not \(inner.text)"
        case .anyAssessmentOutcome(let outcome): return "an assessment on file found \(outcome.rawValue)"
        case .always: return "always"
        }
    }
}
