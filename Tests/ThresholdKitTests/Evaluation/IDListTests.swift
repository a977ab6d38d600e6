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

    /// A pack of `count` thresholds on a model's training compute (`t0` over 1e20 FLOP, `t1` over
    /// 2e20, …), and a duty that applies when any of the ids `when` lists is met.
    static func pack(count: Int, when ids: [String]) -> String {
        let thresholds = (0..<count).map {
            "  - {id: t\($0), subject: model, fact: training_compute, greater_than: \($0 + 1)e20 FLOP}"
        }
        return """
            pack: many-lines
            title: Many lines
            status: enacted
            effective: 2020-01-01
            thresholds:
            \(thresholds.joined(separator: "\n"))
            obligations:
              - {id: duty, title: A duty, kind: notification, per: model, when: {any: [\(ids.joined(separator: ", "))]}}
            """
    }

    @Test(
        "a duty's reasons are the thresholds met, each once, in the order its formula reads them, however many",
        arguments: [3, 64, 70])
    func reasonsOfManyReads(count: Int) throws {
        // The model's 3.5e21 FLOP is over the lines of t0 … t33 (t34's is 3.5e21 itself).
        let profile = "organization: {name: Lab}\nmodels: [{name: m, training_compute: 3.5e21 FLOP}]"
        let met = (0..<min(count, 34)).map { "t\($0)" }
        let all = (0..<count).map { "t\($0)" }
        // Each id once, the last first; then each twice (a formula of more reads than a word holds).
        for ids in [Array(all.reversed()), all.reversed() + all] {
            let result = try Support.evaluate(
                Self.pack(count: count, when: ids), profile, on: CalendarDate("2026-07-01")!)
            let duty = try #require(result.obligations.first)
            #expect(duty.because == met.reversed(), "\(ids.count) reads")
            #expect(duty.subjects.first?.because == met.reversed(), "\(ids.count) reads")
        }
        // All read once each and all met: the formula's own list.
        let few = try Support.evaluate(
            Self.pack(count: count, when: Array(all.prefix(2))), profile, on: CalendarDate("2026-07-01")!)
        #expect(few.obligations.first?.because == ["t0", "t1"])
        // One met, not the first read: that id alone.
        let one = try Support.evaluate(
            Self.pack(count: count, when: ["t2", "t1", "t0"]),
            "organization: {name: Lab}\nmodels: [{name: m, training_compute: 1.5e20 FLOP}]",
            on: CalendarDate("2026-07-01")!)
        #expect(one.obligations.first?.because == ["t0"])
        #expect(one.obligations.first?.decidedBy == [])
    }
}
