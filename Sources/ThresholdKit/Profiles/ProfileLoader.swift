/// Limits on what one profile may hold, beyond the YAML layer's own.
public struct ProfileLimits: Sendable, Hashable {
    /// The most models one profile may list. Default 1,000.
    public var maxModels: Int

    /// The most digits a number may take written out in full (`1e25` takes 26, `0.001` takes 4),
    /// as given or as derived (6·N·D, a hardware estimate, a sum). Default 1,000: no real quantity
    /// comes near, and it bounds what exact arithmetic on hostile input can cost.
    public var maxDigits: Int

    /// A limit, by the name of its property.
    public enum Limit: String, Sendable, Hashable, CaseIterable {
        /// ``ProfileLimits/maxModels``.
        case maxModels
        /// ``ProfileLimits/maxDigits``.
        case maxDigits
    }

    /// How a refusal tells the reader to raise a limit, where the caller has its own way (a
    /// command line names its flag); a limit not here is advised as `raise ProfileLimits.NAME`.
    public var raiseAdvice: [Limit: String] = [:]

    /// Creates limits.
    public init(maxModels: Int = 1_000, maxDigits: Int = 1_000) {
        self.maxModels = maxModels
        self.maxDigits = maxDigits
    }

    /// The advice for `limit`: from ``raiseAdvice``, else `raise ProfileLimits.NAME`.
    package func advice(_ limit: Limit) -> String {
        raiseAdvice[limit] ?? "raise ProfileLimits.\(limit.rawValue)"
    }
}

/// Everything that shapes how files are read: the YAML layer's limits and the profile's own.
public struct LoadOptions: Sendable, Hashable {
    /// The YAML layer's limits.
    public var yaml: YAMLLimits
    /// Limits on profiles.
    public var profile: ProfileLimits
    /// The obligations records may name. When set, a record naming an obligation or pack outside
    /// it is an error at its line; ``Auditor`` sets it from its rule book.
    package var records: RecordVocabulary?
    /// Whether a rule pack's own `tests:` are read. Default `true`; a rule book only evaluated
    /// (`threshold check`, `audit`) skips them, which for a pack of thousands of cases is most of
    /// the cost of loading it.
    public var packTests: Bool = true

    /// Creates options.
    public init(yaml: YAMLLimits = .default, profile: ProfileLimits = .init()) {
        self.yaml = yaml
        self.profile = profile
    }

    /// Options that check each record against `records`.
    package init(yaml: YAMLLimits = .default, profile: ProfileLimits = .init(), records: RecordVocabulary?) {
        self.init(yaml: yaml, profile: profile)
        self.records = records
    }

    /// The defaults.
    public static let `default` = LoadOptions()
}

extension LabProfile {
    /// The keys a profile's top level accepts.
    package static let topLevelKeys = ["organization", "models", "clusters", "assessments"]
    /// The keys under `organization`.
    package static let organizationKeys = [
        "name", "jurisdictions", "reporting_period", "annual_gross_revenue",
        "ai_revenue", "ai_rnd_spend", "exchange_rates", "history", "markets",
    ]
    /// The keys of one market's facts.
    package static let marketKeys = ["market", "revenue", "ai_revenue", "daily_users", "local_address"]
    /// The keys of one year of `history`.
    package static let historyKeys = ["year", "annual_gross_revenue", "ai_revenue", "ai_rnd_spend"]
    /// The keys of a model.
    package static let modelKeys = [
        "name", "training_compute", "fine_tuning_compute", "modalities",
        "primary_data", "status", "released", "state_of_the_art", "broad_rights_risk", "base_model",
    ]
    /// The keys of a model's `base_model:` (the other provider's model it modifies).
    package static let baseModelKeys = ["provider", "name", "training_compute", "systemic_risk"]
    /// The keys of a cluster.
    package static let clusterKeys = ["name", "peak_capacity", "interconnect", "co_located"]
    /// The keys of an assessment record.
    package static let assessmentKeys = [
        "obligation", "pack", "model", "assessor", "independent", "completed", "outcome",
    ]
    /// The keys of an uncertain or derived quantity.
    package static let estimateKeys = [
        "estimate", "low", "high", "confidence", "parameters", "tokens",
        "chips", "peak_per_chip", "hours", "days", "utilization",
    ]
    /// The keys of an exchange rate.
    package static let exchangeRateKeys = ["from", "to", "rate", "date"]

    /// Loads a profile from a YAML file.
    ///
    /// - Throws: `YAMLError` with the file, line and column of the first problem.
    public init(contentsOf path: String, options: LoadOptions = .default) throws {
        let bytes = try YAMLParser.readFile(atPath: path, limits: options.yaml)
        try self.init(bytes: bytes, path: path, options: options)
    }

    /// Loads a profile from YAML text.
    public init(yaml: String, path: String? = nil, options: LoadOptions = .default) throws {
        try self.init(bytes: Array(yaml.utf8), path: path, options: options)
    }

    /// Loads a profile from YAML bytes.
    public init(bytes: [UInt8], path: String?, options: LoadOptions = .default) throws {
        let document = try YAMLParser.parseDocument(bytes, path: path, options: YAMLOptions(limits: options.yaml))
        self = try LabProfile(node: document.root, path: path, options: options)
    }

    /// Decodes a profile from a YAML node (the root of a document, or a pack test's `profile:`).
    package init(node root: YAMLNode, path: String?, options: LoadOptions = .default) throws {
        // A rule pack read as a profile (a folder audited with its packs in it) is said to be one,
        // rather than reported as a profile with an unknown key.
        if root.kind == .mapping, let packKey = root.pairs.first(where: { $0.key.text == "pack" })?.key,
            root["obligations"] != nil || root["thresholds"] != nil
        {
            throw packKey.error(
                "unknown key 'pack': this file is a rule pack (it has 'pack' and 'obligations' or 'thresholds'), "
                    + "not a lab profile; load it as rules, and leave it out of the profiles audited")
        }
        let top = try MappingReader(
            root, path: "", keys: LabProfile.topLevelKeys,
            what: "a lab profile (a mapping with 'organization', 'models', …)")
        let organizationNode = try top.required("organization", what: "the organization (a mapping with 'name', …)")
        // Each part that fails is recorded and the next is still read, so that one run reports
        // every problem of the file (up to 20), in the order of its lines.
        var errors: [YAMLError] = []
        func collect<T>(_ body: () throws -> T) throws -> T? {
            do {
                return try body()
            } catch let error as YAMLError where error.kind == .decoding {
                if errors.count < 20 { errors.append(error) }
                return nil
            }
        }
        let organization = try collect { try Self.organization(organizationNode) } ?? Organization(name: "")

        var models: [Model] = []
        let modelNodes = try top.sequence("models", what: "a list of models")
        if modelNodes.count > options.profile.maxModels, let node = top["models"] {
            throw node.error(
                "models: the profile lists \(modelNodes.count) models, more than the limit of "
                    + "\(options.profile.maxModels) (\(options.profile.advice(.maxModels)))",
                kind: .limit)
        }
        // Room for every model at once: an array grown one model at a time copies the models it
        // holds (each of their strings retained) every time it grows.
        models.reserveCapacity(modelNodes.count)
        var modelMarks: [String: SourceMark] = [:]
        modelMarks.reserveCapacity(modelNodes.count)
        var allModelNames: [String] = []
        allModelNames.reserveCapacity(modelNodes.count)
        for (path, node) in modelNodes {
            if let name = node["name"], name.kind == .scalar { allModelNames.append(name.text) }
            guard
                let model = try collect({ () throws -> Model in
                    let model = try Self.model(node, path: path)
                    if let first = modelMarks[model.name] {
                        throw (node["name"] ?? node).error(
                            "\(path).name: a second model named \(model.name.quotedForDiagnostic()); the first is at "
                                + "line \(first.line)"
                        )
                    }
                    return model
                })
            else { continue }
            modelMarks[model.name] = node.mark
            models.append(model)
        }
        var clusters: [Cluster] = []
        for (path, node) in try top.sequence("clusters", what: "a list of clusters") {
            if let cluster = try collect({ try Self.cluster(node, path: path) }) { clusters.append(cluster) }
        }
        var assessments: [AssessmentRecord] = []
        for (path, node) in try top.sequence("assessments", what: "a list of assessments") {
            guard
                let record = try collect({ () throws -> AssessmentRecord in
                    var record = try Self.assessment(node, path: path)
                    record.obligationMark = node["obligation"]?.mark
                    record.packMark = node["pack"]?.mark
                    if let records = options.records,
                        let (key, message) = records.problem(obligation: record.obligation, pack: record.pack),
                        let keyNode = node[key]
                    {
                        throw keyNode.error("\(path).\(key): \(message)")
                    }
                    // A model whose entry failed above is still a model of the profile: no second error.
                    if let model = record.model, modelMarks[model] == nil, !allModelNames.contains(model),
                        let modelNode = node["model"]
                    {
                        var message = "\(path).model: no model named \(model.quotedForDiagnostic()) in this profile"
                        if let near = Suggestion.nearest(to: model, among: models.map(\.name)) {
                            message += "; did you mean '\(near)'?"
                        }
                        throw modelNode.error(message)
                    }
                    return record
                })
            else { continue }
            assessments.append(record)
        }
        self.init(
            path: path, organization: organization, models: models, clusters: clusters, assessments: assessments,
            listsModels: top.value("models") != nil, listsClusters: top.value("clusters") != nil)
        if errors.isEmpty {
            try checkDigits(limits: options.profile, root: root)
            return
        }
        var first = errors[0]
        first.further = Array(errors.dropFirst())
        throw first
    }

    /// Refuses a fact whose value, as given or derived, takes more digits written out in full than
    /// `limit`: exact arithmetic on such numbers (1e10000 × 1e-10000) costs time that grows with
    /// the digits, so a hostile profile could otherwise take minutes.
    func checkDigits(limits: ProfileLimits, root: YAMLNode) throws {
        let limit = limits.maxDigits
        // The path of a fact is spelled only for the one at fault: nearly every profile has none.
        func check(_ fact: Fact?, _ path: @autoclosure () -> String) throws {
            guard let fact else { return }
            let digits = max(fact.value.low.positionalDigitCount, fact.value.high.positionalDigitCount)
            guard digits > limit else { return }
            throw root.document.error(
                "\(path()): the value takes \(digits) digits written out in full, more than the limit of \(limit) "
                    + "(\(limits.advice(.maxDigits))); no real quantity comes near",
                at: fact.mark ?? root.mark, kind: .limit)
        }
        try check(organization.annualGrossRevenue, "organization.annual_gross_revenue")
        try check(organization.aiRevenue, "organization.ai_revenue")
        try check(organization.aiRnDSpend, "organization.ai_rnd_spend")
        for (i, year) in organization.history.enumerated() {
            try check(year.annualGrossRevenue, "organization.history[\(i)].annual_gross_revenue")
            try check(year.aiRevenue, "organization.history[\(i)].ai_revenue")
            try check(year.aiRnDSpend, "organization.history[\(i)].ai_rnd_spend")
        }
        // By index, each fact read in place: `for … in` would copy every model out of the array.
        for i in models.indices {
            try check(models[i].trainingCompute, "models[\(i)].training_compute")
            try check(models[i].fineTuningCompute, "models[\(i)].fine_tuning_compute")
            try check(models[i].baseModel?.trainingCompute, "models[\(i)].base_model.training_compute")
        }
        for i in clusters.indices {
            try check(clusters[i].peakCapacity, "clusters[\(i)].peak_capacity")
            try check(clusters[i].interconnect, "clusters[\(i)].interconnect")
        }
    }

    // MARK: Sections

    static func organization(_ node: YAMLNode) throws -> Organization {
        let map = try MappingReader(
            node, path: "organization", keys: organizationKeys, what: "the organization (a mapping with 'name', …)")
        let rates = try exchangeRates(map)
        var history: [Organization.YearFigures] = []
        var historyMarks: [Int: SourceMark] = [:]
        for (path, yearNode) in try map.sequence(
            "history", what: "a list of years such as [{year: 2025, annual_gross_revenue: 2.1B USD}]")
        {
            let entry = try MappingReader(
                yearNode, path: path, keys: historyKeys,
                what: "a year's figures, such as {year: 2025, annual_gross_revenue: 2.1B USD}")
            let yearValue = try entry.required("year", what: "the calendar year, such as 2025")
            guard yearValue.kind == .scalar, yearValue.scalarKind == .int, let year = Int(yearValue.text),
                (1900...2200).contains(year)
            else {
                throw yearValue.error(
                    "\(entry.path(of: "year")): expected a calendar year such as 2025, found "
                        + "\(yearValue.kindDescription)"
                )
            }
            if let first = historyMarks[year] {
                throw yearValue.error(
                    "\(entry.path(of: "year")): a second entry for \(year); the first is at line \(first.line)")
            }
            historyMarks[year] = yearValue.mark
            history.append(
                .init(
                    year: year, annualGrossRevenue: try fact(entry, "annual_gross_revenue", .money),
                    aiRevenue: try fact(entry, "ai_revenue", .money),
                    aiRnDSpend: try fact(entry, "ai_rnd_spend", .money)))
        }
        history.sort { $0.year < $1.year }
        var markets: [Organization.Market] = []
        var marketMarks: [String: SourceMark] = [:]
        for (path, marketNode) in try map.sequence(
            "markets", what: "a list of markets such as [{market: KR, ai_revenue: 12B KRW, daily_users: 1.2M}]")
        {
            let entry = try MappingReader(
                marketNode, path: path, keys: marketKeys,
                what: "a market's facts, such as {market: KR, ai_revenue: 12B KRW}")
            let codeNode = try entry.required("market", what: "the market's code, such as KR or EU")
            let code = try codeNode.string(path: entry.path(of: "market"), what: "a market code such as KR")
            guard !code.isEmpty, code.count <= 8,
                code.unicodeScalars.allSatisfy({
                    ($0.value >= 0x41 && $0.value <= 0x5A) || $0 == "-" || ($0.value >= 0x30 && $0.value <= 0x39)
                })
            else {
                throw codeNode.error(
                    "\(entry.path(of: "market")): \(code.quotedForDiagnostic()) is not a market code such as KR, EU "
                        + "or US-CA (capital letters, as ISO 3166 writes them)"
                )
            }
            if let first = marketMarks[code] {
                throw codeNode.error(
                    "\(entry.path(of: "market")): a second entry for \(code); the first is at line \(first.line)")
            }
            marketMarks[code] = codeNode.mark
            var users: Fact?
            if let usersNode = entry.value("daily_users") {
                let count = try number(usersNode, lazyPath: entry.path(of: "daily_users"), example: "1.2M or 1200000")
                if count.isNegative {
                    throw usersNode.error("\(entry.path(of: "daily_users")): a count of users cannot be negative")
                }
                users = Fact(
                    value: FactValue(exactly: count), dimension: .dimensionless, mark: usersNode.mark,
                    written: usersNode.text)
            }
            markets.append(
                .init(
                    market: code, revenue: try fact(entry, "revenue", .money),
                    aiRevenue: try fact(entry, "ai_revenue", .money),
                    dailyUsers: users, localAddress: try entry.bool("local_address")))
        }
        var period: Int?
        if let node = map.value("reporting_period") {
            guard node.kind == .scalar, node.scalarKind == .int, let year = Int(node.text), (1900...2200).contains(year)
            else {
                throw node.error(
                    "organization.reporting_period: expected the calendar year the money figures cover, such as "
                        + "2025, found \(node.kindDescription)"
                )
            }
            period = year
            if let clash = historyMarks[year] {
                throw node.error(
                    "organization.reporting_period: \(year)'s figures are the top-level ones; organization.history "
                        + "gives \(year) again at line \(clash.line)"
                )
            }
        }
        return Organization(
            name: try map.requiredString("name", what: "the organization's name"),
            jurisdictions: try map.strings("jurisdictions", what: "a list of jurisdictions such as [US-CA, EU]"),
            reportingPeriod: period,
            annualGrossRevenue: try fact(map, "annual_gross_revenue", .money),
            aiRevenue: try fact(map, "ai_revenue", .money),
            aiRnDSpend: try fact(map, "ai_rnd_spend", .money),
            exchangeRates: rates,
            history: history,
            markets: markets,
            mark: node.mark)
    }

    static func model(_ node: YAMLNode, path: String) throws -> Model {
        let map = try MappingReader(
            node, path: path, keys: modelKeys, what: "a model (a mapping with 'name', 'training_compute', …)")
        var status: Model.Status?
        if let text = try map.string("status") {
            guard let value = Model.Status(rawValue: text) else {
                throw try map.required("status", what: "").error(
                    enumMessage(map.path(of: "status"), text, Model.Status.allCases.map(\.rawValue)))
            }
            status = value
        }
        var modalities: [String]?
        if map.value("modalities") != nil {
            modalities = try terms(
                map, "modalities", known: Model.knownModalities, what: "a list of modalities such as [text, image]")
        }
        var primaryData: String?
        if map.value("primary_data") != nil {
            if let node = map.value("primary_data"), node.kind != .scalar {
                throw node.error(
                    "\(map.path(of: "primary_data")): expected a term such as general or biological-sequence, found "
                        + "\(node.kindDescription)"
                )
            }
            primaryData = try terms(
                map, "primary_data", known: Model.knownPrimaryData, what: "general or biological-sequence"
            ).first
        }
        var model = Model(
            name: try map.requiredString("name", what: "the model's name"),
            trainingCompute: try fact(map, "training_compute", .operations),
            fineTuningCompute: try fact(map, "fine_tuning_compute", .operations),
            modalities: modalities,
            primaryData: primaryData,
            status: status,
            released: try date(map, "released"),
            mark: node.mark)
        model.stateOfTheArt = try map.bool("state_of_the_art")
        model.broadRightsRisk = try map.bool("broad_rights_risk")
        if let baseNode = map.value("base_model") {
            model.baseModel = try baseModel(baseNode, path: map.path(of: "base_model"))
        }
        return model
    }

    /// A model's `base_model:`: `{provider: Big Lab, name: big-1, training_compute: 3e25 FLOP,
    /// systemic_risk: true}`, the last two optional.
    static func baseModel(_ node: YAMLNode, path: String) throws -> Model.BaseModel {
        let map = try MappingReader(
            node, path: path, keys: baseModelKeys,
            what: "the model it modifies, such as {provider: Big Lab, name: big-1, training_compute: 3e25 FLOP}")
        return Model.BaseModel(
            provider: try map.requiredString("provider", what: "who provides the model it modifies, such as Big Lab"),
            name: try map.requiredString("name", what: "the name of the model it modifies, such as big-1"),
            trainingCompute: try fact(map, "training_compute", .operations),
            systemicRisk: try map.bool("systemic_risk"),
            mark: node.mark)
    }

    static func cluster(_ node: YAMLNode, path: String) throws -> Cluster {
        let map = try MappingReader(
            node, path: path, keys: clusterKeys, what: "a cluster (a mapping with 'name', 'peak_capacity', …)")
        return Cluster(
            name: try map.requiredString("name", what: "the cluster's name"),
            peakCapacity: try fact(map, "peak_capacity", .operationsPerSecond),
            interconnect: try fact(map, "interconnect", .bandwidth),
            coLocated: try map.bool("co_located"),
            mark: node.mark)
    }

    static func assessment(_ node: YAMLNode, path: String) throws -> AssessmentRecord {
        let map = try MappingReader(
            node, path: path, keys: assessmentKeys, what: "an assessment (a mapping with 'obligation', 'model', …)")
        var outcome: AssessmentRecord.Outcome?
        if let text = try map.string("outcome") {
            guard let value = AssessmentRecord.Outcome(rawValue: text) else {
                throw try map.required("outcome", what: "").error(
                    enumMessage(map.path(of: "outcome"), text, AssessmentRecord.Outcome.allCases.map(\.rawValue)))
            }
            outcome = value
        }
        return AssessmentRecord(
            obligation: try map.requiredString(
                "obligation", what: "the obligation's id, such as cybersecurity-assessment"),
            pack: try map.string("pack"),
            model: try map.string("model"),
            assessor: try map.string("assessor"),
            independent: try map.bool("independent"),
            completed: try date(map, "completed"),
            outcome: outcome,
            mark: node.mark)
    }

    /// The exchange rates under `exchange_rates`, checked to agree: one rate per direction, no rate
    /// from a currency to itself but 1, and a rate and its inverse multiplying to exactly 1. With
    /// rates that disagree, which one decides a comparison would depend on the order they are
    /// listed in: a guess.
    static func exchangeRates(_ map: MappingReader) throws -> [ExchangeRate] {
        var rates: [ExchangeRate] = []
        var rateMarks: [SourceMark] = []
        for (path, rateNode) in try map.sequence("exchange_rates", what: "a list of exchange rates") {
            let rate = try exchangeRate(rateNode, path: path)
            if rate.from == rate.to && rate.rate != ExactDecimal(integer: 1) {
                throw rateNode.error("\(path): a rate from \(rate.from) to itself can only be 1, not \(rate.rate)")
            }
            if let first = rates.firstIndex(where: { $0.from == rate.from && $0.to == rate.to }) {
                throw rateNode.error(
                    "\(path): a second rate from \(rate.from) to \(rate.to); the first is at line "
                        + "\(rateMarks[first].line) (declare one rate per currency pair)"
                )
            }
            if let inverse = rates.firstIndex(where: { $0.from == rate.to && $0.to == rate.from }),
                rates[inverse].rate * rate.rate != ExactDecimal(integer: 1)
            {
                throw rateNode.error(
                    "\(path): 1 \(rate.from) = \(rate.rate) \(rate.to) disagrees with the rate at line "
                        + "\(rateMarks[inverse].line), 1 \(rate.to) = \(rates[inverse].rate) \(rate.from): a rate "
                        + "and its inverse must multiply to exactly 1 (declare one direction only)"
                )
            }
            rates.append(rate)
            rateMarks.append(rateNode.mark)
        }
        return rates
    }

    static func exchangeRate(_ node: YAMLNode, path: String) throws -> ExchangeRate {
        let map = try MappingReader(
            node, path: path, keys: exchangeRateKeys,
            what: "an exchange rate (a mapping with 'from', 'to', 'rate', 'date')")
        let from = try map.requiredString("from", what: "an ISO 4217 currency code such as EUR")
        let to = try map.requiredString("to", what: "an ISO 4217 currency code such as USD")
        for (key, code) in [("from", from), ("to", to)] where !UnitTable.isCurrencyCode(code) {
            throw try map.required(key, what: "").error(
                "\(map.path(of: key)): \(code.quotedForDiagnostic()) is not an ISO 4217 currency code such as USD or "
                    + "EUR"
            )
        }
        let rateNode = try map.required("rate", what: "the number of '\(to)' per one '\(from)', such as 1.08")
        let rate = try number(rateNode, lazyPath: map.path(of: "rate"), example: "1.08")
        guard !rate.isZero, !rate.isNegative else {
            throw rateNode.error("\(map.path(of: "rate")): an exchange rate must be greater than zero")
        }
        let date = try Self.date(map, "date")
        return ExchangeRate(from: from, to: to, rate: rate, date: date?.description)
    }

    // MARK: Values

    /// The terms under `key` (one, or a list). A term close to one of `known` but not equal to it
    /// (`Text`, `images`, `biological_sequence`) is an error at that term with a suggestion, since
    /// it would silently match no rule; any other term is taken as written (`protein-sequence`),
    /// and a rule that looks for another says so in its notes.
    static func terms(_ map: MappingReader, _ key: String, known: [String], what: String) throws -> [String] {
        guard let node = map.value(key) else { return [] }
        // The items read where they lie (a list of them would retain the document for each).
        let isList = node.kind == .sequence
        let count = isList ? node.items.count : 1
        var result: [String] = []
        result.reserveCapacity(count)
        for offset in 0..<count {
            let item = isList ? node.items[offset] : node
            // A known term, found by its bytes, is the known string itself: nothing is made.
            if let term = item.spelling(among: known) {
                result.append(term)
                continue
            }
            // The item's path only for a message: most terms are known, and need none.
            func path() -> String { isList ? "\(map.path(of: key))[\(offset)]" : map.path(of: key) }
            let text = try item.string(lazyPath: path(), what: what)
            // `nearMiss` is nil for a known term: one spelled other than byte for byte reaches it.
            if let message = nearMiss(path(), text, known) { throw item.error(message) }
            result.append(text)
        }
        return result
    }

    /// The message for a term that is a near miss of one of `known`; nil for a known term or one
    /// that is not close to any.
    static func nearMiss(_ path: @autoclosure () -> String, _ value: String, _ known: [String]) -> String? {
        guard !known.contains(value), let near = Suggestion.nearest(to: value, among: known) else { return nil }
        return
            "\(path()): \(value.quotedForDiagnostic()) is not a term Threshold knows; did you mean '\(near)'? (known: "
            + "\(known.joined(separator: ", ")))"
    }

    static func enumMessage(_ path: String, _ value: String, _ allowed: [String]) -> String {
        var message = "\(path): \(value.quotedForDiagnostic()) is not one of \(allowed.joined(separator: ", "))"
        if let near = Suggestion.nearest(to: value, among: allowed) { message += "; did you mean '\(near)'?" }
        return message
    }

    static func date(_ map: MappingReader, _ key: String) throws -> CalendarDate? {
        guard let node = map.value(key) else { return nil }
        guard node.kind == .scalar, let date = node.withUTF8({ CalendarDate(utf8: $0) }) else {
            if node.kind == .scalar, let problem = CalendarDate.problem(with: node.text) {
                throw node.error("\(map.path(of: key)): \(problem)")
            }
            throw node.error("\(map.path(of: key)): expected a date such as 2026-03-01, found \(node.kindDescription)")
        }
        return date
    }

    /// A plain number (no unit), exact.
    static func number(_ node: YAMLNode, path: String, example: String) throws -> ExactDecimal {
        try number(node, lazyPath: path, example: example)
    }

    /// `number(_:path:example:)`, with the path made only for an error message.
    static func number(
        _ node: YAMLNode, lazyPath path: @autoclosure () -> String, example: String
    ) throws -> ExactDecimal {
        guard node.kind == .scalar else {
            throw node.error("\(path()): expected a number such as \(example), found \(node.kindDescription)")
        }
        do {
            return try QuantityParser.parseNumber(node.text)
        } catch {
            throw quantityError(error, node: node, path: path())
        }
    }

    /// The fact under `key`: a quantity, an uncertain value or a derived one; nil when absent or null.
    static func fact(_ map: MappingReader, _ key: String, _ dimension: QuantityDimension) throws -> Fact? {
        guard let node = map.value(key) else { return nil }
        return try fact(node, lazyPath: map.path(of: key), dimension)
    }

    /// A fact from a scalar (`3.2e25 FLOP`) or a mapping (uncertain or derived).
    package static func fact(_ node: YAMLNode, path: String, _ dimension: QuantityDimension) throws -> Fact {
        try fact(node, lazyPath: path, dimension)
    }

    /// `fact(_:path:_:)`, with the path made only when needed: for an error message, or for an
    /// estimate's keys. Most facts are a scalar that parses.
    static func fact(
        _ node: YAMLNode, lazyPath path: @autoclosure () -> String, _ dimension: QuantityDimension
    ) throws -> Fact {
        switch node.kind {
        case .scalar:
            let (value, currency) = try quantity(node, lazyPath: path(), dimension)
            return Fact(
                value: FactValue(exactly: value), dimension: dimension, currency: currency, mark: node.mark,
                written: node.text)
        case .sequence:
            throw node.error("\(path()): expected \(dimension.example), found a sequence")
        case .mapping:
            return try estimate(node, path: path(), dimension)
        }
    }

    /// A scalar quantity in `dimension`: its value in the base unit, and its currency for money.
    static func quantity(
        _ node: YAMLNode, path: String, _ dimension: QuantityDimension
    ) throws -> (ExactDecimal, String?) {
        try quantity(node, lazyPath: path, dimension)
    }

    /// `quantity(_:path:_:)`, with the path made only for an error message.
    static func quantity(
        _ node: YAMLNode, lazyPath path: @autoclosure () -> String, _ dimension: QuantityDimension
    ) throws -> (ExactDecimal, String?) {
        guard node.kind == .scalar, !node.isNull else {
            throw node.error("\(path()): expected \(dimension.example), found \(node.kindDescription)")
        }
        do {
            let parsed = try node.withUTF8 { bytes in
                try QuantityParser.parse(utf8: bytes, expecting: dimension, defaultCurrency: "USD")
            }
            return (parsed.value, parsed.currency)
        } catch {
            throw quantityError(error, node: node, path: path(), expected: dimension.example)
        }
    }

    static func quantityError(_ error: any Error, node: YAMLNode, path: String, expected: String? = nil) -> YAMLError {
        guard let error = error as? QuantityError else { return node.error("\(path): \(error)") }
        var message = "\(path): \(error.message)"
        if let suggestion = error.suggestion, !error.message.contains(suggestion) { message += "; \(suggestion)" }
        if let expected, error.kind != .wrongDimension { message += " (expected \(expected))" }
        var yamlError = node.error(message)
        // Point at the character within a one-line scalar.
        let offset = error.offset
        if offset > 0, !node.text.contains("\n") {
            var mark = node.mark
            mark.column += offset + (node.style == .singleQuoted || node.style == .doubleQuoted ? 1 : 0)
            yamlError = node.document.error(yamlError.problem, at: mark)
        }
        return yamlError
    }

    /// `{estimate, low, high, confidence}` and/or the derivations `{parameters, tokens}` (6·N·D) and
    /// `{chips, peak_per_chip, hours|days, utilization}`; estimates that disagree span an interval.
    static func estimate(_ node: YAMLNode, path: String, _ dimension: QuantityDimension) throws -> Fact {
        let map = try MappingReader(
            node, path: path, keys: estimateKeys,
            what: "\(dimension.example), or an estimate such as {estimate: 3.2e25, low: 2.1e25, high: 4.8e25}")
        var currency: String?
        func value(_ key: String) throws -> ExactDecimal? {
            guard let child = map.value(key) else { return nil }
            let (value, unitCurrency) = try quantity(child, lazyPath: map.path(of: key), dimension)
            if let currency, let unitCurrency, currency != unitCurrency {
                throw child.error(
                    "\(map.path(of: key)): \(unitCurrency) does not match \(currency) used above; write every part "
                        + "of an estimate in one currency"
                )
            }
            currency = currency ?? unitCurrency
            return value
        }
        func count(_ key: String, example: String) throws -> ExactDecimal? {
            guard let child = map.value(key) else { return nil }
            let number = try self.number(child, lazyPath: map.path(of: key), example: example)
            if number.isNegative {
                throw child.error("\(map.path(of: key)): expected a non-negative number such as \(example)")
            }
            return number
        }
        var candidates: [FactValue] = []
        let estimate = try value("estimate"), low = try value("low"), high = try value("high")
        if (low == nil) != (high == nil) {
            // A lone bound says nothing of the other side: "at most 4e25" may be under any line.
            let given = low == nil ? "high" : "low", missing = low == nil ? "low" : "high"
            throw (map.value(given) ?? node).error(
                "\(path): '\(given)' is given without '\(missing)'; an uncertain value needs both bounds, such as "
                    + "{estimate: 3.2e25, low: 2.1e25, high: 4.8e25}"
            )
        }
        if let point = estimate ?? low {
            do {
                candidates.append(try FactValue(estimate: point, low: low ?? point, high: high ?? point))
            } catch {
                throw node.error("\(path): \(error.message)")
            }
        }
        let parameters = try count("parameters", example: "405e9"), tokens = try count("tokens", example: "15.6e12")
        if parameters != nil || tokens != nil {
            guard dimension == .operations else {
                throw node.error("\(path): parameters and tokens derive training compute, not \(dimension)")
            }
            guard let parameters, let tokens else {
                throw node.error(
                    "\(path): deriving compute as 6 × parameters × tokens needs both 'parameters' and 'tokens'")
            }
            candidates.append(FactValue.sixND(parameters: parameters, tokens: tokens))
        }
        let chips = try count("chips", example: "16384")
        let hours = try count("hours", example: "2000"), days = try count("days", example: "90")
        let utilization = try count("utilization", example: "0.4")
        let peakNode = map.value("peak_per_chip")
        if chips != nil || peakNode != nil || hours != nil || days != nil || utilization != nil {
            guard dimension == .operations else {
                throw node.error("\(path): a hardware estimate derives training compute, not \(dimension)")
            }
            guard let chips, let peakNode, let utilization, hours != nil || days != nil else {
                throw node.error(
                    "\(path): a hardware estimate needs 'chips', 'peak_per_chip' (FLOP/s), 'hours' or 'days', and "
                        + "'utilization'"
                )
            }
            if hours != nil && days != nil { throw node.error("\(path): give either 'hours' or 'days', not both") }
            let (peak, _) = try quantity(peakNode, lazyPath: map.path(of: "peak_per_chip"), .operationsPerSecond)
            let peakRate = Quantity.operationsPerSecond(peak)
            if utilization > ExactDecimal(integer: 1), let utilizationNode = map.value("utilization") {
                throw utilizationNode.error(
                    "\(map.path(of: "utilization")): utilization is a fraction of peak between 0 and 1, such as 0.4")
            }
            let seconds =
                hours.map { $0 * ExactDecimal(integer: 3600) } ?? (days ?? ExactDecimal(integer: 0))
                * ExactDecimal(integer: 86_400)
            do {
                candidates.append(
                    try FactValue.hardware(
                        chips: chips, peakPerChip: peakRate, seconds: seconds, utilization: utilization))
            } catch {
                throw node.error("\(path): \(error.message)")
            }
        }
        guard var combined = FactValue.combining(candidates) else {
            throw node.error(
                "\(path): an estimate needs 'estimate' (with optional 'low' and 'high'), 'parameters' and 'tokens', "
                    + "or a hardware estimate"
            )
        }
        combined.confidence = try map.string("confidence")
        return Fact(
            value: combined, dimension: dimension, currency: dimension == .money ? (currency ?? "USD") : nil,
            mark: node.mark, written: nil)
    }
}

extension QuantityDimension {
    /// An example of a valid spelling, for messages.
    var example: String {
        switch self {
        case .operations: return "a count of operations such as '3.2e25 FLOP'"
        case .operationsPerSecond: return "a rate such as '1.2e20 FLOP/s'"
        case .money: return "an amount of money such as '620M USD'"
        case .bandwidth: return "a bandwidth such as '400 Gbit/s'"
        case .dimensionless: return "a number such as 0.4"
        }
    }
}
