
/// A fact's value as an interval, in the units the comparison is made in. `high == nil` means
/// unbounded above (a sum with a part not given: the part may be anything ≥ 0).
struct Interval {
    var low: ExactDecimal
    var estimate: ExactDecimal
    var high: ExactDecimal?

    static func exact(_ value: ExactDecimal) -> Interval { Interval(low: value, estimate: value, high: value) }

    init(low: ExactDecimal, estimate: ExactDecimal, high: ExactDecimal?) {
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
    private let index: Index?

    /// An evaluator of `pack` (whose `plan` a rule book builds once; nil builds it here).
    init(pack: RulePack, plan: PackPlan? = nil, profile: LabProfile, asOf: CalendarDate) {
        self.pack = pack
        self.plan = plan ?? PackPlan(pack)
        self.profile = profile
        self.asOf = asOf
        let large = Index.threshold
        index = profile.assessments.count > large || pack.obligations.count > large || pack.thresholds.count > large
            ? Index(pack: pack, profile: profile) : nil
    }

    private struct Index {
        static let threshold = 64
        var recordsByObligation: [String: [LabProfile.AssessmentRecord]] = [:]
        /// Keyed `obligation` NUL `model`.
        var recordsByObligationAndModel: [String: [LabProfile.AssessmentRecord]] = [:]
        var recordsByModel: [String: [LabProfile.AssessmentRecord]] = [:]
        var packObligationIDs: Set<String> = []

        init(pack: RulePack, profile: LabProfile) {
            packObligationIDs = Set(pack.obligations.map(\.id))
            for record in profile.assessments {
                recordsByObligation[record.obligation, default: []].append(record)
                if let model = record.model {
                    recordsByObligationAndModel[record.obligation + "\u{0}" + model, default: []].append(record)
                    recordsByModel[model, default: []].append(record)
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
            if threshold.subject == .cluster {
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
        let test = threshold.test
        var notes: [String] = []
        let measured = measure(test, model: model, cluster: cluster, notes: &notes)
        var truth = measured.map { $0.interval.compare(test.comparison, $0.limit) } ?? .indeterminate
        if measured == nil && notes.isEmpty { notes.append("\(test.fact.rawValue) is not given") }
        if let period = threshold.period, period == .precedingCalendarYear, measured != nil {
            let wanted = asOf.year - 1
            if let year = profile.organization.reportingPeriod {
                if year != wanted {
                    truth = .indeterminate
                    notes.append("the figures cover \(year), but the statute counts the preceding calendar year, \(wanted)")
                }
            } else {
                truth = .indeterminate
                notes.append("reporting_period is not given: the statute counts the preceding calendar year, \(wanted)")
            }
        }
        for condition in threshold.conditions {
            let (conditionTruth, note) = evaluate(condition, model: model, cluster: cluster)
            truth = truth.and(conditionTruth)
            if let note { notes.append(note) }
        }
        let source = threshold.cite.flatMap(pack.source)
        return ThresholdResult(
            id: threshold.id, subject: subject, result: truth,
            value: measured?.displayValue, range: measured?.displayRange,
            limit: test.limit, comparison: test.comparison, unit: unit(of: test),
            margin: measured.flatMap { $0.displayValue?.divided(by: test.limit, significantDigits: 6) },
            mark: measured?.mark, notes: notes,
            cite: threshold.cite, citation: threshold.citation, sourceTitle: source?.title, sourceURL: source?.url)
    }

    func unit(of test: QuantityTest) -> String {
        switch test.fact.dimension {
        case .operations?: return "FLOP"
        case .operationsPerSecond?: return "FLOP/s"
        case .bandwidth?: return "bit/s"
        case .money?: return test.currency ?? "USD"
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
    }

    func fact(_ key: FactKey, model: Int?, cluster: Int?) -> Fact? {
        switch key {
        case .annualGrossRevenue: return profile.organization.annualGrossRevenue
        case .aiRevenue: return profile.organization.aiRevenue
        case .aiRnDSpend: return profile.organization.aiRnDSpend
        case .trainingCompute: return model.flatMap({ profile.models[$0].trainingCompute })
        case .fineTuningCompute: return model.flatMap({ profile.models[$0].fineTuningCompute })
        case .peakCapacity: return cluster.flatMap({ profile.clusters[$0].peakCapacity })
        case .interconnect: return cluster.flatMap({ profile.clusters[$0].interconnect })
        case .trainingAndFineTuningCompute, .modalities, .primaryData, .modelStatus, .coLocated: return nil
        }
    }

    /// The fact as an interval comparable with the limit, or nil (with a note) when it is missing
    /// or cannot be converted.
    func measure(_ test: QuantityTest, model: Int?, cluster: Int?, notes: inout [String]) -> Measured? {
        if test.fact == .trainingAndFineTuningCompute {
            guard let training = model.flatMap({ profile.models[$0].trainingCompute }) else {
                notes.append("training_compute is not given")
                return nil
            }
            var interval = Interval(training.value)
            describe(training, as: "training_compute", into: &notes)
            if let fineTuning = model.flatMap({ profile.models[$0].fineTuningCompute }) {
                let part = Interval(fineTuning.value)
                interval.low = interval.low + part.low
                interval.estimate = interval.estimate + part.estimate
                interval.high = interval.high.flatMap { high in part.high.map { high + $0 } }
                describe(fineTuning, as: "fine_tuning_compute", into: &notes)
                notes.append("counted: training_compute + fine_tuning_compute")
            } else {
                interval.high = nil
                notes.append("fine_tuning_compute is not given: it counts toward this threshold, so only a training run already over the line decides it")
            }
            return Measured(interval: interval, limit: test.limit, displayValue: interval.estimate,
                            displayRange: range(interval), mark: training.mark)
        }
        guard let fact = fact(test.fact, model: model, cluster: cluster) else { return nil }
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
            interval.estimate = interval.estimate * direct.rate
            interval.high = interval.high.map { $0 * direct.rate }
            notes.append("converted from \(factCurrency) at 1 \(factCurrency) = \(direct.rate) \(limitCurrency)\(direct.date.map { " (\($0))" } ?? "")")
            return Measured(interval: interval, limit: test.limit, displayValue: interval.estimate,
                            displayRange: range(interval), mark: fact.mark)
        }
        if let inverse = rates.first(where: { $0.from == limitCurrency && $0.to == factCurrency }) {
            // Compare exactly in the fact's currency: value > limit × rate.
            notes.append("converted from \(factCurrency) at 1 \(limitCurrency) = \(inverse.rate) \(factCurrency)\(inverse.date.map { " (\($0))" } ?? ""); the value shown in \(limitCurrency) is rounded, the comparison is exact")
            let shown = interval.estimate.divided(by: inverse.rate, significantDigits: 12)
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

    func evaluate(_ condition: Condition, model: Int?, cluster: Int?) -> (Truth, String?) {
        switch condition {
        case .equals(let key, let values):
            let actual: String? = key == .primaryData ? model.flatMap({ profile.models[$0].primaryData }) : model.flatMap({ profile.models[$0].status?.rawValue })
            guard let actual else { return (.indeterminate, "\(key.rawValue) is not given") }
            return (values.contains(actual) ? .met : .notMet, nil)
        case .includesAny(let key, let values):
            guard let modalities = model.flatMap({ profile.models[$0].modalities }) else { return (.indeterminate, "\(key.rawValue) is not given") }
            return (modalities.contains(where: values.contains) ? .met : .notMet, nil)
        case .isTrue(let key, let wanted):
            guard let actual = cluster.flatMap({ profile.clusters[$0].coLocated }) else { return (.indeterminate, "\(key.rawValue) is not given") }
            return (actual == wanted ? .met : .notMet, nil)
        case .quantity(let test):
            var notes: [String] = []
            guard let measured = measure(test, model: model, cluster: cluster, notes: &notes) else {
                return (.indeterminate, notes.first ?? "\(test.fact.rawValue) is not given")
            }
            return (measured.interval.compare(test.comparison, measured.limit), nil)
        }
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
            let model = subject >= 0 ? profile.models[subject].name : nil
            let found = latestRecords(model: model).contains { $0.outcome == outcome }
            return found ? .met : .notMet
        }
    }

    /// The latest record per obligation of this pack (for one model, or all), by completion date.
    func latestRecords(model: String?) -> [LabProfile.AssessmentRecord] {
        var latest: [String: LabProfile.AssessmentRecord] = [:]
        let records = index.map { index in model.map { index.recordsByModel[$0] ?? [] } ?? profile.assessments } ?? profile.assessments
        for record in records where belongsToPack(record) && (model == nil || record.model == model) {
            guard let completed = record.completed, completed <= asOf else { continue }
            let key = record.obligation + "|" + (record.model ?? "")
            if let existing = latest[key], let existingDate = existing.completed, existingDate > completed { continue }
            latest[key] = record
        }
        return Array(latest.values)
    }

    func belongsToPack(_ record: LabProfile.AssessmentRecord) -> Bool {
        if let pack = record.pack { return pack == self.pack.id }
        if let index { return index.packObligationIDs.contains(record.obligation) }
        return self.pack.obligations.contains { $0.id == record.obligation }
    }

    /// The obligation at `position` in the pack.
    func evaluate(_ position: Int, inForce: Bool, context: inout ObligationContext) -> ObligationResult {
        let obligation = pack.obligations[position]
        let perModel = obligation.per == .model && !profile.models.isEmpty
        let subjects: [SubjectSlot] = perModel ? Array(profile.models.indices) : [Self.organizationSlot]
        var results: [ObligationResult.SubjectResult] = []
        results.reserveCapacity(subjects.count)
        for subject in subjects {
            let truth = applies(plan.formulas[position], subject: subject, obligation: obligation, context: &context)
            var because: [String] = []
            if truth == .met {
                for read in plan.reads[position] where self.truth(of: read, for: subject, per: obligation.per, context: context) == .met {
                    because.append(read.id)
                }
            }
            results.append(status(obligation, subject: context.key(subject), model: subject >= 0 ? subject : nil,
                                  applies: Applicability(truth), because: because, inForce: inForce))
        }
        let applies = Applicability(Truth.any(results.lazy.map { Truth($0.applies) }))
        var hasUnmet = false, hasExpired = false, hasIndeterminate = false, hasMet = false
        for result in results {
            switch result.status {
            case .unmet: hasUnmet = true
            case .expired: hasExpired = true
            case .indeterminate: hasIndeterminate = true
            case .met: hasMet = true
            case .notRequired: break
            }
        }
        let status: ObligationStatus =
            hasUnmet ? .unmet :
            hasExpired ? .expired :
            hasIndeterminate ? .indeterminate :
            hasMet ? .met : .notRequired
        var because: [String] = []
        for result in results { for id in result.because where !because.contains(id) { because.append(id) } }
        var notes: [String] = []
        if !inForce { notes.append("the pack is not in force on \(asOf)") }
        if pack.status == .proposed && inForce { notes.append("a proposal, evaluated as if enacted") }
        return ObligationResult(
            id: obligation.id, title: obligation.title, kind: obligation.kind,
            applies: applies, status: status, because: because,
            subjects: obligation.per == .model ? results : [],
            due: results.compactMap(\.due).min(),
            notes: obligation.per == .model ? notes : notes + results.flatMap(\.notes),
            citation: obligation.citation)
    }

    func status(_ obligation: Obligation, subject: String, model: Int?, applies: Applicability,
                because: [String], inForce: Bool) -> ObligationResult.SubjectResult {
        var result = ObligationResult.SubjectResult(subject: subject, applies: applies, status: .notRequired,
                                                    because: because, due: nil, notes: [])
        guard inForce else { return result }
        if obligation.isDeploymentGate {
            result.status = applies == .yes ? .unmet : applies == .indeterminate ? .indeterminate : .notRequired
            if applies == .yes { result.notes.append("an assessment on file found high risk: a government may block deployment") }
            return result
        }
        if applies == .no { return result }
        // Deadlines.
        if let released = model.flatMap({ profile.models[$0].released }) {
            switch obligation.due {
            case .beforeDeployment?: result.due = released
            case .withinDaysOfRelease(let days)?: result.due = released.adding(days: days)
            default: break
            }
        }
        if case .by(let date)? = obligation.due { result.due = date }
        // Records on file.
        // With an index, only the records of this obligation (and model) are scanned; the filter
        // below still applies every condition.
        let pool: [LabProfile.AssessmentRecord]
        if let index {
            pool = obligation.per == .organization || model == nil
                ? index.recordsByObligation[obligation.id] ?? []
                : index.recordsByObligationAndModel[obligation.id + "\u{0}" + (model.flatMap({ profile.models[$0].name }) ?? "")] ?? []
        } else {
            pool = profile.assessments
        }
        var candidates = pool.filter { record in
            record.obligation == obligation.id && (record.pack == nil || record.pack == pack.id)
                && (obligation.per == .organization || model == nil || record.model == model.flatMap({ profile.models[$0].name }))
        }
        let notIndependent = candidates.filter { obligation.requiresIndependent && $0.independent != true }
        if !notIndependent.isEmpty {
            result.notes.append("a record on file is not from an independent assessor and does not count")
            candidates.removeAll { obligation.requiresIndependent && $0.independent != true }
        }
        let future = candidates.filter { ($0.completed ?? asOf) > asOf }
        if !future.isEmpty { result.notes.append("a record completed after \(asOf) does not count yet") }
        candidates.removeAll { ($0.completed ?? asOf) > asOf }
        let latest = candidates.max { ($0.completed ?? CalendarDate(daysSinceEpoch: 0)) < ($1.completed ?? CalendarDate(daysSinceEpoch: 0)) }
        if let latest {
            if let days = obligation.validForDays, let completed = latest.completed, completed.adding(days: days) <= asOf {
                result.status = .expired
                result.notes.append("the record of \(completed) was valid for \(days) days, until \(completed.adding(days: days))")
                return result
            }
            if latest.outcome == .highRisk {
                result.status = .unmet
                result.notes.append("the assessment of \(latest.completed.map(\.description) ?? "unknown date") found high risk")
                return result
            }
            result.status = .met
            return result
        }
        if let transition = obligation.transition, asOf < transition.complyBy {
            if let released = model.flatMap({ profile.models[$0].released }), released < transition.placedBefore {
                result.status = .notRequired
                result.due = transition.complyBy
                result.notes.append("placed on the market before \(transition.placedBefore): complies by \(transition.complyBy)")
                return result
            }
            if model != nil && model.flatMap({ profile.models[$0].released }) == nil {
                // It may have been on the market before the transition date: then nothing is due yet.
                result.status = .indeterminate
                result.notes.append("released is not given: a model placed on the market before \(transition.placedBefore) complies by \(transition.complyBy)")
                return result
            }
        }
        if let due = result.due, asOf < due {
            result.status = applies == .yes ? .notRequired : .indeterminate
            result.notes.append("not due until \(due)")
            return result
        }
        result.status = applies == .yes ? .unmet : .indeterminate
        return result
    }

    func deploymentVerdict(_ obligations: [ObligationResult], inForce: Bool) -> (Deployment, [(model: String, deployment: Deployment)]) {
        guard inForce, let gate = pack.obligations.first(where: \.isDeploymentGate) else { return (.permitted, []) }
        let gateResult = obligations.first { $0.id == gate.id }
        var byModel: [(model: String, deployment: Deployment)] = []
        for model in profile.models {
            let key = "model:" + model.name
            let blocked = gateResult?.subjects.first { $0.subject == key }?.applies == .yes
                || (gate.per == .organization && gateResult?.applies == .yes)
            if blocked { byModel.append((model.name, .blocked)); continue }
            let pending = obligations.contains { result in
                guard result.id != gate.id else { return false }
                let statuses = result.subjects.isEmpty ? [result.status] : result.subjects.filter { $0.subject == key }.map(\.status)
                return statuses.contains { $0 == .unmet || $0 == .expired || $0 == .indeterminate }
            }
            byModel.append((model.name, pending ? .indeterminate : .permitted))
        }
        let all = byModel.map(\.deployment)
        if all.contains(.blocked) || (profile.models.isEmpty && gateResult?.applies == .yes) { return (.blocked, byModel) }
        if all.contains(.indeterminate) { return (.indeterminate, byModel) }
        if profile.models.isEmpty && obligations.contains(where: { $0.id != gate.id && ($0.status == .unmet || $0.status == .indeterminate || $0.status == .expired) }) {
            return (.indeterminate, byModel)
        }
        return (.permitted, byModel)
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
