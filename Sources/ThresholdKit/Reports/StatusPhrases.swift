// The words every report uses for an obligation's timing and a pack's deployment verdict, so that
// text, Markdown and HTML say the same thing.

extension ObligationResult {
    /// How the obligation stands against its dates, for a reader: `OVERDUE since 2026-06-11
    /// (175 days)`, `late by 92 days`, `pending until 2027-01-20`, `expired on 2028-03-02`,
    /// `valid through 2028-03-01`; nil when there is nothing to say.
    public func timingPhrase(asOf: CalendarDate) -> String? {
        switch status {
        case .unmet:
            guard let since = overdueSince else { return nil }
            let days = since.days(to: asOf) + 1
            return "overdue since \(since) (\(days == 1 ? "1 day" : "\(days) days"))"
        case .late:
            return lateByDays.map { "late by \($0 == 1 ? "1 day" : "\($0) days")" }
        case .pending:
            return due.map { "pending until \($0)" } ?? "pending"
        case .expired:
            return expiredOn.map { "expired on \($0)" }
        case .met:
            return validUntil.map { "valid through \($0)" }
        case .notRequired, .indeterminate:
            return nil
        }
    }
}

extension PackResult {
    /// Why the deployment verdict is what it is, in a few words.
    public var deploymentReason: String {
        switch deployment {
        case .permitted: return "every required assessment is met and none found high risk"
        case .blocked: return "an assessment found high risk"
        case .notGated: return "no deployment gate in force under this pack"
        case .indeterminate:
            let statuses = Set(obligations.flatMap { o in o.subjects.isEmpty ? [o.status] : o.subjects.map(\.status) })
            func named(_ wanted: Set<ObligationStatus>) -> String {
                let ids = obligations.filter { o in
                    o.kind != "deployment-gate"
                        && (wanted.contains(o.status) || o.subjects.contains { wanted.contains($0.status) })
                }.map(\.id)
                return ids.prefix(4).joined(separator: ", ") + (ids.count > 4 ? " and \(ids.count - 4) more" : "")
            }
            if statuses.contains(.unmet) || statuses.contains(.expired) {
                return "not permitted while required duties are unmet: \(named([.unmet, .expired]))"
            }
            if statuses.contains(.pending) { return "required duties are still pending: \(named([.pending]))" }
            return "whether required assessments apply, or are met, cannot be told"
        }
    }
}

extension ThresholdResult {
    /// The fact's value as reports show it: the value, or `low–high` for an interval with no
    /// stated point (estimates that disagree); nil when the fact is missing. `format` writes one
    /// number with its unit.
    func shownValue(_ format: (ExactDecimal) -> String) -> String? {
        if let value { return format(value) }
        guard let range else { return nil }
        // The unit once, after the span: 6e21–2e25 FLOP.
        var low = format(range.lowerBound)
        if !unit.isEmpty, low.hasSuffix(" " + unit) { low.removeLast(unit.count + 1) }
        return "\(low)–\(format(range.upperBound))"
    }
}

extension ThresholdResult {
    /// The citation with the grade of its source: `Art. 51(2) · primary`.
    var citationWithGrade: String? {
        guard let text = citation ?? sourceTitle ?? cite else { return nil }
        return text + (sourceGrade.map { " · \($0.rawValue)" } ?? "")
    }
}

extension PackResult {
    /// Why an obligation of this pack does not apply, or may — each threshold that decides it,
    /// against its line: `frontier-model-compute not met (helios-4: 3.4e25 FLOP ≤ 1e26 FLOP)`,
    /// `large-developer-revenue undecided (the figures cover 2023, but the statute counts the
    /// preceding calendar year, 2025)`. Nil when it applies, or when nothing can be said.
    public func scopeReason(of obligation: ObligationResult) -> String? {
        let parts = scopeReasons(of: obligation)
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// ``scopeReason(of:)`` a threshold at a time.
    package func scopeReasons(of obligation: ObligationResult) -> [String] {
        guard obligation.applies != .yes else { return [] }
        if obligation.decidedBy.isEmpty {
            if obligation.kind == "deployment-gate" && obligation.applies == .no {
                return ["no assessment on file found high risk"]
            }
            return []
        }
        let value: Truth = obligation.applies == .no ? .notMet : .indeterminate
        return obligation.decidedBy.map { scopeReason(threshold: $0, value: value) }
    }

    /// One threshold's part in a scope reason.
    func scopeReason(threshold id: String, value: Truth) -> String {
        let all = thresholds.filter { $0.id == id }
        let word = value == .notMet ? "not met" : "undecided"
        guard !all.isEmpty else { return "\(id) \(word) (nothing in the profile to test it on)" }
        let results = all.filter { $0.result == value }
        guard !results.isEmpty else { return "\(id) \(word)" }
        if results.count == 1 {
            return "\(id) \(word) (\(results[0].shortReason(naming: all.count > 1 || results[0].isAboutModel)))"
        }
        if value == .notMet {
            // The one nearest the line stands for the rest.
            let nearest = results.max {
                ($0.value ?? $0.range?.upperBound ?? ExactDecimal(integer: 0))
                    < ($1.value ?? $1.range?.upperBound ?? ExactDecimal(integer: 0))
            }!
            return
                "\(id) not met by any of \(results.count) \(results[0].subjectKind)s (nearest: "
                + "\(nearest.shortReason(naming: true)))"
        }
        let shown = results.prefix(2).map { $0.shortReason(naming: true) }
        return
            "\(id) undecided for \(results.count) \(results[0].subjectKind)s "
            + "(\(shown.joined(separator: "; "))\(results.count > 2 ? "; …" : ""))"
    }
}

extension ThresholdResult {
    /// Whether the subject is a model.
    var isAboutModel: Bool { subject.hasPrefix("model:") }

    /// `model`, `cluster` or `organization`.
    var subjectKind: String { subject.split(separator: ":").first.map(String.init) ?? subject }

    /// Why this result is not met or undecided, in a few words: a named reason, or the value
    /// against the line. `naming` puts the subject's name in front (`helios-4: …`).
    func shortReason(naming: Bool) -> String {
        let name = naming ? (subject.split(separator: ":", maxSplits: 1).last.map(String.init) ?? subject) + ": " : ""
        if let reason { return name + reason }
        let limit = "\(comparison.symbol) \(self.limit.readable(unit))"
        guard let shown = shownValue({ $0.readable(unit) }) else { return name + "no value vs \(limit)" }
        if result == .notMet, let value {
            return name + "\(value.readable(unit)) \(comparison.negatedSymbol) \(self.limit.readable(unit))"
        }
        return name + "\(shown) vs \(limit)"
    }
}
