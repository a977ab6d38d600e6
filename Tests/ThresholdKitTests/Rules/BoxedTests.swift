import Testing

@testable import ThresholdKit

/// `@Boxed`: a quantity test's relative limit and a threshold's modified-model test live behind a
/// reference, but read, compare, hash and change as values.
@Suite("Boxed parts of rules")
struct BoxedTests {
    static func test(fraction: String?) -> QuantityTest {
        QuantityTest(
            fact: .fineTuningCompute, comparison: .greaterThan, limit: ExactDecimal(integer: 7), currency: nil,
            written: "w",
            relative: fraction.map {
                RelativeLimit(
                    numerator: ExactDecimal(integer: 1), denominator: ExactDecimal(integer: 3), fractionWritten: $0,
                    of: .baseModelTrainingCompute, otherwise: nil, otherwiseWritten: nil)
            })
    }

    @Test("a boxed part reads back as written, nil included")
    func readsBack() {
        #expect(Self.test(fraction: "1/3").relative?.fractionWritten == "1/3")
        #expect(Self.test(fraction: nil).relative == nil)
    }

    @Test("two tests built apart are equal and hash alike when their boxed parts are equal")
    func comparesByValue() {
        let a = Self.test(fraction: "1/3"), b = Self.test(fraction: "1/3")
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a != Self.test(fraction: "2/6"))
        #expect(a != Self.test(fraction: nil))
        #expect(Self.test(fraction: nil) == Self.test(fraction: nil))
    }

    @Test("changing a copy's boxed part leaves the original and its box as they were")
    func copiesAreValues() {
        let original = Self.test(fraction: "1/3")
        var copy = original
        #expect(copy == original)
        copy.relative?.fractionWritten = "2/3"
        #expect(copy.relative?.fractionWritten == "2/3")
        #expect(original.relative?.fractionWritten == "1/3")
        copy.relative = nil
        #expect(copy.relative == nil && original.relative != nil)

        var threshold = Threshold(
            id: "t", title: nil, subject: .model, test: original, conditions: [], period: nil, cite: nil,
            citation: nil, note: nil, mark: nil)
        let before = threshold
        threshold.modifiedModel = .init(test: copy, conditions: [], note: "n")
        #expect(threshold.modifiedModel?.note == "n" && before.modifiedModel == nil)
        #expect(threshold != before)
    }

    @Test("a boxed part takes one pointer in the value that holds it")
    func sizes() {
        // The whole point of the box: a threshold is copied for every subject it is evaluated for.
        #expect(MemoryLayout<Boxed<RelativeLimit>>.size == MemoryLayout<Int>.size)
        #expect(MemoryLayout<Boxed<Threshold.ModifiedModelTest>>.size == MemoryLayout<Int>.size)
        #expect(MemoryLayout<QuantityTest>.size < MemoryLayout<RelativeLimit>.size)
    }
}
