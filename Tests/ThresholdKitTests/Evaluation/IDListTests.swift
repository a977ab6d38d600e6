import Testing
import ThresholdTestSupport

@testable import ThresholdKit

/// `IDList`, which gathers an obligation's `because` and `decidedBy`: the same ids in the same
/// order as appending each new id to an array, with the usual lists shared from the plan.
@Suite("Gathered threshold ids")
struct IDListTests {
    /// Reads of `ids` as a plan holds them, each with its list of one.
    static func reads(_ ids: [String]) -> [PackPlan.ThresholdRead] {
        ids.map { PackPlan.ThresholdRead(id: $0, alone: [$0], slot: nil, subject: nil) }
    }

    /// What an array gives: each id once, in the order first appended.
    static func plain(_ reads: [PackPlan.ThresholdRead], _ order: [Int]) -> [String] {
        var ids: [String] = []
        for index in order where !ids.contains(reads[index].id) { ids.append(reads[index].id) }
        return ids
    }

    static func gathered(_ reads: [PackPlan.ThresholdRead], expecting: [String], _ order: [Int]) -> [String] {
        var list = IDList(of: reads, expecting: expecting)
        for index in order { list.append(index) }
        return list.ids
    }

    /// Whether two arrays share one buffer.
    static func sameStorage(_ a: [String], _ b: [String]) -> Bool {
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress } }
    }

    // A long id, so that no list of it is a small value.
    static let expected = ["training-compute-over-ten-to-the-25", "revenue", "rnd-spend"]

    @Test("no id gives an empty list")
    func empty() {
        #expect(Self.gathered(Self.reads(Self.expected), expecting: Self.expected, []).isEmpty)
    }

    @Test("every expected id, in order, is the expected list itself")
    func wholeListShared() {
        let reads = Self.reads(Self.expected)
        let ids = Self.gathered(reads, expecting: Self.expected, [0, 1, 0, 2, 1])
        #expect(ids == Self.expected)
        #expect(Self.sameStorage(ids, Self.expected))
    }

    @Test("one id, first or not, is that read's list of one")
    func oneIDShared() {
        let reads = Self.reads(Self.expected)
        for index in reads.indices {
            let ids = Self.gathered(reads, expecting: Self.expected, [index, index])
            #expect(ids == [Self.expected[index]])
            #expect(Self.sameStorage(ids, reads[index].alone))
        }
    }

    @Test("a part of the expected list, or another order, is built as an array would be")
    func otherListsBuilt() {
        let reads = Self.reads(Self.expected + ["unlisted"])
        for order in [[0, 1], [1, 0], [2, 0, 1], [0, 3], [3, 0, 1, 2], [1, 2], [0, 0, 1, 1]] {
            let ids = Self.gathered(reads, expecting: Self.expected, order)
            #expect(ids == Self.plain(reads, order), "order \(order)")
            #expect(!Self.sameStorage(ids, Self.expected) || ids.count == Self.expected.count)
        }
    }

    @Test("any order of reads, duplicate ids among them, gives what an array gives")
    func matchesArray() {
        // Reads 3 and 4 repeat ids 0 and 1, as a formula that reads a threshold twice does.
        let reads = Self.reads(Self.expected + ["other", Self.expected[0], Self.expected[1]])
        var generator = SplitMix64(seed: 0x1D_115)
        for _ in 0..<2_000 {
            let order = (0..<Int(generator.next() % 7)).map { _ in Int(generator.next() % UInt64(reads.count)) }
            for expecting in [Self.expected, [], [Self.expected[1]], ["other", Self.expected[0]]] {
                #expect(
                    Self.gathered(reads, expecting: expecting, order) == Self.plain(reads, order),
                    "order \(order), expecting \(expecting)")
            }
        }
    }
}
