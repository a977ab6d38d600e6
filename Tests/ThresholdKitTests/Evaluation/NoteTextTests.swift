import Testing

@testable import ThresholdKit

/// `String(note:)` builds a note's UTF-8 in place; its text must be exactly what Swift's own
/// interpolation gives for the same literal and values.
@Suite("Note text")
struct NoteTextTests {
    @Test("each kind of value is written as its description, as Swift's interpolation writes it")
    func sameAsInterpolation() throws {
        let day = try #require(CalendarDate(year: 2027, month: 1, day: 5))
        let farDay = try #require(CalendarDate(year: 9999, month: 12, day: 31)).adding(days: 400)
        let numbers = try ["1e25", "10000000000000000000000001", "-0.25", "0", "3.7908e25", "0.000001"].map {
            try QuantityParser.parseNumber($0)
        }
        let text = "β-sequence ≈ 1/3 × 한국"
        let period = CalendarPeriod(years: 1, months: 2, days: 3)
        for number in numbers {
            #expect(String(note: "value \(number) FLOP") == "value \(number) FLOP")
        }
        #expect(String(note: "due \(day), past \(farDay)") == "due \(day), past \(farDay)")
        #expect(String(note: "\(text): \(-42), \(0), \(Int.min)") == "\(text): \(-42), \(0), \(Int.min)")
        #expect(
            String(note: "flag \(true), period \(period), \(Comparison.greaterThan)")
                == "flag \(true), period \(period), \(Comparison.greaterThan)")
        #expect(String(note: "plain literal") == "plain literal")
        #expect(String(note: "") == "")
        #expect(String(note: "\(text)") == text)
    }

    @Test("a note longer than its buffer on the stack is written whole", arguments: [15, 16, 191, 192, 193, 500])
    func long(length: Int) throws {
        let day = try #require(CalendarDate("2026-08-02"))
        let filler = String(repeating: "é", count: length / 2) + String(repeating: "x", count: length % 2)
        #expect(String(note: "\(filler)") == filler)
        #expect(String(note: "\(filler) on \(day)") == filler + " on 2026-08-02")
        #expect(String(note: "on \(day): \(filler)") == "on 2026-08-02: " + filler)
        let number = try QuantityParser.parseNumber("123456789012345678901234567890123456789")
        #expect(String(note: "\(filler)\(number)\(filler)") == "\(filler)\(number)\(filler)")
    }

    @Test("an exact number written compactly reads as its compactDescription")
    func compact() throws {
        for text in [
            "0", "1", "-1", "16384", "999999", "1000000", "0.4", "0.01", "0.001", "-0.0001", "2.5e-4", "4.05e11",
            "7.2e6", "3.7908e25", "10000000000000000000000001", "123456789012345678901234567890.5", "1e-30",
        ] {
            let value = try QuantityParser.parseNumber(text)
            #expect(String(note: "(\(compact: value))") == "(\(value.compactDescription))", "\(text)")
        }
    }

    @Test("notes joined with + read as one")
    func joined() throws {
        let day = try #require(CalendarDate("2026-08-02"))
        let first: NoteText = "released on \(day), before "
        #expect(
            String(note: first + "the pack took effect" + " on \(day)")
                == "released on 2026-08-02, before the pack took effect on 2026-08-02")
    }
}
