// The assessment records on file for an obligation and subject, read as a set: those that count,
// those that cannot yet, those set aside, and the finding of the latest date.

extension Evaluator {
    /// What the records on file show for one obligation and subject, read as a set: the same
    /// records in any order give the same review.
    struct RecordReview {
        /// The records that count — independent where the obligation asks for it, completed on or
        /// before the as-of date, with an outcome where one decides it — oldest first, and records
        /// of one date in a fixed order (high-risk first, then by assessor and line).
        var counting: [LabProfile.AssessmentRecord] = []
        /// Why records that might count cannot yet: sorted, each once.
        var uncertain: [String] = []
        /// Why records were set aside.
        var setAside: [String] = []

        /// The completion date of the latest record that counts.
        var latestDate: CalendarDate? { counting.last?.completed }

        /// The records of the latest date.
        var latest: ArraySlice<LabProfile.AssessmentRecord> {
            guard let date = latestDate, let first = counting.firstIndex(where: { $0.completed == date }) else {
                return []
            }
            return counting[first...]
        }

        /// The finding of the latest date: high risk if any record of that day found it, else
        /// acceptable if any did; nil when none gives an outcome (a report or notification).
        var finding: LabProfile.AssessmentRecord.Outcome? {
            let outcomes = latest.compactMap(\.outcome)
            return outcomes.contains(.highRisk) ? .highRisk : outcomes.first
        }

        /// A note when records of the latest date disagree.
        var conflict: String? {
            guard let high = latest.first(where: { $0.outcome == .highRisk }),
                let acceptable = latest.first(where: { $0.outcome == .acceptable })
            else { return nil }
            return
                "findings of one day disagree: \(Evaluator.describe(high)) found high risk, "
                + "\(Evaluator.describe(acceptable)) found the risk acceptable; the high-risk finding stands"
        }

        /// Whether the latest record no longer counts on `date`.
        func isExpired(_ period: CalendarPeriod?, on date: CalendarDate) -> Bool {
            guard let period, let latestDate else { return false }
            return latestDate.adding(period) < date
        }
    }

    /// The records for the obligation (and model), sorted into those that count, those that
    /// cannot, and those that leave out what would decide it.
    func review(_ obligation: Obligation, model: Int?) -> RecordReview {
        review(
            id: obligation.id, per: obligation.per, kind: obligation.kind,
            requiresIndependent: obligation.requiresIndependent, model: model)
    }

    /// `review(_:model:)` for the obligation at `obligation`, whose fields are read in place: an
    /// obligation passed by value from a pointer is copied (each of its strings retained).
    func review(_ obligation: UnsafePointer<Obligation>, model: Int?) -> RecordReview {
        review(
            id: obligation.pointee.id, per: obligation.pointee.per, kind: obligation.pointee.kind,
            requiresIndependent: obligation.pointee.requiresIndependent, model: model)
    }

    /// The records of the obligation with this id, `per`, kind and independence requirement.
    private func review(id: String, per: Subject, kind: String, requiresIndependent: Bool, model: Int?) -> RecordReview
    {
        // With an index, only the records of this obligation (and model) are scanned; the filter
        // below still applies every condition.
        let modelName = model.map { profile.models[$0].name }
        let pool: [LabProfile.AssessmentRecord]
        if let index, per == .model, let modelName {
            pool = index.recordsByObligationAndModel[id + "\u{0}" + modelName] ?? []
        } else if let index {
            pool = index.recordsByObligation[id] ?? []
        } else {
            pool = profile.assessments
        }
        var review = RecordReview()
        var notIndependent = false
        var future: CalendarDate?
        // By index, reading fields in place: `for … in` would copy every record (each of its
        // strings retained), though most are another obligation's or model's.
        for index in pool.indices
        where pool[index].obligation == id && (pool[index].pack == nil || pool[index].pack == pack.id)
            && (per == .organization || modelName == nil || pool[index].model == modelName)
        {
            if requiresIndependent && pool[index].independent == false { notIndependent = true; continue }
            guard let completed = pool[index].completed else {
                review.uncertain.append(
                    "a record on file gives no completion date ('completed'), so it cannot count yet")
                continue
            }
            if completed > asOf { future = min(future ?? completed, completed); continue }
            if requiresIndependent && pool[index].independent == nil {
                review.uncertain.append(
                    "the record of \(completed) does not say whether its assessor is independent ('independent: true')")
                continue
            }
            if kind == "third-party-assessment" && pool[index].outcome == nil {
                // An assessment's finding decides it; an audit, a report or a notification has none.
                review.uncertain.append("the record of \(completed) gives no outcome (acceptable or high-risk)")
                continue
            }
            review.counting.append(pool[index])
        }
        if review.counting.count > 1 { review.counting.sort(by: Self.recordOrder) }
        if review.uncertain.count > 1 { review.uncertain = Array(Set(review.uncertain)).sorted() }
        if notIndependent {
            review.setAside.append("a record on file is not from an independent assessor and does not count")
        }
        if let future { review.setAside.append("a record dated \(future), after \(asOf), does not count yet") }
        return review
    }

    /// A total order on records that depends on their content alone: by date, high-risk first, then
    /// by assessor, model, independence and position in the file.
    static func recordOrder(_ a: LabProfile.AssessmentRecord, _ b: LabProfile.AssessmentRecord) -> Bool {
        let dayA = a.completed?.daysSinceEpoch ?? Int.min, dayB = b.completed?.daysSinceEpoch ?? Int.min
        if dayA != dayB { return dayA < dayB }
        func rank(_ r: LabProfile.AssessmentRecord) -> Int {
            r.outcome == .highRisk ? 0 : r.outcome == .acceptable ? 1 : 2
        }
        if rank(a) != rank(b) { return rank(a) < rank(b) }
        if (a.assessor ?? "") != (b.assessor ?? "") { return (a.assessor ?? "") < (b.assessor ?? "") }
        if (a.model ?? "") != (b.model ?? "") { return (a.model ?? "") < (b.model ?? "") }
        return (a.mark?.line ?? 0, a.mark?.column ?? 0) < (b.mark?.line ?? 0, b.mark?.column ?? 0)
    }

    /// `the assessment of 2026-05-01 by Example LLP (line 24)`.
    static func describe(_ record: LabProfile.AssessmentRecord) -> String {
        var text = "the assessment of \(record.completed.map(\.description) ?? "an unknown date")"
        if let assessor = record.assessor { text += " by \(assessor)" }
        if let mark = record.mark { text += " (line \(mark.line))" }
        return text
    }
}
