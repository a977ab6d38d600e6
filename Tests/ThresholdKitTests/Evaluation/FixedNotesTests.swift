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

    @Test("packs not in force share their notes: the reason, once per pack, and the date's note, once per verdict")
    func notInForceShared() throws {
        let book = try RuleBook.builtIn()
        let profile = try LabProfile(
            yaml: "organization: {name: Early Labs}\nmodels: [{name: e-1, training_compute: 1e27 FLOP}]", path: "e.yaml"
        )
        func storage(_ text: String) -> UnsafePointer<UInt8>? {
            text.utf8.withContiguousStorageIfAvailable { $0.baseAddress } ?? nil
        }
        let date = CalendarDate("2026-07-01")!
        let verdict = book.evaluate(profile, asOf: date)
        let asleep = verdict.packs.indices.filter { !verdict.packs[$0].inForce }
        #expect(asleep.count >= 2)
        var dateNotes: [String] = []
        for index in asleep {
            let result = verdict.packs[index], compiled = book.compiled[index]
            let reason = try #require(result.inForceReason)
            if let effective = book.packs[index].effective, date < effective {
                #expect(reason == "not in force until \(effective)")
                #expect(storage(reason) == compiled.beforeEffect.flatMap(storage))
            } else if let expires = book.packs[index].expires, date >= expires {
                #expect(reason.hasSuffix("from \(expires)"))
                #expect(storage(reason) == compiled.afterExpiry.flatMap(storage))
            }
            dateNotes += result.obligations.flatMap(\.notes).filter { $0 == "the pack is not in force on 2026-07-01" }
        }
        #expect(dateNotes.count >= 2)
        #expect(Set(dateNotes.map(storage)).count == 1, "one string for the verdict")
        // Another verdict on another date writes its own.
        let later = book.evaluate(profile, asOf: CalendarDate("2026-07-02")!)
        let laterNote = later.packs.filter { !$0.inForce }.flatMap(\.obligations).flatMap(\.notes)
            .first { $0.hasPrefix("the pack is not in force on") }
        #expect(laterNote == "the pack is not in force on 2026-07-02")
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
