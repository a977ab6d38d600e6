// When an obligation falls due for a subject: a date, a range of days, no earlier than a day, or
// not yet set in motion; and the day the developer first qualified, which some deadlines run from.

extension Evaluator {
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

    /// The first day a duty exists: its own `effective` date, or its pack's, whichever is later.
    func start(effective: CalendarDate?) -> CalendarDate? {
        switch (pack.effective, effective) {
        case let (pack?, own?): return max(pack, own)
        case let (pack, own): return pack ?? own
        }
    }

    /// When the obligation falls due for a subject, and a note when the date is not the plain one:
    /// a model placed on the market before a transition date complies by the transition's end (Art.
    /// 111(3) of the EU AI Act), and nothing falls due before the duty itself starts. The obligation
    /// is read where it lies: a copy would retain each of its strings (and a borrowed value read
    /// through a pointer is copied first all the same).
    func deadline(of obligation: UnsafePointer<Obligation>, position: Int, model: Int?) -> (Deadline, String?) {
        let released = model.flatMap { profile.models[$0].released }
        if let transition = obligation.pointee.transition, let released, released < transition.placedBefore {
            let text = note(.transition(placedBefore: transition.placedBefore, complyBy: transition.complyBy)) {
                String(
                    note: "placed on the market before \(transition.placedBefore): complies by \(transition.complyBy)")
            }
            return (.date(transition.complyBy), text)
        }
        let effective = obligation.pointee.effective
        let start = start(effective: effective)
        let resolved = resolve(
            obligation.pointee.due ?? .continuing, effective: effective, position: position, model: model, start: start)
        guard case .date(let due) = resolved, let start, due < start else { return (resolved, nil) }
        let ownStart = effective == start
        let text = note(.dueFromStart(released: released, ownStart: ownStart, start: start)) {
            let whose: NoteText = ownStart ? "this duty starts" : "the pack took effect"
            let event: NoteText = released.map { "released on \($0), before " } ?? "due before "
            return String(note: event + whose + " on \(start): due from \(start)")
        }
        return (.date(start), text)
    }

    /// A deadline expression for a subject, of the duty whose own `effective` date is given.
    func resolve(
        _ due: Obligation.Due, effective: CalendarDate?, position: Int, model: Int?, start: CalendarDate?
    ) -> Deadline {
        switch due {
        case .by(let date): return .date(date)
        case .continuing:
            // Met by having it on file, with no date of its own; a duty that starts later than
            // its pack is owed from that start.
            if let own = effective, let start { return .date(max(own, start)) }
            return .none
        case .beforeDeployment:
            // As `within: 0 days, of: release`, without making that value: `Due` is an indirect
            // enum, and making one allocates its box, for every subject of every such duty.
            return resolve(within: CalendarPeriod(), of: .release, position: position, model: model, start: start)
        case .within(let period, let event):
            return resolve(within: period, of: event, position: position, model: model, start: start)
        case .laterOf(let items), .earlierOf(let items):
            var dates: [CalendarDate] = []
            var unknown: Deadline?
            var ranges: [(CalendarDate, CalendarDate, String)] = []
            for item in items {
                switch resolve(item, effective: effective, position: position, model: model, start: start) {
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
                    case .unknown(_, let reason), .notBefore(_, let reason), .waiting(let reason),
                        .between(_, _, let reason):
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

    /// A deadline `period` after `event`, for a subject.
    private func resolve(
        within period: CalendarPeriod, of event: Obligation.Event, position: Int, model: Int?, start: CalendarDate?
    ) -> Deadline {
        switch event {
        case .release:
            guard let model else { return .none }
            guard let released = profile.models[model].released else {
                return .unknown(.release, "the model's release date is not given")
            }
            return .date(released.adding(period))
        case .start:
            return start.map { .date($0.adding(period)) } ?? .none
        case .firstQualified:
            switch firstQualified(position: position, model: model) {
            case .success(let days) where days.lowerBound == days.upperBound:
                return .date(days.lowerBound.adding(period))
            case .success(let days):
                return .between(
                    days.lowerBound.adding(period), days.upperBound.adding(period),
                    "the developer first qualified between \(days.lowerBound) and \(days.upperBound); the "
                        + "profile's history does not go back far enough to tell the day"
                )
            case .failure(let reason): return .unknown(.firstQualified, reason.message)
            }
        case .record(let id):
            guard let other = pack.obligations.first(where: { $0.id == id }) else { return .none }
            let review = review(other, model: other.per == .model ? model : nil)
            guard let completed = review.latestDate else {
                return .waiting("no record of \(id) is on file yet; it falls due \(period) after one")
            }
            return .date(completed.adding(period))
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
        guard !qualifying else {
            return .failure(.init(message: "a first-qualified date that depends on another cannot be told"))
        }
        var candidates: Set<CalendarDate> = []
        for year in profile.organization.history.map(\.year) + [profile.organization.reportingPeriod].compactMap({ $0 })
        {
            if let day = CalendarDate(year: year + 1, month: 1, day: 1) { candidates.insert(day) }
        }
        for released in profile.models.compactMap(\.released) { candidates.insert(released) }
        let modelName = model.map { profile.models[$0].name }
        // The first day that might have been the one (facts unknown then), if any before the first
        // day that surely was.
        var earliestPossible: CalendarDate?
        for day in candidates.filter({ $0 <= asOf }).sorted() {
            let past = profile.asItStood(on: day)
            let result = Evaluator(compiled, HeldProfile(past), asOf: day, qualifying: true).evaluate()
                .obligations[position]
            let applies: Applicability
            if let modelName {
                guard let subject = result.subjects.first(where: { $0.subject == "model:" + modelName }) else {
                    continue
                }
                applies = subject.applies
            } else {
                applies = result.applies
            }
            if applies == .yes { return .success((earliestPossible ?? day)...day) }
            if applies == .indeterminate { earliestPossible = earliestPossible ?? day }
        }
        if let earliestPossible {
            return .failure(
                .init(
                    message:
                        "whether the developer qualified on \(earliestPossible) or later cannot be told from the "
                        + "profile (give organization.history with each year's figures, and each model's "
                        + "released date)"
                ))
        }
        return .failure(
            .init(
                message:
                    "the day the developer first qualified cannot be told: no day in the profile's history "
                    + "(organization.history, models' released dates) brings the duty into scope"
            ))
    }
}

extension Obligation {
    /// Whether its deadline runs from a model's release (`before-deployment`, `within … of: release`).
    var runsFromRelease: Bool { due?.runsFromRelease ?? false }

    /// The recurring period or the validity period, whichever the duty has.
    var renewalPeriod: CalendarPeriod? { every ?? validFor }
}
