
/// A fact's value as an interval, in the units the comparison is made in. `high == nil` means
/// unbounded above (a sum with a part not given: the part may be anything ≥ 0).
struct Interval {
    var low: ExactDecimal
    /// The point an input states, if one does.
    var estimate: ExactDecimal?
    var high: ExactDecimal?

    static func exact(_ value: ExactDecimal) -> Interval { Interval(low: value, estimate: value, high: value) }

    init(low: ExactDecimal, estimate: ExactDecimal?, high: ExactDecimal?) {
        self.low = low
        self.estimate = estimate
        self.high = high
    }

    init(_ value: FactValue) {
        self.init(low: value.low, estimate: value.estimate, high: value.high)
    }

    /// Exact three-valued comparison of the interval against a limit.
    func compare(_ comparison: Comparison, _ limit: ExactDecimal) -> Truth {
        func holds(_ x: ExactDecimal) -> Bool {
            switch comparison {
            case .greaterThan: return x > limit
            case .atLeast: return x >= limit
            case .lessThan: return x < limit
            case .atMost: return x <= limit
            }
        }
        let lowHolds = holds(low)
        guard let high else {
            // Unbounded above: "greater" holds for sure once the low end holds; "less" fails for
            // sure once the low end fails.
            switch comparison {
            case .greaterThan, .atLeast: return lowHolds ? .met : .indeterminate
            case .lessThan, .atMost: return lowHolds ? .indeterminate : .notMet
            }
        }
        let highHolds = holds(high)
        if lowHolds && highHolds { return .met }
        if !lowHolds && !highHolds { return .notMet }
        return .indeterminate
    }
}

/// Evaluates one profile against one pack on one date.
struct Evaluator {
    let pack: RulePack
    /// The pack's formulas with ids resolved to positions.
    let plan: PackPlan
    let profile: LabProfile
    let asOf: CalendarDate
    /// Lookups by id and the profile's records by obligation and model, built only for a large pack
    /// or profile (a hostile one: without them, evaluation is quadratic in records × models, or in
    /// references × obligations); nil for the usual handful, which a scan reads faster than a
    /// dictionary is built.
    let index: Index?

    /// Set while working out the day a developer first qualified: only whether each duty applies
    /// is wanted, not its status.
    let qualifying: Bool

    /// An evaluator of `pack` (whose `plan` a rule book builds once; nil builds it here).
    init(pack: RulePack, plan: PackPlan? = nil, profile: LabProfile, asOf: CalendarDate, qualifying: Bool = false) {
        self.pack = pack
        self.plan = plan ?? PackPlan(pack)
        self.profile = profile
        self.asOf = asOf
        self.qualifying = qualifying
        let large = Index.threshold
        index = profile.assessments.count > large || pack.obligations.count > large || pack.thresholds.count > large
            ? Index(profile: profile) : nil
    }

    struct Index {
        static let threshold = 64
        var recordsByObligation: [String: [LabProfile.AssessmentRecord]] = [:]
        /// Keyed `obligation` NUL `model`.
        var recordsByObligationAndModel: [String: [LabProfile.AssessmentRecord]] = [:]

        init(profile: LabProfile) {
            for record in profile.assessments {
                recordsByObligation[record.obligation, default: []].append(record)
                if let model = record.model {
                    recordsByObligationAndModel[record.obligation + "\u{0}" + model, default: []].append(record)
                }
            }
        }
    }

    private static let organizationSubject = "organization"

    func evaluate() -> PackResult {
        let inForce = pack.isInForce(on: asOf)
        // Each subject's key ("model:NAME") is built once, and truths are kept per subject position
        // rather than in dictionaries keyed by subject, which cost a hash of a string per look-up.
        let modelKeys = profile.models.map { "model:" + $0.name }
        var clusterKeys: [String]?
        var thresholdResults: [ThresholdResult] = []
        thresholdResults.reserveCapacity(pack.thresholds.count * max(1, profile.models.count))
        // Truth per threshold, per subject, by the threshold's position (the plan reads the last
        // threshold of an id, as a dictionary keyed by id would).
        var truths: [SubjectTruths?] = Array(repeating: nil, count: pack.thresholds.count)
        let canonicalModels = Self.lastOccurrences(modelKeys)
        var canonicalClusters: [Int]?
        for (position, threshold) in pack.thresholds.enumerated() {
            let results: [ThresholdResult]
            if let list = unlistedList(for: threshold.subject) {
                // Nothing is known of the models (or clusters): the threshold is indeterminate for
                // the organisation as a whole, never "not met".
                let result = unlistedResult(threshold, list: list)
                thresholdResults.append(result)
                truths[position] = SubjectTruths(subject: threshold.subject, values: [.indeterminate], any: .indeterminate)
                continue
            } else if threshold.subject == .cluster {
                let keys = clusterKeys ?? profile.clusters.map { "cluster:" + $0.name }
                clusterKeys = keys
                results = evaluate(threshold, modelKeys: modelKeys, clusterKeys: keys)
            } else {
                results = evaluate(threshold, modelKeys: modelKeys, clusterKeys: [])
            }
            var values: [Truth] = []
            values.reserveCapacity(results.count)
            for result in results {
                values.append(result.result)
                thresholdResults.append(result)
            }
            // Over subjects, each key counted once with its last value, as in a dictionary by key.
            let any: Truth
            switch threshold.subject {
            case .organization: any = Truth.any(values)
            case .model: any = Truth.any(values.indices.lazy.filter { canonicalModels[$0] == $0 }.map { values[$0] })
            case .cluster:
                let canonical = canonicalClusters ?? Self.lastOccurrences(clusterKeys ?? [])
                canonicalClusters = canonical
                any = Truth.any(values.indices.lazy.filter { canonical[$0] == $0 }.map { values[$0] })
            }
            truths[position] = SubjectTruths(subject: threshold.subject, values: values, any: any)
        }
        var context = ObligationContext(truths: truths, obligations: pack.obligations.count, modelKeys: modelKeys,
                                        canonicalModels: canonicalModels)
        var obligations: [ObligationResult] = []
        obligations.reserveCapacity(pack.obligations.count)
        for position in pack.obligations.indices {
            obligations.append(evaluate(position, inForce: inForce, context: &context))
        }
        let (deployment, byModel) = deploymentVerdict(obligations, inForce: inForce)
        return PackResult(
            pack: pack.id, title: pack.title, status: pack.status, inForce: inForce,
            inForceReason: inForce ? nil : notInForceReason(),
            thresholds: thresholdResults, obligations: obligations,
            deployment: deployment, deploymentByModel: byModel)
    }

    func notInForceReason() -> String {
        if pack.status == .vetoed { return "the bill was vetoed and never became law" }
        if let effective = pack.effective, asOf < effective { return "not in force until \(effective)" }
        if let expires = pack.expires, asOf >= expires {
            return pack.status == .repealed ? "repealed or revoked with effect from \(expires)" : "no longer in force from \(expires)"
        }
        return "not in force on \(asOf)"
    }

    // MARK: Thresholds

    /// `models` or `clusters` when the threshold is about one and the profile does not list them
    /// at all; nil otherwise.
    func unlistedList(for subject: Subject) -> String? {
        switch subject {
        case .organization: return nil
        case .model: return profile.listsModels ? nil : "models"
        case .cluster: return profile.listsClusters ? nil : "clusters"
        }
    }

    /// The indeterminate result of a threshold about models or clusters that the profile does not
    /// list; its subject is the list's name.
    func unlistedResult(_ threshold: Threshold, list: String) -> ThresholdResult {
        let source = threshold.cite.flatMap(pack.source)
        let note = "the profile has no '\(list):' list, so nothing is known of its \(list); write '\(list): []' if it has none"
        return ThresholdResult(
            id: threshold.id, subject: list, result: .indeterminate, value: nil, range: nil,
            limit: threshold.test.limit, comparison: threshold.test.comparison, unit: unit(of: threshold.test),
            margin: nil, mark: nil, notes: [note],
            cite: threshold.cite, citation: threshold.citation, sourceTitle: source?.title, sourceURL: source?.url,
            sourceGrade: source?.grade, reason: note)
    }

    func subjects(of subject: Subject) -> [String] {
        switch subject {
        case .organization: return [Self.organizationSubject]
        case .model: return profile.models.map { "model:" + $0.name }
        case .cluster: return profile.clusters.map { "cluster:" + $0.name }
        }
    }

    func evaluate(_ threshold: Threshold) -> [ThresholdResult] {
        evaluate(threshold, modelKeys: profile.models.map { "model:" + $0.name },
                 clusterKeys: threshold.subject == .cluster ? profile.clusters.map { "cluster:" + $0.name } : [])
    }

    /// The threshold for each of its subjects, whose keys (`model:NAME`, `cluster:NAME`) are given.
    func evaluate(_ threshold: Threshold, modelKeys: [String], clusterKeys: [String]) -> [ThresholdResult] {
        switch threshold.subject {
        case .organization:
            return [evaluate(threshold, subject: Self.organizationSubject, model: nil, cluster: nil)]
        case .model:
            return profile.models.indices.map { evaluate(threshold, subject: modelKeys[$0], model: $0, cluster: nil) }
        case .cluster:
            return profile.clusters.indices.map { evaluate(threshold, subject: clusterKeys[$0], model: nil, cluster: $0) }
        }
    }

    /// For each key, the position of the last equal key: the one a dictionary keyed by these keys
    /// would keep. Keys are unique in a loaded profile, but a profile built in Swift may repeat one.
    static func lastOccurrences(_ keys: [String]) -> [Int] {
        var result = Array(keys.indices)
        if keys.count <= 16 {
            for i in keys.indices {
                var j = keys.count - 1
                while j > i && keys[j] != keys[i] { j -= 1 }
                result[i] = j
            }
        } else {
            var last: [String: Int] = [:]
            last.reserveCapacity(keys.count)
            for (i, key) in keys.enumerated() { last[key] = i }
            for (i, key) in keys.enumerated() { result[i] = last[key] ?? i }
        }
        return result
    }

    /// The threshold for one subject; `model` and `cluster` are positions in the profile, so that
    /// the model is read in place rather than copied for every threshold.
    func evaluate(_ threshold: Threshold, subject: String, model: Int?, cluster: Int?) -> ThresholdResult {
        if threshold.period == .precedingCalendarYear, threshold.subject == .organization,
           profile.organization.reportingPeriod != asOf.year - 1, profile.organization.figures(forYear: asOf.year - 1) != nil {
            // The year's figures come from the profile's history.
            var year = profile
            year.organization = profile.organization.withFigures(ofYear: asOf.year - 1)
            return Evaluator(pack: pack, plan: plan, profile: year, asOf: asOf, qualifying: qualifying)
                .evaluate(threshold, subject: subject, model: model, cluster: cluster)
        }
        var threshold = threshold
        var notes: [String] = []
        var asModification = false
        if let modified = threshold.modifiedModel, let model, let base = profile.models[model].baseModel {
            asModification = true
            // A model built on another provider's model is tested as a modification: the pack's
            // `modified_model:` takes the place of the threshold's own test and conditions.
            threshold.test = modified.test
            threshold.conditions = modified.conditions
            notes.append("a modification of \(base.provider)'s \(base.name) (base_model): " + (modified.note
                ?? "tested as \(modified.test.fact.rawValue) \(modified.test.comparison.symbol) \(modified.test.written)"))
        }
        let test = threshold.test
        // What besides the comparison decided the result, with the truth each gave.
        var deciding: [(Truth, String)] = []
        let line = test.relative.flatMap { relativeLine(test, $0, model: model, cluster: cluster) }
        let notesBefore = notes.count
        let measured = measure(test, model: model, cluster: cluster, notes: &notes, line: line)
        var truth = measured.map { $0.truth(test.comparison) } ?? .indeterminate
        // A relative line that is not known leaves the test undecided even with the value given.
        var scratch: [String] = []
        let valueGiven = line?.low == nil && line != nil && measureFact(test, model: model, cluster: cluster, notes: &scratch) != nil
        if measured == nil && notes.count == notesBefore && !valueGiven { notes.append("\(test.fact.rawValue) is not given") }
        if measured == nil, notes.count > notesBefore, !valueGiven, let last = notes.last { deciding.append((.indeterminate, last)) }
        if let line {
            notes.append(contentsOf: line.notes)
            if valueGiven, let missing = line.notes.first { deciding.append((.indeterminate, missing)) }
        }
        if let period = threshold.period, period == .precedingCalendarYear, measured != nil {
            let wanted = asOf.year - 1
            if let year = profile.organization.reportingPeriod {
                if year != wanted {
                    truth = .indeterminate
                    notes.append("the figures cover \(year), but the statute counts the preceding calendar year, \(wanted)")
                    deciding.append((.indeterminate, notes[notes.count - 1]))
                }
            } else {
                truth = .indeterminate
                notes.append("reporting_period is not given: the statute counts the preceding calendar year, \(wanted)")
                deciding.append((.indeterminate, notes[notes.count - 1]))
            }
        }
        for condition in threshold.conditions {
            let (conditionTruth, note) = evaluate(condition, model: model, cluster: cluster, market: threshold.test.market)
            truth = truth.and(conditionTruth)
            if let note {
                notes.append(note)
                deciding.append((conditionTruth, note))
            }
        }
        // The comparison explains a value on the wrong side of the line; anything else is named.
        let comparisonDecides = truth == .notMet
            && measured.map { $0.truth(test.comparison) == .notMet } == true
        // An undecided comparison names what the value lacks: a part not given, or its uncertainty.
        let missingPart = truth == .indeterminate
            ? notes.first { $0.contains(" is not given") || $0.contains(" is uncertain") } : nil
        let reason = truth == .met || comparisonDecides ? nil : deciding.first { $0.0 == truth }?.1 ?? missingPart
        let source = threshold.cite.flatMap(pack.source)
        return ThresholdResult(
            id: threshold.id, subject: subject, result: truth,
            value: measured?.displayValue, range: measured?.displayRange,
            limit: line?.display ?? test.limit, comparison: test.comparison, unit: unit(of: test),
            margin: measured.flatMap { measured in
                line == nil ? measured.displayValue.flatMap { margin(of: $0, against: test.limit) }
                    : measured.interval.estimate.flatMap { margin(of: $0, against: measured.limit) }
            },
            mark: measured?.mark ?? mark(of: test.fact, model: model, cluster: cluster), notes: notes,
            cite: threshold.cite, citation: threshold.citation, sourceTitle: source?.title, sourceURL: source?.url,
            sourceGrade: source?.grade, reason: reason, isModificationTest: asModification)
    }

    /// `value ÷ limit` to six significant digits, or to as many as it takes (up to 40) to tell a
    /// value just over or under the line from one exactly on it: 10^25 + 1 against 10^25 is
    /// ×1.0000000000000000000000001, never a misleading ×1.
    func margin(of value: ExactDecimal, against limit: ExactDecimal) -> ExactDecimal? {
        guard let short = value.divided(by: limit, significantDigits: 6) else { return nil }
        guard short == ExactDecimal(integer: 1), value != limit else { return short }
        return value.divided(by: limit, significantDigits: 40) ?? short
    }

    /// Where the fact a test reads was written, if it was: for a result whose value could not be
    /// used (a missing exchange rate), so that the report still points at the line.
    func mark(of key: FactKey, model: Int?, cluster: Int?) -> SourceMark? {
        if key == .trainingAndFineTuningCompute {
            return model.flatMap { profile.models[$0].trainingCompute?.mark ?? profile.models[$0].fineTuningCompute?.mark }
        }
        if key == .baseModelAndFineTuningCompute {
            return model.flatMap { profile.models[$0].baseModel?.trainingCompute?.mark ?? profile.models[$0].fineTuningCompute?.mark }
        }
        return fact(key, model: model, cluster: cluster)?.mark
    }

    func unit(of test: QuantityTest) -> String {
        switch test.fact.dimension {
        case .operations?: return "FLOP"
        case .operationsPerSecond?: return "FLOP/s"
        case .bandwidth?: return "bit/s"
        case .money?: return test.currency ?? "USD"
        case .dimensionless? where test.fact == .marketDailyUsers: return "users"
        default: return ""
        }
    }

    struct Measured {
        /// The interval and limit in the frame the comparison is made in.
        var interval: Interval
        var limit: ExactDecimal
        /// The value and range in the limit's unit, for reports (rounded only when converted
        /// through an inverse exchange rate).
        var displayValue: ExactDecimal?
        var displayRange: ClosedRange<ExactDecimal>?
        var mark: SourceMark?
        /// The high end of the limit, when the limit itself is uncertain (a fraction of an
        /// uncertain fact); ``limit`` is then its low end.
        var limitHigh: ExactDecimal? = nil

        /// The three-valued comparison: against an uncertain limit, a result holds (or fails) only
        /// when it does at both ends of the limit's range.
        func truth(_ comparison: Comparison) -> Truth {
            let atLow = interval.compare(comparison, limit)
            guard let limitHigh, limitHigh != limit else { return atLow }
            let atHigh = interval.compare(comparison, limitHigh)
            return atLow == atHigh ? atLow : .indeterminate
        }
    }

    /// A line drawn as a fraction of another fact (``RelativeLimit``), in the frame the comparison
    /// is made in: the fraction's numerator times the reference (or the `otherwise` line), to be
    /// compared with the denominator times the value. Nil ends (`low == nil`) when neither is given.
    struct RelativeLine {
        /// numerator × reference, its low and high ends; nil when no reference is known.
        var low: ExactDecimal?
        var high: ExactDecimal?
        /// The denominator the value is multiplied by.
        var scale: ExactDecimal
        /// The line in the value's own terms, for reports: exact when it has a finite decimal,
        /// else rounded away from the side that meets it (so that a value shown beside it never
        /// looks over a line it is not over).
        var display: ExactDecimal?
        /// How the line was drawn, and whether the figure shown is rounded.
        var notes: [String]
    }

    /// The line a relative limit draws for one subject.
    func relativeLine(_ test: QuantityTest, _ relative: RelativeLimit, model: Int?, cluster: Int?) -> RelativeLine {
        let unit = unit(of: test)
        let p = relative.numerator, q = relative.denominator
        let fraction = relative.fractionWritten
        let reference: (low: ExactDecimal, high: ExactDecimal, point: ExactDecimal, text: String)?
        var notes: [String] = []
        if let fact = fact(relative.of, model: model, cluster: cluster) {
            let point = fact.value.estimate ?? fact.value.low
            reference = (fact.value.low, fact.value.high, point, "\(relative.of.rawValue) (\(point) \(unit))")
            describe(fact, as: relative.of.rawValue, into: &notes)
        } else if let otherwise = relative.otherwise {
            reference = (otherwise, otherwise, otherwise, "\(otherwise) \(unit) (\(relative.of.rawValue) is not given)")
        } else {
            reference = nil
        }
        guard let reference else {
            return RelativeLine(low: nil, high: nil, scale: q, display: nil,
                                notes: ["\(relative.of.rawValue) is not given, so the line (\(fraction) of it) is not known"])
        }
        let rounding: ExactDecimal.RoundingRule = [.greaterThan, .atLeast].contains(test.comparison) ? .up : .down
        let scaledPoint = reference.point * p
        let display = scaledPoint.divided(by: q, significantDigits: 12, rounding: rounding)
        let exact = display.map { $0 * q == scaledPoint } ?? false
        var line = "limit: \(fraction) of \(reference.text)"
        if let display {
            line += exact ? " = \(display) \(unit)" : " ≈ \(display) \(unit), rounded for display (it has no finite decimal); the comparison is exact: \(q) × \(test.fact.rawValue) \(test.comparison.symbol) \(p == ExactDecimal.one ? "" : "\(p) × ")\(reference.point) \(unit)"
        }
        notes.append(line)
        return RelativeLine(low: reference.low * p, high: reference.high * p, scale: q, display: display, notes: notes)
    }

    func fact(_ key: FactKey, model: Int?, cluster: Int?, market: String? = nil) -> Fact? {
        let inMarket = market.flatMap { code in profile.organization.markets.first { $0.market == code } }
        switch key {
        case .marketRevenue: return inMarket?.revenue
        case .marketAIRevenue: return inMarket?.aiRevenue
        case .marketDailyUsers: return inMarket?.dailyUsers
        case .annualGrossRevenue: return profile.organization.annualGrossRevenue
        case .aiRevenue: return profile.organization.aiRevenue
        case .aiRnDSpend: return profile.organization.aiRnDSpend
        case .trainingCompute: return model.flatMap({ profile.models[$0].trainingCompute })
        case .fineTuningCompute: return model.flatMap({ profile.models[$0].fineTuningCompute })
        case .baseModelTrainingCompute: return model.flatMap({ profile.models[$0].baseModel?.trainingCompute })
        case .peakCapacity: return cluster.flatMap({ profile.clusters[$0].peakCapacity })
        case .interconnect: return cluster.flatMap({ profile.clusters[$0].interconnect })
        case .trainingAndFineTuningCompute, .modalities, .primaryData, .modelStatus, .coLocated, .released,
             .stateOfTheArt, .broadRightsRisk, .localAddress, .baseModelSystemicRisk, .baseModelAndFineTuningCompute: return nil
        }
    }

    /// The fact as an interval comparable with the limit, or nil (with a note) when it is missing
    /// or cannot be converted.
    func measure(_ test: QuantityTest, model: Int?, cluster: Int?, notes: inout [String]) -> Measured? {
        let line = test.relative.map { relativeLine(test, $0, model: model, cluster: cluster) }
        let measured = measure(test, model: model, cluster: cluster, notes: &notes, line: line)
        if let line { notes.append(contentsOf: line.notes) }
        return measured
    }

    /// The fact measured against `line` when the test's limit is relative (nil when the line is
    /// not known: indeterminate), else against the test's own limit.
    func measure(_ test: QuantityTest, model: Int?, cluster: Int?, notes: inout [String], line: RelativeLine?) -> Measured? {
        guard let line else { return measureFact(test, model: model, cluster: cluster, notes: &notes) }
        guard var measured = measureFact(test, model: model, cluster: cluster, notes: &notes), let low = line.low else { return nil }
        // Exact: scale the value by the denominator rather than divide the line by it.
        measured.interval.low = measured.interval.low * line.scale
        measured.interval.estimate = measured.interval.estimate.map { $0 * line.scale }
        measured.interval.high = measured.interval.high.map { $0 * line.scale }
        measured.limit = low
        measured.limitHigh = line.high
        return measured
    }

    func measureFact(_ test: QuantityTest, model: Int?, cluster: Int?, notes: inout [String]) -> Measured? {
        if test.fact == .trainingAndFineTuningCompute || test.fact == .baseModelAndFineTuningCompute {
            // The sum of two parts, each of which may be missing: a missing part may be anything
            // ≥ 0, so the sum is unbounded above and only the part given can decide it.
            let onBase = test.fact == .baseModelAndFineTuningCompute
            let trainingName = onBase ? "base_model.training_compute" : "training_compute"
            let training = model.flatMap { onBase ? profile.models[$0].baseModel?.trainingCompute : profile.models[$0].trainingCompute }
            let fineTuning = model.flatMap { profile.models[$0].fineTuningCompute }
            guard let first = training ?? fineTuning else {
                notes.append(onBase ? "neither base_model.training_compute nor fine_tuning_compute is given" : "training_compute is not given")
                return nil
            }
            var interval = Interval(first.value)
            if let training { describe(training, as: trainingName, into: &notes) }
            if training != nil, let fineTuning {
                let part = Interval(fineTuning.value)
                interval.low = interval.low + part.low
                interval.estimate = interval.estimate.flatMap { estimate in part.estimate.map { estimate + $0 } }
                interval.high = interval.high.flatMap { high in part.high.map { high + $0 } }
                describe(fineTuning, as: "fine_tuning_compute", into: &notes)
                notes.append("counted: \(trainingName) + fine_tuning_compute")
            } else if training != nil {
                interval.high = nil
                notes.append("fine_tuning_compute is not given: it counts toward this threshold, so only \(onBase ? "the base model's training" : "a training run") already over the line decides it")
            } else {
                describe(first, as: "fine_tuning_compute", into: &notes)
                interval.high = nil
                notes.append("\(trainingName) is not given: it counts toward this threshold, so only fine-tuning already over the line decides it")
            }
            return Measured(interval: interval, limit: test.limit, displayValue: interval.estimate,
                            displayRange: range(interval), mark: first.mark)
        }
        guard let fact = fact(test.fact, model: model, cluster: cluster, market: test.market) else {
            if test.fact.isMarketScoped, let market = test.market, !profile.organization.markets.contains(where: { $0.market == market }) {
                notes.append("the profile gives no facts for the market \(market) (organization.markets)")
            }
            return nil
        }
        describe(fact, as: test.fact.rawValue, into: &notes)
        var interval = Interval(fact.value)
        guard test.fact.dimension == .money, let factCurrency = fact.currency, let limitCurrency = test.currency,
              factCurrency != limitCurrency else {
            return Measured(interval: interval, limit: test.limit, displayValue: interval.estimate,
                            displayRange: range(interval), mark: fact.mark)
        }
        let rates = profile.organization.exchangeRates + pack.exchangeRates
        if let direct = rates.first(where: { $0.from == factCurrency && $0.to == limitCurrency }) {
            interval.low = interval.low * direct.rate
            interval.estimate = interval.estimate.map { $0 * direct.rate }
            interval.high = interval.high.map { $0 * direct.rate }
            notes.append("converted from \(factCurrency) at 1 \(factCurrency) = \(direct.rate) \(limitCurrency)\(direct.date.map { " (\($0))" } ?? "")")
            return Measured(interval: interval, limit: test.limit, displayValue: interval.estimate,
                            displayRange: range(interval), mark: fact.mark)
        }
        if let inverse = rates.first(where: { $0.from == limitCurrency && $0.to == factCurrency }) {
            // Compare exactly in the fact's currency: value > limit × rate.
            notes.append("converted from \(factCurrency) at 1 \(limitCurrency) = \(inverse.rate) \(factCurrency)\(inverse.date.map { " (\($0))" } ?? ""); the value shown in \(limitCurrency) is rounded, the comparison is exact")
            let shown = interval.estimate.flatMap { $0.divided(by: inverse.rate, significantDigits: 12) }
            let low = interval.low.divided(by: inverse.rate, significantDigits: 12)
            let high = interval.high.flatMap { $0.divided(by: inverse.rate, significantDigits: 12) }
            return Measured(interval: interval, limit: test.limit * inverse.rate, displayValue: shown,
                            displayRange: low.flatMap { l in high.map { l...max(l, $0) } }.flatMap { $0.lowerBound == $0.upperBound ? nil : $0 },
                            mark: fact.mark)
        }
        notes.append("no exchange rate from \(factCurrency) to \(limitCurrency) is declared: add one under organization.exchange_rates")
        return nil
    }

    func range(_ interval: Interval) -> ClosedRange<ExactDecimal>? {
        guard let high = interval.high, interval.low != high else { return nil }
        return interval.low...high
    }

    func describe(_ fact: Fact, as name: String, into notes: inout [String]) {
        if let derivation = fact.value.derivation { notes.append("\(name): \(derivation.description)") }
        if fact.value.low != fact.value.high {
            notes.append("\(name) is uncertain: \(fact.value.low) to \(fact.value.high)\(fact.value.confidence.map { " (\($0))" } ?? "")")
        }
    }

    func evaluate(_ condition: Condition, model: Int?, cluster: Int?, market: String? = nil) -> (Truth, String?) {
        switch condition {
        // A condition that fails says why, so that a threshold whose quantity is over the line but
        // which is not met never reads as an unexplained "not met".
        case .equals(let key, let values):
            let actual: String? = key == .primaryData ? model.flatMap({ profile.models[$0].primaryData }) : model.flatMap({ profile.models[$0].status?.rawValue })
            guard let actual else { return (.indeterminate, "\(key.rawValue) is not given") }
            if values.contains(actual) { return (.met, nil) }
            return (.notMet, "\(key.rawValue) is \(actual), not \(Self.alternatives(values))")
        case .includesAny(let key, let values):
            guard let modalities = model.flatMap({ profile.models[$0].modalities }) else { return (.indeterminate, "\(key.rawValue) is not given") }
            if modalities.contains(where: values.contains) { return (.met, nil) }
            let listed = modalities.isEmpty ? "none" : modalities.joined(separator: ", ")
            return (.notMet, "\(key.rawValue) (\(listed)) include none of \(values.joined(separator: ", "))")
        case .isTrue(let key, let wanted):
            let actual: Bool?
            switch key {
            case .coLocated: actual = cluster.flatMap({ profile.clusters[$0].coLocated })
            case .stateOfTheArt: actual = model.flatMap({ profile.models[$0].stateOfTheArt })
            case .broadRightsRisk: actual = model.flatMap({ profile.models[$0].broadRightsRisk })
            case .baseModelSystemicRisk: actual = model.flatMap({ profile.models[$0].baseModel?.systemicRisk })
            case .localAddress: actual = market.flatMap { code in profile.organization.markets.first { $0.market == code }?.localAddress }
            default: actual = nil
            }
            guard let actual else { return (.indeterminate, "\(key.rawValue)\(market.map { " in \($0)" } ?? "") is not given") }
            return actual == wanted ? (.met, nil) : (.notMet, "\(key.rawValue)\(market.map { " in \($0)" } ?? "") is \(actual)")
        case .date(let key, let comparison, let limit):
            guard let model else { return (.indeterminate, "\(key.rawValue) is not given") }
            if let released = profile.models[model].released {
                return comparison.holds(released, limit) ? (.met, nil) : (.notMet, "released \(released), not \(comparison.words) \(limit)")
            }
            // Not yet deployed: a deployment to come falls on or after the as-of date.
            if [.inTraining, .internal].contains(profile.models[model].status) {
                switch comparison {
                case .onOrAfter where asOf >= limit, .after where asOf > limit:
                    return (.met, nil)
                case .before where asOf >= limit, .onOrBefore where asOf > limit:
                    return (.notMet, "not yet released, so not released \(comparison.words) \(limit)")
                default:
                    return (.indeterminate, "not yet released: whether it will be released \(comparison.words) \(limit) cannot be told")
                }
            }
            return (.indeterminate, "released is not given")
        case .quantity(let test):
            var notes: [String] = []
            guard let measured = measure(test, model: model, cluster: cluster, notes: &notes) else {
                return (.indeterminate, notes.first ?? "\(test.fact.rawValue) is not given")
            }
            let truth = measured.truth(test.comparison)
            guard truth == .notMet else { return (truth, nil) }
            let value = measured.displayValue.map { "\($0) \(unit(of: test))" } ?? "the value"
            if test.relative != nil {
                return (.notMet, "\(test.fact.rawValue) is \(value), not \(test.comparison.symbol) \(test.written) (\(notes.last ?? ""))")
            }
            return (.notMet, "\(test.fact.rawValue) is \(value), not \(test.comparison.symbol) \(test.limit) \(unit(of: test))")
        case .any(let groups):
            var results: [(Truth, String?)] = []
            for group in groups {
                var truth = Truth.met
                var note: String?
                for condition in group {
                    let (conditionTruth, conditionNote) = evaluate(condition, model: model, cluster: cluster, market: market)
                    truth = truth.and(conditionTruth)
                    if note == nil, conditionTruth != .met { note = conditionNote }
                }
                results.append((truth, note))
            }
            let truth = Truth.any(results.map(\.0))
            switch truth {
            case .met: return (.met, nil)
            case .indeterminate: return (.indeterminate, results.first { $0.0 == .indeterminate }?.1)
            case .notMet: return (.notMet, "none of: " + results.compactMap(\.1).joined(separator: "; "))
            }
        }
    }

    /// `a`, `a or b`, `a, b or c`.
    static func alternatives(_ values: [String]) -> String {
        values.count < 2 ? values.joined() : values.dropLast().joined(separator: ", ") + " or " + values[values.count - 1]
    }

    // MARK: Obligations

    /// A threshold's truth for each of its subjects, in the order of `evaluate(_:)`.
    struct SubjectTruths {
        /// What the threshold is about.
        var subject: Subject
        /// The organisation alone, each model, or each cluster.
        var values: [Truth]
        /// Whether any subject meets it (each key counted once, with its last value).
        var any: Truth
    }

    /// The subject of an obligation: the organisation, or a model by its position in the profile.
    typealias SubjectSlot = Int
    static let organizationSlot: SubjectSlot = -1

    struct ObligationContext {
        /// Per threshold position.
        var truths: [SubjectTruths?]
        /// Per obligation position, per subject: slot 0 for the organisation, 1 + i for the key of
        /// model i.
        var applicability: [[Truth?]?]
        /// `model:NAME` for each model.
        let modelKeys: [String]
        /// For each model, the last model with the same key: a key names one subject.
        let canonicalModels: [Int]
        /// Set while an `any_assessment_outcome` test runs, to stop a pack whose formulas lead
        /// back to it from recursing.
        var testingOutcome = false

        init(truths: [SubjectTruths?], obligations: Int, modelKeys: [String], canonicalModels: [Int]) {
            self.truths = truths
            self.applicability = Array(repeating: nil, count: obligations)
            self.modelKeys = modelKeys
            self.canonicalModels = canonicalModels
        }

        /// The subject's key: `organization` or `model:NAME`.
        func key(_ subject: SubjectSlot) -> String { subject < 0 ? Evaluator.organizationSubject : modelKeys[subject] }
    }

    /// The truth of a threshold for a subject of an obligation.
    func truth(of read: PackPlan.ThresholdRead, for subject: SubjectSlot, per: Subject, context: ObligationContext) -> Truth {
        guard let thresholdSubject = read.subject, let slot = read.slot, let values = context.truths[slot] else {
            return .indeterminate
        }
        if thresholdSubject == .model && per == .model && subject >= 0 {
            guard values.subject == .model else { return .indeterminate }
            return values.values[context.canonicalModels[subject]]
        }
        if thresholdSubject == .organization { return values.subject == .organization ? values.values[0] : .indeterminate }
        // A model or cluster threshold read for the organisation: does any subject meet it?
        return values.any
    }

    func applies(_ when: PackPlan.Formula, subject: SubjectSlot, obligation: Obligation, context: inout ObligationContext) -> Truth {
        switch when {
        case .always: return .met
        case .threshold(let read): return truth(of: read, for: subject, per: obligation.per, context: context)
        case .obligation(let position):
            guard let position else { return .indeterminate }
            let other = pack.obligations[position]
            let slot = subject < 0 ? 0 : 1 + context.canonicalModels[subject]
            if let cached = context.applicability[position]?[slot] { return cached }
            let otherSubject = other.per == .organization ? Self.organizationSlot : subject
            let formula = plan.formulas[position]
            let value: Truth
            if other.per == .model && subject < 0 {
                value = Truth.any(profile.models.indices.map { applies(formula, subject: $0, obligation: other, context: &context) })
            } else {
                value = applies(formula, subject: otherSubject, obligation: other, context: &context)
            }
            if context.applicability[position] == nil {
                context.applicability[position] = Array(repeating: nil, count: 1 + profile.models.count)
            }
            context.applicability[position]![slot] = value
            return value
        case .any(let items): return Truth.any(items.map { applies($0, subject: subject, obligation: obligation, context: &context) })
        case .all(let items): return Truth.all(items.map { applies($0, subject: subject, obligation: obligation, context: &context) })
        case .not(let inner): return applies(inner, subject: subject, obligation: obligation, context: &context).not
        case .anyAssessmentOutcome(let outcome):
            return foundOutcome(outcome, subject: subject, context: &context)
        }
    }
}

extension Truth {
    /// The truth an applicability gives.
    init(_ applicability: Applicability) {
        switch applicability {
        case .yes: self = .met
        case .no: self = .notMet
        case .indeterminate: self = .indeterminate
        }
    }
}
