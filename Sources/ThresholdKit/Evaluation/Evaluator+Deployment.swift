// The deployment gate: the high-risk findings that close it, and the deployment verdict, overall
// and per model.

extension Evaluator {
    /// The high-risk findings that count for the model (or, for the organisation, any model) under
    /// this pack's obligations, described for a note.
    func highRiskFindings(model: Int?) -> [String] {
        var found: [String] = []
        for obligation in pack.obligations where !obligation.isDeploymentGate {
            let models: [Int?] =
                obligation.per == .organization ? [nil] : model.map { [$0] } ?? profile.models.indices.map { $0 }
            for model in models {
                let review = review(obligation, model: model)
                guard review.finding == .highRisk, !review.isExpired(obligation.renewalPeriod, on: asOf) else {
                    continue
                }
                for record in review.latest where record.outcome == .highRisk {
                    let text = "\(Self.describe(record)) for \(obligation.id)"
                    if !found.contains(text) { found.append(text) }
                }
            }
        }
        return found
    }

    /// The deployment verdict, overall and per model: `not-gated` for a pack with no deployment
    /// gate in force. Results are read by position: `obligations` is in the pack's order, and a
    /// per-model obligation's subjects in the profile's order of models, so the verdict costs one
    /// pass over models × obligations.
    func deploymentVerdict(
        _ obligations: [ObligationResult], inForce: Bool
    ) -> (Deployment, [(model: String, deployment: Deployment)]) {
        guard inForce, let gatePosition = pack.obligations.firstIndex(where: \.isDeploymentGate) else {
            return (.notGated, [])
        }
        // Read by position and field: copying a result (or a model) out of its array would retain
        // each of its strings and lists.
        func status(_ index: Int, model: Int) -> ObligationStatus {
            obligations[index].subjects.isEmpty ? obligations[index].status : obligations[index].subjects[model].status
        }
        func isOpen(_ status: ObligationStatus) -> Bool {
            switch status {
            case .unmet, .expired, .indeterminate, .pending: return true
            case .met, .late, .notRequired: return false
            }
        }
        let gateApplies = obligations[gatePosition].applies
        var byModel: [(model: String, deployment: Deployment)] = []
        byModel.reserveCapacity(profile.models.count)
        for position in profile.models.indices {
            let blocked =
                obligations[gatePosition].subjects.isEmpty
                ? gateApplies == .yes : obligations[gatePosition].subjects[position].applies == .yes
            if blocked { byModel.append((profile.models[position].name, .blocked)); continue }
            let pending = obligations.indices.contains { index in
                index != gatePosition && isOpen(status(index, model: position))
            }
            byModel.append((profile.models[position].name, pending ? .indeterminate : .permitted))
        }
        if byModel.contains(where: { $0.deployment == .blocked }) || (profile.models.isEmpty && gateApplies == .yes) {
            return (.blocked, byModel)
        }
        if byModel.contains(where: { $0.deployment == .indeterminate }) { return (.indeterminate, byModel) }
        if profile.models.isEmpty
            && obligations.indices.contains(where: { index in
                index != gatePosition && isOpen(obligations[index].status)
            })
        {
            return (.indeterminate, byModel)
        }
        return (.permitted, byModel)
    }
}
