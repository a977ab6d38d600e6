import Testing

@testable import ThresholdYAML

/// Each kind of error, rendered in full: `path:line:column: error: message`, the source line, a
/// caret under the column, and notes.
@Suite struct ErrorRenderingTests {
    @Test func readerErrorForInvalidUTF8() throws {
        let bytes = Array("name: Helios\nmotto: caf".utf8) + [0xFF] + Array("!\n".utf8)
        let error = try parseError(bytes, path: "labs/helios.yaml")
        #expect(error.kind == .reader)
        #expect(
            error.description
                == lines(
                    "labs/helios.yaml:2:11: error: invalid leading UTF-8 octet (byte 0xFF)",
                    "    motto: caf\u{FFFD}!",
                    "              ^"))
    }

    @Test func readerErrorForATruncatedSequenceOnALaterLine() throws {
        // An é (C3 A9) cut after its first byte, on line 3 after two lines of multi-byte text.
        let bytes = Array("a: é\nb: ü\nc: ab".utf8) + [0xC3] + Array("\n".utf8)
        let error = try parseError(bytes)
        #expect(error.kind == .reader)
        #expect(
            error.description
                == lines(
                    "test.yaml:3:6: error: invalid trailing UTF-8 octet (byte 0x0A)",
                    "    c: ab\u{FFFD}",
                    "         ^"))
    }

    @Test func readerErrorForANulByte() throws {
        let error = try parseError(Array("a: 1\nb: x".utf8) + [0] + Array("y\n".utf8))
        #expect(error.kind == .reader)
        #expect(
            error.description
                == lines(
                    "test.yaml:2:5: error: control characters are not allowed (#x0)",
                    "    b: x\\u{0}y",
                    "        ^"))
    }

    @Test func scannerError() throws {
        let error = try parseError("name: Helios\nmotto: a: b\n")
        #expect(error.kind == .scanner)
        #expect(
            error.description
                == lines(
                    "test.yaml:2:9: error: mapping values are not allowed in this context",
                    "    motto: a: b",
                    "            ^"))
    }

    @Test func scannerErrorWithContext() throws {
        let error = try parseError("x:\n  \"abc")
        #expect(error.kind == .scanner)
        #expect(error.context == "while scanning a quoted scalar")
        #expect(error.contextMark == SourceMark(line: 2, column: 3))
        #expect(
            error.description
                == lines(
                    "test.yaml:2:7: error: found unexpected end of stream (while scanning a quoted scalar at line 2, "
                        + "column 3)",
                    "      \"abc",
                    "          ^"))
    }

    @Test func parserError() throws {
        let error = try parseError("name: Helios\n- item\n")
        #expect(error.kind == .parser)
        #expect(
            error.description
                == lines(
                    "test.yaml:2:1: error: did not find expected key (while parsing a block mapping at line 1, "
                        + "column 1)",
                    "    - item",
                    "    ^"))
    }

    @Test func parserErrorAtTheEndOfAFileWithoutANewlineIsOnItsLastLine() throws {
        // libyaml reports 2:1, a line the file does not have; the error points past the last character.
        let error = try parseError("a: [1, 2")
        #expect(error.kind == .parser)
        #expect(
            error.description
                == lines(
                    "test.yaml:1:9: error: did not find expected ',' or ']' (while parsing a flow sequence at line "
                        + "1, column 4)",
                    "    a: [1, 2",
                    "            ^"))
    }

    @Test func composerError() throws {
        let error = try parseError("models:\n  - *helios\n")
        #expect(error.kind == .composer)
        #expect(
            error.description
                == lines(
                    "test.yaml:2:5: error: unknown alias '*helios': no anchor '&helios' comes before it",
                    "      - *helios",
                    "        ^"))
    }

    @Test func limitError() throws {
        let error = try parseError("a: [[[1]]]\n", options: YAMLOptions(limits: YAMLLimits(maxDepth: 3)))
        #expect(error.kind == .limit)
        #expect(
            error.description
                == lines(
                    "test.yaml:1:6: error: nesting is deeper than the limit of 3 levels (raise YAMLLimits.maxDepth)",
                    "    a: [[[1]]]",
                    "         ^"))
    }

    @Test func decodingError() throws {
        let document = try YAMLParser.parseDocument(
            string: "organization:\n  name: Helios\n  employes: 12\n", path: "lab.yaml")
        let organization = try #require(document.root["organization"])
        let error = try #require(throws: YAMLError.self) {
            try MappingReader(organization, path: "organization", keys: ["name", "employees"])
        }
        #expect(error.kind == .decoding)
        #expect(
            error.description
                == lines(
                    "lab.yaml:3:3: error: organization: unknown key 'employes'; did you mean 'employees'?",
                    "      employes: 12",
                    "      ^"))
    }

    @Test func notesArePrintedUnderTheCaret() throws {
        let error = try parseError("a: 1\n---\nb: 2\n")
        #expect(error.kind == .composer)
        #expect(error.notes == ["the first document starts at line 1"])
        #expect(
            error.description
                == lines(
                    "test.yaml:2:1: error: expected a single document in the stream, found a second one",
                    "    ---",
                    "    ^",
                    "note: the first document starts at line 1"))
    }

    @Test func withoutAPathTheInputIsNamedInput() throws {
        let error = try #require(throws: YAMLError.self) { try YAMLParser.parseDocument(string: "a: b: c") }
        #expect(error.headline == "<input>:1:5: error: mapping values are not allowed in this context")
        #expect(error.inFile("x.yaml").headline == "x.yaml:1:5: error: mapping values are not allowed in this context")
    }

    @Test func tabsStayTabsInTheCaretLine() throws {
        let error = try parseError("k:\t{a: 1, a: 2}\n")
        #expect(
            error.description
                == lines(
                    "test.yaml:1:11: error: duplicate key 'a' in a mapping: it was first defined at line 1, column 5",
                    "    k:\t{a: 1, a: 2}",
                    "      \t       ^"))
    }

    @Test func terminalEscapesInTheSourceLineAreShownEscaped() throws {
        let error = try parseError("a: 1\nb: x\u{1B}[2Jy\n")
        #expect(error.kind == .reader)
        #expect(
            error.description
                == lines(
                    "test.yaml:2:5: error: control characters are not allowed (#x1B)",
                    "    b: x\\u{1B}[2Jy",
                    "        ^"))
    }

    @Test func escapesInAMessageAreShownEscaped() throws {
        // A double-quoted "\e" puts an ESC in the key itself.
        let root = try parse("\"\\e[31mevil\": 1\n")
        let error = try #require(throws: YAMLError.self) { try MappingReader(root, path: "", keys: ["name"]) }
        #expect(error.problem == "unknown key '\\u{1B}[31mevil'; expected one of: name")
        #expect(!error.description.contains("\u{1B}"))
    }

    @Test func veryLongLinesAreCutAroundTheColumn() throws {
        let left = String(repeating: "x", count: 50_000), right = String(repeating: "y", count: 50_000)
        let line = "{pad: \(left), modles: 1, more: \(right)}"
        let root = try parse(line + "\n")
        let error = try #require(throws: YAMLError.self) {
            try MappingReader(root, path: "", keys: ["pad", "models", "more"])
        }
        let column = 6 + 50_000 + 3  // "{pad: ", the x's, ", "
        #expect(error.mark == SourceMark(line: 1, column: column))
        let excerpt = try #require(error.excerpt)
        // 50 characters before the column, 50 from it, and an ellipsis at each cut.
        let characters = Array(line)
        #expect(excerpt.text == "…" + String(characters[(column - 51)..<(column + 49)]) + "…")
        #expect(excerpt.caretPrefix == " " + String(repeating: " ", count: 50))
        #expect(excerpt.text.count <= 110)
        #expect(error.description.count < 400)
    }

    @Test func aLongLineCutOnlyAtTheEndWhenTheColumnIsNearTheStart() throws {
        let line = "k: [a: b: c, " + String(repeating: "z", count: 100_000) + "]"
        let error = try parseError(line + "\n")
        #expect(error.mark == SourceMark(line: 1, column: 9))
        let excerpt = try #require(error.excerpt)
        #expect(excerpt.text == String(line.prefix(100)) + "…")
        #expect(excerpt.caretPrefix == "        ")
    }
}
