/// A pack's obligation formulas with every id resolved to a position, built once per rule book so
/// that evaluating a profile looks nothing up by name.
///
/// The positions keep the meaning a look-up by id had: a threshold's truths are those of the last
/// threshold with the id (as a dictionary keyed by id would keep), its subject that of the first;
/// an obligation reference names the first obligation with the id. (A loaded pack has unique ids;
/// a pack built in Swift may not.)
struct PackPlan: Sendable {
    /// A part of a formula whose ids are positions. Plain values only: a formula is read for every
    /// subject of every obligation of every profile, and reading a part of one copies nothing and
    /// retains nothing (an `indirect` enum would retain the box of each part it reads).
    enum Node: Sendable {
        /// A threshold: its read, by position in ``thresholdReads``.
        case threshold(Int)
        /// Another obligation's applicability, by its position; nil for an unknown id.
        case obligation(Int?)
        /// Whether any (or all) of the parts hold: the nodes at `childNodes[range]`.
        case any(Range<Int>)
        case all(Range<Int>)
        /// The negation of the node at this position.
        case not(Int)
        /// Whether a record on file found the outcome (see `Evaluator.foundOutcome`).
        case anyAssessmentOutcome(LabProfile.AssessmentRecord.Outcome)
        /// Always holds: a duty with no `when`.
        case always
    }

    /// A threshold as a formula reads it.
    struct ThresholdRead: Sendable {
        /// The threshold's id, as a report names it.
        var id: String
        /// The id as a list of one, made once for each id of the plan: the `because` or
        /// `decidedBy` of the many results that name this threshold alone share it (see
        /// ``IDList``).
        var alone: [String]
        /// Where its truths are kept: the position of the last threshold with the id; nil for an
        /// unknown id.
        var slot: Int?
        /// What it is about: that of the first threshold with the id.
        var subject: Subject?
    }

    /// Every part of every formula.
    let nodes: [Node]
    /// The parts of `any` and `all` nodes, as positions in ``nodes``.
    let childNodes: [Int]
    /// The threshold reads of `threshold` nodes.
    let thresholdReads: [ThresholdRead]
    /// Each obligation's formula: the position of its root in ``nodes``.
    let formulas: [Int]
    /// Each obligation's threshold reads, in the order its `when` names them.
    let reads: [[ThresholdRead]]
    /// Each obligation's threshold ids, each once, in the order its `when` first names them: the
    /// list an ``IDList`` expects.
    let readIDs: [[String]]
    /// Each threshold's id and what it cites, by position: shared by all of its results.
    let thresholdTexts: [Shared<ThresholdText>]
    /// Each obligation's own text, by position, with its source's grade found once: shared by all
    /// of its results.
    let dutyTexts: [Shared<DutyText>]

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
        // One list of one for each id, shared by every read of it: a report finds a result's list
        // among its obligation's by identity (see `RuleBookJSONText`).
        var alone: [String: [String]] = [:]
        func read(_ id: String) -> ThresholdRead {
            let list = alone[id] ?? [id]
            alone[id] = list
            return ThresholdRead(id: id, alone: list, slot: last[id], subject: firstSubject[id])
        }
        var nodes: [Node] = []
        var childNodes: [Int] = []
        var thresholdReads: [ThresholdRead] = []
        // Appends the formula's nodes, its parts before it; returns the position of its own.
        func compile(_ when: When) -> Int {
            let node: Node
            switch when {
            case .threshold(let id):
                thresholdReads.append(read(id))
                node = .threshold(thresholdReads.count - 1)
            case .obligation(let id): node = .obligation(firstObligation[id])
            case .any(let items), .all(let items):
                let parts = items.map(compile)
                let range = childNodes.count..<(childNodes.count + parts.count)
                childNodes += parts
                if case .any = when { node = .any(range) } else { node = .all(range) }
            case .not(let inner): node = .not(compile(inner))
            case .anyAssessmentOutcome(let outcome): node = .anyAssessmentOutcome(outcome)
            case .always: node = .always
            }
            nodes.append(node)
            return nodes.count - 1
        }
        formulas = pack.obligations.map { compile($0.when) }
        self.nodes = nodes
        self.childNodes = childNodes
        self.thresholdReads = thresholdReads
        reads = pack.obligations.map { $0.when.thresholdIDs.map(read) }
        readIDs = reads.map { reads in
            var ids: [String] = []
            for read in reads where !ids.contains(read.id) { ids.append(read.id) }
            return ids
        }
        thresholdTexts = pack.thresholds.map { Shared(ThresholdText($0, in: pack)) }
        dutyTexts = pack.obligations.map { Shared(DutyText($0, in: pack)) }
    }
}
