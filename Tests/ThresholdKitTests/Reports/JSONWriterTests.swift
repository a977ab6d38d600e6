import Foundation
import Testing
import ThresholdTestSupport

@testable import ThresholdKit

/// The byte-level JSON writer behind every JSON report: strings escaped exactly as RFC 8259 and the
/// verdict format ask (control characters, quote, backslash, DEL, U+2028 and U+2029), whichever
/// path — eight bytes at a time or byte by byte — a character falls on.
@Suite("JSON writer")
struct JSONWriterTests {
    /// The escaping the verdict format specifies, written scalar by scalar with no shortcuts: the
    /// reference the fast writer must match byte for byte.
    static func reference(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\u{2028}" || scalar == "\u{2029}" {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func written(_ value: String) -> String {
        var bytes: [UInt8] = []
        JSONWriter.appendString(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Characters that need an escape, and some that look close to needing one.
    static let specials: [String] =
        (0..<0x20).map { String(UnicodeScalar(UInt8($0))) } + [
            "\"", "\\", "\u{7F}", "\u{2028}", "\u{2029}",
            "\u{2027}", "\u{202A}", "€", "…", "\u{80}", "é", "日", "😀", "/", " ", "~",
        ]

    @Test("a writer lent storage keeps it while the JSON fits, and moves what it wrote when it does not")
    func lentStorage() {
        for room in [1, 7, 64, 300] {
            let storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: room)
            defer { storage.deallocate() }
            var lent = JSONWriter(writingInto: storage)
            var own = JSONWriter()
            for writer in [0, 1] {
                func write(_ w: inout JSONWriter) {
                    w.object { w in
                        w.member("id", "a \"quoted\" id")
                        w.member("count", 42)
                        w.member("notes", strings: (0..<5).map { "note \($0)" })
                    }
                }
                if writer == 0 { write(&lent) } else { write(&own) }
            }
            #expect(lent.takeBytes() == own.takeBytes(), "room \(room)")
            #expect(lent.isInLentStorage == (own.count <= room), "room \(room)")
            if lent.isInLentStorage {
                #expect(Array(UnsafeBufferPointer(rebasing: storage[..<lent.count])) == own.takeBytes())
            }
        }
    }

    @Test("a verdict's line longer than the room made for it is the same bytes as its JSON")
    func longVerdictLine() throws {
        let models = (0..<80).map {
            "{name: model-\($0), training_compute: \($0 + 1)e24 FLOP, released: 2026-01-0\($0 % 9 + 1)}"
        }
        let profile = try LabProfile(
            yaml: "organization: {name: Many Models, ai_revenue: 2B USD}\nmodels: [\(models.joined(separator: ", "))]",
            path: "many.yaml")
        let book = try RuleBook.builtIn(tests: false)
        let verdict = book.evaluate(profile, asOf: CalendarDate("2026-12-04")!)
        let text = RuleBookJSONText(book: book)
        let line = verdict.jsonLineBytes(lineFeed: true, text: text)
        #expect(line.count > 64 * 1024)
        #expect(line == Array((verdict.jsonLine() + "\n").utf8))
        // A short line is written in place, and is the same bytes too.
        let short = try LabProfile(yaml: "organization: {name: Small}", path: "small.yaml")
        let small = book.evaluate(short, asOf: CalendarDate("2026-12-04")!)
        #expect(small.jsonLineBytes(text: text) == Array(small.jsonLine().utf8))
    }

    @Test("every special character at every offset of a long string, on both sides of each 8-byte word")
    func everyCharacterAtEveryOffset() throws {
        for special in Self.specials {
            for offset in 0..<20 {
                let value = String(repeating: "a", count: offset) + special + String(repeating: "b", count: 19 - offset)
                let json = Self.written(value)
                #expect(json == Self.reference(value), "\(value.debugDescription) at \(offset)")
                // And a JSON parser reads back exactly the string.
                let decoded = try JSONSerialization.jsonObject(with: Data(("[" + json + "]").utf8)) as? [String]
                #expect(decoded == [value])
            }
        }
    }

    @Test("random strings of special and plain characters match the reference escaping")
    func randomStrings() {
        var random = SplitMix64(seed: 0x9E37_79B9_7F4A_7C15)
        func next() -> UInt64 { random.next() }
        let alphabet = Self.specials + ["a", "Z", "0", "-", ".", ":", "{", "}"]
        for _ in 0..<2_000 {
            let length = Int(next() % 40)
            let value = (0..<length).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] }.joined()
            #expect(Self.written(value) == Self.reference(value), "\(value.debugDescription)")
        }
    }

    /// Whether a byte stops the word-at-a-time copy: one that needs an escape, or 0xE2, which may
    /// begin U+2028 or U+2029.
    static func stopsCopy(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F || byte == 0xE2
    }

    @Test("the word test flags exactly the words holding a byte that stops the copy, in every lane")
    func wordTestIsExact() {
        let plain = UInt64(0x61) &* 0x0101_0101_0101_0101  // "aaaaaaaa"
        for byte in 0...255 {
            for lane in 0..<8 {
                let word = (plain & ~(UInt64(0xFF) << (8 * lane))) | (UInt64(byte) << (8 * lane))
                #expect(JSONWriter.mayNeedEscape(word) == Self.stopsCopy(UInt8(byte)), "byte \(byte) in lane \(lane)")
            }
        }
        // Words of several kinds of byte at once, next to each other: a borrow from one lane
        // into the next must neither hide a byte that stops the copy nor flag a word without one.
        let bytes: [UInt8] = [
            0x00, 0x01, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7E, 0x7F, 0x80, 0xA0, 0xE1, 0xE2, 0xE3, 0xFF,
            0x61,
        ]
        var random = SplitMix64(seed: 12345)
        for _ in 0..<100_000 {
            var word: UInt64 = 0
            var stops = false
            for lane in 0..<8 {
                let byte = bytes[Int(random.next() % UInt64(bytes.count))]
                stops = stops || Self.stopsCopy(byte)
                word |= UInt64(byte) << (8 * lane)
            }
            #expect(JSONWriter.mayNeedEscape(word) == stops, "word \(String(word, radix: 16))")
        }
    }

    @Test("a string shorter than a word is tested in one word padded with spaces")
    func paddedWord() {
        let bytes: [UInt8] = Array("a\"bc\u{7F}é".utf8)
        bytes.withUnsafeBytes { raw in
            for count in 0..<min(8, bytes.count + 1) {
                let word = JSONWriter.paddedWord(raw.baseAddress!, count: count)
                for lane in 0..<8 {
                    let expected = lane < count ? bytes[lane] : 0x20
                    #expect(UInt8(truncatingIfNeeded: word >> (8 * UInt64(lane))) == expected)
                }
            }
        }
    }

    @Test("long strings with an escape at every offset match the reference escaping")
    func longStrings() {
        // Runs of one to several words, with one special character (or non-ASCII text, which the
        // word step copies) at each position, so that it falls in a whole word, in the last
        // word read from the end, or in a string shorter than a word.
        let fillers = ["a", "é", "×"]
        for special in Self.specials + ["\u{2028}", "\u{2029}", "≈", "→"] {
            for filler in fillers {
                for length in [0, 1, 6, 7, 8, 9, 15, 16, 17, 31, 33] {
                    for position in 0...length {
                        let value =
                            String(repeating: filler, count: position) + special
                            + String(repeating: filler, count: length - position)
                        #expect(Self.written(value) == Self.reference(value), "\(value.debugDescription)")
                    }
                }
            }
        }
    }

    @Test("integers, including the extremes, and nesting")
    func integersAndNesting() {
        var w = JSONWriter()
        w.object { w in
            w.member("zero", 0)
            w.member("min", Int.min)
            w.member("max", Int.max)
            w.member("none", nil as Int?)
            w.member("list") { w in
                w.int(-7); w.string(nil); w.bool(true)
            }
            w.member("date", date: CalendarDate(year: 7, month: 3, day: 9))
            w.member("decimal", decimal: ExactDecimal("1e25"))
        }
        let expected =
            #"{"zero":0,"min":-9223372036854775808,"max":9223372036854775807,"none":null,"list":[-7,null,true],"#
            + #""date":"0007-03-09","decimal":"1e25"}"#
        #expect(w.output == expected)
    }

    @Test("pretty output indents by two spaces and leaves empty containers on one line")
    func pretty() {
        var w = JSONWriter(pretty: true)
        w.object { w in
            w.member("a", "x")
            w.member("empty") { _ in }
            w.key(dynamic: "dyn\"amic")
            w.object { w in w.member("b", true) }
        }
        #expect(w.output == "{\n  \"a\": \"x\",\n  \"empty\": [],\n  \"dyn\\\"amic\": {\n    \"b\": true\n  }\n}")
    }

    /// Each member laid out beforehand, beside the same name and value written by ``JSONWriter/key(_:)``
    /// and ``JSONWriter/string(_:)``.
    static let literalMembers: [(literal: StaticString, name: StaticString, value: String)] =
        Truth.allCases.map { (VerdictMember.result($0), "result", $0.name) }
        + Comparison.allCases.map { (VerdictMember.comparison($0), "comparison", $0.rawValue) }
        + Applicability.allCases.map { (VerdictMember.applies($0), "applies", $0.rawValue) }
        + ObligationStatus.allCases.map { (VerdictMember.status($0), "status", $0.rawValue) }
        + Deployment.allCases.map { (VerdictMember.deployment($0), "deployment", $0.rawValue) }

    @Test(
        "a member laid out beforehand reads as its name and value written one by one, compact and indented",
        arguments: [false, true])
    func literalMembers(pretty: Bool) {
        #expect(Self.literalMembers.count == 3 + 4 + 3 + 7 + 4)
        for (literal, name, value) in Self.literalMembers {
            // Between other members, so that the commas (and, indented, the line breaks) are checked.
            var fast = JSONWriter(pretty: pretty), slow = JSONWriter(pretty: pretty)
            fast.object { w in
                w.member("before", 1)
                w.member(literal: literal)
                w.member("after", true)
            }
            slow.object { w in
                w.member("before", 1)
                w.member(name, value)
                w.member("after", true)
            }
            #expect(fast.output == slow.output, "\(literal)")
            // First in its object, with no comma before it.
            var first = JSONWriter(pretty: pretty), firstSlow = JSONWriter(pretty: pretty)
            first.object { w in w.member(literal: literal) }
            firstSlow.object { w in w.member(name, value) }
            #expect(first.output == firstSlow.output, "\(literal)")
        }
        // The empty members, beside an empty list and a missing date.
        for (literal, slow) in [
            (VerdictMember.noReasons, { (w: inout JSONWriter) in w.member("because", strings: []) }),
            (VerdictMember.noDueDate, { (w: inout JSONWriter) in w.member("due", date: nil) }),
        ] {
            var fast = JSONWriter(pretty: pretty), reference = JSONWriter(pretty: pretty)
            fast.object { w in
                w.member("before", 1)
                w.member(literal: literal)
            }
            reference.object { w in
                w.member("before", 1)
                slow(&w)
            }
            #expect(fast.output == reference.output, "\(literal)")
        }
    }

    @Test("the writer's buffer keeps every run of bytes whole, of every length up to past two words")
    func bufferRuns() {
        // Runs of each length from 0 to 70 (the short copies overlap their loads; past 32 the
        // copy is a plain one), after a comma or not, into a buffer that must grow on the way.
        let pattern = (0..<256).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        var buffer = ByteBuffer(capacity: 64)
        var expected: [UInt8] = []
        for length in 0...70 {
            let run = Array(pattern[length..<(length * 2)])
            let comma = length % 3 == 0
            run.withUnsafeBytes { buffer.append(comma: comma, bytes: $0) }
            if comma { expected.append(UInt8(ascii: ",")) }
            expected += run
            run.withUnsafeBytes { buffer.append(bytes: $0) }
            expected += run
        }
        #expect(Array(buffer.bytes) == expected)
    }

    @Test("jsonLineBytes(lineFeed:) is exactly jsonLine() and a line feed, U+2028 escaped")
    func jsonLineBytes() throws {
        let verdict = try ReporterFixtures.verdict(ReporterFixtures.helios, path: "labs/hé\u{2028}lios.yaml")
        #expect(String(decoding: verdict.jsonLineBytes(lineFeed: true), as: UTF8.self) == verdict.jsonLine() + "\n")
        #expect(verdict.jsonLine().contains(#"labs/hé\u2028lios.yaml"#))
        let object = try JSONSerialization.jsonObject(with: Data(verdict.jsonLine().utf8)) as? [String: Any]
        #expect(object?["profile"] as? String == "labs/hé\u{2028}lios.yaml")
    }
}
