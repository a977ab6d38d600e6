/// A pack's obligation formulas with every id resolved to a position, built once per rule book so
/// that evaluating a profile looks nothing up by name.
///
/// The positions keep the meaning a look-up by id had: a threshold's truths are those of the last
/// threshold with the id (as a dictionary keyed by id would keep), its subject that of the first;
/// an obligation reference names the first obligation with the id. (A loaded pack has unique ids;
/// a pack built in Swift may not.)
struct PackPlan: Sendable {
    /// A formula whose ids are positions.
    indirect enum Formula: Sendable {
        /// A threshold: where its truths are kept and what it is about; nil for an unknown id.
        case threshold(ThresholdRead)
        /// Another obligation, by position; nil for an unknown id.
        case obligation(Int?)
        case any([Formula])
        case all([Formula])
        case not(Formula)
        case anyAssessmentOutcome(LabProfile.AssessmentRecord.Outcome)
        case always
    }

    /// A threshold a formula reads.
    struct ThresholdRead: Sendable {
        /// The id, as the formula writes it.
        var id: String
        /// The position of the last threshold with the id, whose truths count; nil when none has it.
        var slot: Int?
        /// The subject of the first threshold with the id.
        var subject: Subject?
    }

    /// Per obligation: its `when`.
    let formulas: [Formula]
    /// Per obligation: the thresholds its formula reads, in the formula's order.
    let reads: [[ThresholdRead]]

    init(_ pack: RulePack) {
        var last: [String: Int] = [:]
        var firstSubject: [String: Subject] = [:]
        for (position, threshold) in pack.thresholds.enumerated() {
            last[threshold.id] = position
            if firstSubject[threshold.id] == nil { firstSubject[threshold.id] = threshold.subject }
        }
        var firstObligation: [String: Int] = [:]
        for (position, obligation) in pack.obligations.enumerated() where firstObligation[obligation.id] == nil {
            firstObligation[obligation.id] = position
        }
        func read(_ id: String) -> ThresholdRead {
            ThresholdRead(id: id, slot: last[id], subject: firstSubject[id])
        }
        func resolve(_ when: When) -> Formula {
            switch when {
            case .threshold(let id): return .threshold(read(id))
            case .obligation(let id): return .obligation(firstObligation[id])
            case .any(let items): return .any(items.map(resolve))
            case .all(let items): return .all(items.map(resolve))
            case .not(let inner): return .not(resolve(inner))
            case .anyAssessmentOutcome(let outcome): return .anyAssessmentOutcome(outcome)
            case .always: return .always
            }
        }
        formulas = pack.obligations.map { resolve($0.when) }
        reads = pack.obligations.map { $0.when.thresholdIDs.map(read) }
    }
}
