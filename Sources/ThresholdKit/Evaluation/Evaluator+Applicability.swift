// Whether an obligation applies to a subject: the truths of the thresholds its `when` reads, other
// obligations' applicability (cached per subject), assessment outcomes on file, and the
// thresholds that decided a duty out of scope or undecided.

extension Evaluator {
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
        /// Per obligation position, per subject, in one block: at `position × (1 + models) + slot`,
        /// slot 0 for the organisation, 1 + i for the key of model i.
        var applicability: [Truth?]
        /// Slots per obligation in ``applicability``.
        let slots: Int
        /// `model:NAME` for each model.
        let modelKeys: [String]
        /// For each model, the last model with the same key: a key names one subject.
        let canonicalModels: [Int]
        /// Set while an `any_assessment_outcome` test runs, to stop a pack whose formulas lead
        /// back to it from recursing.
        var testingOutcome = false
        /// The notes every obligation of the pack carries (not in force on the date; a proposal),
        /// written once for the pack.
        var packNotes: [String] = []

        init(truths: [SubjectTruths?], obligations: Int, modelKeys: [String], canonicalModels: [Int]) {
            self.truths = truths
            self.slots = 1 + modelKeys.count
            self.applicability = Array(filledWith: nil, count: obligations * slots)
            self.modelKeys = modelKeys
            self.canonicalModels = canonicalModels
        }

        /// The subject's key: `organization` or `model:NAME`.
        func key(_ subject: SubjectSlot) -> String { subject < 0 ? Evaluator.organizationSubject : modelKeys[subject] }
    }

    /// The truth of the threshold whose truths are at `slot`, and which is `about` a subject, for a
    /// subject of an obligation. (The truths are read where they lie, not copied out.)
    func truth(
        slot: Int?, about thresholdSubject: Subject?, for subject: SubjectSlot, per: Subject,
        context: ObligationContext
    ) -> Truth {
        guard let thresholdSubject, let slot, let valuesSubject = context.truths[slot]?.subject else {
            return .indeterminate
        }
        if thresholdSubject == .model && per == .model && subject >= 0 {
            guard valuesSubject == .model else { return .indeterminate }
            return context.truths[slot]!.values[context.canonicalModels[subject]]
        }
        if thresholdSubject == .organization {
            return valuesSubject == .organization ? context.truths[slot]!.values[0] : .indeterminate
        }
        // A model or cluster threshold read for the organisation: does any subject meet it?
        return context.truths[slot]!.any
    }

    /// Whether the formula whose part is at `node` in the plan (an obligation's `when`: see
    /// ``PackPlan/formulas``) holds for the subject of an obligation that applies `per`
    /// organisation or model.
    func applies(_ node: Int, subject: SubjectSlot, per: Subject, context: inout ObligationContext) -> Truth {
        switch plan.nodes[node] {
        case .always: return .met
        case .threshold(let index):
            // The read's fields, not the read (a copy would retain its id).
            return truth(
                slot: plan.thresholdReads[index].slot, about: plan.thresholdReads[index].subject, for: subject,
                per: per, context: context)
        case .obligation(let position):
            guard let position else { return .indeterminate }
            return applies(obligation: position, subject: subject, context: &context)
        case .any(let parts):
            // Every part is read (no array of their truths is made), as `Truth.any` would.
            var result = Truth.notMet
            for part in parts {
                result = result.or(applies(plan.childNodes[part], subject: subject, per: per, context: &context))
            }
            return result
        case .all(let parts):
            var result = Truth.met
            for part in parts {
                result = result.and(applies(plan.childNodes[part], subject: subject, per: per, context: &context))
            }
            return result
        case .not(let inner): return applies(inner, subject: subject, per: per, context: &context).not
        case .anyAssessmentOutcome(let outcome):
            return foundOutcome(outcome, subject: subject, context: &context)
        }
    }

    /// Whether the obligation at `position` applies to the subject of another obligation (or to
    /// any model, for the organisation), worked out once per subject.
    func applies(obligation position: Int, subject: SubjectSlot, context: inout ObligationContext) -> Truth {
        let otherPer = pack.obligations[position].per
        let cache = position * context.slots + (subject < 0 ? 0 : 1 + context.canonicalModels[subject])
        if let cached = context.applicability[cache] { return cached }
        let otherSubject = otherPer == .organization ? Self.organizationSlot : subject
        let formula = plan.formulas[position]
        let value: Truth
        if otherPer == .model && subject < 0 {
            var any = Truth.notMet
            for model in profile.models.indices {
                any = any.or(applies(formula, subject: model, per: otherPer, context: &context))
            }
            value = any
        } else {
            value = applies(formula, subject: otherSubject, per: otherPer, context: &context)
        }
        context.applicability[cache] = value
        return value
    }

    /// Whether an assessment that counts found `outcome` for the subject (a model, or any subject
    /// for the organisation): the finding of the latest date among the records that count for an
    /// obligation of this pack that applies, independent where the obligation asks for it and
    /// still valid. Records of one date are read as a set: a high-risk finding is never hidden by
    /// an acceptable one of the same day. A self-assessment, an expired record, or one for an
    /// obligation that does not apply never blocks deployment; one for an obligation whose
    /// applicability is unknown, or beside a record that leaves out what would decide it, leaves
    /// the answer indeterminate.
    func foundOutcome(
        _ outcome: LabProfile.AssessmentRecord.Outcome, subject: SubjectSlot,
        context: inout ObligationContext
    ) -> Truth {
        // A pack whose obligations' `when`s lead back to this test cannot be decided.
        guard !context.testingOutcome else { return .indeterminate }
        // A review's finding is the outcome of one of the profile's records: with no record of
        // this outcome on file, none can find it, and no obligation's records need be reviewed.
        // (Known from one pass over the records per evaluator: a scan here, for every subject of
        // every gate, would be quadratic in a profile of many models and records.)
        guard outcomesOnFile.contains(outcome) else { return .notMet }
        context.testingOutcome = true
        defer { context.testingOutcome = false }
        var found = Truth.notMet
        // The obligations are read in place, not copied out of the pack one by one.
        pack.obligations.withUnsafeBufferPointer { obligations in
            for position in obligations.indices where !obligations[position].isDeploymentGate {
                let obligation = obligations.baseAddress! + position
                let per = obligation.pointee.per
                let models: Range<Int> =
                    per == .organization
                    ? Self.organizationSlot..<(Self.organizationSlot + 1)
                    : subject >= 0 ? subject..<(subject + 1) : profile.models.indices
                for model in models {
                    let review = review(obligation, model: model < 0 ? nil : model)
                    guard let finding = review.finding, finding == outcome,
                        !review.isExpired(obligation.pointee.renewalPeriod, on: asOf)
                    else { continue }
                    let applies = applies(
                        obligation: position, subject: model < 0 ? subject : model, context: &context)
                    // An undated or incomplete record might be newer and say otherwise.
                    found = found.or(review.uncertain.isEmpty ? applies : applies.and(.indeterminate))
                }
            }
        }
        return found
    }

    /// The thresholds that give the formula of the obligation at `position` its `value` for the
    /// subject (see `deciders(of:value:subject:per:context:into:)`).
    func deciders(
        of position: Int, value: Truth, subject: SubjectSlot, per: Subject, context: inout ObligationContext
    ) -> [String] {
        var ids = IDList(of: plan.thresholdReads, expecting: plan.readIDs[position])
        deciders(of: plan.formulas[position], value: value, subject: subject, per: per, context: &context, into: &ids)
        return ids.ids
    }

    /// Appends to `ids` the thresholds that give the formula part at `node` its `value` for the
    /// subject: for `all` and `any`, the parts with that value (what is not met keeps an `all` out;
    /// every part keeps an `any` out; the undecided parts leave either undecided); through `not`,
    /// the parts with the opposite value; through another obligation, what decides that one.
    /// Assessment outcomes and `always` name no threshold.
    func deciders(
        of node: Int, value: Truth, subject: SubjectSlot, per: Subject, context: inout ObligationContext,
        into ids: inout IDList
    ) {
        switch plan.nodes[node] {
        case .always, .anyAssessmentOutcome:
            return
        case .threshold(let index):
            ids.append(index)
        case .any(let parts), .all(let parts):
            for part in parts
            where applies(plan.childNodes[part], subject: subject, per: per, context: &context) == value {
                deciders(
                    of: plan.childNodes[part], value: value, subject: subject, per: per, context: &context, into: &ids)
            }
        case .not(let inner):
            deciders(of: inner, value: value.not, subject: subject, per: per, context: &context, into: &ids)
        case .obligation(let position):
            guard let position else { return }
            let otherPer = pack.obligations[position].per
            if otherPer == .model && subject < 0 {
                for model in profile.models.indices
                where applies(plan.formulas[position], subject: model, per: otherPer, context: &context) == value {
                    deciders(
                        of: plan.formulas[position], value: value, subject: model, per: otherPer, context: &context,
                        into: &ids)
                }
            } else {
                let otherSubject = otherPer == .organization ? Self.organizationSlot : subject
                deciders(
                    of: plan.formulas[position], value: value, subject: otherSubject, per: otherPer,
                    context: &context, into: &ids)
            }
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
