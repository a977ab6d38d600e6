import Testing

@testable import ThresholdYAML

/// Every node knows its 1-based line and column, as libyaml reports them.
@Suite struct PositionTests {
    @Test func scalarsInABlockMapping() throws {
        let root = try parse("name: Helios\ncompute: 3.2e25\n")
        #expect(outline(root) == "{str 'name'@1:1: str 'Helios'@1:7, str 'compute'@2:1: float 3.2e25@2:10}@1:1")
    }

    @Test func nestedMappingsAndSequences() throws {
        let root = try parse(
            """
            lab:
              models:
                - name: a
                  size: 7
                - [x, y]
              empty:
            """)
        #expect(
            outline(root) == """
                {str 'lab'@1:1: {str 'models'@2:3: [{str 'name'@3:7: str 'a'@3:13, str 'size'@4:7: int 7@4:13}@3:7, \
                [str 'x'@5:8, str 'y'@5:11]@5:7]@3:5, str 'empty'@6:3: null@6:9}@2:3}@1:1
                """)
    }

    @Test func flowCollections() throws {
        let root = try parse("{a: [1, {b: c}], d: e}")
        #expect(
            outline(root)
                == "{str 'a'@1:2: [int 1@1:6, {str 'b'@1:10: str 'c'@1:13}@1:9]@1:5, str 'd'@1:18: str 'e'@1:21}@1:1")
    }

    @Test func aliasesAreTheAnchoredNodeWithItsPosition() throws {
        let root = try parse("base: &b {x: 1}\nvalue: &v 5\ncopy: *b\nnumber: *v\n")
        #expect(outline(root["copy"]!) == "{str 'x'@1:11: int 1@1:14}@1:7")
        #expect(outline(root["number"]!) == "int 5@2:8")
        // An alias adds no node: the root, 4 keys, the mapping and its 2 children, and the scalar 5.
        #expect(root.document.nodeCount == 9)
    }

    @Test func multiByteCharactersCountAsOneColumn() throws {
        let root = try parse("- ü: é\n- 日本語: [ä, 😀, x]\n")
        #expect(
            outline(root)
                == "[{str 'ü'@1:3: str 'é'@1:6}@1:3, {str '日本語'@2:3: [str 'ä'@2:9, str '😀'@2:12, str "
                + "'x'@2:15]@2:8}@2:3]@1:1"
        )
        let error = try parseError("日本: a: b\n")
        #expect(error.mark == SourceMark(line: 1, column: 6))
        // The caret sits under the column on a terminal: two spaces under each wide character.
        #expect(error.excerpt == YAMLError.Excerpt(text: "日本: a: b", caretPrefix: "       "))
    }

    @Test(
        "the caret lines up under wide characters, emoji and combining marks",
        arguments: [
            ("日本: a: b\n", "日本: a", "       "),
            ("ｆｕｌｌ: a: b\n", "ｆｕｌｌ: a", "           "),
            ("😀x: a: b\n", "😀x: a", "      "),
            ("e\u{301}x: a: b\n", "e\u{301}x: a", "     "),
            ("한글: a: b\n", "한글: a", "       "),
            ("ab\u{200D}c: a: b\n", "ab\u{200D}c: a", "      "),
        ])
    func caretUnderWideCharacters(source: String, before: String, prefix: String) throws {
        let error = try parseError(source)
        // The error is at the second colon, just after `before`.
        #expect(error.mark.column == before.unicodeScalars.count + 1)
        #expect(error.excerpt?.caretPrefix == prefix, "\(source.debugDescription)")
    }

    @Test func linesOfLaterDocumentsCountFromTheStartOfTheStream() throws {
        let documents = try YAMLParser.parseStream(Array("a: 1\n---\nb: [2]\n".utf8))
        #expect(documents.map(\.mark) == [SourceMark(line: 1, column: 1), SourceMark(line: 2, column: 1)])
        #expect(outline(documents[1].root) == "{str 'b'@3:1: [int 2@3:5]@3:4}@3:1")
    }

    @Test func lineBreaksAreLibyamlsCRLFAndCR() throws {
        let root = try YAMLParser.parseDocument(Array("a: 1\r\nb: 2\rc: 3\r\n".utf8)).root
        #expect(outline(root) == "{str 'a'@1:1: int 1@1:4, str 'b'@2:1: int 2@2:4, str 'c'@3:1: int 3@3:4}@1:1")
    }

    @Test func aNullAtTheEndOfAFileWithoutANewlineIsOnTheLastLine() throws {
        // libyaml puts it on a line 2 that the file does not have.
        let root = try parse("name: x\nmotto:")
        #expect(outline(root) == "{str 'name'@1:1: str 'x'@1:7, str 'motto'@2:1: null@2:7}@1:1")
        #expect(try parse("---").mark == SourceMark(line: 1, column: 4))
    }
}
