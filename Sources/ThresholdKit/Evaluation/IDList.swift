/// Threshold ids gathered one at a time, each once, in the order first given: an obligation's
/// `because` and `decidedBy`.
///
/// Most such lists are empty, name one threshold, or name every threshold the obligation reads
/// in the order it reads them. Those lists are the plan's own arrays, shared rather than built
/// again: gathering them allocates nothing. Any other list is built as an array would be.
struct IDList {
    /// The list most often gathered: the obligation's distinct threshold ids, in order.
    private let expected: [String]
    /// The reads whose ids are gathered, by position.
    private let reads: [PackPlan.ThresholdRead]
    /// While nothing is `built`: the ids gathered are the first `matched` of `expected`, or, when
    /// `single`, the id of the read at `first` alone.
    private var matched = 0
    /// The read whose id is the first gathered, as a position in `reads`.
    private var first: Int?
    /// Whether the one id gathered does not start `expected`.
    private var single = false
    /// The list, once it is neither of the shared ones.
    private var built: [String]?

    /// An empty list of ids of `reads`, expected to come out as `expected` (each id in it once).
    init(of reads: [PackPlan.ThresholdRead], expecting expected: [String]) {
        self.reads = reads
        self.expected = expected
    }

    /// Adds the id of `reads[index]`, unless the list has it already.
    mutating func append(_ index: Int) {
        if built != nil {
            if !built!.contains(reads[index].id) { built!.append(reads[index].id) }
            return
        }
        guard let first else {
            self.first = index
            if expected.first == reads[index].id { matched = 1 } else { single = true }
            return
        }
        if single {
            if reads[first].id == reads[index].id { return }
            var ids = [reads[first].id]
            ids.reserveCapacity(max(2, expected.count))
            ids.append(reads[index].id)
            built = ids
            return
        }
        if expected[..<matched].contains(reads[index].id) { return }
        if matched < expected.count && expected[matched] == reads[index].id {
            matched += 1
            return
        }
        var ids: [String] = []
        ids.reserveCapacity(max(matched + 1, expected.count))
        ids += expected[..<matched]
        ids.append(reads[index].id)
        built = ids
    }

    /// The ids gathered, in order.
    var ids: [String] {
        if let built { return built }
        guard let first else { return [] }
        if single || matched == 1 { return reads[first].alone }
        return matched == expected.count ? expected : Array(expected[..<matched])
    }
}
