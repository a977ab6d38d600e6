import Testing

@testable import ThresholdKit

/// The byte search that tells which note names a missing or uncertain part.
@Suite struct NoteSearchTests {
    @Test("finds the words anywhere, in any text, and nothing that is not there")
    func search() {
        #expect("training_compute is not given".utf8.contains(bytes: " is not given"))
        #expect(" is not given".utf8.contains(bytes: " is not given"))
        #expect("x is not given: it counts".utf8.contains(bytes: " is not given"))
        #expect("revenue × 3 is uncertain: 1 to 2".utf8.contains(bytes: " is uncertain"))
        #expect(!"is not given".utf8.contains(bytes: " is not given"))
        #expect(!"x is not give".utf8.contains(bytes: " is not given"))
        #expect(!"x iis not givem is not giveN".utf8.contains(bytes: " is not given"))
        #expect(!"".utf8.contains(bytes: " is uncertain"))
        #expect("".utf8.contains(bytes: ""))
        let long = String(repeating: "é", count: 40) + " is uncertain"
        #expect(long.utf8.contains(bytes: " is uncertain"))
        #expect(Evaluator.namesMissingPart("fine_tuning_compute is not given: it counts toward this threshold"))
        #expect(!Evaluator.namesMissingPart("a proposal, evaluated as if enacted"))
    }
}
