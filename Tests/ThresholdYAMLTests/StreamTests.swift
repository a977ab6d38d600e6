import Foundation
import Testing

@testable import ThresholdYAML

/// Streams, documents and encodings.
@Suite struct StreamTests {
    @Test func parseStreamReturnsEveryDocument() throws {
        let documents = try YAMLParser.parseStream(Array("--- a\n--- [b]\n...\n---\nc: 1\n".utf8))
        #expect(documents.map { shape($0.root) } == ["str 'a'", "[str 'b']", "{str 'c': int 1}"])
        #expect(
            documents.map(\.mark) == [
                SourceMark(line: 1, column: 1), SourceMark(line: 2, column: 1), SourceMark(line: 4, column: 1),
            ])
    }

    @Test func parseStreamOfNothingIsNoDocuments() throws {
        #expect(try YAMLParser.parseStream([]).isEmpty)
        #expect(try YAMLParser.parseStream(Array("# only a comment\n".utf8)).isEmpty)
    }

    @Test func parseDocumentRefusesASecondDocument() throws {
        let error = try parseError("name: a\n...\n--- b\n")
        #expect(error.kind == .composer)
        #expect(
            error.description
                == lines(
                    "test.yaml:3:1: error: expected a single document in the stream, found a second one",
                    "    --- b",
                    "    ^",
                    "note: the first document starts at line 1"))
    }

    @Test func anEmptyStreamIsAnError() throws {
        let error = try parseError("")
        #expect(error.kind == .composer)
        #expect(error.mark == .start)
        #expect(error.problem == "the stream is empty: expected a YAML document")
        #expect(error.headline == "test.yaml:1:1: error: the stream is empty: expected a YAML document")

        let comment = try parseError("# nothing here\n")
        #expect(
            comment.description
                == lines(
                    "test.yaml:1:1: error: the stream is empty: expected a YAML document",
                    "    # nothing here",
                    "    ^"))
    }

    @Test func aLoneDocumentMarkerIsANullRoot() throws {
        for text in ["---", "---\n", "--- \n...\n"] {
            let root = try parse(text)
            #expect(root.kind == .scalar && root.isNull && root.text == "", "\(text.debugDescription)")
        }
    }

    @Test func utf16WithAByteOrderMarkIsRead() throws {
        let text = "name: Hélios\nmodels: [a, 😀]\n"
        let little: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let big: [UInt8] = [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        for bytes in [little, big] {
            let root = try YAMLParser.parseDocument(bytes).root
            #expect(
                outline(root)
                    == "{str 'name'@1:1: str 'Hélios'@1:7, str 'models'@2:1: [str 'a'@2:10, str '😀'@2:13]@2:9}@1:1")
        }
        // Errors are positioned and excerpted in the decoded text.
        let bad = "a: é\nb: c: d\n"
        let error = try #require(throws: YAMLError.self) {
            try YAMLParser.parseDocument([0xFF, 0xFE] + bad.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        }
        #expect(
            error.description
                == lines(
                    "<input>:2:5: error: mapping values are not allowed in this context",
                    "    b: c: d",
                    "        ^"))
    }

    @Test func invalidUTF16IsAReaderError() throws {
        // An unpaired high surrogate on line 2, column 4.
        let units: [UInt16] = Array("a: 1\nb: ".utf16) + [0xD800] + Array("x\n".utf16)
        let surrogate = try parseError([0xFF, 0xFE] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        #expect(surrogate.kind == .reader)
        #expect(surrogate.headline == "test.yaml:2:4: error: invalid UTF-16: an unpaired surrogate")
        let odd = try parseError([0xFF, 0xFE, 0x61, 0x00, 0x0A, 0x00, 0x62])
        #expect(odd.kind == .reader)
        #expect(odd.headline == "test.yaml:2:1: error: invalid UTF-16: the input ends in half a code unit")
    }

    @Test func aUTF8ByteOrderMarkIsNotAColumn() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        #expect(
            outline(try YAMLParser.parseDocument(bom + Array("a: b\n".utf8)).root) == "{str 'a'@1:1: str 'b'@1:4}@1:1")
        let scanner = try parseError(bom + Array("a: b: c\n".utf8))
        #expect(
            scanner.description
                == lines(
                    "test.yaml:1:5: error: mapping values are not allowed in this context",
                    "    a: b: c",
                    "        ^"))
        let reader = try parseError(bom + Array("ab: c".utf8) + [0xFF])
        #expect(reader.headline == "test.yaml:1:6: error: invalid leading UTF-8 octet (byte 0xFF)")
    }

    @Test func unicodeLineBreaksCountAsLinesInExcerpts() throws {
        // libyaml breaks lines at NEL and LS too; the excerpt must show the line libyaml means.
        let error = try parseError("a: \"x\u{85}y\u{2028}z\"\nb: c: d\n")
        #expect(
            error.description
                == lines(
                    "test.yaml:4:5: error: mapping values are not allowed in this context",
                    "    b: c: d",
                    "        ^"))
    }

    @Test func aRecursiveAliasIsRefused() throws {
        let error = try parseError("&a [*a]")
        #expect(error.kind == .composer)
        #expect(
            error.description
                == lines(
                    "test.yaml:1:5: error: the alias '*a' refers to a node that contains it: recursive structures "
                        + "are not accepted",
                    "    &a [*a]",
                    "        ^"))
        // Also when an earlier node had the same anchor: the alias means the open collection.
        let redefined = try parseError("- &a x\n- &a {k: *a}\n")
        #expect(redefined.kind == .composer)
        #expect(redefined.mark == SourceMark(line: 2, column: 10))
        #expect(
            redefined.problem
                == "the alias '*a' refers to a node that contains it: recursive structures are not accepted")
    }

    @Test func anAliasMeansTheLatestNodeOfItsAnchor() throws {
        #expect(shape(try parse("- &a x\n- &a [y]\n- *a\n")) == "[str 'x', [str 'y'], [str 'y']]")
        #expect(shape(try parse("- &a [&a x, *a]\n- *a\n")) == "[[str 'x', str 'x'], [str 'x', str 'x']]")
    }

    @Test func anUnknownAliasIsRefused() throws {
        let error = try parseError("a: *b\nb: &b 1\n")
        #expect(error.kind == .composer)
        #expect(
            error.description
                == lines(
                    "test.yaml:1:4: error: unknown alias '*b': no anchor '&b' comes before it",
                    "    a: *b",
                    "       ^"))
        // Anchors do not reach across documents.
        let stream = try #require(throws: YAMLError.self) {
            try YAMLParser.parseStream(Array("--- &a 1\n--- *a\n".utf8))
        }
        #expect(stream.kind == .composer)
        #expect(stream.mark == SourceMark(line: 2, column: 5))
    }
}

/// `YAMLParser.readFile`.
@Suite final class ReadFileTests {
    let folder: String

    init() throws {
        folder = NSTemporaryDirectory() + "threshold-yaml-tests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    @Test func readsAFile() throws {
        let path = folder + "/lab.yaml"
        try Data("name: Helios\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(try YAMLParser.readFile(atPath: path) == Array("name: Helios\n".utf8))
    }

    @Test func aDirectoryIsAnErrorNotACrash() throws {
        let error = try #require(throws: YAMLError.self) { try YAMLParser.readFile(atPath: folder) }
        #expect(error.kind == .reader)
        #expect(error.description == "\(folder):1:1: error: is a directory, not a YAML file")
    }

    @Test func aMissingFileIsAnError() throws {
        let error = try #require(throws: YAMLError.self) { try YAMLParser.readFile(atPath: folder + "/missing.yaml") }
        #expect(error.kind == .reader)
        #expect(
            error.description == "\(folder)/missing.yaml:1:1: error: cannot open the file: no such file or directory")
    }

    @Test func aFileOverTheLimitIsRefused() throws {
        let path = folder + "/big.yaml"
        try Data(repeating: 0x61, count: 200_000).write(to: URL(fileURLWithPath: path))
        #expect(try YAMLParser.readFile(atPath: path, limits: YAMLLimits(maxFileBytes: 200_000)).count == 200_000)
        let error = try #require(throws: YAMLError.self) {
            try YAMLParser.readFile(atPath: path, limits: YAMLLimits(maxFileBytes: 199_999))
        }
        #expect(error.kind == .limit)
        #expect(
            error.description
                == "\(path):1:1: error: the file is larger than the limit of 199999 bytes (raise "
                + "YAMLLimits.maxFileBytes)"
        )
    }
}
