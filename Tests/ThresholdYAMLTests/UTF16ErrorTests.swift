import Testing

@testable import ThresholdYAML

/// Invalid UTF-16 is rendered like invalid UTF-8: positioned in the decoded text, with the line
/// (the bad code unit shown as U+FFFD) and a caret under it.
@Suite struct UTF16ErrorTests {
    /// `text` as UTF-16 with a byte order mark, with `bad` spliced in where `text` holds `¤` (U+00A4).
    func utf16(_ text: String, bad: UInt16, bigEndian: Bool = false) -> [UInt8] {
        let units = text.utf16.map { $0 == 0xA4 ? bad : $0 }
        let bom: UInt16 = 0xFEFF
        return ([bom] + units).flatMap { unit in
            bigEndian ? [UInt8(unit >> 8), UInt8(unit & 0xFF)] : [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
    }

    @Test func anUnpairedHighSurrogateShowsItsLine() throws {
        let error = try parseError(utf16("name: Hélios\nmotto: caf¤é!\n", bad: 0xD800), path: "labs/helios.yaml")
        #expect(error.kind == .reader)
        #expect(
            error.description
                == lines(
                    "labs/helios.yaml:2:11: error: invalid UTF-16: an unpaired surrogate",
                    "    motto: caf\u{FFFD}é!",
                    "              ^"))
    }

    @Test func anUnpairedLowSurrogateInBigEndianText() throws {
        // After two wide characters the caret moves two columns for each; a control character
        // later on the line is escaped.
        let error = try parseError(utf16("a: 1\nb: 日本¤\u{1B}[2J\n", bad: 0xDC00, bigEndian: true))
        #expect(
            error.description
                == lines(
                    "test.yaml:2:6: error: invalid UTF-16: an unpaired surrogate",
                    "    b: 日本\u{FFFD}\\u{1B}[2J",
                    "           ^"))
    }

    @Test func aHighSurrogateAtTheEndOfTheInput() throws {
        let error = try parseError(utf16("a: 1\nbb: abcd¤", bad: 0xDBFF))
        #expect(
            error.description
                == lines(
                    "test.yaml:2:9: error: invalid UTF-16: an unpaired surrogate",
                    "    bb: abcd\u{FFFD}",
                    "            ^"))
    }

    @Test func linesAreBrokenWhereLibyamlBreaksThem() throws {
        // A lone CR and a NEL break lines as they do in UTF-8 input.
        let error = try parseError(utf16("a: 1\rb: 2\u{85}c: ¤\n", bad: 0xD800))
        #expect(
            error.description
                == lines(
                    "test.yaml:3:4: error: invalid UTF-16: an unpaired surrogate",
                    "    c: \u{FFFD}",
                    "       ^"))
    }

    @Test func halfACodeUnitAtTheEnd() throws {
        let error = try parseError(
            [0xFF, 0xFE] + Array("a: bc".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } + [0x64])
        #expect(error.kind == .reader)
        #expect(
            error.description
                == lines(
                    "test.yaml:1:6: error: invalid UTF-16: the input ends in half a code unit",
                    "    a: bc\u{FFFD}",
                    "         ^"))
    }
}
