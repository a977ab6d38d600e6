// Measuring facts: a fact's value as an exact interval in the limit's terms, sums of parts that
// may be missing, lines drawn as a fraction of another fact, and conversion with declared
// exchange rates.

/// A fact's value as an interval, in the units the comparison is made in. `high == nil` means
/// unbounded above (a sum with a part not given: the part may be anything ≥ 0).
struct Interval {
    var low: ExactDecimal
    /// The point an input states, if one does.
    var estimate: ExactDecimal?
    var high: ExactDecimal?

    static func exact(_ value: ExactDecimal) -> Interval { Interval(low: value, estimate: value, high: value) }

    init(low: ExactDecimal, estimate: ExactDecimal?, high: ExactDecimal?) {
        self.low = low
        self.estimate = estimate
        self.high = high
    }

    init(_ value: FactValue) {
        self.init(low: value.low, estimate: value.estimate, high: value.high)
    }

    /// Exact three-valued comparison of the interval against a limit.
    func compare(_ comparison: Comparison, _ limit: ExactDecimal) -> Truth {
        comparison.evaluate(low: low, high: high, against: limit)
    }
}

extension Evaluator {
    struct Measured {
        /// The interval and limit in the frame the comparison is made in.
        var interval: Interval
        var limit: ExactDecimal
        /// The value and range in the limit's unit, for reports (rounded only when converted
        /// through an inverse exchange rate).
        var displayValue: ExactDecimal?
        var displayRange: ClosedRange<ExactDecimal>?
        var mark: SourceMark?
        /// The high end of the limit, when the limit itself is uncertain (a fraction of an
        /// uncertain fact); ``limit`` is then its low end.
        var limitHigh: ExactDecimal? = nil

        /// The three-valued comparison: against an uncertain limit, a result holds (or fails) only
        /// when it does at both ends of the limit's range.
        func truth(_ comparison: Comparison) -> Truth {
            let atLow = interval.compare(comparison, limit)
            guard let limitHigh, limitHigh != limit else { return atLow }
            let atHigh = interval.compare(comparison, limitHigh)
            return atLow == atHigh ? atLow : .indeterminate
        }
    }

    /// A line drawn as a fraction of another fact (``RelativeLimit``), in the frame the comparison
    /// is made in: the fraction's numerator times the reference (or the `otherwise` line), to be
    /// compared with the denominator times the value. Nil ends (`low == nil`) when neither is given.
    struct RelativeLine {
        /// numerator × reference, its low and high ends; nil when no reference is known.
        var low: ExactDecimal?
        var high: ExactDecimal?
        /// The denominator the value is multiplied by.
        var scale: ExactDecimal
        /// The line in the value's own terms, for reports: exact when it has a finite decimal,
        /// else rounded away from the side that meets it (so that a value shown beside it never
        /// looks over a line it is not over).
        var display: ExactDecimal?
        /// How the line was drawn, and whether the figure shown is rounded.
        var notes: [String]
    }

    /// The line a relative limit draws for one subject.
    func relativeLine(_ test: QuantityTest, _ relative: RelativeLimit, model: Int?, cluster: Int?) -> RelativeLine {
        let unit = test.unit
        let p = relative.numerator, q = relative.denominator
        let fraction = relative.fractionWritten
        let reference: (low: ExactDecimal, high: ExactDecimal, point: ExactDecimal, text: String)?
        var notes: [String] = []
        if let fact = fact(relative.of, model: model, cluster: cluster) {
            let point = fact.value.estimate ?? fact.value.low
            reference = (fact.value.low, fact.value.high, point, "\(relative.of.rawValue) (\(point) \(unit))")
            describe(fact, as: relative.of.rawValue, model: model, cluster: cluster, into: &notes)
        } else if let otherwise = relative.otherwise {
            reference = (otherwise, otherwise, otherwise, "\(otherwise) \(unit) (\(relative.of.rawValue) is not given)")
        } else {
            reference = nil
        }
        guard let reference else {
            return RelativeLine(
                low: nil, high: nil, scale: q, display: nil,
                notes: ["\(relative.of.rawValue) is not given, so the line (\(fraction) of it) is not known"])
        }
        let rounding: ExactDecimal.RoundingRule = [.greaterThan, .atLeast].contains(test.comparison) ? .up : .down
        let scaledPoint = reference.point * p
        let display = scaledPoint.divided(by: q, significantDigits: 12, rounding: rounding)
        let exact = display.map { $0 * q == scaledPoint } ?? false
        var line = "limit: \(fraction) of \(reference.text)"
        if let display {
            line +=
                exact
                ? " = \(display) \(unit)"
                : " ≈ \(display) \(unit), rounded for display (it has no finite decimal); the comparison is exact: "
                    + "\(q) × \(test.fact.rawValue) \(test.comparison.symbol) "
                    + "\(p == ExactDecimal.one ? "" : "\(p) × ")\(reference.point) \(unit)"
        }
        notes.append(line)
        return RelativeLine(low: reference.low * p, high: reference.high * p, scale: q, display: display, notes: notes)
    }

    func fact(_ key: FactKey, model: Int?, cluster: Int?, market: String? = nil) -> Fact? {
        let inMarket = market.flatMap { code in profile.organization.markets.first { $0.market == code } }
        switch key {
        case .marketRevenue: return inMarket?.revenue
        case .marketAIRevenue: return inMarket?.aiRevenue
        case .marketDailyUsers: return inMarket?.dailyUsers
        case .annualGrossRevenue: return profile.organization.annualGrossRevenue
        case .aiRevenue: return profile.organization.aiRevenue
        case .aiRnDSpend: return profile.organization.aiRnDSpend
        // Read in place with `if let`: a closure over the profile would copy the model out first.
        case .trainingCompute: if let model { return profile.models[model].trainingCompute } else { return nil }
        case .fineTuningCompute: if let model { return profile.models[model].fineTuningCompute } else { return nil }
        case .baseModelTrainingCompute:
            if let model { return profile.models[model].baseModel?.trainingCompute } else { return nil }
        case .peakCapacity: if let cluster { return profile.clusters[cluster].peakCapacity } else { return nil }
        case .interconnect: if let cluster { return profile.clusters[cluster].interconnect } else { return nil }
        case .trainingAndFineTuningCompute, .modalities, .primaryData, .modelStatus, .coLocated, .released,
            .stateOfTheArt, .broadRightsRisk, .localAddress, .baseModelSystemicRisk, .baseModelAndFineTuningCompute:
            return nil
        }
    }

    /// The fact as an interval comparable with the limit, or nil (with a note) when it is missing
    /// or cannot be converted.
    func measure(_ test: QuantityTest, model: Int?, cluster: Int?, notes: inout [String]) -> Measured? {
        let line = test.relative.map { relativeLine(test, $0, model: model, cluster: cluster) }
        let measured = measure(test, model: model, cluster: cluster, notes: &notes, line: line)
        if let line { notes.append(contentsOf: line.notes) }
        return measured
    }

    /// The fact measured against `line` when the test's limit is relative (nil when the line is
    /// not known: indeterminate), else against the test's own limit.
    func measure(
        _ test: QuantityTest, model: Int?, cluster: Int?, notes: inout [String], line: RelativeLine?
    ) -> Measured? {
        guard let line else { return measureFact(test, model: model, cluster: cluster, notes: &notes) }
        guard var measured = measureFact(test, model: model, cluster: cluster, notes: &notes), let low = line.low else {
            return nil
        }
        // Exact: scale the value by the denominator rather than divide the line by it.
        measured.interval.low = measured.interval.low * line.scale
        measured.interval.estimate = measured.interval.estimate.map { $0 * line.scale }
        measured.interval.high = measured.interval.high.map { $0 * line.scale }
        measured.limit = low
        measured.limitHigh = line.high
        return measured
    }

    func measureFact(_ test: QuantityTest, model: Int?, cluster: Int?, notes: inout [String]) -> Measured? {
        if test.fact == .trainingAndFineTuningCompute || test.fact == .baseModelAndFineTuningCompute {
            // The sum of two parts, each of which may be missing: a missing part may be anything
            // ≥ 0, so the sum is unbounded above and only the part given can decide it.
            let onBase = test.fact == .baseModelAndFineTuningCompute
            let trainingName = onBase ? "base_model.training_compute" : "training_compute"
            let training: Fact?, fineTuning: Fact?
            if let model {
                training =
                    onBase ? profile.models[model].baseModel?.trainingCompute : profile.models[model].trainingCompute
                fineTuning = profile.models[model].fineTuningCompute
            } else {
                (training, fineTuning) = (nil, nil)
            }
            guard let first = training ?? fineTuning else {
                notes.append(sharing: onBase ? FixedNotes.neitherOnBase : FixedNotes.notGiven(.trainingCompute))
                return nil
            }
            var interval = Interval(first.value)
            if let training { describe(training, as: trainingName, model: model, into: &notes) }
            if training != nil, let fineTuning {
                let part = Interval(fineTuning.value)
                interval.low = interval.low + part.low
                interval.estimate = interval.estimate.flatMap { estimate in part.estimate.map { estimate + $0 } }
                interval.high = interval.high.flatMap { high in part.high.map { high + $0 } }
                describe(fineTuning, as: "fine_tuning_compute", model: model, into: &notes)
                // Notes made once, not for every subject of every threshold.
                notes.append(sharing: onBase ? FixedNotes.countedOnBase : FixedNotes.counted)
            } else if training != nil {
                interval.high = nil
                notes.append(sharing: onBase ? FixedNotes.fineTuningMissingOnBase : FixedNotes.fineTuningMissing)
            } else {
                describe(first, as: "fine_tuning_compute", model: model, into: &notes)
                interval.high = nil
                notes.append(
                    onBase
                        ? "base_model.training_compute is not given: it counts toward this threshold, so only "
                            + "fine-tuning already over the line decides it"
                        : "training_compute is not given: it counts toward this threshold, so only fine-tuning "
                            + "already over the line decides it")
            }
            return Measured(
                interval: interval, limit: test.limit, displayValue: interval.estimate,
                displayRange: range(interval), mark: first.mark)
        }
        guard let fact = fact(test.fact, model: model, cluster: cluster, market: test.market) else {
            if test.fact.isMarketScoped, let market = test.market,
                !profile.organization.markets.contains(where: { $0.market == market })
            {
                notes.append(String(note: "the profile gives no facts for the market \(market) (organization.markets)"))
            }
            return nil
        }
        describe(fact, as: test.fact.rawValue, model: model, cluster: cluster, market: test.market, into: &notes)
        var interval = Interval(fact.value)
        guard test.fact.dimension == .money, let factCurrency = fact.currency, let limitCurrency = test.currency,
            factCurrency != limitCurrency
        else {
            return Measured(
                interval: interval, limit: test.limit, displayValue: interval.estimate,
                displayRange: range(interval), mark: fact.mark)
        }
        // The profile's rates, then the pack's: the first that converts (read in place, not joined
        // into one list for every conversion).
        func rate(from: String, to: String) -> ExchangeRate? {
            profile.organization.exchangeRates.first { $0.from == from && $0.to == to }
                ?? pack.exchangeRates.first { $0.from == from && $0.to == to }
        }
        if let direct = rate(from: factCurrency, to: limitCurrency) {
            interval.low = interval.low * direct.rate
            interval.estimate = interval.estimate.map { $0 * direct.rate }
            interval.high = interval.high.map { $0 * direct.rate }
            notes.append(
                String(
                    note: "converted from \(factCurrency) at 1 \(factCurrency) = \(direct.rate) "
                        + "\(limitCurrency)\(direct.date.map { String(note: " (\($0))") } ?? "")"))
            return Measured(
                interval: interval, limit: test.limit, displayValue: interval.estimate,
                displayRange: range(interval), mark: fact.mark)
        }
        if let inverse = rate(from: limitCurrency, to: factCurrency) {
            // Compare exactly in the fact's currency: value > limit × rate.
            notes.append(
                "converted from \(factCurrency) at 1 \(limitCurrency) = \(inverse.rate) "
                    + "\(factCurrency)\(inverse.date.map { " (\($0))" } ?? ""); the value shown in \(limitCurrency) "
                    + "is rounded, the comparison is exact"
            )
            let shown = interval.estimate.flatMap { $0.divided(by: inverse.rate, significantDigits: 12) }
            let low = interval.low.divided(by: inverse.rate, significantDigits: 12)
            let high = interval.high.flatMap { $0.divided(by: inverse.rate, significantDigits: 12) }
            return Measured(
                interval: interval, limit: test.limit * inverse.rate, displayValue: shown,
                displayRange: low.flatMap { l in high.map { l...max(l, $0) } }.flatMap {
                    $0.lowerBound == $0.upperBound ? nil : $0
                },
                mark: fact.mark)
        }
        notes.append(
            "no exchange rate from \(factCurrency) to \(limitCurrency) is declared: add one under "
                + "organization.exchange_rates"
        )
        return nil
    }

    func range(_ interval: Interval) -> ClosedRange<ExactDecimal>? {
        guard let high = interval.high, interval.low != high else { return nil }
        return interval.low...high
    }

    /// The notes that explain a fact's value: how it was derived, and its range when uncertain.
    /// `name`, `model`, `cluster` and `market` say which of the profile's facts it is, so that
    /// the notes are written once per profile (``SharedNotes``) when an evaluator has them.
    func describe(
        _ fact: Fact, as name: String, model: Int? = nil, cluster: Int? = nil, market: String? = nil,
        into notes: inout [String]
    ) {
        guard fact.value.derivation != nil || fact.value.low != fact.value.high else { return }
        guard let sharedNotes else {
            Self.describe(fact, as: name, into: &notes)
            return
        }
        notes.append(
            sharing: sharedNotes.notes(for: .init(name: name, model: model, cluster: cluster, market: market)) {
                var written: [String] = []
                Self.describe(fact, as: name, into: &written)
                return written
            })
    }

    private static func describe(_ fact: Fact, as name: String, into notes: inout [String]) {
        if let derivation = fact.value.derivation { notes.append(String(note: "\(name): \(derivation.description)")) }
        if fact.value.low != fact.value.high {
            notes.append(
                String(
                    note: "\(name) is uncertain: \(fact.value.low) to "
                        + "\(fact.value.high)\(fact.value.confidence.map { " (\($0))" } ?? "")"))
        }
    }
}

/// The notes that read the same in every pack evaluated against one profile, written once for
/// it: a fact's working and range (writing out large exact numbers costs more than the comparisons
/// they explain), the notes of dates that every duty due on a day repeats, and the models' subject
/// keys. Made by ``RuleBook/evaluate(_:asOf:)`` for one profile and used on its thread only.
final class SharedNotes {
    /// Which fact of the profile: its name as a note gives it and the model, cluster or market
    /// it belongs to.
    struct Key: Hashable {
        var name: String
        var model: Int?
        var cluster: Int?
        var market: String?
    }

    /// What a note of dates says, by everything its text is made of.
    enum Dated: Hashable {
        /// `not due until DATE`, or `due today, DATE`.
        case due(CalendarDate, today: Bool)
        /// `placed on the market before DATE: complies by DATE`.
        case transition(placedBefore: CalendarDate, complyBy: CalendarDate)
        /// `released on DATE, before …` (or `due before …`) `… on START: due from START`, where
        /// the duty starts (`ownStart`) or the pack took effect.
        case dueFromStart(released: CalendarDate?, ownStart: Bool, start: CalendarDate)

        /// Hashed as one word that holds every part (a date takes 23 bits), rather than part by
        /// part: a profile's duties look these notes up some twenty times each.
        func hash(into hasher: inout Hasher) {
            func bits(_ date: CalendarDate) -> UInt64 {
                UInt64(date.year) << 9 | UInt64(date.month) << 5 | UInt64(date.day)
            }
            switch self {
            case .due(let date, let today):
                hasher.combine(bits(date) << 1 | (today ? 1 : 0))
            case .transition(let placedBefore, let complyBy):
                hasher.combine(1 << 62 | bits(placedBefore) << 23 | bits(complyBy))
            case .dueFromStart(let released, let ownStart, let start):
                let releasedBits = released.map { bits($0) << 2 | 2 } ?? 0
                hasher.combine(2 << 62 | releasedBits << 24 | (ownStart ? 1 : 0) << 23 | bits(start))
            }
        }
    }

    private var written: [Key: [String]] = [:]
    /// Room for the dated notes of a usual profile from the start: grown from empty, the table was
    /// rehashed into a larger one two or three times for each profile.
    private var dated = [Dated: String](minimumCapacity: 12)
    private var subjectKeys: (keys: [String], canonical: [Int])?
    private var notInForceNote: (date: CalendarDate, note: String)?

    /// The notes for `key`, written by `write` the first time they are asked for.
    func notes(for key: Key, write: () -> [String]) -> [String] {
        if let notes = written[key] { return notes }
        let notes = write()
        written[key] = notes
        return notes
    }

    /// The note `key` stands for, written by `write` the first time it is asked for.
    func note(_ key: Dated, write: () -> String) -> String {
        if let note = dated[key] { return note }
        let note = write()
        dated[key] = note
        return note
    }

    /// `the pack is not in force on DATE`, written by `write` the first time it is asked for on
    /// `date`: the same for every pack not in force on the verdict's date.
    func notInForce(on date: CalendarDate, write: () -> String) -> String {
        if let notInForceNote, notInForceNote.date == date { return notInForceNote.note }
        let note = write()
        notInForceNote = (date, note)
        return note
    }

    /// The models' subject keys and their last occurrences (``Evaluator/modelKeys(of:)``), made
    /// by `make` the first time they are asked for: the same in every pack.
    func modelKeys(_ make: () -> (keys: [String], canonical: [Int])) -> (keys: [String], canonical: [Int]) {
        if let subjectKeys { return subjectKeys }
        let made = make()
        subjectKeys = made
        return made
    }
}

extension Evaluator {
    /// The note `key` stands for: written once per profile when the evaluator shares notes, else
    /// by `write` each time.
    func note(_ key: SharedNotes.Dated, write: () -> String) -> String {
        sharedNotes?.note(key, write: write) ?? write()
    }
}
