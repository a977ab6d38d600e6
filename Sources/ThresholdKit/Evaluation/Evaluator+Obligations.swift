// An obligation's status on the as-of date: its deadline, the records on file read as a set, and
// the deployment verdict that follows from them.

extension Evaluator {
    /// Whether an assessment that counts found `outcome` for the subject (a model, or any subject
    /// for the organisation): the finding of the latest date among the records that count for an
    /// obligation of this pack that applies, independent where the obligation asks for it and
    /// still valid. Records of one date are read as a set: a high-risk finding is never hidden by
    /// an acceptable one of the same day. A self-assessment, an expired record, or one for an
    /// obligation that does not apply never blocks deployment; one for an obligation whose
    /// applicability is unknown, or beside a record that leaves out what would decide it, leaves
    /// the answer indeterminate.
    func foundOutcome(_ outcome: LabProfile.AssessmentRecord.Outcome, subject: SubjectSlot,
                      context: inout ObligationContext) -> Truth {
        // A pack whose obligations' `when`s lead back to this test cannot be decided.
        guard !context.testingOutcome else { return .indeterminate }
        context.testingOutcome = true
        defer { context.testingOutcome = false }
        var found: [Truth] = []
        for (position, obligation) in pack.obligations.enumerated() where !obligation.isDeploymentGate {
            let models: [Int?] = obligation.per == .organization ? [nil]
                : subject >= 0 ? [subject] : profile.models.indices.map { $0 }
            for model in models {
                let review = review(obligation, model: model)
                guard let finding = review.finding, finding == outcome, !review.isExpired(obligation.renewalPeriod, on: asOf) else { continue }
                let applies = applies(.obligation(position), subject: model ?? subject, obligation: obligation, context: &context)
                // An undated or incomplete record might be newer and say otherwise.
                found.append(review.uncertain.isEmpty ? applies : Truth.all([applies, .indeterminate]))
            }
        }
        return Truth.any(found)
    }

    /// The obligation at `position` in the pack.
    func evaluate(_ position: Int, inForce: Bool, context: inout ObligationContext) -> ObligationResult {
        let obligation = pack.obligations[position]
        let perModel = obligation.per == .model && !profile.models.isEmpty
        let subjects: [SubjectSlot] = perModel ? Array(profile.models.indices) : [Self.organizationSlot]
        var results: [ObligationResult.SubjectResult] = []
        results.reserveCapacity(subjects.count)
        for subject in subjects {
            let truth = applies(plan.formulas[position], subject: subject, obligation: obligation, context: &context)
            var because: [String] = []
            if truth == .met {
                for read in plan.reads[position] where self.truth(of: read, for: subject, per: obligation.per, context: context) == .met {
                    because.append(read.id)
                }
            }
            var result = status(obligation, position: position, subject: context.key(subject), model: subject >= 0 ? subject : nil,
                                applies: Applicability(truth), because: because, inForce: inForce)
            if truth != .met {
                deciders(of: plan.formulas[position], value: truth, subject: subject, obligation: obligation,
                         context: &context, into: &result.decidedBy)
            }
            results.append(result)
        }
        let applies = Applicability(Truth.any(results.lazy.map { Truth($0.applies) }))
        // The worst status over the subjects; the dates that explain it come from the subjects
        // that have it.
        let status = results.lazy.map(\.status).max { $0.severity < $1.severity } ?? .notRequired
        let having = results.filter { $0.status == status }
        var because: [String] = []
        for result in results { for id in result.because where !because.contains(id) { because.append(id) } }
        // What keeps it out of scope (or undecided): the subjects' deciders, for those that share
        // the obligation's applicability.
        var decidedBy: [String] = []
        if applies != .yes {
            for result in results where result.applies == applies {
                for id in result.decidedBy where !decidedBy.contains(id) { decidedBy.append(id) }
            }
        }
        var notes: [String] = []
        if !inForce { notes.append("the pack is not in force on \(asOf)") }
        if pack.status == .proposed && inForce { notes.append("a proposal, evaluated as if enacted") }
        return ObligationResult(
            id: obligation.id, title: obligation.title, kind: obligation.kind,
            applies: applies, status: status, because: because,
            subjects: obligation.per == .model ? results : [],
            due: results.compactMap(\.due).min(),
            lateByDays: having.compactMap { $0.lateByDays }.max(),
            overdueSince: having.compactMap { $0.overdueSince }.min(),
            validUntil: having.compactMap { $0.validUntil }.min(),
            expiredOn: having.compactMap { $0.expiredOn }.min(),
            notes: obligation.per == .model ? notes : notes + results.flatMap(\.notes),
            decidedBy: decidedBy,
            sourceGrade: obligation.cite.flatMap(pack.source)?.grade,
            citation: obligation.citation)
    }

    /// Appends to `ids` the thresholds that give `formula` its `value` for the subject: for `all`
    /// and `any`, the parts with that value (what is not met keeps an `all` out; every part keeps
    /// an `any` out; the undecided parts leave either undecided); through `not`, the parts with
    /// the opposite value; through another obligation, what decides that one. Assessment outcomes
    /// and `always` name no threshold.
    func deciders(of formula: PackPlan.Formula, value: Truth, subject: SubjectSlot, obligation: Obligation,
                  context: inout ObligationContext, into ids: inout [String]) {
        switch formula {
        case .always, .anyAssessmentOutcome:
            return
        case .threshold(let read):
            if !ids.contains(read.id) { ids.append(read.id) }
        case .any(let items), .all(let items):
            for item in items where applies(item, subject: subject, obligation: obligation, context: &context) == value {
                deciders(of: item, value: value, subject: subject, obligation: obligation, context: &context, into: &ids)
            }
        case .not(let inner):
            deciders(of: inner, value: value.not, subject: subject, obligation: obligation, context: &context, into: &ids)
        case .obligation(let position):
            guard let position else { return }
            let other = pack.obligations[position]
            if other.per == .model && subject < 0 {
                for model in profile.models.indices
                where applies(plan.formulas[position], subject: model, obligation: other, context: &context) == value {
                    deciders(of: plan.formulas[position], value: value, subject: model, obligation: other, context: &context, into: &ids)
                }
            } else {
                let otherSubject = other.per == .organization ? Self.organizationSlot : subject
                deciders(of: plan.formulas[position], value: value, subject: otherSubject, obligation: other,
                         context: &context, into: &ids)
            }
        }
    }

    /// The obligation's status for one subject (the organisation, or the model at `model`).
    func status(_ obligation: Obligation, position: Int, subject: String, model: Int?, applies: Applicability,
                because: [String], inForce: Bool) -> ObligationResult.SubjectResult {
        var result = ObligationResult.SubjectResult(subject: subject, applies: applies, status: .notRequired,
                                                    because: because, due: nil, notes: [])
        // Working out a first-qualified date needs only whether the duty applied then.
        guard inForce, !qualifying else { return result }
        if obligation.isDeploymentGate {
            result.status = applies == .yes ? .unmet : applies == .indeterminate ? .indeterminate : .notRequired
            if applies == .yes {
                let findings = highRiskFindings(model: model)
                result.notes.append(findings.isEmpty
                    ? "a high-risk finding on file: a government may block deployment"
                    : "\(Self.list(findings)) found high risk: a government may block deployment")
            }
            return result
        }
        if applies == .no { return result }
        let (deadline, dueNote) = deadline(of: obligation, position: position, model: model)
        if case .date(let date) = deadline { result.due = date }
        var review = review(obligation, model: model)
        if let trigger = obligation.due?.triggeringObligation, let other = pack.obligations.first(where: { $0.id == trigger }),
           let since = self.review(other, model: other.per == .model ? model : nil).latestDate {
            // A duty set off by another's record (a summary of the latest audit) is met only by a
            // record made after that one.
            let earlier = review.counting.filter { ($0.completed ?? since) < since }
            if !earlier.isEmpty {
                review.counting.removeAll { ($0.completed ?? since) < since }
                review.setAside.append("\(earlier.count == 1 ? "a record" : "\(earlier.count) records") from before the \(trigger) record of \(since) answered an earlier one")
            }
        }
        result.notes += review.setAside

        if let latestDate = review.latestDate {
            if let period = obligation.renewalPeriod {
                let until = latestDate.adding(period)
                if until < asOf {
                    if obligation.every != nil {
                        // A recurring duty: the next one fell due when the last one's period ran out.
                        result.status = applies == .yes ? .unmet : .indeterminate
                        result.due = until
                        if applies == .yes { result.overdueSince = until.adding(days: 1) }
                        result.notes.append("the last record, of \(latestDate), covered \(period), through \(until); the next was due by \(until), overdue since \(until.adding(days: 1)) (\(Self.days(until.days(to: asOf))))")
                        return result
                    }
                    result.status = .expired
                    result.expiredOn = until.adding(days: 1)
                    result.notes.append("the record of \(latestDate) counted for \(period), through \(until); it expired on \(until.adding(days: 1))")
                    return result
                }
                result.validUntil = until
            }
            if let conflict = review.conflict { result.notes.append(conflict) }
            if review.finding == .highRisk {
                if !review.uncertain.isEmpty {
                    // A record that leaves something out might be newer and find otherwise.
                    result.status = .indeterminate
                    result.notes += review.uncertain
                    return result
                }
                result.status = .unmet
                result.notes.append("\(Self.describe(review.latest.first { $0.outcome == .highRisk }!)) found high risk")
                return result
            }
            let (completed, judgedDue) = timing(review, validFor: obligation.renewalPeriod, due: result.due)
            if let judgedDue, completed > judgedDue {
                result.status = .late
                result.lateByDays = judgedDue.days(to: completed)
                result.notes.append("the record of \(completed) came \(Self.days(judgedDue.days(to: completed))) after it was due on \(judgedDue)")
            } else {
                result.status = .met
            }
            return result
        }

        if !review.uncertain.isEmpty && !(result.due.map { asOf <= $0 } ?? false) {
            // A record that might count: met or not cannot be told until the record is complete.
            result.status = .indeterminate
            result.notes += review.uncertain
            return result
        }
        let unreleased = model.map { [.inTraining, .internal].contains(profile.models[$0].status) } ?? false
        if let transition = obligation.transition, asOf < transition.complyBy, model != nil,
           model.flatMap({ profile.models[$0].released }) == nil, !unreleased {
            // It may have been on the market before the transition date: then nothing is due yet.
            result.status = .indeterminate
            result.notes.append("released is not given: a model placed on the market before \(transition.placedBefore) complies by \(transition.complyBy)")
            return result
        }
        if let dueNote { result.notes.append(dueNote) }
        switch deadline {
        case .date(let due):
            if asOf <= due {
                result.status = applies == .yes ? .pending : .indeterminate
                result.notes.append(asOf == due ? "due today, \(due)" : "not due until \(due)")
                return result
            }
            result.status = applies == .yes ? .unmet : .indeterminate
            if applies == .yes {
                result.overdueSince = due.adding(days: 1)
                result.notes.append("nothing on file meets it")
            }
            return result
        case .waiting(let reason):
            result.status = applies == .yes ? .pending : .indeterminate
            result.notes.append(reason)
            return result
        case .unknown(.release, _) where model != nil:
            // No release date: whether the duty is due depends on where the model is in its life.
            switch profile.models[model!].status {
            case .inTraining?, .internal?:
                result.status = applies == .yes ? .pending : .indeterminate
                let stage = profile.models[model!].status == .inTraining ? "still in training" : "used internally only"
                result.notes.append("the model is \(stage): the duty falls due when it is deployed")
                return result
            case nil:
                result.status = .indeterminate
                result.notes.append("neither the model's status nor its release date is given, so whether this duty has fallen due cannot be told")
                return result
            case .deployed?, .withdrawn?:
                result.notes.append("the model has been deployed, but its release date is not given, so the day it fell due is unknown")
            }
        case .unknown(_, let reason):
            result.status = .indeterminate
            result.notes.append(reason)
            return result
        case .between(let earliest, let latest, let reason):
            if asOf <= earliest {
                result.status = applies == .yes ? .pending : .indeterminate
                result.notes.append("due between \(earliest) and \(latest), not yet: \(reason)")
            } else if asOf > latest, applies == .yes {
                result.status = .unmet
                result.overdueSince = latest.adding(days: 1)
                result.notes.append("nothing on file meets it; due between \(earliest) and \(latest), so overdue since \(latest.adding(days: 1)) at the latest: \(reason)")
            } else {
                result.status = .indeterminate
                result.notes.append("due between \(earliest) and \(latest): \(reason)")
            }
            return result
        case .notBefore(let earliest, let reason):
            if asOf <= earliest {
                result.status = applies == .yes ? .pending : .indeterminate
                result.notes.append("not due before \(earliest); the exact day cannot be told yet: \(reason)")
            } else {
                result.status = .indeterminate
                result.notes.append("due no earlier than \(earliest), but the exact day cannot be told: \(reason)")
            }
            return result
        case .none:
            break
        }
        result.status = applies == .yes ? .unmet : .indeterminate
        if applies == .yes && !result.notes.contains(where: { $0.hasPrefix("nothing on file") }) { result.notes.append("nothing on file meets it") }
        return result
    }

    /// The record whose date decides met or late, and the due date it is judged against. Without a
    /// validity period the duty is owed once: the first record that counts must come by the due
    /// date. With one, the current record must come by the due date or, where an earlier record
    /// counted, by the last day that one counted.
    func timing(_ review: RecordReview, validFor: CalendarPeriod?, due: CalendarDate?) -> (CalendarDate, CalendarDate?) {
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

    /// `the assessment of 2026-05-01 by Example LLP (line 24)`.
    static func describe(_ record: LabProfile.AssessmentRecord) -> String {
        var text = "the assessment of \(record.completed.map(\.description) ?? "an unknown date")"
        if let assessor = record.assessor { text += " by \(assessor)" }
        if let mark = record.mark { text += " (line \(mark.line))" }
        return text
    }

    /// The high-risk findings that count for the model (or, for the organisation, any model) under
    /// this pack's obligations, described for a note.
    func highRiskFindings(model: Int?) -> [String] {
        var found: [String] = []
        for obligation in pack.obligations where !obligation.isDeploymentGate {
            let models: [Int?] = obligation.per == .organization ? [nil] : model.map { [$0] } ?? profile.models.indices.map { $0 }
            for model in models {
                let review = review(obligation, model: model)
                guard review.finding == .highRisk, !review.isExpired(obligation.renewalPeriod, on: asOf) else { continue }
                for record in review.latest where record.outcome == .highRisk {
                    let text = "\(Self.describe(record)) for \(obligation.id)"
                    if !found.contains(text) { found.append(text) }
                }
            }
        }
        return found
    }

    /// A deadline worked out for one subject.
    enum Deadline {
        /// Due on this day.
        case date(CalendarDate)
        /// No date: a duty with no deadline rule.
        case none
        /// Not yet set in motion: the event it runs from has not happened (no record of the duty
        /// whose record starts the clock).
        case waiting(String)
        /// Cannot be told: the event's date is not known (a release date, the day the developer
        /// first qualified).
        case unknown(Obligation.Event, String)
        /// Not known exactly, but no earlier than this day ("January 1, 2028 or 90 days after
        /// first qualifying, whichever is later", with the day of qualifying unknown).
        case notBefore(CalendarDate, String)
        /// Not known exactly, but on one of these days, inclusive (the developer first qualified
        /// between two days of its history).
        case between(CalendarDate, CalendarDate, String)
    }

    /// The first day the duty exists: its own `effective` date, or its pack's, whichever is later.
    func start(of obligation: Obligation) -> CalendarDate? {
        switch (pack.effective, obligation.effective) {
        case let (pack?, own?): return max(pack, own)
        case let (pack, own): return pack ?? own
        }
    }

    /// When the obligation falls due for a subject, and a note when the date is not the plain one:
    /// a model placed on the market before a transition date complies by the transition's end (Art.
    /// 111(3) of the EU AI Act), and nothing falls due before the duty itself starts.
    func deadline(of obligation: Obligation, position: Int, model: Int?) -> (Deadline, String?) {
        let released = model.flatMap { profile.models[$0].released }
        if let transition = obligation.transition, let released, released < transition.placedBefore {
            return (.date(transition.complyBy), "placed on the market before \(transition.placedBefore): complies by \(transition.complyBy)")
        }
        let start = start(of: obligation)
        let resolved = resolve(obligation.due ?? .continuing, obligation: obligation, position: position, model: model, start: start)
        guard case .date(let due) = resolved, let start, due < start else { return (resolved, nil) }
        let event = released.map { "released on \($0), before" } ?? "due before"
        let whose = obligation.effective.map { $0 == start ? "this duty starts" : "the pack took effect" } ?? "the pack took effect"
        return (.date(start), "\(event) \(whose) on \(start): due from \(start)")
    }

    /// A deadline expression for a subject.
    func resolve(_ due: Obligation.Due, obligation: Obligation, position: Int, model: Int?, start: CalendarDate?) -> Deadline {
        switch due {
        case .by(let date): return .date(date)
        case .continuing:
            // Met by having it on file, with no date of its own; a duty that starts later than
            // its pack is owed from that start.
            if let own = obligation.effective, let start { return .date(max(own, start)) }
            return .none
        case .beforeDeployment: return resolve(.within(CalendarPeriod(), of: .release), obligation: obligation, position: position, model: model, start: start)
        case .within(let period, let event):
            switch event {
            case .release:
                guard let model else { return .none }
                guard let released = profile.models[model].released else { return .unknown(.release, "the model's release date is not given") }
                return .date(released.adding(period))
            case .start:
                return start.map { .date($0.adding(period)) } ?? .none
            case .firstQualified:
                switch firstQualified(position: position, model: model) {
                case .success(let days) where days.lowerBound == days.upperBound: return .date(days.lowerBound.adding(period))
                case .success(let days):
                    return .between(days.lowerBound.adding(period), days.upperBound.adding(period),
                                    "the developer first qualified between \(days.lowerBound) and \(days.upperBound); the profile's history does not go back far enough to tell the day")
                case .failure(let reason): return .unknown(.firstQualified, reason.message)
                }
            case .record(let id):
                guard let other = pack.obligations.first(where: { $0.id == id }) else { return .none }
                let review = review(other, model: other.per == .model ? model : nil)
                guard let completed = review.latestDate else { return .waiting("no record of \(id) is on file yet; it falls due \(period) after one") }
                return .date(completed.adding(period))
            }
        case .laterOf(let items), .earlierOf(let items):
            var dates: [CalendarDate] = []
            var unknown: Deadline?
            var ranges: [(CalendarDate, CalendarDate, String)] = []
            for item in items {
                switch resolve(item, obligation: obligation, position: position, model: model, start: start) {
                case .date(let date): dates.append(date); ranges.append((date, date, ""))
                case .between(let low, let high, let reason): ranges.append((low, high, reason))
                case .notBefore(let date, let reason):
                    dates.append(date)
                    unknown = unknown ?? .notBefore(date, reason)
                case .none: continue
                case let other: unknown = unknown ?? other
                }
            }
            let later: Bool
            if case .laterOf = due { later = true } else { later = false }
            if unknown == nil, !ranges.isEmpty, ranges.count != dates.count {
                // Days known to lie in a range: the later (or earlier) of them lies in one too,
                // and is exact when the ranges cannot change it.
                let low = later ? ranges.map(\.0).max()! : ranges.map(\.0).min()!
                let high = later ? ranges.map(\.1).max()! : ranges.map(\.1).min()!
                if low == high { return .date(low) }
                return .between(low, high, ranges.first { !$0.2.isEmpty }?.2 ?? "")
            }
            if let unknown {
                // The later of a known day and an unknown one is no earlier than the known day.
                if later, let known = dates.max() {
                    switch unknown {
                    case .unknown(_, let reason), .notBefore(_, let reason), .waiting(let reason), .between(_, _, let reason):
                        return .notBefore(known, reason)
                    default: break
                    }
                }
                return unknown
            }
            guard !dates.isEmpty else { return .none }
            return .date(later ? dates.max()! : dates.min()!)
        }
    }

    /// Why the first-qualified date cannot be told.
    struct QualificationUnknown: Error { var message: String }

    /// The first day the obligation's `when` held for the developer (for the model, when per
    /// model): the earliest of the candidate days — each 1 January after a year of figures in the
    /// profile's history, each model's release — on which the profile's facts as they then stood
    /// bring the duty into scope. Money figures for a day come from the year before it (the
    /// `history` entry, or the top-level figures for the `reporting_period`); a model counts from
    /// its release.
    func firstQualified(position: Int, model: Int?) -> Result<ClosedRange<CalendarDate>, QualificationUnknown> {
        guard !qualifying else { return .failure(.init(message: "a first-qualified date that depends on another cannot be told")) }
        var candidates: Set<CalendarDate> = []
        for year in profile.organization.history.map(\.year) + [profile.organization.reportingPeriod].compactMap({ $0 }) {
            if let day = CalendarDate(year: year + 1, month: 1, day: 1) { candidates.insert(day) }
        }
        for released in profile.models.compactMap(\.released) { candidates.insert(released) }
        let modelName = model.map { profile.models[$0].name }
        // The first day that might have been the one (facts unknown then), if any before the first
        // day that surely was.
        var earliestPossible: CalendarDate?
        for day in candidates.filter({ $0 <= asOf }).sorted() {
            let past = profile.asItStood(on: day)
            let result = Evaluator(pack: pack, plan: plan, profile: past, asOf: day, qualifying: true).evaluate().obligations[position]
            let applies: Applicability
            if let modelName {
                guard let subject = result.subjects.first(where: { $0.subject == "model:" + modelName }) else { continue }
                applies = subject.applies
            } else {
                applies = result.applies
            }
            if applies == .yes { return .success((earliestPossible ?? day)...day) }
            if applies == .indeterminate { earliestPossible = earliestPossible ?? day }
        }
        if let earliestPossible {
            return .failure(.init(message: "whether the developer qualified on \(earliestPossible) or later cannot be told from the profile (give organization.history with each year's figures, and each model's released date)"))
        }
        return .failure(.init(message: "the day the developer first qualified cannot be told: no day in the profile's history (organization.history, models' released dates) brings the duty into scope"))
    }

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
            guard let date = latestDate, let first = counting.firstIndex(where: { $0.completed == date }) else { return [] }
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
                  let acceptable = latest.first(where: { $0.outcome == .acceptable }) else { return nil }
            return "findings of one day disagree: \(Evaluator.describe(high)) found high risk, \(Evaluator.describe(acceptable)) found the risk acceptable; the high-risk finding stands"
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
        // With an index, only the records of this obligation (and model) are scanned; the filter
        // below still applies every condition.
        let modelName = model.map { profile.models[$0].name }
        let pool: [LabProfile.AssessmentRecord]
        if let index, obligation.per == .model, let modelName {
            pool = index.recordsByObligationAndModel[obligation.id + "\u{0}" + modelName] ?? []
        } else if let index {
            pool = index.recordsByObligation[obligation.id] ?? []
        } else {
            pool = profile.assessments
        }
        var review = RecordReview()
        var notIndependent = false
        var future: CalendarDate?
        for record in pool where record.obligation == obligation.id && (record.pack == nil || record.pack == pack.id)
            && (obligation.per == .organization || modelName == nil || record.model == modelName) {
            if obligation.requiresIndependent && record.independent == false { notIndependent = true; continue }
            guard let completed = record.completed else {
                review.uncertain.append("a record on file gives no completion date ('completed'), so it cannot count yet")
                continue
            }
            if completed > asOf { future = min(future ?? completed, completed); continue }
            if obligation.requiresIndependent && record.independent == nil {
                review.uncertain.append("the record of \(completed) does not say whether its assessor is independent ('independent: true')")
                continue
            }
            if obligation.kind == "third-party-assessment" && record.outcome == nil {
                // An assessment's finding decides it; an audit, a report or a notification has none.
                review.uncertain.append("the record of \(completed) gives no outcome (acceptable or high-risk)")
                continue
            }
            review.counting.append(record)
        }
        if review.counting.count > 1 { review.counting.sort(by: Self.recordOrder) }
        if review.uncertain.count > 1 { review.uncertain = Array(Set(review.uncertain)).sorted() }
        if notIndependent { review.setAside.append("a record on file is not from an independent assessor and does not count") }
        if let future { review.setAside.append("a record dated \(future), after \(asOf), does not count yet") }
        return review
    }

    /// A total order on records that depends on their content alone: by date, high-risk first, then
    /// by assessor, model, independence and position in the file.
    static func recordOrder(_ a: LabProfile.AssessmentRecord, _ b: LabProfile.AssessmentRecord) -> Bool {
        let dayA = a.completed?.daysSinceEpoch ?? Int.min, dayB = b.completed?.daysSinceEpoch ?? Int.min
        if dayA != dayB { return dayA < dayB }
        func rank(_ r: LabProfile.AssessmentRecord) -> Int { r.outcome == .highRisk ? 0 : r.outcome == .acceptable ? 1 : 2 }
        if rank(a) != rank(b) { return rank(a) < rank(b) }
        if (a.assessor ?? "") != (b.assessor ?? "") { return (a.assessor ?? "") < (b.assessor ?? "") }
        if (a.model ?? "") != (b.model ?? "") { return (a.model ?? "") < (b.model ?? "") }
        return (a.mark?.line ?? 0, a.mark?.column ?? 0) < (b.mark?.line ?? 0, b.mark?.column ?? 0)
    }

    /// The deployment verdict, overall and per model: `not-gated` for a pack with no deployment
    /// gate in force. Results are read by position: `obligations` is in the pack's order, and a
    /// per-model obligation's subjects in the profile's order of models, so the verdict costs one
    /// pass over models × obligations.
    func deploymentVerdict(_ obligations: [ObligationResult], inForce: Bool) -> (Deployment, [(model: String, deployment: Deployment)]) {
        guard inForce, let gatePosition = pack.obligations.firstIndex(where: \.isDeploymentGate) else { return (.notGated, []) }
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
        if profile.models.isEmpty && obligations.indices.contains(where: { index in
            index != gatePosition && open.contains(obligations[index].status)
        }) {
            return (.indeterminate, byModel)
        }
        return (.permitted, byModel)
    }
}

extension Obligation {
    /// Whether its deadline runs from a model's release (`before-deployment`, `within … of: release`).
    var runsFromRelease: Bool { due?.runsFromRelease ?? false }

    /// The recurring period or the validity period, whichever the duty has.
    var renewalPeriod: CalendarPeriod? { every ?? validFor }
}
