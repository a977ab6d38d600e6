// The conditions beside a threshold's comparison (a status, a modality, a flag, a release date, a
// second quantity, alternatives), each with the truth it gives and why it fails.

extension Evaluator {
    func evaluate(_ condition: Condition, model: Int?, cluster: Int?, market: String? = nil) -> (Truth, String?) {
        switch condition {
        // A condition that fails says why, so that a threshold whose quantity is over the line but
        // which is not met never reads as an unexplained "not met".
        case .equals(let key, let values):
            let actual: String? =
                key == .primaryData
                ? model.flatMap({ profile.models[$0].primaryData })
                : model.flatMap({ profile.models[$0].status?.rawValue })
            guard let actual else { return (.indeterminate, FixedNotes.notGiven(key)[0]) }
            if values.contains(actual) { return (.met, nil) }
            return (.notMet, String(note: "\(key.rawValue) is \(actual), not \(Self.alternatives(values))"))
        case .includesAny(let key, let values):
            guard let modalities = model.flatMap({ profile.models[$0].modalities }) else {
                return (.indeterminate, FixedNotes.notGiven(key)[0])
            }
            if modalities.contains(where: values.contains) { return (.met, nil) }
            let listed = modalities.isEmpty ? "none" : modalities.joined(separator: ", ")
            return (
                .notMet, String(note: "\(key.rawValue) (\(listed)) include none of \(values.joined(separator: ", "))")
            )
        case .isTrue(let key, let wanted):
            let actual: Bool?
            switch key {
            case .coLocated: actual = cluster.flatMap({ profile.clusters[$0].coLocated })
            case .stateOfTheArt: actual = model.flatMap({ profile.models[$0].stateOfTheArt })
            case .broadRightsRisk: actual = model.flatMap({ profile.models[$0].broadRightsRisk })
            case .baseModelSystemicRisk: actual = model.flatMap({ profile.models[$0].baseModel?.systemicRisk })
            case .localAddress:
                actual = market.flatMap { code in profile.organization.markets.first { $0.market == code }?.localAddress
                }
            default: actual = nil
            }
            // Without a market, the note is one of three fixed ones, made once per process.
            guard let actual else {
                guard let market else { return (.indeterminate, FixedNotes.notGiven(key)[0]) }
                return (.indeterminate, String(note: "\(key.rawValue) in \(market) is not given"))
            }
            if actual == wanted { return (.met, nil) }
            guard let market else { return (.notMet, FixedNotes.flag(key, is: actual)) }
            return (.notMet, String(note: "\(key.rawValue) in \(market) is \(actual)"))
        case .date(let key, let comparison, let limit):
            guard let model else { return (.indeterminate, FixedNotes.notGiven(key)[0]) }
            if let released = profile.models[model].released {
                return comparison.holds(released, limit)
                    ? (.met, nil) : (.notMet, String(note: "released \(released), not \(comparison.words) \(limit)"))
            }
            // Not yet deployed: a deployment to come falls on or after the as-of date.
            if [.inTraining, .internal].contains(profile.models[model].status) {
                switch comparison {
                case .onOrAfter where asOf >= limit, .after where asOf > limit:
                    return (.met, nil)
                case .before where asOf >= limit, .onOrBefore where asOf > limit:
                    return (.notMet, String(note: "not yet released, so not released \(comparison.words) \(limit)"))
                default:
                    return (
                        .indeterminate,
                        String(
                            note: "not yet released: whether it will be released \(comparison.words) \(limit) "
                                + "cannot be told")
                    )
                }
            }
            return (.indeterminate, "released is not given")
        case .quantity(let test):
            var notes: [String] = []
            guard let measured = measure(test, model: model, cluster: cluster, notes: &notes) else {
                return (.indeterminate, notes.first ?? FixedNotes.notGiven(test.fact)[0])
            }
            let truth = measured.truth(test.comparison)
            guard truth == .notMet else { return (truth, nil) }
            let value = measured.displayValue.map { String(note: "\($0) \(test.unit)") } ?? "the value"
            if test.relative != nil {
                return (
                    .notMet,
                    String(
                        note: "\(test.fact.rawValue) is \(value), not \(test.comparison.symbol) \(test.written) "
                            + "(\(notes.last ?? ""))")
                )
            }
            return (
                .notMet,
                String(
                    note: "\(test.fact.rawValue) is \(value), not \(test.comparison.symbol) \(test.limit) \(test.unit)")
            )
        case .any(let groups):
            // Kleene *or* over the groups, each an *and*, without a list of their results: met at
            // the first group that is met; else undecided with the note of the first undecided
            // group; else not met, with the notes of all the groups.
            var truth = Truth.notMet
            var undecidedNote: String?
            var unmetNotes = ""
            for group in groups {
                var groupTruth = Truth.met
                var note: String?
                for condition in group {
                    let (conditionTruth, conditionNote) = evaluate(
                        condition, model: model, cluster: cluster, market: market)
                    groupTruth = groupTruth.and(conditionTruth)
                    if note == nil, conditionTruth != .met { note = conditionNote }
                }
                switch groupTruth {
                case .met:
                    return (.met, nil)
                case .indeterminate:
                    if truth == .notMet { (truth, undecidedNote) = (.indeterminate, note) }
                case .notMet:
                    if truth == .notMet, let note { unmetNotes += unmetNotes.isEmpty ? note : "; " + note }
                }
            }
            return truth == .notMet ? (.notMet, "none of: " + unmetNotes) : (.indeterminate, undecidedNote)
        }
    }

    /// `a`, `a or b`, `a, b or c`.
    static func alternatives(_ values: [String]) -> String {
        values.count < 2
            ? values.joined() : values.dropLast().joined(separator: ", ") + " or " + values[values.count - 1]
    }
}
