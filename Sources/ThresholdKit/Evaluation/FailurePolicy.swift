/// What makes a verdict count as failing, for exit codes and CI gates (`--fail-on`).
public enum FailurePolicy: String, Sendable, Hashable, CaseIterable {
    /// Any applicable obligation unmet or expired (the default).
    case unmet
    /// Any applicable obligation unmet, expired, or met late.
    case late
    /// Any obligation that applies at all.
    case applies
    /// Anything unmet, expired, late or indeterminate, or a deployment not permitted.
    case indeterminate
    /// Never fail on a verdict (invalid input still fails).
    case never

    /// Whether a verdict fails under this policy.
    public func fails(_ verdict: Verdict) -> Bool {
        if self == .never { return false }
        // By index, reading fields: `contains` would copy each pack's and obligation's result.
        return verdict.packs.indices.contains { position in
            let obligations = verdict.packs[position].obligations
            let inForce = verdict.packs[position].inForce, deployment = verdict.packs[position].deployment
            return obligations.indices.contains { index in
                let status = obligations[index].status
                switch self {
                case .never: return false
                case .unmet: return status == .unmet || status == .expired
                case .late: return status == .unmet || status == .expired || status == .late
                case .applies: return inForce && obligations[index].applies == .yes
                case .indeterminate:
                    return status == .unmet || status == .expired || status == .late || status == .indeterminate
                }
            } || (self == .indeterminate && (deployment == .indeterminate || deployment == .blocked))
        }
    }
}
