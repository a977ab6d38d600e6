import Testing

@testable import ThresholdKit

/// Notes made once per process (`FixedNotes`): worded as the notes written for each result were,
/// and shared by a result that has no other note.
@Suite("Notes made once")
struct FixedNotesTests {
    /// Whether two arrays share one buffer.
    static func sameStorage(_ a: [String], _ b: [String]) -> Bool {
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress } }
    }

    @Test("every fact's 'is not given' note names the fact as a profile writes it", arguments: FactKey.allCases)
    func notGiven(_ fact: FactKey) {
        #expect(FixedNotes.notGiven(fact) == ["\(fact.rawValue) is not given"])
    }

    @Test("a subject with no notes shares a fixed note's list; one with notes adds the note after them")
    func addNoteSharing() {
        var result = ObligationResult.SubjectResult(
            subject: "organization", applies: .yes, status: .unmet, because: [], due: nil, notes: [])
        result.notes.append(sharing: FixedNotes.nothingOnFile)
        #expect(result.notes == ["nothing on file meets it"])
        #expect(Self.sameStorage(result.notes, FixedNotes.nothingOnFile))

        result.notes = ["not due until 2027-01-13"]
        result.notes.append(sharing: FixedNotes.nothingOnFile)
        #expect(result.notes == ["not due until 2027-01-13", "nothing on file meets it"])
        #expect(FixedNotes.nothingOnFile == ["nothing on file meets it"])
    }

    @Test("a threshold whose fact is missing says so in the note it shares")
    func missingFactShared() throws {
        let book = try RuleBook.builtIn()
        let profile = try LabProfile(yaml: "organization: {name: Quiet Labs}\nmodels: [{name: q-1}]", path: "q.yaml")
        let verdict = book.evaluate(profile, asOf: CalendarDate("2026-07-01")!)
        let results = verdict.packs.flatMap(\.thresholds).filter { $0.notes == ["training_compute is not given"] }
        #expect(!results.isEmpty)
        for result in results {
            #expect(Self.sameStorage(result.notes, FixedNotes.notGiven(.trainingCompute)))
        }
    }
}
