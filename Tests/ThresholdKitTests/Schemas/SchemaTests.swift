import Foundation
import Testing

@testable import ThresholdKit

/// The JSON Schemas in Rules/schemas/ against the loaders, the examples, the built-in packs and the
/// profile template: the schemas may not drift from what Threshold actually reads.
@Suite("JSON Schemas")
struct SchemaTests {
    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The schemas, parsed afresh on each use (`[String: Any]` is not `Sendable`).
    static var profile: [String: Any] { (try? json(Schema.profile)) ?? [:] }
    static var pack: [String: Any] { (try? json(Schema.pack)) ?? [:] }

    /// The YAML files in a folder of the package, sorted.
    static func yamlFiles(_ folder: String) -> [String] {
        let names =
            (try? FileManager.default.contentsOfDirectory(
                atPath: Support.packageRoot.appendingPathComponent(folder).path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { "\(folder)/\($0)" }
    }

    /// The keys under `properties` of the schema at a JSON pointer such as `#/$defs/model`.
    static func keys(_ schema: [String: Any], _ pointer: String) -> Set<String> {
        let properties = SchemaWalker(root: schema).resolve(pointer)?["properties"] as? [String: Any]
        return Set(properties?.keys ?? [:].keys)
    }

    // MARK: The embedded copies

    @Test(
        "the schemas embedded in ThresholdKit equal Rules/schemas/*.schema.json byte for byte",
        arguments: [("profile", Schema.profile), ("pack", Schema.pack), ("verdict", Schema.verdict)])
    func embeddedCopies(_ name: String, _ embedded: String) throws {
        let url = Support.packageRoot.appendingPathComponent("Rules/schemas/\(name).schema.json")
        let file = try Data(contentsOf: url)
        #expect(
            Array(file) == Array(embedded.utf8),
            "Schema.\(name) differs from Rules/schemas/\(name).schema.json: the EmbedRulePacks plugin did not embed it")
    }

    @Test("the schemas are draft 2020-12 JSON with a description on every property")
    func wellFormed() throws {
        for (name, schema) in [
            ("profile", Self.profile), ("pack", Self.pack), ("verdict", (try? Self.json(Schema.verdict)) ?? [:]),
        ] {
            #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema", "\(name)")
            var missing: [String] = []
            func visit(_ value: Any, _ path: String) {
                if let object = value as? [String: Any] {
                    if let properties = object["properties"] as? [String: Any] {
                        for (key, property) in properties {
                            guard let property = property as? [String: Any] else { continue }
                            // A property that is only a $ref takes the referenced definition's description.
                            var described = property["description"] != nil
                            if !described, let ref = property["$ref"] as? String {
                                described = SchemaWalker(root: schema).resolve(ref)?["description"] != nil
                            }
                            if !described { missing.append("\(path)/properties/\(key)") }
                        }
                    }
                    for (key, child) in object { visit(child, "\(path)/\(key)") }
                } else if let array = value as? [Any] {
                    for (index, child) in array.enumerated() { visit(child, "\(path)/\(index)") }
                }
            }
            visit(schema, "#")
            #expect(missing.isEmpty, "\(name): properties without a description: \(missing.sorted())")
        }
    }

    // MARK: Keys against the loaders

    @Test("the profile schema's keys are exactly the profile loader's keys")
    func profileKeys() {
        let cases: [(String, [String])] = [
            ("#", LabProfile.topLevelKeys),
            ("#/$defs/organization", LabProfile.organizationKeys),
            ("#/$defs/model", LabProfile.modelKeys),
            ("#/$defs/cluster", LabProfile.clusterKeys),
            ("#/$defs/assessment", LabProfile.assessmentKeys),
            ("#/$defs/estimate", LabProfile.estimateKeys),
            ("#/$defs/exchangeRate", LabProfile.exchangeRateKeys),
        ]
        for (pointer, loaderKeys) in cases {
            let schemaKeys = Self.keys(Self.profile, pointer)
            #expect(
                schemaKeys.subtracting(loaderKeys).isEmpty,
                "\(pointer): in the schema, not read by the loader: \(schemaKeys.subtracting(loaderKeys).sorted())")
            let missing = Set(loaderKeys).subtracting(schemaKeys).sorted()
            #expect(missing.isEmpty, "\(pointer): read by the loader, missing from the schema: \(missing)")
        }
        // An uncertain money figure, rate or bandwidth takes the estimate keys that are not derivations.
        #expect(Self.keys(Self.profile, "#/$defs/uncertain") == ["estimate", "low", "high", "confidence"])
        #expect(Self.keys(Self.profile, "#/$defs/uncertain").isSubset(of: LabProfile.estimateKeys))
    }

    @Test("the pack schema's keys are exactly the pack loader's keys")
    func packKeys() {
        let cases: [(String, [String])] = [
            ("#", RulePack.packKeys),
            ("#/$defs/source", RulePack.sourceKeys),
            ("#/$defs/threshold", RulePack.thresholdKeys),
            ("#/$defs/obligation", RulePack.obligationKeys),
            ("#/$defs/test", RulePack.testKeys),
            ("#/$defs/expect", RulePack.expectKeys),
            ("#/$defs/profile", LabProfile.topLevelKeys),
            ("#/$defs/comparison", Comparison.allCases.map(\.rawValue)),
        ]
        for (pointer, loaderKeys) in cases {
            let schemaKeys = Self.keys(Self.pack, pointer)
            #expect(
                schemaKeys.subtracting(loaderKeys).isEmpty,
                "\(pointer): in the schema, not read by the loader: \(schemaKeys.subtracting(loaderKeys).sorted())")
            let missing = Set(loaderKeys).subtracting(schemaKeys).sorted()
            #expect(missing.isEmpty, "\(pointer): read by the loader, missing from the schema: \(missing)")
        }
    }

    @Test("the pack schema's copy of the profile definitions equals the profile schema")
    func packEmbedsProfile() throws {
        let profileDefs = try #require(Self.profile["$defs"] as? [String: Any])
        let packDefs = try #require(Self.pack["$defs"] as? [String: Any])
        func canonical(_ value: Any?) throws -> Data {
            try JSONSerialization.data(withJSONObject: try #require(value), options: [.sortedKeys])
        }
        for (name, definition) in profileDefs {
            #expect(try canonical(packDefs[name]) == canonical(definition), "$defs/\(name) differs between the schemas")
        }
        var root = Self.profile
        for key in ["$schema", "$id", "title", "$defs"] { root[key] = nil }
        #expect(
            try canonical(packDefs["profile"]) == canonical(root),
            "pack $defs/profile differs from the profile schema's root")
    }

    @Test("the schemas' enumerations are the Swift enumerations")
    func enumerations() {
        func values(_ schema: [String: Any], _ pointer: String) -> Set<String> {
            Set((SchemaWalker(root: schema).resolve(pointer)?["enum"] as? [Any] ?? []).compactMap { $0 as? String })
        }
        #expect(
            values(Self.profile, "#/$defs/model/properties/status")
                == Set(LabProfile.Model.Status.allCases.map(\.rawValue)))
        #expect(
            values(Self.profile, "#/$defs/assessment/properties/outcome")
                == Set(LabProfile.AssessmentRecord.Outcome.allCases.map(\.rawValue)))
        #expect(values(Self.pack, "#/properties/status") == Set(RulePack.Status.allCases.map(\.rawValue)))
        #expect(values(Self.pack, "#/$defs/threshold/properties/subject") == Set(Subject.allCases.map(\.rawValue)))
        #expect(values(Self.pack, "#/$defs/threshold/properties/fact") == Set(FactKey.allCases.map(\.rawValue)))
        #expect(values(Self.pack, "#/$defs/expect/properties/deployment") == Set(Deployment.allCases.map(\.rawValue)))
        #expect(
            values(Self.pack, "#/$defs/expect/properties/status/additionalProperties")
                == Set(ObligationStatus.allCases.map(\.rawValue)))
        #expect(
            values(Self.pack, "#/$defs/expect/properties/thresholds/additionalProperties") == [
                "met", "not-met", "indeterminate",
            ])
    }

    // MARK: Files against the schemas

    @Test("every example profile uses only what the profile schema allows", arguments: yamlFiles("Examples/labs"))
    func exampleProfile(_ path: String) throws {
        let bytes = Array(try Data(contentsOf: Support.packageRoot.appendingPathComponent(path)))
        let document = try YAMLParser.parseDocument(bytes, path: path)
        let problems = SchemaWalker(root: Self.profile).problems(document.root)
        #expect(problems.isEmpty, "\(path): \(problems)")
    }

    @Test("every built-in and example rule pack uses only what the pack schema allows")
    func packs() throws {
        var files = BuiltinRulePacks.files.map { ("Rules/" + $0.name, Array($0.text.utf8)) }
        #expect(!files.isEmpty)
        for path in Self.yamlFiles("Examples/rules") {
            files.append((path, Array(try Data(contentsOf: Support.packageRoot.appendingPathComponent(path)))))
        }
        for (path, bytes) in files {
            let document = try YAMLParser.parseDocument(bytes, path: path)
            let problems = SchemaWalker(root: Self.pack).problems(document.root)
            #expect(problems.isEmpty, "\(path): \(problems)")
        }
    }

    @Test("the walker finds what the schemas refuse")
    func walkerRefuses() throws {
        let cases: [(String, String)] = [
            ("organization: {name: L, ai_revenu: 1M USD}\n", "/organization: unknown key 'ai_revenu'"),
            (
                "organization: {name: L}\nmodels: [{name: m, training_compute: {parameters: 1, tokens: 2, flops: "
                    + "3}}]\n",
                "/models/0/training_compute: unknown key 'flops'"
            ),
            (
                "organization: {name: L, ai_revenue: {parameters: 1, tokens: 2}}\n",
                "/organization/ai_revenue: unknown key 'parameters'"
            ),
            (
                "organization: {name: L}\nmodels: [{name: m, status: shipped}]\n",
                "/models/0/status: 'shipped' is not one of"
            ),
            ("organization: {name: L}\nmodels: {name: m}\n", "/models: expected"),
            ("models: []\n", "/: missing the required key 'organization'"),
        ]
        for (yaml, expected) in cases {
            let document = try YAMLParser.parseDocument(Array(yaml.utf8))
            let problems = SchemaWalker(root: Self.profile).problems(document.root)
            #expect(problems.contains { $0.hasPrefix(expected) }, "\(yaml): \(problems)")
        }
        let pack = "pack: p\ntitle: P\nstatus: proposed\n"
        let packCases: [(String, String)] = [
            (
                pack + "thresholds: [{id: t, subject: model, fact: training_compute, greater_then: 1e25 FLOP}]\n",
                "/thresholds/0: unknown key 'greater_then'"
            ),
            (
                pack + "obligations: [{id: o, title: O, kind: report, when: {anyy: [t]}}]\n",
                "/obligations/0/when: unknown key 'anyy'"
            ),
            (
                pack
                    + "thresholds: [{id: t, subject: model, fact: training_compute, greater_than: 1, where: "
                    + "{primary_dat: x}}]\n",
                "/thresholds/0/where: unknown key 'primary_dat'"
            ),
            (
                pack + "tests: [{name: n, profile: {organization: {name: L, revenue: 1}}, expect: {}}]\n",
                "/tests/0/profile/organization: unknown key 'revenue'"
            ),
        ]
        for (yaml, expected) in packCases {
            let document = try YAMLParser.parseDocument(Array(yaml.utf8))
            let problems = SchemaWalker(root: Self.pack).problems(document.root)
            #expect(problems.contains { $0.hasPrefix(expected) }, "\(yaml): \(problems)")
        }
    }

    // MARK: The profile template

    @Test("the unfilled profile template is a valid profile the schema allows")
    func templateLoads() throws {
        let profile = try LabProfile(yaml: ProfileTemplate.text, path: "lab.yaml")
        #expect(profile.organization.name == "Example AI Lab")
        #expect(profile.models.count == 1 && profile.models[0].trainingCompute == nil)
        let document = try YAMLParser.parseDocument(string: ProfileTemplate.text, path: "lab.yaml")
        let problems = SchemaWalker(root: Self.profile).problems(document.root)
        #expect(problems.isEmpty, "\(problems)")
        // Every top-level, organization, model and cluster key is in the template, so a new user sees it.
        for key in LabProfile.topLevelKeys + LabProfile.organizationKeys + LabProfile.modelKeys + LabProfile.clusterKeys
            + LabProfile.assessmentKeys + LabProfile.exchangeRateKeys + LabProfile.estimateKeys
        {
            let mentioned = ProfileTemplate.text.contains("\(key):")
            #expect(mentioned, "the template does not mention '\(key)'")
        }
    }

    @Test("the unfilled template gives indeterminate results, never errors or a made-up answer")
    func templateIsIndeterminate() throws {
        let profile = try LabProfile(yaml: ProfileTemplate.text, path: "lab.yaml")
        let verdict = try RuleBook.builtIn().evaluate(profile, asOf: try #require(CalendarDate("2026-11-29")))
        #expect(verdict.errors.isEmpty)
        let inForce = verdict.packs.filter(\.inForce)
        #expect(!inForce.isEmpty)
        for pack in inForce {
            for threshold in pack.thresholds {
                #expect(
                    threshold.result == .indeterminate,
                    "\(pack.pack) \(threshold.id) \(threshold.subject): \(threshold.result)")
            }
            #expect(!pack.obligations.contains { $0.applies == .yes }, "\(pack.pack)")
        }
        let proposal = try #require(verdict.packs.first { $0.pack == "frontier-ai-proposal-2026" })
        let cybersecurity = try #require(proposal.obligations.first { $0.id == "cybersecurity-assessment" })
        #expect(cybersecurity.applies == .indeterminate)
        #expect(cybersecurity.status == .indeterminate)
    }
}

/// Walks a YAML node tree against the part of JSON Schema that Threshold's schemas use (`$ref`,
/// `anyOf`/`oneOf`/`allOf`, `type`, `enum`, `properties`, `additionalProperties`, `propertyNames`,
/// `required`, `items`, `dependentRequired`), reporting keys and shapes the schema does not allow.
/// Scalar formats (patterns, ranges) are left to the loaders, which check them with positions.
struct SchemaWalker {
    let root: [String: Any]

    /// The schema object at a local JSON pointer (`#`, `#/$defs/model/properties/status`).
    func resolve(_ pointer: String) -> [String: Any]? {
        guard pointer.hasPrefix("#") else { return nil }
        var current: Any = root
        for part in pointer.dropFirst().split(separator: "/") {
            let key = part.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            guard let object = current as? [String: Any], let next = object[key] else { return nil }
            current = next
        }
        return current as? [String: Any]
    }

    /// What is wrong with `node` under the root schema; empty when it conforms.
    func problems(_ node: YAMLNode) -> [String] { check(node, root, "").map(\.message) }

    struct Problem {
        var message: String
        /// The node's kind does not fit: the branch of an anyOf this came from is the wrong one.
        var isKindMismatch = false
    }

    func check(_ node: YAMLNode, _ value: Any, _ path: String) -> [Problem] {
        let at = path.isEmpty ? "/" : path
        guard let schema = value as? [String: Any] else {
            if let allowed = value as? Bool, !allowed { return [Problem(message: "\(at): not allowed here")] }
            return []
        }
        var found: [Problem] = []
        if let ref = schema["$ref"] as? String {
            guard let target = resolve(ref) else { return [Problem(message: "\(at): unresolvable $ref \(ref)")] }
            found += check(node, target, path)
        }
        for branch in schema["allOf"] as? [Any] ?? [] { found += check(node, branch, path) }
        for key in ["anyOf", "oneOf"] {
            guard let branches = schema[key] as? [Any] else { continue }
            let results = branches.map { check(node, $0, path) }
            if results.contains(where: \.isEmpty) { continue }
            // Report the branch that fits the node's kind best.
            let fitting = results.filter { !$0.contains(where: \.isKindMismatch) }
            if let best = (fitting.isEmpty ? results : fitting).min(by: { $0.count < $1.count }) {
                found += best.map { Problem(message: $0.message, isKindMismatch: $0.isKindMismatch && fitting.isEmpty) }
            }
        }
        if let type = schema["type"] {
            let types = (type as? [String]) ?? [type as? String].compactMap { $0 }
            if !types.contains(where: { fits(node, $0) }) {
                return found + [
                    Problem(
                        message: "\(at): expected \(types.joined(separator: " or ")), found \(node.kindDescription)",
                        isKindMismatch: true)
                ]
            }
        }
        if let allowed = schema["enum"] as? [Any] {
            let matches = allowed.contains { candidate in
                if candidate is NSNull { return node.isNull }
                if let text = candidate as? String { return node.kind == .scalar && !node.isNull && node.text == text }
                return false
            }
            if !matches {
                let kindMismatch = node.kind != .scalar
                found.append(
                    Problem(
                        message: "\(at): '\(node.text)' is not one of \(allowed.map { "\($0)" })",
                        isKindMismatch: kindMismatch))
            }
        }
        switch node.kind {
        case .mapping:
            found += checkMapping(node, schema, path)
        case .sequence:
            if let items = schema["items"] {
                for (index, item) in node.items.enumerated() { found += check(item, items, "\(path)/\(index)") }
            }
        case .scalar:
            break
        }
        return found
    }

    func checkMapping(_ node: YAMLNode, _ schema: [String: Any], _ path: String) -> [Problem] {
        let at = path.isEmpty ? "/" : path
        var found: [Problem] = []
        let properties = schema["properties"] as? [String: Any] ?? [:]
        let keys = node.pairs.map(\.key.text)
        for key in schema["required"] as? [String] ?? [] where !keys.contains(key) {
            found.append(Problem(message: "\(at): missing the required key '\(key)'"))
        }
        for (key, needs) in schema["dependentRequired"] as? [String: [String]] ?? [:] where keys.contains(key) {
            for need in needs where !keys.contains(need) {
                found.append(Problem(message: "\(at): '\(key)' needs '\(need)'"))
            }
        }
        let names = (schema["propertyNames"] as? [String: Any])?["enum"] as? [String]
        for pair in node.pairs {
            let key = pair.key.text, childPath = "\(path)/\(key)"
            if let names, !names.contains(key) {
                found.append(Problem(message: "\(at): unknown key '\(key)'"))
                continue
            }
            if let property = properties[key] {
                found += check(pair.value, property, childPath)
            } else if let additional = schema["additionalProperties"] {
                if let allowed = additional as? Bool {
                    if !allowed { found.append(Problem(message: "\(at): unknown key '\(key)'")) }
                } else {
                    found += check(pair.value, additional, childPath)
                }
            }
        }
        return found
    }

    /// Whether a node can be a JSON value of a type, reading scalars by the YAML 1.2 core schema.
    func fits(_ node: YAMLNode, _ type: String) -> Bool {
        switch type {
        case "object": return node.kind == .mapping
        case "array": return node.kind == .sequence
        case "null": return node.isNull
        case "boolean": return node.kind == .scalar && node.scalarKind == .bool
        case "integer": return node.kind == .scalar && node.scalarKind == .int
        case "number": return node.kind == .scalar && (node.scalarKind == .int || node.scalarKind == .float)
        case "string": return node.kind == .scalar && node.scalarKind == .string
        default: return false
        }
    }
}
