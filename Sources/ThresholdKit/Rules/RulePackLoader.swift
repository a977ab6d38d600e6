extension RulePack {
    /// The keys of a pack's top level.
    package static let packKeys = [
        "pack", "title", "status", "jurisdiction", "effective", "expires", "summary",
        "sources", "exchange_rates", "thresholds", "obligations", "readings", "replaces", "tests",
    ]
    /// The keys of a reading.
    package static let readingKeys = ["id", "default", "title", "rationale", "cite", "citation", "when", "limits"]
    /// The keys of a source.
    package static let sourceKeys = ["id", "title", "url", "grade"]
    /// The keys of a threshold.
    package static let thresholdKeys = [
        "id", "title", "subject", "fact", "greater_than", "at_least", "less_than", "at_most",
        "where", "period", "market", "cite", "citation", "note", "modified_model",
    ]
    /// The keys of a threshold's `modified_model:` (its test of a model built on another provider's model).
    package static let modifiedModelKeys = [
        "fact", "greater_than", "at_least", "less_than", "at_most", "where", "note",
    ]
    /// The keys of a limit drawn as a fraction of another fact.
    package static let relativeLimitKeys = ["fraction", "of", "otherwise"]
    /// The keys of an obligation.
    package static let obligationKeys = [
        "id", "title", "kind", "risk", "per", "when", "effective", "due", "every", "valid_for", "valid_for_days",
        "independent", "transition", "cite", "citation", "note",
    ]
    /// The keys of a test case.
    package static let testKeys = ["name", "as_of", "profile", "expect"]
    /// The keys of a test case's expectations.
    package static let expectKeys = [
        "applies", "not_applies", "indeterminate", "status", "thresholds", "deployment", "in_force", "models",
        "readings",
    ]
    /// The keys of one model's expectations in a test case.
    package static let modelExpectKeys = ["applies", "not_applies", "indeterminate", "status", "deployment"]

    /// Loads one pack from a YAML file.
    package init(contentsOf path: String, options: LoadOptions = .default) throws {
        let bytes = try YAMLParser.readFile(atPath: path, limits: options.yaml)
        try self.init(bytes: bytes, path: path, options: options)
    }

    /// Loads one pack from YAML text.
    package init(yaml: String, path: String? = nil, options: LoadOptions = .default) throws {
        try self.init(bytes: Array(yaml.utf8), path: path, options: options)
    }

    /// Loads one pack from YAML bytes, validating it in full.
    ///
    /// - Throws: `YAMLError` at the first problem: unknown keys, duplicate ids, references to
    ///   unknown thresholds, obligations, sources or facts, a limit whose unit does not fit its
    ///   fact, circular `when`s, a test case that does not load.
    package init(bytes: [UInt8], path: String?, options: LoadOptions = .default) throws {
        let document = try YAMLParser.parseDocument(bytes, path: path, options: YAMLOptions(limits: options.yaml))
        self = try PackLoader(options: options).pack(document.root, path: path)
    }

    /// Loads one pack, going on past a bad threshold, obligation or test case to report each
    /// problem (up to `limit`); the pack is nil when any was found.
    static func loadReportingAll(
        bytes: [UInt8], path: String?, options: LoadOptions, limit: Int = 20
    ) -> (RulePack?, [YAMLError]) {
        do {
            let document = try YAMLParser.parseDocument(bytes, path: path, options: YAMLOptions(limits: options.yaml))
            let sink = ErrorSink(limit: limit)
            do {
                let pack = try PackLoader(options: options, sink: sink).pack(document.root, path: path)
                return sink.errors.isEmpty ? (pack, []) : (nil, sink.errors)
            } catch let error as YAMLError {
                // An error outside the items (a pack key, a rate) ends the file; keep the order of lines.
                var errors = sink.errors
                if !errors.contains(error) { errors.append(error) }
                return (nil, errors.sorted { ($0.mark.line, $0.mark.column) < ($1.mark.line, $1.mark.column) })
            }
        } catch let error as YAMLError {
            return (nil, [error])
        } catch {
            return (nil, [YAMLError(kind: .reader, problem: "\(error)", mark: .start, file: path)])
        }
    }
}

/// Where a loader that goes on past errors keeps them.
final class ErrorSink {
    let limit: Int
    var errors: [YAMLError] = []
    init(limit: Int) { self.limit = limit }
}

/// Decodes and validates a pack.
struct PackLoader {
    let options: LoadOptions
    /// Set when every error is wanted (lint): an item that fails is recorded and skipped.
    var sink: ErrorSink? = nil

    /// Runs `body`; with a sink, an error is recorded and nil returned, so that the next item is
    /// still read. A pack with recorded errors is never returned whole: `pack` throws at its end.
    func attempt<T>(_ body: () throws -> T) throws -> T? {
        guard let sink else { return try body() }
        do {
            return try body()
        } catch let error as YAMLError {
            if sink.errors.count < sink.limit, !sink.errors.contains(error) { sink.errors.append(error) }
            return nil
        }
    }

    func pack(_ root: YAMLNode, path: String?) throws -> RulePack {
        let map = try MappingReader(
            root, path: "", keys: RulePack.packKeys,
            what: "a rule pack (a mapping with 'pack', 'thresholds', 'obligations', …)")
        let idNode = try map.required("pack", what: "the pack's id, such as frontier-ai-proposal-2026")
        let id = try identifier(idNode, path: "pack")
        let statusText = try map.requiredString("status", what: "proposed, enacted, repealed or vetoed")
        guard let status = RulePack.Status(rawValue: statusText) else {
            throw try map.required("status", what: "").error(
                LabProfile.enumMessage("status", statusText, RulePack.Status.allCases.map(\.rawValue)))
        }
        var sources: [RulePack.Source] = []
        var sourceMarks: [String: SourceMark] = [:]
        for (path, node) in try map.sequence("sources", what: "a list of sources") {
            let source = try MappingReader(
                node, path: path, keys: RulePack.sourceKeys, what: "a source (a mapping with 'id', 'title', 'url')")
            let sourceID = try identifier(
                try source.required("id", what: "the source's id"), path: source.path(of: "id"))
            if let first = sourceMarks[sourceID] {
                throw try source.required("id", what: "").error(duplicate("source", sourceID, first))
            }
            sourceMarks[sourceID] = node.mark
            var grade: RulePack.Source.Grade?
            if let text = try source.string("grade") {
                guard let value = RulePack.Source.Grade(rawValue: text) else {
                    throw try source.required("grade", what: "").error(
                        LabProfile.enumMessage(
                            source.path(of: "grade"), text, RulePack.Source.Grade.allCases.map(\.rawValue)))
                }
                grade = value
            }
            sources.append(
                .init(
                    id: sourceID, title: try source.requiredString("title", what: "the source's title"),
                    url: try source.string("url"), grade: grade))
        }
        let rates = try LabProfile.exchangeRates(map)
        var ids: [String: SourceMark] = [:]
        var thresholds: [Threshold] = []
        for (path, node) in try map.sequence("thresholds", what: "a list of thresholds") {
            guard
                let threshold = try attempt({ () throws -> Threshold in
                    let threshold = try self.threshold(node, path: path, sources: sources)
                    if let first = ids[threshold.id], let idNode = node["id"] {
                        throw idNode.error(duplicate("id", threshold.id, first))
                    }
                    if threshold.id == "always", let idNode = node["id"] {
                        // `when: always` is a keyword: a threshold of that id could never be read.
                        throw idNode.error(
                            "\(path).id: 'always' is the keyword of 'when: always'; give the threshold another id")
                    }
                    return threshold
                })
            else { continue }
            ids[threshold.id] = threshold.mark
            thresholds.append(threshold)
        }
        var obligations: [Obligation] = []
        var whenNodes: [String: YAMLNode] = [:]
        for (path, node) in try map.sequence("obligations", what: "a list of obligations") {
            guard
                let obligation = try attempt({ () throws -> Obligation in
                    let obligation = try self.obligation(node, path: path, sources: sources)
                    if let first = ids[obligation.id], let idNode = node["id"] {
                        throw idNode.error(duplicate("id", obligation.id, first))
                    }
                    if obligation.id == "always", let idNode = node["id"] {
                        throw idNode.error(
                            "\(path).id: 'always' is the keyword of 'when: always'; give the obligation another id")
                    }
                    if obligation.isDeploymentGate, !obligation.when.readsAssessmentOutcome, let whenNode = node["when"]
                    {
                        // A gate blocks on what an assessment found; one that a threshold opens would
                        // read "an assessment found high risk" when none exists.
                        throw whenNode.error(
                            "\(path).when: a deployment gate is triggered by an assessment's finding, such as "
                                + "{any_assessment_outcome: high-risk}, not by thresholds alone"
                        )
                    }
                    return obligation
                })
            else { continue }
            ids[obligation.id] = obligation.mark
            obligations.append(obligation)
            whenNodes[obligation.id] = node["when"] ?? node
        }
        // References in `when`, checked once every id is known.
        let known = KnownIDs(thresholds: thresholds.map(\.id), obligations: obligations.map(\.id))
        for (index, obligation) in obligations.enumerated() {
            let node = whenNodes[obligation.id] ?? root
            if let resolved = try attempt({
                try resolve(obligation.when, node: node, path: "obligations[\(index)].when", known: known)
            }) {
                obligations[index].when = resolved
            }
        }
        try checkCycles(obligations, whenNodes: whenNodes, root: root)
        let (readings, defaultReading) = try self.readings(map, known: known, thresholds: thresholds, sources: sources)

        var pack = RulePack(
            id: id,
            title: try map.requiredString("title", what: "the pack's title"),
            status: status,
            jurisdiction: try map.string("jurisdiction").flatMap { $0 == "none" ? nil : $0 },
            effective: try LabProfile.date(map, "effective"),
            expires: try LabProfile.date(map, "expires"),
            summary: try map.string("summary"),
            sources: sources, exchangeRates: rates, thresholds: thresholds, obligations: obligations,
            tests: [], path: path, mark: idNode.mark)
        pack.readings = readings
        pack.defaultReading = defaultReading
        if let replacesNode = map.value("replaces") { pack.replaces = try identifier(replacesNode, path: "replaces") }
        if let effective = pack.effective, let expires = pack.expires, expires <= effective, let node = map["expires"] {
            throw node.error("expires: \(expires) is not after effective (\(effective))")
        }
        if status == .repealed && pack.expires == nil, let node = map["status"] {
            // Without the date, the pack would read as in force on every date.
            throw node.error(
                "status: a repealed pack needs 'expires', the first day it no longer applies, such as 2025-01-20")
        }
        var names: [String: SourceMark] = [:]
        for (path, node) in options.packTests ? try map.sequence("tests", what: "a list of test cases") : [] {
            guard let test = try attempt({ try self.test(node, path: path, pack: pack) }) else { continue }
            if let first = names[test.name], let nameNode = node["name"] {
                throw nameNode.error(duplicate("test name", test.name, first))
            }
            names[test.name] = node.mark
            pack.tests.append(test)
        }
        if let first = sink?.errors.first { throw first }
        return pack
    }

    // MARK: Pieces

    func identifier(_ node: YAMLNode, path: String) throws -> String {
        let text = try node.string(path: path, what: "an id")
        let valid =
            !text.isEmpty
            && text.utf8.allSatisfy { byte in
                (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F
                    || byte == 0x2E
            }
        guard valid else {
            // Shown with every character outside ASCII spelled out, so that a zero-width space or a
            // Cyrillic look-alike cannot make the message show a valid-looking id.
            var shown = "", offending: [String] = []
            for scalar in text.unicodeScalars.prefix(80) {
                if scalar.isASCII && scalar.value >= 0x20 && scalar.value < 0x7F {
                    shown.unicodeScalars.append(scalar)
                } else {
                    let code =
                        "U+" + String(scalar.value, radix: 16, uppercase: true).padded(4, leading: true, with: "0")
                    shown += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
                    if !offending.contains(code) { offending.append(code) }
                }
            }
            var message = "\(path): '\(shown)' is not a valid id: use lowercase ASCII letters, digits, '-', '_' and '.'"
            if !offending.isEmpty {
                message +=
                    "; it contains \(offending.joined(separator: ", ")), which only look like them or are invisible"
            }
            throw node.error(message)
        }
        return text
    }

    func duplicate(_ what: String, _ id: String, _ first: SourceMark?) -> String {
        "duplicate \(what) \(id.quotedForDiagnostic())"
            + (first.map { ": it was first defined at line \($0.line), column \($0.column)" } ?? "")
    }

    func cite(_ map: MappingReader, sources: [RulePack.Source]) throws -> String? {
        guard let node = map.value("cite") else { return nil }
        let id = try node.string(path: map.path(of: "cite"), what: "a source id")
        guard let source = sources.first(where: { $0.id == id }) else {
            var message = "\(map.path(of: "cite")): no source \(id.quotedForDiagnostic()) in this pack's sources"
            if let near = Suggestion.nearest(to: id, among: sources.map(\.id)) {
                message += "; did you mean '\(near)'?"
            }
            throw node.error(message)
        }
        // A line built on a claim nobody has checked must say so where a reader will see it.
        if source.grade == .unverified, !((try map.string("note")) ?? "").lowercased().contains("unverified") {
            throw node.error(
                "\(map.path(of: "cite")): the source '\(id)' is graded unverified, so this entry's note must say "
                    + "what is unverified (the word 'unverified' in 'note')"
            )
        }
        return id
    }

    func factKey(_ node: YAMLNode, path: String, subject: Subject) throws -> FactKey {
        let name = try node.string(path: path, what: "a fact such as training_compute")
        guard let key = FactKey(rawValue: name) else {
            var message = "\(path): unknown fact \(name.quotedForDiagnostic())"
            if let near = Suggestion.nearest(to: name, among: FactKey.allCases.map(\.rawValue)) {
                message += "; did you mean '\(near)'?"
            } else {
                message +=
                    "; the facts of a \(subject.rawValue) are: "
                    + "\(FactKey.facts(of: subject).map(\.rawValue).joined(separator: ", "))"
            }
            throw node.error(message)
        }
        guard key.subject == subject else {
            throw node.error(
                "\(path): \(name.quotedForDiagnostic()) is a fact of a \(key.subject.rawValue), not of a "
                    + "\(subject.rawValue); the facts of a \(subject.rawValue) are: "
                    + "\(FactKey.facts(of: subject).map(\.rawValue).joined(separator: ", "))"
            )
        }
        return key
    }

    /// `greater_than: 1e25 FLOP` and friends: exactly one comparison key, a limit in the fact's dimension.
    func quantityTest(_ map: MappingReader, fact: FactKey, factNode: YAMLNode) throws -> QuantityTest {
        let present = Comparison.allCases.filter { map[$0.rawValue] != nil }
        guard let comparison = present.first else {
            throw map.node.error(
                "\(map.label)a comparison with a limit is missing: one of greater_than, at_least, less_than, at_most "
                    + "(the statute's word decides)"
            )
        }
        if present.count > 1, let second = map[present[1].rawValue] {
            throw second.error(
                "\(map.label)give one comparison, not both \(present[0].rawValue) and \(present[1].rawValue)")
        }
        guard let dimension = fact.dimension else {
            throw factNode.error("\(map.label)'\(fact.rawValue)' is not a quantity; compare it under 'where:' instead")
        }
        let node = map[comparison.rawValue] ?? map.node
        let path = map.path(of: comparison.rawValue)
        if node.kind == .mapping {
            return try relativeTest(node, path: path, fact: fact, comparison: comparison, dimension: dimension)
        }
        let (limit, currency) = try LabProfile.quantity(node, path: path, dimension)
        return QuantityTest(fact: fact, comparison: comparison, limit: limit, currency: currency, written: node.text)
    }

    /// `greater_than: {fraction: 1/3, of: base_model.training_compute, otherwise: 1e23 FLOP}`: a
    /// line drawn as a fraction of another fact of the subject, in the same dimension, with the line
    /// to use when that fact is not given. A general form, not an EU special case: the EU
    /// guidelines' "more than a third of the original model's compute" is one use.
    func relativeTest(
        _ node: YAMLNode, path: String, fact: FactKey, comparison: Comparison, dimension: QuantityDimension
    ) throws -> QuantityTest {
        let map = try MappingReader(
            node, path: path, keys: RulePack.relativeLimitKeys,
            what: "a limit such as 1e25 FLOP, or {fraction: 1/3, of: base_model.training_compute, otherwise: 1e23 FLOP}"
        )
        let fractionNode = try map.required("fraction", what: "a fraction of whole numbers such as 1/3")
        let fractionPath = map.path(of: "fraction")
        guard fractionNode.kind == .scalar else {
            throw fractionNode.error(
                "\(fractionPath): expected a fraction of whole numbers such as 1/3, found "
                    + "\(fractionNode.kindDescription)"
            )
        }
        let parts = fractionNode.text.split(separator: "/", omittingEmptySubsequences: false).map {
            $0.filter { $0 != " " }
        }
        let numbers = parts.count <= 2 ? parts.map { try? QuantityParser.parseNumber(String($0)) } : []
        guard !numbers.isEmpty,
            numbers.allSatisfy({ $0.map { $0.exponent >= 0 && !$0.isNegative && !$0.isZero } ?? false })
        else {
            throw fractionNode.error(
                "\(fractionPath): \(fractionNode.text.quotedForDiagnostic()) is not a fraction of whole numbers "
                    + "greater than zero, such as 1/3"
            )
        }
        let numerator = numbers[0] ?? ExactDecimal(integer: 1)
        let denominator = numbers.count == 2 ? (numbers[1] ?? ExactDecimal(integer: 1)) : ExactDecimal(integer: 1)
        let ofNode = try map.required("of", what: "the fact it is a fraction of, such as base_model.training_compute")
        let of = try factKey(ofNode, path: map.path(of: "of"), subject: fact.subject)
        guard of.dimension == dimension else {
            throw ofNode.error(
                "\(map.path(of: "of")): '\(of.rawValue)' is "
                    + "\(of.dimension.map { "measured as \($0.example)" } ?? "not a quantity"); a limit drawn from "
                    + "it must be in the dimension of '\(fact.rawValue)' (\(dimension.example))"
            )
        }
        guard dimension != .money else {
            throw node.error(
                "\(path): a limit drawn as a fraction of another fact is for quantities without currency; compare "
                    + "money with a limit of its own"
            )
        }
        var otherwise: ExactDecimal?
        var otherwiseWritten: String?
        if let otherwiseNode = map.value("otherwise") {
            (otherwise, _) = try LabProfile.quantity(otherwiseNode, path: map.path(of: "otherwise"), dimension)
            otherwiseWritten = otherwiseNode.text
        }
        var written = "\(fractionNode.text) of \(of.rawValue)"
        if let otherwiseWritten { written += " (\(fractionNode.text) of \(otherwiseWritten) when it is not given)" }
        let relative = RelativeLimit(
            numerator: numerator, denominator: denominator, fractionWritten: fractionNode.text,
            of: of, otherwise: otherwise, otherwiseWritten: otherwiseWritten)
        return QuantityTest(
            fact: fact, comparison: comparison, limit: otherwise ?? ExactDecimal(integer: 0), currency: nil,
            written: written, relative: relative)
    }

    /// The conditions under a `where:` mapping: each key a fact of the subject, or `any:` with a
    /// list of such mappings, one of which must hold.
    func conditions(_ whereNode: YAMLNode, path wherePath: String, subject: Subject) throws -> [Condition] {
        guard whereNode.kind == .mapping else {
            throw whereNode.error(
                "\(wherePath): expected a mapping of conditions, such as {primary_data: biological-sequence}")
        }
        var conditions: [Condition] = []
        for pair in whereNode.pairs {
            // The key is quoted into messages as part of the path: escaped and cut short.
            let keyText = pair.key.text
            let keyPath =
                wherePath + "."
                + (keyText.utf8.count <= 60 && keyText.escapedForTerminal() == keyText
                    ? keyText : keyText.quotedForDiagnostic())
            if keyText == "any" && pair.key.kind == .scalar {
                guard pair.value.kind == .sequence, !pair.value.items.isEmpty else {
                    throw pair.value.error(
                        "\(keyPath): expected a list of alternatives, each a mapping of conditions, such as "
                            + "[{base_model.systemic_risk: true}, {training_compute: {greater_than: 1e25 FLOP}}]"
                    )
                }
                var groups: [[Condition]] = []
                for (offset, item) in pair.value.items.enumerated() {
                    groups.append(try self.conditions(item, path: "\(keyPath)[\(offset)]", subject: subject))
                }
                conditions.append(.any(groups))
                continue
            }
            let key = try factKey(pair.key, path: keyPath, subject: subject)
            conditions.append(try condition(key, pair.value, path: keyPath))
        }
        return conditions
    }

    /// A threshold's `modified_model:`: the fact and line it tests, instead of its own, for a model
    /// built on another provider's model.
    func modifiedModelTest(_ node: YAMLNode, path: String, subject: Subject) throws -> Threshold.ModifiedModelTest {
        guard subject == .model else {
            throw node.error(
                "\(path): only a threshold about models (subject: model) can test a modified model differently")
        }
        let map = try MappingReader(
            node, path: path, keys: RulePack.modifiedModelKeys,
            what:
                "the test of a modified model, such as {fact: fine_tuning_compute, greater_than: {fraction: 1/3, of: "
                + "base_model.training_compute, otherwise: 1e23 FLOP}}"
        )
        let factNode = try map.required("fact", what: "the fact it compares, such as fine_tuning_compute")
        let fact = try factKey(factNode, path: map.path(of: "fact"), subject: subject)
        let test = try quantityTest(map, fact: fact, factNode: factNode)
        var conditions: [Condition] = []
        if let whereNode = map.value("where") {
            conditions = try self.conditions(whereNode, path: map.path(of: "where"), subject: subject)
        }
        return .init(test: test, conditions: conditions, note: try map.string("note"))
    }

    func threshold(_ node: YAMLNode, path: String, sources: [RulePack.Source]) throws -> Threshold {
        let map = try MappingReader(
            node, path: path, keys: RulePack.thresholdKeys,
            what: "a threshold (a mapping with 'id', 'subject', 'fact', …)")
        let idNode = try map.required("id", what: "the threshold's id")
        let id = try identifier(idNode, path: map.path(of: "id"))
        let subjectText = try map.requiredString("subject", what: "model, organization or cluster")
        guard let subject = Subject(rawValue: subjectText) else {
            throw try map.required("subject", what: "").error(
                LabProfile.enumMessage(map.path(of: "subject"), subjectText, Subject.allCases.map(\.rawValue)))
        }
        let factNode = try map.required("fact", what: "the fact it compares, such as training_compute")
        let fact = try factKey(factNode, path: map.path(of: "fact"), subject: subject)
        var test = try quantityTest(map, fact: fact, factNode: factNode)
        let marketNode = map.value("market")
        if let marketNode {
            test.market = try marketNode.string(path: map.path(of: "market"), what: "a market code such as KR")
        } else if fact.isMarketScoped {
            throw factNode.error(
                "\(map.path(of: "fact")): '\(fact.rawValue)' is read in one market: name it with 'market:', such as "
                    + "market: KR"
            )
        }
        var conditions: [Condition] = []
        if let whereNode = map.value("where") {
            conditions = try self.conditions(whereNode, path: map.path(of: "where"), subject: subject)
        }
        if let marketNode, !fact.isMarketScoped,
            !conditions.contains(where: { $0.facts.contains(where: \.isMarketScoped) })
        {
            throw marketNode.error(
                "\(map.path(of: "market")): neither '\(fact.rawValue)' nor a condition is read in one market; "
                    + "market: goes with market_revenue, market_ai_revenue, market_daily_users or local_address"
            )
        }
        if marketNode == nil, let scoped = conditions.flatMap(\.facts).first(where: \.isMarketScoped) {
            throw node.error(
                "\(map.path(of: "where")): '\(scoped.rawValue)' is read in one market: name it with 'market:', such "
                    + "as market: KR"
            )
        }
        var period: Threshold.Period?
        if let text = try map.string("period") {
            guard let value = Threshold.Period(rawValue: text) else {
                throw try map.required("period", what: "").error(
                    LabProfile.enumMessage(map.path(of: "period"), text, ["preceding-calendar-year"]))
            }
            guard subject == .organization else {
                throw try map.required("period", what: "").error(
                    "\(map.path(of: "period")): a period applies to an organisation's money figures only")
            }
            period = value
        }
        var threshold = Threshold(
            id: id, title: try map.string("title"), subject: subject, test: test, conditions: conditions,
            period: period, cite: try cite(map, sources: sources), citation: try map.string("citation"),
            note: try map.string("note"), mark: idNode.mark)
        if let modifiedNode = map.value("modified_model") {
            threshold.modifiedModel = try modifiedModelTest(
                modifiedNode, path: map.path(of: "modified_model"), subject: subject)
        }
        return threshold
    }

    func condition(_ fact: FactKey, _ node: YAMLNode, path: String) throws -> Condition {
        switch fact {
        case .coLocated, .stateOfTheArt, .broadRightsRisk, .localAddress, .baseModelSystemicRisk:
            guard node.kind == .scalar, node.scalarKind == .bool else {
                throw node.error("\(path): expected true or false, found \(node.kindDescription)")
            }
            return .isTrue(fact, node.text.lowercased() == "true")
        case .modalities:
            let map = try MappingReader(
                node, path: path, keys: ["includes_any"], what: "{includes_any: [text, image, audio, video]}")
            let values = try LabProfile.terms(
                map, "includes_any", known: LabProfile.Model.knownModalities, what: "a list of modalities")
            guard !values.isEmpty else { throw node.error("\(path): includes_any needs at least one modality") }
            return .includesAny(fact, values)
        case .released:
            let map = try MappingReader(
                node, path: path, keys: Condition.DateComparison.allCases.map(\.rawValue),
                what: "a date comparison such as {on_or_after: 2027-01-01}")
            guard node.pairs.count == 1,
                let comparison = Condition.DateComparison.allCases.first(where: { map.value($0.rawValue) != nil }),
                let date = try LabProfile.date(map, comparison.rawValue)
            else {
                throw node.error("\(path): expected one date comparison, such as {on_or_after: 2027-01-01}")
            }
            return .date(fact, comparison, date)
        case .primaryData, .modelStatus:
            let known =
                fact == .primaryData
                ? LabProfile.Model.knownPrimaryData : LabProfile.Model.Status.allCases.map(\.rawValue)
            var listNode = node, listPath = path
            if node.kind == .mapping {
                let map = try MappingReader(node, path: path, keys: ["one_of"], what: "a value, or {one_of: [a, b]}")
                listNode = try map.required("one_of", what: "a list of values")
                listPath = map.path(of: "one_of")
            }
            let items = listNode.kind == .sequence ? Array(listNode.items) : [listNode]
            var values: [String] = []
            for (offset, item) in items.enumerated() {
                let itemPath = listNode.kind == .sequence ? "\(listPath)[\(offset)]" : listPath
                let value = try item.string(path: itemPath, what: "a value such as \(known[known.count - 1])")
                // A model's status is one of a closed list, so any other could never match; other
                // terms may be the profile's own, unless they are a near miss of a known one.
                if fact == .modelStatus && !known.contains(value) {
                    throw item.error(LabProfile.enumMessage(itemPath, value, known))
                }
                if let message = LabProfile.nearMiss(itemPath, value, known) { throw item.error(message) }
                values.append(value)
            }
            return .equals(fact, values)
        default:
            let map = try MappingReader(
                node, path: path, keys: Comparison.allCases.map(\.rawValue),
                what: "a comparison such as {greater_than: 100 Gbit/s}")
            return .quantity(try quantityTest(map, fact: fact, factNode: node))
        }
    }

    func obligation(_ node: YAMLNode, path: String, sources: [RulePack.Source]) throws -> Obligation {
        let map = try MappingReader(
            node, path: path, keys: RulePack.obligationKeys,
            what: "an obligation (a mapping with 'id', 'title', 'kind', 'when', …)")
        let idNode = try map.required("id", what: "the obligation's id")
        let id = try identifier(idNode, path: map.path(of: "id"))
        let kind = try identifier(
            try map.required("kind", what: "its kind, such as third-party-assessment"), path: map.path(of: "kind"))
        var per = Subject.organization
        if let text = try map.string("per") {
            guard let subject = Subject(rawValue: text), subject != .cluster else {
                throw try map.required("per", what: "").error(
                    LabProfile.enumMessage(map.path(of: "per"), text, ["model", "organization"]))
            }
            per = subject
        }
        let when = try self.when(
            try map.required("when", what: "when it applies, such as {any: [training-compute]}"),
            path: map.path(of: "when"))
        var due: Obligation.Due?
        if let dueNode = map.value("due") {
            let parsed = try self.due(dueNode, path: map.path(of: "due"))
            // A deadline that runs from a model's release means nothing for the organisation as a
            // whole: dropped silently, the duty would read as unmet with no date.
            if per == .organization && parsed.runsFromRelease {
                throw dueNode.error(
                    "\(map.path(of: "due")): a deadline that runs from a model's release needs 'per: model'; this "
                        + "obligation is owed once by the organisation"
                )
            }
            due = parsed
        }
        let effective = try LabProfile.date(map, "effective")
        var every: CalendarPeriod?
        if let everyNode = map.value("every") {
            guard everyNode.kind == .scalar, let period = CalendarPeriod(everyNode.text) else {
                throw everyNode.error(
                    "\(map.path(of: "every")): expected a calendar period such as '1 year' or '3 months'")
            }
            every = period
        }
        var validFor: CalendarPeriod?
        if let validNode = map.value("valid_for") {
            guard validNode.kind == .scalar, let period = CalendarPeriod(validNode.text) else {
                throw validNode.error(
                    "\(map.path(of: "valid_for")): expected a calendar period such as '1 year', '6 months' or '90 "
                        + "days' (at most 100 years)"
                )
            }
            if let daysNode = map.value("valid_for_days") {
                throw daysNode.error(
                    "\(map.path(of: "valid_for_days")): give 'valid_for' or 'valid_for_days', not both ('valid_for' "
                        + "is at line \(validNode.mark.line))"
                )
            }
            validFor = period
        } else if let validNode = map.value("valid_for_days") {
            guard validNode.scalarKind == .int, let days = Int(validNode.text), days > 0, days <= Self.maximumDays
            else {
                throw validNode.error(
                    "\(map.path(of: "valid_for_days")): expected a whole number of days greater than zero (at most "
                        + "\(Self.maximumDays)), such as 365"
                )
            }
            validFor = CalendarPeriod(days: days)
        }
        if let every, validFor != nil, let node = map.value("valid_for") ?? map.value("valid_for_days") {
            throw node.error(
                "\(map.path(of: "valid_for")): give 'every' (a recurring duty: overdue when the period runs out) or "
                    + "'valid_for' (a record that lapses: expired), not both; 'every: \(every)' is at line "
                    + "\(map.value("every")!.mark.line)"
            )
        }
        var transition: Obligation.Transition?
        if let transitionNode = map.value("transition") {
            let t = try MappingReader(
                transitionNode, path: map.path(of: "transition"), keys: ["placed_before", "comply_by"],
                what: "{placed_before: 2025-08-02, comply_by: 2027-08-02}")
            guard let before = try LabProfile.date(t, "placed_before"), let by = try LabProfile.date(t, "comply_by")
            else {
                throw transitionNode.error("\(t.path): a transition needs both 'placed_before' and 'comply_by' dates")
            }
            transition = .init(placedBefore: before, complyBy: by)
            if per == .organization {
                throw transitionNode.error(
                    "\(t.path): a transition for models placed on the market before a date needs 'per: model'")
            }
        }
        return Obligation(
            // A title is for reports; without one, reports name the obligation by its id.
            id: id, title: try map.string("title", what: "the obligation's title") ?? id, kind: kind,
            risk: try map.string("risk"), per: per, when: when, effective: effective, due: due, every: every,
            validFor: validFor,
            requiresIndependent: try map.bool("independent") ?? (kind == "third-party-assessment"),
            transition: transition, cite: try cite(map, sources: sources), citation: try map.string("citation"),
            note: try map.string("note"), mark: idNode.mark)
    }

    /// A deadline: `before-deployment`, `continuing`, `start`, a date, `{within: 90 days, of: EVENT}`
    /// (the older `{within_days: 14, of: release}`), or `{later_of: [...]}` / `{earlier_of: [...]}`
    /// of those. Events: `release`, `start`, `first-qualified`, `{record: OBLIGATION}`.
    func due(_ node: YAMLNode, path: String, depth: Int = 0) throws -> Obligation.Due {
        let forms =
            "before-deployment, continuing, start, a date such as 2028-01-01, {within: 90 days, of: "
            + "release|start|first-qualified|{record: ID}}, or {later_of: [...]} / {earlier_of: [...]}"
        if depth > 16 { throw node.error("\(path): a deadline nested more than 16 levels deep") }
        if node.kind == .scalar {
            switch node.text {
            case "before-deployment": return .beforeDeployment
            case "continuing": return .continuing
            case "start": return .within(CalendarPeriod(), of: .start)
            default:
                if let date = CalendarDate(node.text) { return .by(date) }
                if let problem = CalendarDate.problem(with: node.text) { throw node.error("\(path): \(problem)") }
                throw node.error("\(path): expected \(forms)")
            }
        }
        guard node.kind == .mapping else {
            throw node.error("\(path): expected \(forms), found \(node.kindDescription)")
        }
        let map = try MappingReader(
            node, path: path, keys: ["within", "within_days", "of", "later_of", "earlier_of"], what: forms)
        for key in ["later_of", "earlier_of"] {
            guard let listNode = map.value(key) else { continue }
            guard node.pairs.count == 1 else { throw node.error("\(path): '\(key)' stands alone in its mapping") }
            guard listNode.kind == .sequence, listNode.items.count >= 2 else {
                throw listNode.error("\(map.path(of: key)): expected a list of two or more deadlines")
            }
            let items = try listNode.items.enumerated().map {
                try due($1, path: "\(map.path(of: key))[\($0)]", depth: depth + 1)
            }
            return key == "later_of" ? .laterOf(items) : .earlierOf(items)
        }
        let period: CalendarPeriod
        if let withinNode = map.value("within") {
            if map.value("within_days") != nil {
                throw withinNode.error("\(path): give 'within' or 'within_days', not both")
            }
            guard withinNode.kind == .scalar,
                let parsed = CalendarPeriod(withinNode.text) ?? (withinNode.text == "0 days" ? CalendarPeriod() : nil)
            else {
                throw withinNode.error(
                    "\(map.path(of: "within")): expected a calendar period such as '90 days', '3 months' or '1 year'")
            }
            period = parsed
        } else {
            let daysNode = try map.required("within_days", what: "a number of days, or 'within: 90 days'")
            guard daysNode.scalarKind == .int, let days = Int(daysNode.text), days >= 0, days <= Self.maximumDays else {
                throw daysNode.error(
                    "\(map.path(of: "within_days")): expected a whole number of days (at most \(Self.maximumDays)), "
                        + "such as 14"
                )
            }
            period = CalendarPeriod(days: days)
        }
        guard let ofNode = map.value("of") else {
            // The older `{within_days: 14}` ran from the release.
            if map.value("within_days") != nil { return .within(period, of: .release) }
            throw node.error(
                "\(path): say what the period runs from: 'of: release', 'of: start', 'of: first-qualified' or 'of: "
                    + "{record: ID}'"
            )
        }
        let event: Obligation.Event
        if ofNode.kind == .mapping {
            let record = try MappingReader(
                ofNode, path: map.path(of: "of"), keys: ["record"], what: "{record: OBLIGATION-ID}")
            event = .record(
                try identifier(
                    try record.required("record", what: "the obligation whose record starts the clock"),
                    path: record.path(of: "record")))
        } else {
            switch try ofNode.string(path: map.path(of: "of"), what: "release, start, first-qualified or {record: ID}")
            {
            case "release": event = .release
            case "start": event = .start
            case "first-qualified": event = .firstQualified
            case let other:
                throw ofNode.error(
                    LabProfile.enumMessage(map.path(of: "of"), other, ["release", "start", "first-qualified"])
                        + " (or {record: ID})")
            }
        }
        return .within(period, of: event)
    }

    /// A `when` formula, with references left unresolved (`.threshold` for every name) until every
    /// id is known.
    func when(_ node: YAMLNode, path: String, depth: Int = 0) throws -> When {
        if depth > options.yaml.maxDepth {
            throw node.error(
                "\(path): a 'when' nested more than \(options.yaml.maxDepth) levels deep "
                    + "(\(options.yaml.advice(.maxDepth)))",
                kind: .limit)
        }
        switch node.kind {
        case .scalar:
            let text = try node.string(path: path, what: "a threshold or obligation id")
            return text == "always" ? .always : .threshold(text)
        case .sequence:
            throw node.error("\(path): a list is ambiguous here; write {any: [...]} or {all: [...]}")
        case .mapping:
            guard node.count == 1, let pair = node.pairs.first else {
                throw node.error("\(path): expected exactly one of any, all, not, any_assessment_outcome")
            }
            let key = pair.key.text, value = pair.value
            switch key {
            case "any", "all":
                guard value.kind == .sequence, value.count > 0 else {
                    throw value.error("\(path).\(key): expected a non-empty list of ids or formulas")
                }
                let items = try value.items.enumerated().map {
                    try when($0.element, path: "\(path).\(key)[\($0.offset)]", depth: depth + 1)
                }
                return key == "any" ? .any(items) : .all(items)
            case "not":
                return .not(try when(value, path: "\(path).not", depth: depth + 1))
            case "any_assessment_outcome":
                let text = try value.string(path: "\(path).\(key)", what: "an outcome")
                guard let outcome = LabProfile.AssessmentRecord.Outcome(rawValue: text) else {
                    throw value.error(
                        LabProfile.enumMessage(
                            "\(path).\(key)", text, LabProfile.AssessmentRecord.Outcome.allCases.map(\.rawValue)))
                }
                return .anyAssessmentOutcome(outcome)
            default:
                var message = "\(path): unknown key \(key.quotedForDiagnostic())"
                if let near = Suggestion.nearest(to: key, among: ["any", "all", "not", "any_assessment_outcome"]) {
                    message += "; did you mean '\(near)'?"
                }
                throw pair.key.error(message)
            }
        }
    }

    /// The ids of a pack's thresholds and obligations: in order (for suggestions) and hashed (so
    /// that a pack with many references loads in linear time).
    /// The pack's readings of an ambiguous text: each an id, a title, a rationale, a source, and
    /// the formulas (by obligation id) and lines (by threshold id) it reads differently. Exactly one
    /// is the default; with none, the pack has one reading and no `readings:`.
    func readings(
        _ map: MappingReader, known: KnownIDs, thresholds: [Threshold],
        sources: [RulePack.Source]
    ) throws -> ([RulePack.Reading], String?) {
        var readings: [RulePack.Reading] = []
        var defaults: [(String, YAMLNode)] = []
        var marks: [String: SourceMark] = [:]
        let list = try map.sequence("readings", what: "a list of readings, each {id, title, rationale, when: {…}}")
        for (path, node) in list {
            let reading = try MappingReader(
                node, path: path, keys: RulePack.readingKeys,
                what: "a reading (a mapping with 'id', 'title', 'rationale', …)")
            let idNode = try reading.required("id", what: "the reading's id")
            let id = try identifier(idNode, path: reading.path(of: "id"))
            if let first = marks[id] { throw idNode.error(duplicate("reading", id, first)) }
            marks[id] = idNode.mark
            if try reading.bool("default") == true { defaults.append((id, node)) }
            var formulas: [String: When] = [:]
            if let whenNode = reading.value("when") {
                let whenMap = try MappingReader(
                    whenNode, path: reading.path(of: "when"), keys: known.obligations,
                    what: "a mapping of obligation id to the formula this reading gives it")
                for pair in whenNode.pairs {
                    let formulaPath = whenMap.path(of: pair.key.text)
                    formulas[pair.key.text] = try resolve(
                        try when(pair.value, path: formulaPath), node: pair.value, path: formulaPath, known: known)
                }
            }
            var limits: [String: QuantityTest] = [:]
            if let limitsNode = reading.value("limits") {
                let limitsMap = try MappingReader(
                    limitsNode, path: reading.path(of: "limits"), keys: known.thresholds,
                    what:
                        "a mapping of threshold id to the line this reading draws, such as {training-compute: "
                        + "{greater_than: 1e26 FLOP}}"
                )
                for pair in limitsNode.pairs {
                    let threshold = thresholds.first { $0.id == pair.key.text }!
                    let comparison = try MappingReader(
                        pair.value, path: limitsMap.path(of: pair.key.text), keys: Comparison.allCases.map(\.rawValue),
                        what: "a comparison such as {greater_than: 1e26 FLOP}")
                    limits[pair.key.text] = try quantityTest(
                        comparison, fact: threshold.test.fact, factNode: pair.value)
                }
            }
            if readings.count > 0 && formulas.isEmpty && limits.isEmpty && !defaults.contains(where: { $0.0 == id }) {
                throw node.error(
                    "\(path): a reading other than the default must read some formula ('when') or line ('limits') "
                        + "differently"
                )
            }
            readings.append(
                RulePack.Reading(
                    id: id, title: try reading.requiredString("title", what: "what the reading says, in a line"),
                    rationale: try reading.requiredString("rationale", what: "why the text can be read this way"),
                    cite: try cite(reading, sources: sources), citation: try reading.string("citation"),
                    formulas: formulas, limits: limits, mark: idNode.mark))
        }
        guard !readings.isEmpty else { return ([], nil) }
        guard readings.count >= 2 else {
            throw list[0].1.error("readings: a pack with readings gives at least two; one reading is the pack itself")
        }
        guard defaults.count == 1 else {
            let at = defaults.count > 1 ? defaults[1].1 : map["readings"]!
            throw at.error(
                "readings: exactly one reading is the default ('default: true'); "
                    + "\(defaults.isEmpty ? "none is" : "\(defaults.map(\.0).joined(separator: " and ")) are")"
            )
        }
        return (readings, defaults[0].0)
    }

    struct KnownIDs {
        let thresholds: [String]
        let obligations: [String]
        let thresholdSet: Set<String>
        let obligationSet: Set<String>

        init(thresholds: [String], obligations: [String]) {
            self.thresholds = thresholds
            self.obligations = obligations
            thresholdSet = Set(thresholds)
            obligationSet = Set(obligations)
        }
    }

    /// Resolves each name in a formula to a threshold or an obligation, or fails at its position.
    func resolve(_ when: When, node: YAMLNode, path: String, known: KnownIDs) throws -> When {
        switch when {
        case .threshold(let name):
            if known.thresholdSet.contains(name) { return .threshold(name) }
            if known.obligationSet.contains(name) { return .obligation(name) }
            let at = findScalar(name, in: node) ?? node
            var message = "\(path): no threshold or obligation \(name.quotedForDiagnostic()) in this pack"
            if let near = Suggestion.nearest(to: name, among: known.thresholds + known.obligations) {
                message += "; did you mean '\(near)'?"
            }
            throw at.error(message)
        case .any(let items): return .any(try items.map { try resolve($0, node: node, path: path, known: known) })
        case .all(let items): return .all(try items.map { try resolve($0, node: node, path: path, known: known) })
        case .not(let inner): return .not(try resolve(inner, node: node, path: path, known: known))
        case .obligation, .anyAssessmentOutcome, .always: return when
        }
    }

    func findScalar(_ text: String, in node: YAMLNode) -> YAMLNode? {
        switch node.kind {
        case .scalar: return node.text == text ? node : nil
        case .sequence: return node.items.lazy.compactMap { findScalar(text, in: $0) }.first
        case .mapping: return node.pairs.lazy.compactMap { findScalar(text, in: $0.value) }.first
        }
    }

    /// The most days a validity or a deadline may span: far beyond any statute, and small enough
    /// that date arithmetic cannot overflow (9223372036854775807 days used to crash evaluation).
    static let maximumDays = 1_000_000

    /// The most obligations one chain of `when` references may pass through (`a` applies when `b`
    /// does, which applies when `c` does, …). Evaluation follows a chain by recursion, so a
    /// hostile pack must not make it arbitrarily long; real packs chain two or three.
    static let maximumChain = 32

    func checkCycles(_ obligations: [Obligation], whenNodes: [String: YAMLNode], root: YAMLNode) throws {
        let byID = Dictionary(obligations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var state: [String: Int] = [:]  // 1 visiting, 2 done
        var height: [String: Int] = [:]  // done: the most obligations a chain from here passes through
        func tooLong(_ chain: [String], _ id: String) -> YAMLError {
            let node = whenNodes[chain.last ?? id].flatMap { findScalar(id, in: $0) } ?? whenNodes[id]
            let start = (chain + [id]).prefix(3).map { $0.quotedForDiagnostic(limit: 40) }.joined(separator: " → ")
            return (node ?? root).error(
                "'when' references chain through more than \(Self.maximumChain) obligations: \(start) → …")
        }
        func visit(_ id: String, _ chain: [String]) throws {
            if state[id] == 2 {
                if chain.count + (height[id] ?? 1) > Self.maximumChain { throw tooLong(chain, id) }
                return
            }
            if state[id] == 1 {
                let cycle = chain[(chain.firstIndex(of: id) ?? 0)...] + [id]
                let node = whenNodes[chain.last ?? id].flatMap { findScalar(id, in: $0) } ?? whenNodes[id]
                throw (node ?? root).error("circular 'when': \(cycle.joined(separator: " → "))")
            }
            if chain.count >= Self.maximumChain { throw tooLong(chain, id) }
            state[id] = 1
            var most = 1
            for next in byID[id]?.when.obligationIDs ?? [] {
                try visit(next, chain + [id])
                most = max(most, 1 + (height[next] ?? 1))
            }
            height[id] = most
            state[id] = 2
        }
        for obligation in obligations { try visit(obligation.id, []) }
    }

    func test(_ node: YAMLNode, path: String, pack: RulePack) throws -> PackTest {
        let map = try MappingReader(
            node, path: path, keys: RulePack.testKeys,
            what: "a test case (a mapping with 'name', 'as_of', 'profile', 'expect')")
        let name = try map.requiredString("name", what: "what the case shows")
        guard let asOf = try LabProfile.date(map, "as_of") ?? pack.effective else {
            throw node.error("\(path): 'as_of' is required when the pack has no 'effective' date")
        }
        let profileNode = try map.required("profile", what: "a lab profile")
        let profile: LabProfile
        do {
            profile = try LabProfile(node: profileNode, path: pack.path, options: options)
        } catch var error as YAMLError {
            error.problem = "\(map.path(of: "profile")): " + error.problem
            throw error
        }
        let expectNode = try map.required("expect", what: "what the verdict must say")
        let expect = try MappingReader(
            expectNode, path: map.path(of: "expect"), keys: RulePack.expectKeys,
            what: "expectations (applies, not_applies, status, …)")
        if expectNode.pairs.allSatisfy({
            $0.value.isNull || ($0.value.kind != .scalar && $0.value.pairs.isEmpty && $0.value.items.isEmpty)
        }) {
            throw expectNode.error(
                "\(expect.path): the case expects nothing, so it cannot fail; name what the verdict must say "
                    + "(applies, status, thresholds, deployment, …)"
            )
        }
        let top = try expectations(expect, pack: pack, perModel: false)
        var thresholdResults: [String: Truth] = [:]
        if let thresholdNode = expect.value("thresholds") {
            let thresholdMap = try MappingReader(
                thresholdNode, path: expect.path(of: "thresholds"), keys: pack.thresholds.map(\.id),
                what: "a mapping of threshold id to result")
            for pair in thresholdNode.pairs {
                let text = try pair.value.string(
                    path: thresholdMap.path(of: pair.key.text), what: "met, not-met or indeterminate")
                guard let truth = Truth(name: text) else {
                    throw pair.value.error(
                        LabProfile.enumMessage(
                            thresholdMap.path(of: pair.key.text), text, ["met", "not-met", "indeterminate"]))
                }
                thresholdResults[pair.key.text] = truth
            }
        }
        var models: [String: PackTest.Expectations] = [:]
        if let modelsNode = expect.value("models") {
            let names = profile.models.map(\.name)
            let modelsMap = try MappingReader(
                modelsNode, path: expect.path(of: "models"), keys: names,
                what: "a mapping of model name to that model's expectations")
            for pair in modelsNode.pairs {
                let block = try MappingReader(
                    pair.value, path: modelsMap.path(of: pair.key.text), keys: RulePack.modelExpectKeys,
                    what: "a model's expectations (applies, not_applies, indeterminate, status, deployment)")
                models[pair.key.text] = try expectations(block, pack: pack, perModel: true)
            }
        }
        var readings: [String: PackTest.Expectations] = [:]
        if let readingsNode = expect.value("readings") {
            let ids = pack.readings.map(\.id)
            if ids.isEmpty { throw readingsNode.error("\(expect.path(of: "readings")): the pack has no readings") }
            let readingsMap = try MappingReader(
                readingsNode, path: expect.path(of: "readings"), keys: ids,
                what: "a mapping of reading id to what the verdict says under it")
            for pair in readingsNode.pairs {
                let block = try MappingReader(
                    pair.value, path: readingsMap.path(of: pair.key.text), keys: RulePack.modelExpectKeys,
                    what: "a reading's expectations (applies, not_applies, indeterminate, status, deployment)")
                readings[pair.key.text] = try expectations(block, pack: pack, perModel: false)
            }
        }
        var test = PackTest(
            name: name, asOf: asOf, profile: profile, applies: top.applies, notApplies: top.notApplies,
            indeterminate: top.indeterminate, statuses: top.statuses, thresholds: thresholdResults,
            deployment: top.deployment, inForce: try expect.bool("in_force"), models: models, mark: node.mark)
        test.readings = readings
        return test
    }

    /// The obligation expectations of a block: the case's own, or one model's under `models:`.
    func expectations(_ expect: MappingReader, pack: RulePack, perModel: Bool) throws -> PackTest.Expectations {
        let allIDs = pack.obligations.map(\.id), allIDSet = Set(allIDs)
        func check(_ value: String, at: YAMLNode, key: String) throws {
            guard allIDSet.contains(value) else {
                var message = "\(expect.path(of: key)): no obligation \(value.quotedForDiagnostic()) in this pack"
                if let near = Suggestion.nearest(to: value, among: allIDs) { message += "; did you mean '\(near)'?" }
                throw at.error(message)
            }
            if perModel, pack.obligations.first(where: { $0.id == value })?.per != .model {
                throw at.error(
                    "\(expect.path(of: key)): '\(value)' is owed once by the organisation, not per model; expect it "
                        + "outside 'models:'"
                )
            }
        }
        var seen: [String: String] = [:]
        func ids(_ key: String) throws -> [String] {
            let values = try expect.strings(key, what: "a list of obligation ids")
            for value in values {
                let at = expect[key].flatMap { findScalar(value, in: $0) } ?? expect.node
                try check(value, at: at, key: key)
                if let other = seen[value], other != key {
                    throw at.error(
                        "\(expect.path(of: key)): '\(value)' is also under '\(other)'; a case cannot expect both")
                }
                seen[value] = key
            }
            return values
        }
        var result = PackTest.Expectations()
        result.applies = try ids("applies")
        result.notApplies = try ids("not_applies")
        result.indeterminate = try ids("indeterminate")
        if let statusNode = expect.value("status") {
            let statusMap = try MappingReader(
                statusNode, path: expect.path(of: "status"), keys: allIDs, what: "a mapping of obligation id to status")
            for pair in statusNode.pairs {
                try check(pair.key.text, at: pair.key, key: "status")
                let text = try pair.value.string(path: statusMap.path(of: pair.key.text), what: "a status")
                guard let status = ObligationStatus(rawValue: text) else {
                    throw pair.value.error(
                        LabProfile.enumMessage(
                            statusMap.path(of: pair.key.text), text, ObligationStatus.allCases.map(\.rawValue)))
                }
                result.statuses[pair.key.text] = status
            }
        }
        if let text = try expect.string("deployment") {
            guard let value = Deployment(rawValue: text) else {
                throw try expect.required("deployment", what: "").error(
                    LabProfile.enumMessage(expect.path(of: "deployment"), text, Deployment.allCases.map(\.rawValue)))
            }
            result.deployment = value
        }
        return result
    }
}

extension MappingReader {
    var label: String { MappingReader.label(path) }
}
