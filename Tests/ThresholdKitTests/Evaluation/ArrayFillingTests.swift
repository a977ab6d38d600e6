import Testing

@testable import ThresholdKit

/// `Array(filledWith:count:)`, which the evaluator and `BigUInt` use in place of
/// `Array(repeating:count:)` to allocate through specialized code.
@Suite("Arrays filled with one value")
struct ArrayFillingTests {
    @Test("makes what Array(repeating:count:) makes", arguments: [0, 1, 2, 7, 64, 1000])
    func sameAsRepeating(_ count: Int) {
        let truths: [Evaluator.SubjectTruths?] = Array(filledWith: nil, count: count)
        #expect(truths.count == count)
        #expect(truths.allSatisfy { $0 == nil })
        let limbs = [UInt64](filledWith: 0xDEAD_BEEF, count: count)
        #expect(limbs == [UInt64](repeating: 0xDEAD_BEEF, count: count))
        let notes = [String](filledWith: "a note long enough not to be a small string", count: count)
        #expect(notes == [String](repeating: "a note long enough not to be a small string", count: count))
        #expect(notes.capacity >= count)
    }

    @Test("a filled array is the caller's own: changing it leaves another filled alike as it was")
    func independentStorage() {
        var first = [UInt64](filledWith: 1, count: 4)
        let second = [UInt64](filledWith: 1, count: 4)
        first[2] = 9
        #expect(first == [1, 1, 9, 1])
        #expect(second == [1, 1, 1, 1])
    }
}
