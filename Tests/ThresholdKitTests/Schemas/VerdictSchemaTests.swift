import Foundation
import Testing

@testable import ThresholdKit

/// The verdict schema against what Threshold writes: every golden verdict, verdicts with every
/// status and deployment value, and mutations the schema must refuse.
@Suite("Verdict schema")
struct VerdictSchemaTests {
    static var schema: [String: Any] { (try? SchemaTests.json(Schema.verdict)) ?? [:] }

    static func object(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    @Test("every golden verdict of threshold check validates")
    func goldens() throws {
        let folder = Support.packageRoot.appendingPathComponent("Tests/ThresholdCLITests/Golden/check")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
            .sorted()
        try #require(names.count >= 6)
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let problems = JSONInstanceValidator(root: Self.schema).problems(try Self.object(text))
            #expect(problems.isEmpty, "\(name): \(problems)")
        }
    }

    @Test("verdicts with every status, every deployment value, intervals and errors validate")
    func everyStatus() throws {
        let book = try RuleBook.builtIn()
        var seenStatuses: Set<ObligationStatus> = [], seenDeployments: Set<Deployment> = []
        let labs = Support.packageRoot.appendingPathComponent("Examples/labs")
        var profiles = try FileManager.default.contentsOfDirectory(atPath: labs.path).filter { $0.hasSuffix(".yaml") }
            .sorted()
            .map { try LabProfile(contentsOf: labs.appendingPathComponent($0).path) }
        profiles.append(
            try LabProfile(
                yaml: """
                    organization: {name: Mixed, ai_revenue: 900M USD, reporting_period: 2025, annual_gross_revenue: 3B \
                    USD}
                    models:
                      - {name: late, training_compute: 3e26 FLOP, status: deployed, released: 2026-07-01}
                      - {name: training, training_compute: {estimate: 2e25 FLOP, parameters: 1e9, tokens: 1e12}, \
                    status: in-training}
                    assessments:
                      - {obligation: cybersecurity-assessment, model: late, independent: true, completed: 2026-08-01, \
                    outcome: acceptable}
                      - {obligation: frontier-ai-framework, completed: 2025-01-15}
                    """, path: "mixed.yaml"))
        for date in ["2025-06-01", "2026-11-29", "2027-09-01"] {
            for profile in profiles {
                let verdict = book.evaluate(profile, asOf: CalendarDate(date)!)
                for pack in verdict.packs {
                    seenDeployments.insert(pack.deployment)
                    for duty in pack.obligations { seenStatuses.insert(duty.status) }
                }
                let problems = JSONInstanceValidator(root: Self.schema).problems(try Self.object(verdict.jsonLine()))
                #expect(problems.isEmpty, "\(profile.path ?? "?") on \(date): \(problems)")
            }
        }
        #expect(
            seenStatuses == Set(ObligationStatus.allCases),
            "statuses never produced: \(Set(ObligationStatus.allCases).subtracting(seenStatuses))")
        #expect(seenDeployments == Set(Deployment.allCases))
        let invalid = Verdict(
            profile: "bad.yaml", organization: nil, asOf: CalendarDate("2026-11-29")!, packs: [],
            errors: [YAMLError(kind: .decoding, problem: "no", mark: SourceMark(line: 1, column: 1), file: "bad.yaml")])
        #expect(JSONInstanceValidator(root: Self.schema).problems(try Self.object(invalid.jsonLine())).isEmpty)
    }

    @Test(
        "the schema refuses what the format never holds",
        arguments: [
            (#""status":"unmet""#, #""status":"done""#),
            (#""value":"3.2e25""#, #""value":3.2e25"#),
            (#""deployment":"indeterminate""#, #""deployment":"maybe""#),
            (#""as_of":"2026-11-29""#, #""as_of":"29/11/2026""#),
            (#""in_force":true"#, #""in_force":true,"extra":1"#),
        ])
    func refusals(_ original: String, _ mutated: String) throws {
        let verdict = try RuleBook.builtIn().selecting(["frontier-ai-proposal-2026"])
            .evaluate(
                try LabProfile(
                    contentsOf: Support.packageRoot.appendingPathComponent("Examples/labs/helios.yaml").path),
                asOf: CalendarDate("2026-11-29")!)
        let line = verdict.jsonLine()
        try #require(line.contains(original))
        let broken = line.replacingOccurrences(of: original, with: mutated)
        #expect(
            !JSONInstanceValidator(root: Self.schema).problems(try Self.object(broken)).isEmpty, "accepted \(mutated)")
    }

    @Test("the schema's status and deployment enumerations are the Swift enumerations")
    func enumerations() throws {
        let text = Schema.verdict
        for status in ObligationStatus.allCases { #expect(text.contains("\"\(status.rawValue)\"")) }
        for deployment in Deployment.allCases { #expect(text.contains("\"\(deployment.rawValue)\"")) }
    }
}

/// Validates a JSON instance (from `JSONSerialization`) against the draft 2020-12 keywords the
/// verdict schema uses: `$ref`, `type`, `enum`, `const`, `pattern`, `minimum`, `properties`,
/// `required`, `additionalProperties`, `minProperties`, `dependentRequired`, `items`, `minItems`,
/// `maxItems`, `anyOf`, `not`, `if`/`then`/`else`.
struct JSONInstanceValidator {
    let root: [String: Any]

    func problems(_ instance: Any) -> [String] { check(instance, root, "") }

    func resolve(_ pointer: String) -> [String: Any]? {
        var node: Any = root
        for part in pointer.dropFirst(2).split(separator: "/") {
            guard let object = node as? [String: Any], let next = object[String(part)] else { return nil }
            node = next
        }
        return node as? [String: Any]
    }

    /// Whether a parsed JSON value is `true` or `false` (a boolean NSNumber, on every platform).
    func isBoolean(_ value: Any) -> Bool {
        guard let n = value as? NSNumber else { return false }
        let code = String(cString: n.objCType)
        return code == "c" || code == "B"
    }

    func isType(_ value: Any, _ type: String) -> Bool {
        switch type {
        case "null": return value is NSNull
        case "boolean": return isBoolean(value)
        case "integer":
            guard let n = value as? NSNumber, !isBoolean(n) else { return false }
            return n.doubleValue == n.doubleValue.rounded()
        case "number": return value is NSNumber && !isBoolean(value)
        case "string": return value is String
        case "array": return value is [Any]
        case "object": return value is [String: Any]
        default: return false
        }
    }

    func equal(_ a: Any, _ b: Any) -> Bool {
        if a is NSNull || b is NSNull { return a is NSNull && b is NSNull }
        if let a = a as? String, let b = b as? String { return a == b }
        if let a = a as? NSNumber, let b = b as? NSNumber {
            return a == b && isType(a, "boolean") == isType(b, "boolean")
        }
        return false
    }

    func check(_ value: Any, _ schema: [String: Any], _ path: String) -> [String] {
        var out: [String] = []
        if let ref = schema["$ref"] as? String {
            guard let target = resolve(ref) else { return ["\(path): unresolved \(ref)"] }
            out += check(value, target, path)
        }
        if let types = schema["type"] {
            let list = (types as? [String]) ?? [(types as? String) ?? ""]
            if !list.contains(where: { isType(value, $0) }) { return out + ["\(path): not of type \(list)"] }
        }
        if let options = schema["enum"] as? [Any], !options.contains(where: { equal($0, value) }) {
            out.append("\(path): \(value) not in enum")
        }
        if let constant = schema["const"], !equal(constant, value) {
            out.append("\(path): not the constant \(constant)")
        }
        if let pattern = schema["pattern"] as? String, let text = value as? String,
            text.range(of: pattern, options: .regularExpression) == nil
        {
            out.append("\(path): '\(text)' does not match \(pattern)")
        }
        if let minimum = schema["minimum"] as? NSNumber, let n = value as? NSNumber, isType(n, "number"),
            n.doubleValue < minimum.doubleValue
        {
            out.append("\(path): below \(minimum)")
        }
        if let object = value as? [String: Any] {
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for key in schema["required"] as? [String] ?? [] where object[key] == nil {
                out.append("\(path): '\(key)' is required")
            }
            if let minimum = schema["minProperties"] as? Int, object.count < minimum {
                out.append("\(path): fewer than \(minimum) members")
            }
            for (key, needs) in schema["dependentRequired"] as? [String: [String]] ?? [:] where object[key] != nil {
                for other in needs where object[other] == nil { out.append("\(path): '\(key)' needs '\(other)'") }
            }
            for (key, member) in object {
                if let sub = properties[key] as? [String: Any] {
                    out += check(member, sub, "\(path)/\(key)")
                } else if let additional = schema["additionalProperties"] {
                    if let allowed = additional as? Bool, !allowed { out.append("\(path): unknown member '\(key)'") }
                    if let sub = additional as? [String: Any] { out += check(member, sub, "\(path)/\(key)") }
                }
            }
        }
        if let array = value as? [Any] {
            if let minimum = schema["minItems"] as? Int, array.count < minimum {
                out.append("\(path): fewer than \(minimum) items")
            }
            if let maximum = schema["maxItems"] as? Int, array.count > maximum {
                out.append("\(path): more than \(maximum) items")
            }
            if let items = schema["items"] as? [String: Any] {
                for (i, item) in array.enumerated() { out += check(item, items, "\(path)/\(i)") }
            }
        }
        if let options = schema["anyOf"] as? [[String: Any]],
            !options.contains(where: { check(value, $0, path).isEmpty })
        {
            out.append("\(path): matches none of anyOf")
        }
        if let negated = schema["not"] as? [String: Any], check(value, negated, path).isEmpty {
            out.append("\(path): matches 'not'")
        }
        if let condition = schema["if"] as? [String: Any] {
            if check(value, condition, path).isEmpty {
                if let then = schema["then"] as? [String: Any] { out += check(value, then, path) }
            } else if let otherwise = schema["else"] as? [String: Any] {
                out += check(value, otherwise, path)
            }
        }
        return out
    }
}
