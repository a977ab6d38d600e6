// An obligation's status on the as-of date, for each subject and over them: met, late, pending,
// unmet, expired or indeterminate, from its applicability, its deadline and the records on file.

extension Evaluator {
    /// The obligation at `position` in the pack.
    func evaluate(_ position: Int, inForce: Bool, context: inout ObligationContext) -> ObligationResult {
        // The obligation is borrowed in place, not copied out of the pack: a copy retains and
        // releases each of its strings, for every obligation of every profile.
        pack.obligations.withUnsafeBufferPointer { obligations in
            evaluate(obligations.baseAddress! + position, position: position, inForce: inForce, context: &context)
        }
    }

    private func evaluate(
        _ obligation: UnsafePointer<Obligation>, position: Int, inForce: Bool, context: inout ObligationContext
    ) -> ObligationResult {
        let per = obligation.pointee.per
        let subjects = subjects(per: per)
        var results: [ObligationResult.SubjectResult] = []
        results.reserveCapacity(subjects.count)
        for subject in subjects {
            let truth = applies(plan.formulas[position], subject: subject, per: per, context: &context)
            // Working out a first-qualified date needs only whether it applies.
            let because =
                truth == .met && !qualifying ? met(position, subject: subject, per: per, context: context) : []
            var decidedBy: [String] = []
            if truth != .met && !qualifying {
                decidedBy = deciders(of: position, value: truth, subject: subject, per: per, context: &context)
            }
            results.append(
                status(
                    obligation, position: position, subject: context.key(subject),
                    model: subject >= 0 ? subject : nil, applies: Applicability(truth), because: because,
                    inForce: inForce))
            if !decidedBy.isEmpty { results[results.count - 1].decidedBy = decidedBy }
        }
        // One pass over the subjects: whether any applies, and the worst status (the first
        // subject with it, as `max` keeps the first of equals).
        var anyApplies = Truth.notMet
        var status = ObligationStatus.notRequired
        // By index, reading fields: `for … in` would copy each subject's result out of the array.
        for index in results.indices {
            anyApplies = anyApplies.or(Truth(results[index].applies))
            if index == 0 || status.severity < results[index].status.severity { status = results[index].status }
        }
        let applies = Applicability(anyApplies)
        // The dates that explain the status come from the subjects that have it; the due date
        // beside the status is the earliest among them (an overdue model's date, not an undecided
        // one's), else among all.
        var due: CalendarDate?, anyDue: CalendarDate?, lateByDays: Int?, overdueSince: CalendarDate?
        var validUntil: CalendarDate?, expiredOn: CalendarDate?
        var because: [String] = []
        var decidedBy: [String] = []
        for index in results.indices {
            // The first subject's lists are taken as they are (sharing their storage, not copying
            // it: they hold each id once); later subjects add the ids they have that are new.
            if because.isEmpty {
                because = results[index].because
            } else {
                for id in results[index].because where !because.contains(id) { because.append(id) }
            }
            // What keeps it out of scope (or undecided): the subjects' deciders, for those that
            // share the obligation's applicability.
            if applies != .yes && results[index].applies == applies {
                if decidedBy.isEmpty {
                    decidedBy = results[index].decidedBy
                } else {
                    for id in results[index].decidedBy where !decidedBy.contains(id) { decidedBy.append(id) }
                }
            }
            anyDue = Self.earlier(anyDue, results[index].due)
            guard results[index].status == status else { continue }
            due = Self.earlier(due, results[index].due)
            if let late = results[index].lateByDays { lateByDays = max(lateByDays ?? late, late) }
            overdueSince = Self.earlier(overdueSince, results[index].overdueSince)
            validUntil = Self.earlier(validUntil, results[index].validUntil)
            expiredOn = Self.earlier(expiredOn, results[index].expiredOn)
        }
        var notes = context.packNotes
        if per != .model {
            for index in results.indices { notes.append(sharing: results[index].notes) }
        }
        return ObligationResult(
            applies: applies, status: status, because: because,
            subjects: per == .model ? results : [],
            due: due ?? anyDue, lateByDays: lateByDays, overdueSince: overdueSince, validUntil: validUntil,
            expiredOn: expiredOn, notes: notes, decidedBy: decidedBy,
            text: plan.dutyTexts[position])
    }

    /// The thresholds the obligation at `position` reads that the subject meets, each once
    /// (a formula may read a threshold in two places), in the order the formula reads them.
    private func met(_ position: Int, subject: SubjectSlot, per: Subject, context: ObligationContext) -> [String] {
        // The usual lists (none, one, every id the formula reads) are the plan's, shared.
        let reads = plan.reads[position]
        func isMet(_ index: Int) -> Bool {
            truth(slot: reads[index].slot, about: reads[index].subject, for: subject, per: per, context: context)
                == .met
        }
        guard reads.count <= UInt64.bitWidth else {
            var ids = IDList(of: reads, expecting: plan.readIDs[position])
            for index in reads.indices where isMet(index) { ids.append(index) }
            return ids.ids
        }
        // Which reads are met, as bits: most lists are told from the bits alone.
        var met: UInt64 = 0
        for index in reads.indices where isMet(index) { met |= 1 << UInt64(index) }
        if met == 0 { return [] }
        // Every read met, each of a threshold of its own: the formula's ids, in its order.
        if met.nonzeroBitCount == reads.count && plan.readIDs[position].count == reads.count {
            return plan.readIDs[position]
        }
        if met.nonzeroBitCount == 1 { return reads[met.trailingZeroBitCount].alone }
        var ids = IDList(of: reads, expecting: plan.readIDs[position])
        for index in reads.indices where met & (1 << UInt64(index)) != 0 { ids.append(index) }
        return ids.ids
    }

    /// The earlier of two optional days; nil only when both are.
    static func earlier(_ a: CalendarDate?, _ b: CalendarDate?) -> CalendarDate? {
        guard let a else { return b }
        guard let b else { return a }
        return min(a, b)
    }

    /// The obligation's status for one subject (the organisation, or the model at `model`);
    /// `pointer` is the obligation where it lies in the pack.
    func status(
        _ pointer: UnsafePointer<Obligation>, position: Int, subject: String, model: Int?, applies: Applicability,
        because: [String], inForce: Bool
    ) -> ObligationResult.SubjectResult {
        var result = ObligationResult.SubjectResult(
            subject: subject, applies: applies, status: .notRequired,
            because: because, due: nil, notes: [])
        // Working out a first-qualified date needs only whether the duty applied then.
        guard inForce, !qualifying else { return result }
        let isDeploymentGate = pointer.pointee.isDeploymentGate
        // A duty that does not apply is not required. The obligation is read where it lies in the
        // pack, never copied out of it (a copy retains each of its strings).
        if applies == .no && !isDeploymentGate { return result }
        if isDeploymentGate {
            result.status = applies == .yes ? .unmet : applies == .indeterminate ? .indeterminate : .notRequired
            if applies == .yes {
                let findings = highRiskFindings(model: model)
                result.addNote(
                    findings.isEmpty
                        ? "a high-risk finding on file: a government may block deployment"
                        : "\(Self.list(findings)) found high risk: a government may block deployment")
            }
            return result
        }
        let (deadline, dueNote) = deadline(of: pointer, position: position, model: model)
        if case .date(let date) = deadline { result.due = date }
        var review = review(pointer, model: model)
        if let trigger = pointer.pointee.due?.triggeringObligation,
            let other = pack.obligations.first(where: { $0.id == trigger }),
            let since = self.review(other, model: other.per == .model ? model : nil).latestDate
        {
            // A duty set off by another's record (a summary of the latest audit) is met only by a
            // record made after that one.
            let earlier = review.counting.filter { ($0.completed ?? since) < since }
            if !earlier.isEmpty {
                review.counting.removeAll { ($0.completed ?? since) < since }
                review.setAside.append(
                    "\(earlier.count == 1 ? "a record" : "\(earlier.count) records") from before the \(trigger) "
                        + "record of \(since) answered an earlier one"
                )
            }
        }
        result.notes.append(sharing: review.setAside)

        if let latestDate = review.latestDate {
            if let period = pointer.pointee.renewalPeriod {
                let until = latestDate.adding(period)
                if until < asOf {
                    if pointer.pointee.every != nil {
                        // A recurring duty: the next one fell due when the last one's period ran out.
                        result.status = applies == .yes ? .unmet : .indeterminate
                        result.due = until
                        if applies == .yes { result.overdueSince = until.adding(days: 1) }
                        result.addNote(
                            "the last record, of \(latestDate), covered \(period), through \(until); the next was "
                                + "due by \(until), overdue since \(until.adding(days: 1)) "
                                + "(\(Self.days(until.days(to: asOf))))"
                        )
                        return result
                    }
                    result.status = .expired
                    result.expiredOn = until.adding(days: 1)
                    result.addNote(
                        "the record of \(latestDate) counted for \(period), through \(until); it expired on "
                            + "\(until.adding(days: 1))"
                    )
                    return result
                }
                result.validUntil = until
            }
            if let conflict = review.conflict { result.addNote(conflict) }
            if review.finding == .highRisk {
                if !review.uncertain.isEmpty {
                    // A record that leaves something out might be newer and find otherwise.
                    result.status = .indeterminate
                    result.notes.append(sharing: review.uncertain)
                    return result
                }
                result.status = .unmet
                result.addNote(
                    "\(Self.describe(review.latest.first { $0.outcome == .highRisk }!)) found high risk")
                return result
            }
            let (completed, judgedDue) = timing(review, validFor: pointer.pointee.renewalPeriod, due: result.due)
            if let judgedDue, completed > judgedDue {
                result.status = .late
                result.lateByDays = judgedDue.days(to: completed)
                result.addNote(
                    "the record of \(completed) came \(Self.days(judgedDue.days(to: completed))) after it was due on "
                        + "\(judgedDue)"
                )
            } else {
                result.status = .met
            }
            return result
        }

        if !review.uncertain.isEmpty && !(result.due.map { asOf <= $0 } ?? false) {
            // A record that might count: met or not cannot be told until the record is complete.
            result.status = .indeterminate
            result.notes.append(sharing: review.uncertain)
            return result
        }
        let unreleased =
            model.map { profile.models[$0].status == .inTraining || profile.models[$0].status == .internal }
            ?? false
        if let transition = pointer.pointee.transition, asOf < transition.complyBy, model != nil,
            model.flatMap({ profile.models[$0].released }) == nil, !unreleased
        {
            // It may have been on the market before the transition date: then nothing is due yet.
            result.status = .indeterminate
            result.addNote(
                String(
                    note: "released is not given: a model placed on the market before \(transition.placedBefore) "
                        + "complies by \(transition.complyBy)")
            )
            return result
        }
        if let dueNote { result.addNote(dueNote) }
        switch deadline {
        case .date(let due):
            if asOf <= due {
                result.status = applies == .yes ? .pending : .indeterminate
                let today = asOf == due
                result.addNote(
                    note(.due(due, today: today)) {
                        String(note: today ? "due today, \(due)" : "not due until \(due)")
                    })
                return result
            }
            result.status = applies == .yes ? .unmet : .indeterminate
            if applies == .yes {
                result.overdueSince = due.adding(days: 1)
                result.notes.append(sharing: FixedNotes.nothingOnFile)
            }
            return result
        case .waiting(let reason):
            result.status = applies == .yes ? .pending : .indeterminate
            result.addNote(reason)
            return result
        case .unknown(.release, _) where model != nil:
            // No release date: whether the duty is due depends on where the model is in its life.
            switch profile.models[model!].status {
            case .inTraining?, .internal?:
                result.status = applies == .yes ? .pending : .indeterminate
                let stage = profile.models[model!].status == .inTraining ? "still in training" : "used internally only"
                result.addNote(String(note: "the model is \(stage): the duty falls due when it is deployed"))
                return result
            case nil:
                result.status = .indeterminate
                result.addNote(
                    "neither the model's status nor its release date is given, so whether this duty has fallen due "
                        + "cannot be told"
                )
                return result
            case .deployed?, .withdrawn?:
                result.addNote(
                    "the model has been deployed, but its release date is not given, so the day it fell due is unknown")
            }
        case .unknown(_, let reason):
            result.status = .indeterminate
            result.addNote(reason)
            return result
        case .between(let earliest, let latest, let reason):
            if asOf <= earliest {
                result.status = applies == .yes ? .pending : .indeterminate
                result.addNote(String(note: "due between \(earliest) and \(latest), not yet: \(reason)"))
            } else if asOf > latest, applies == .yes {
                result.status = .unmet
                result.overdueSince = latest.adding(days: 1)
                result.addNote(
                    "nothing on file meets it; due between \(earliest) and \(latest), so overdue since "
                        + "\(latest.adding(days: 1)) at the latest: \(reason)"
                )
            } else {
                result.status = .indeterminate
                result.addNote(String(note: "due between \(earliest) and \(latest): \(reason)"))
            }
            return result
        case .notBefore(let earliest, let reason):
            if asOf <= earliest {
                result.status = applies == .yes ? .pending : .indeterminate
                result.addNote(
                    String(note: "not due before \(earliest); the exact day cannot be told yet: \(reason)"))
            } else {
                result.status = .indeterminate
                result.addNote(
                    String(note: "due no earlier than \(earliest), but the exact day cannot be told: \(reason)"))
            }
            return result
        case .none:
            break
        }
        result.status = applies == .yes ? .unmet : .indeterminate
        if applies == .yes && !result.notes.contains(where: { $0.hasPrefix("nothing on file") }) {
            result.notes.append(sharing: FixedNotes.nothingOnFile)
        }
        return result
    }

    /// The record whose date decides met or late, and the due date it is judged against. Without a
    /// validity period the duty is owed once: the first record that counts must come by the due
    /// date. With one, the current record must come by the due date or, where an earlier record
    /// counted, by the last day that one counted.
    func timing(_ review: RecordReview, validFor: CalendarPeriod?, due: CalendarDate?) -> (CalendarDate, CalendarDate?)
    {
        let dates = review.counting.compactMap(\.completed)
        guard let period = validFor, let latest = dates.last else { return (dates.first ?? asOf, due) }
        guard let previous = dates.last(where: { $0 < latest }) else { return (latest, due) }
        let renewal = previous.adding(period)
        return (latest, due.map { max($0, renewal) } ?? renewal)
    }

    /// `1 day`, `30 days`.
    static func days(_ n: Int) -> String { n == 1 ? "1 day" : "\(n) days" }

    /// `a`, `a and b`, `a, b and c`.
    static func list(_ items: [String]) -> String {
        items.count < 2 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }
}

extension ObligationResult.SubjectResult {
    /// Adds a note, with room for a second from the first: a subject's status is explained by one
    /// or two notes, and an array grown one note at a time would be allocated for each.
    mutating func addNote(_ note: String) {
        if notes.isEmpty { notes.reserveCapacity(2) }
        notes.append(note)
    }
}
