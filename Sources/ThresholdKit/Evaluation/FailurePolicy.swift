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
        switch self {
        case .never: return false
        case .unmet:
            return verdict.packs.contains { pack in
                pack.obligations.contains { $0.status == .unmet || $0.status == .expired }
            }
        case .late:
            return verdict.packs.contains { pack in
                pack.obligations.contains { [.unmet, .expired, .late].contains($0.status) }
            }
        case .applies:
            return verdict.packs.contains { pack in pack.inForce && pack.obligations.contains { $0.applies == .yes } }
        case .indeterminate:
            return verdict.packs.contains { pack in
                pack.obligations.contains { [.unmet, .expired, .late, .indeterminate].contains($0.status) }
                    || pack.deployment == .indeterminate || pack.deployment == .blocked
            }
        }
    }
}
