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
        let gate = obligations[gatePosition]
        func status(_ result: ObligationResult, model: Int) -> ObligationStatus {
            result.subjects.isEmpty ? result.status : result.subjects[model].status
        }
        let open: Set<ObligationStatus> = [.unmet, .expired, .indeterminate, .pending]
        var byModel: [(model: String, deployment: Deployment)] = []
        byModel.reserveCapacity(profile.models.count)
        for (position, model) in profile.models.enumerated() {
            let blocked = gate.subjects.isEmpty ? gate.applies == .yes : gate.subjects[position].applies == .yes
            if blocked { byModel.append((model.name, .blocked)); continue }
            let pending = obligations.indices.contains { index in
                index != gatePosition && open.contains(status(obligations[index], model: position))
            }
            byModel.append((model.name, pending ? .indeterminate : .permitted))
        }
        if byModel.contains(where: { $0.deployment == .blocked }) || (profile.models.isEmpty && gate.applies == .yes) {
            return (.blocked, byModel)
        }
        if byModel.contains(where: { $0.deployment == .indeterminate }) { return (.indeterminate, byModel) }
        if profile.models.isEmpty
            && obligations.indices.contains(where: { index in
                index != gatePosition && open.contains(obligations[index].status)
            })
        {
            return (.indeterminate, byModel)
        }
        return (.permitted, byModel)
    }
}
