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
            if statuses.contains(.unmet) || statuses.contains(.expired) { return "required assessments are unmet" }
            if statuses.contains(.pending) { return "required assessments are still pending" }
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
