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

    @Test(
        "every flag's 'is true' and 'is false' note names the flag as a profile writes it", arguments: FactKey.allCases)
    func flags(_ fact: FactKey) {
        #expect(FixedNotes.flag(fact, is: true) == "\(fact.rawValue) is true")
        #expect(FixedNotes.flag(fact, is: false) == "\(fact.rawValue) is false")
    }

    @Test("a condition on a flag that fails, or that the profile does not give, shares its fixed note")
    func flagConditionsShared() throws {
        let book = try RuleBook.builtIn()
        let profile = try LabProfile(
            yaml: """
                organization: {name: Flag Labs}
                models:
                  - {name: f-1, training_compute: 1e27 FLOP, state_of_the_art: false, broad_rights_risk: true}
                  - {name: f-2, training_compute: 1e27 FLOP, broad_rights_risk: true}
                """, path: "f.yaml")
        let verdict = book.evaluate(profile, asOf: CalendarDate("2026-07-01")!)
        let notes = verdict.packs.flatMap(\.thresholds).flatMap(\.notes)
        func storage(_ text: String) -> UnsafePointer<UInt8>? {
            text.utf8.withContiguousStorageIfAvailable { $0.baseAddress } ?? nil
        }
        let isFalse = notes.filter { $0 == "state_of_the_art is false" }
        let notGiven = notes.filter { $0 == "state_of_the_art is not given" }
        #expect(!isFalse.isEmpty && !notGiven.isEmpty)
        for note in isFalse { #expect(storage(note) == storage(FixedNotes.flag(.stateOfTheArt, is: false))) }
        for note in notGiven { #expect(storage(note) == storage(FixedNotes.notGiven(.stateOfTheArt)[0])) }
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
