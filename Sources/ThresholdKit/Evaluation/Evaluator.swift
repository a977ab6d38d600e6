// The evaluator: one profile against one pack on one date. This file holds the type, its lookups
// and the pass over a pack (thresholds, then obligations, then the deployment verdict); the
// concerns live beside it: Evaluator+Thresholds (a threshold per subject), Evaluator+Measuring
// (facts as exact intervals, relative lines, exchange rates), Evaluator+Conditions,
// Evaluator+Applicability (whether a duty applies, and what decided it), Evaluator+Obligations (a
// duty's status), Evaluator+Deadlines, Evaluator+Records and Evaluator+Deployment.

/// A pack as it is evaluated, with its plan: made once (a rule book holds one for each pack and
/// reading) and shared by reference. An evaluator that held the pack by value would copy in, and
/// release again, its every array and string for each profile.
final class CompiledPack: Sendable {
    /// The pack.
    let pack: RulePack
    /// Its formulas with ids resolved to positions.
    let plan: PackPlan
    /// Why the pack is not in force before it takes effect (`not in force until DATE`), and after
    /// it ends (`repealed or revoked with effect from DATE`, or `no longer in force from DATE`):
    /// written once, as they depend on the pack alone.
    let beforeEffect: String?
    let afterExpiry: String?

    /// `pack`, with `plan` (nil makes it here).
    init(_ pack: RulePack, plan: PackPlan? = nil) {
        self.pack = pack
        self.plan = plan ?? PackPlan(pack)
        beforeEffect = pack.effective.map { String(note: "not in force until \($0)") }
        afterExpiry = pack.expires.map {
            pack.status == .repealed
                ? String(note: "repealed or revoked with effect from \($0)")
                : String(note: "no longer in force from \($0)")
        }
    }
}

/// A profile held once for a verdict and shared by reference by the evaluators of its packs and
/// readings, none of which copies it.
final class HeldProfile: Sendable {
    /// The profile.
    let profile: LabProfile

    /// Holds `profile`.
    init(_ profile: LabProfile) { self.profile = profile }
}

/// Evaluates one profile against one pack on one date.
struct Evaluator {
    /// The pack and its plan, held by reference (see ``CompiledPack``).
    let compiled: CompiledPack
    /// The profile, held by reference (see ``HeldProfile``).
    let held: HeldProfile
    let asOf: CalendarDate

    /// The pack evaluated.
    var pack: RulePack { compiled.pack }
    /// The pack's formulas with ids resolved to positions.
    var plan: PackPlan { compiled.plan }
    /// The profile evaluated.
    var profile: LabProfile { held.profile }
    /// Lookups by id and the profile's records by obligation and model, built only for a large pack
    /// or profile (a hostile one: without them, evaluation is quadratic in records × models, or in
    /// references × obligations); nil for the usual handful, which a scan reads faster than a
    /// dictionary is built.
    let index: Index?

    /// Set while working out the day a developer first qualified: only whether each duty applies
    /// is wanted, not its status.
    let qualifying: Bool

    /// The notes that describe the profile's facts, shared with the other packs evaluated against
    /// the same profile; nil writes them each time they are needed.
    let sharedNotes: SharedNotes?

    /// The outcomes that some record on file gives, found in one pass over the records: a test for
    /// an outcome that none gives is not met without reviewing any (see `foundOutcome`).
    let outcomesOnFile: OutcomesOnFile

    /// An evaluator of `pack` (whose `plan` a rule book builds once; nil builds it here).
    /// `sharedNotes` must have been made for this very profile.
    init(
        pack: RulePack, plan: PackPlan? = nil, profile: LabProfile, asOf: CalendarDate, qualifying: Bool = false,
        sharedNotes: SharedNotes? = nil
    ) {
        self.init(
            CompiledPack(pack, plan: plan), HeldProfile(profile), asOf: asOf, qualifying: qualifying,
            sharedNotes: sharedNotes)
    }

    /// An evaluator of the pack `compiled` holds, for the profile `held` holds: neither is copied.
    init(
        _ compiled: CompiledPack, _ held: HeldProfile, asOf: CalendarDate, qualifying: Bool = false,
        sharedNotes: SharedNotes? = nil
    ) {
        self.sharedNotes = sharedNotes
        self.compiled = compiled
        self.held = held
        self.asOf = asOf
        self.qualifying = qualifying
        let profile = held.profile, pack = compiled.pack
        outcomesOnFile = OutcomesOnFile(profile.assessments)
        let large = Index.threshold
        index =
            profile.assessments.count > large || pack.obligations.count > large || pack.thresholds.count > large
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

    /// A set of assessment outcomes, as bits.
    struct OutcomesOnFile {
        private var bits: UInt8 = 0

        /// The outcomes `records` give.
        init(_ records: [LabProfile.AssessmentRecord]) {
            // By index, reading the field in place: `for … in` would copy every record.
            for index in records.indices {
                if let outcome = records[index].outcome { bits |= Self.bit(outcome) }
            }
        }

        private static func bit(_ outcome: LabProfile.AssessmentRecord.Outcome) -> UInt8 {
            switch outcome {
            case .acceptable: return 1
            case .highRisk: return 2
            }
        }

        /// Whether some record gives `outcome`.
        func contains(_ outcome: LabProfile.AssessmentRecord.Outcome) -> Bool { bits & Self.bit(outcome) != 0 }
    }

    static let organizationSubject = "organization"

    func evaluate() -> PackResult { evaluateKeepingTruths().result }

    /// The pack's result, and each threshold's truths by position (what the obligations read, and
    /// what the pack's other readings reuse through ``applicability(reusing:)``).
    func evaluateKeepingTruths() -> (result: PackResult, truths: [SubjectTruths?]) {
        let inForce = pack.isInForce(on: asOf)
        var (thresholdResults, context) = thresholds(reusing: nil)
        if !inForce {
            // The same words for every pack not in force: written once per verdict when shared.
            let note = { String(note: "the pack is not in force on \(self.asOf)") }
            context.packNotes.append(sharedNotes?.notInForce(on: asOf, write: note) ?? note())
        }
        if pack.status == .proposed && inForce { context.packNotes.append("a proposal, evaluated as if enacted") }
        var obligations: [ObligationResult] = []
        obligations.reserveCapacity(pack.obligations.count)
        for position in pack.obligations.indices {
            obligations.append(evaluate(position, inForce: inForce, context: &context))
        }
        let (deployment, byModel) = deploymentVerdict(obligations, inForce: inForce)
        let result = PackResult(
            pack: pack.id, title: pack.title, status: pack.status, inForce: inForce,
            inForceReason: inForce ? nil : notInForceReason(),
            thresholds: thresholdResults, obligations: obligations,
            deployment: deployment, deploymentByModel: byModel)
        return (result, context.truths)
    }

    /// Whether each obligation applies (to any of its subjects), in the pack's order, and nothing
    /// more: what is read from a reading not reported, told without the results, statuses and
    /// notes ``evaluateKeepingTruths()`` makes.
    ///
    /// `known` holds truths already worked out for this profile and date by another reading of the
    /// same pack, by threshold position: a threshold with one there is not evaluated again. It must
    /// be nil at each position whose test the two readings draw differently.
    func applicability(reusing known: [SubjectTruths?]?) -> [Applicability] {
        var context = thresholds(reusing: known).context
        var applicability: [Applicability] = []
        applicability.reserveCapacity(pack.obligations.count)
        for position in pack.obligations.indices {
            let per = pack.obligations[position].per
            var any = Truth.notMet
            for subject in subjects(per: per) {
                any = any.or(applies(plan.formulas[position], subject: subject, per: per, context: &context))
            }
            applicability.append(Applicability(any))
        }
        return applicability
    }

    /// The subjects of an obligation that applies `per` organisation or model: each model by its
    /// position, or the organisation alone (also for a per-model duty of a profile with no models).
    func subjects(per: Subject) -> Range<SubjectSlot> {
        per == .model && !profile.models.isEmpty
            ? 0..<profile.models.count : Self.organizationSlot..<(Self.organizationSlot + 1)
    }

    /// Every threshold's results (but those `known`, which are taken as they are and get none), and
    /// the context the obligations are decided in: each threshold's truths by position, and the
    /// subjects' keys.
    private func thresholds(
        reusing known: [SubjectTruths?]?
    ) -> (results: [ThresholdResult], context: ObligationContext) {
        // Each subject's key ("model:NAME") is built once (once per profile when the packs share
        // notes), and truths are kept per subject position rather than in dictionaries keyed by
        // subject, which cost a hash of a string per look-up.
        let (modelKeys, canonicalModels) =
            sharedNotes?.modelKeys { Self.modelKeys(of: profile) }
            ?? Self.modelKeys(of: profile)
        var clusterKeys: [String]?
        var thresholdResults: [ThresholdResult] = []
        thresholdResults.reserveCapacity(pack.thresholds.count * max(1, profile.models.count))
        // Truth per threshold, per subject, by the threshold's position (the plan reads the last
        // threshold of an id, as a dictionary keyed by id would).
        var truths: [SubjectTruths?] = Array(filledWith: nil, count: pack.thresholds.count)
        var canonicalClusters: [Int]?
        // By position, the threshold read in place: `for … in` would copy each out of the pack.
        for position in pack.thresholds.indices {
            if let known, let truth = known[position] {
                truths[position] = truth
                continue
            }
            let first = thresholdResults.count
            let subject = pack.thresholds[position].subject
            if let list = unlistedList(for: subject) {
                // Nothing is known of the models (or clusters): the threshold is indeterminate for
                // the organisation as a whole, never "not met".
                let result = unlistedResult(pack.thresholds[position], text: plan.thresholdTexts[position], list: list)
                thresholdResults.append(result)
                truths[position] = SubjectTruths(
                    subject: subject, values: [.indeterminate], any: .indeterminate)
                continue
            } else if subject == .cluster {
                let keys = clusterKeys ?? profile.clusters.map { "cluster:" + $0.name }
                clusterKeys = keys
                evaluate(
                    pack.thresholds[position], text: plan.thresholdTexts[position], modelKeys: modelKeys,
                    clusterKeys: keys,
                    into: &thresholdResults)
            } else {
                evaluate(
                    pack.thresholds[position], text: plan.thresholdTexts[position], modelKeys: modelKeys,
                    clusterKeys: [],
                    into: &thresholdResults)
            }
            // By index: `for … in` would copy each result out of the array.
            var values: [Truth] = []
            values.reserveCapacity(thresholdResults.count - first)
            for index in first..<thresholdResults.count { values.append(thresholdResults[index].result) }
            // Over subjects, each key counted once with its last value, as in a dictionary by key.
            let any: Truth
            switch subject {
            case .organization: any = Truth.any(values)
            case .model: any = Truth.any(values.indices.lazy.filter { canonicalModels[$0] == $0 }.map { values[$0] })
            case .cluster:
                let canonical = canonicalClusters ?? Self.lastOccurrences(clusterKeys ?? [])
                canonicalClusters = canonical
                any = Truth.any(values.indices.lazy.filter { canonical[$0] == $0 }.map { values[$0] })
            }
            truths[position] = SubjectTruths(subject: subject, values: values, any: any)
        }
        let context = ObligationContext(
            truths: truths, obligations: pack.obligations.count, modelKeys: modelKeys,
            canonicalModels: canonicalModels)
        return (thresholdResults, context)
    }

    /// Each model's subject key (`model:NAME`), and for each the position of the last model with
    /// the same key (see ``lastOccurrences(_:)``). By index: a closure over each model would copy
    /// it out of the array.
    static func modelKeys(of profile: LabProfile) -> (keys: [String], canonical: [Int]) {
        let keys = profile.models.indices.map { "model:" + profile.models[$0].name }
        return (keys, lastOccurrences(keys))
    }

    func notInForceReason() -> String {
        if pack.status == .vetoed { return "the bill was vetoed and never became law" }
        if let effective = pack.effective, asOf < effective, let reason = compiled.beforeEffect { return reason }
        if let expires = pack.expires, asOf >= expires, let reason = compiled.afterExpiry { return reason }
        return String(note: "not in force on \(asOf)")
    }
}
