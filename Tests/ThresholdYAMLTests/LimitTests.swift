import Foundation
import Testing

@testable import ThresholdYAML

/// The limits that keep hostile files from exhausting time or memory, each with its boundary.
@Suite struct LimitTests {
    /// The classic "billion laughs": nine levels of nine aliases each, 9^9 strings when expanded.
    static let billionLaughs: String = {
        var text = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for (previous, name) in zip(names, names.dropFirst()) {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
        }
        return text
    }()

    @Test func aBillionLaughsIsRefused() throws {
        let error = try parseError(Self.billionLaughs)
        #expect(error.kind == .limit)
        // a is 10 nodes, b 1 + 9 × 10 = 91, c 820, d 7,381, e 66,430. The aliases of levels b to e
        // add 90 + 819 + 7,380 + 66,429 = 74,718 nodes; the first *e of f takes that past 100,000.
        #expect(
            error.description
                == lines(
                    "test.yaml:6:8: error: aliases expand to more than the limit of 100000 nodes (raise "
                        + "YAMLLimits.maxAliasExpansion)",
                    "    f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]",
                    "           ^"))
    }

    @Test func aliasExpansionLimitBoundary() throws {
        // Each *a adds the 3 nodes of [x, y]: 9 in all.
        let text = "a: &a [x, y]\nb: [*a, *a, *a]\n"
        let atLimit = YAMLOptions(limits: YAMLLimits(maxAliasExpansion: 9))
        #expect(
            shape(try parse(text, options: atLimit)["b"]!)
                == "[[str 'x', str 'y'], [str 'x', str 'y'], [str 'x', str 'y']]")
        let error = try parseError(text, options: YAMLOptions(limits: YAMLLimits(maxAliasExpansion: 8)))
        #expect(error.kind == .limit)
        #expect(error.mark == SourceMark(line: 2, column: 13))
        #expect(
            error.problem == "aliases expand to more than the limit of 8 nodes (raise YAMLLimits.maxAliasExpansion)")
    }

    @Test func tenThousandOpenBracketsAreRefusedByTheDepthLimit() throws {
        let error = try parseError(String(repeating: "[", count: 10_000))
        #expect(error.kind == .limit)
        #expect(
            error.description
                == lines(
                    "test.yaml:1:257: error: nesting is deeper than the limit of 256 levels (raise "
                        + "YAMLLimits.maxDepth)",
                    "    …" + String(repeating: "[", count: 100) + "…",
                    "    " + String(repeating: " ", count: 51) + "^"))
    }

    @Test func deepBlockNestingIsRefusedByTheDepthLimit() throws {
        var text = ""
        for level in 0..<300 { text += String(repeating: "  ", count: level) + "a:\n" }
        let error = try parseError(text)
        #expect(error.kind == .limit)
        #expect(error.mark == SourceMark(line: 257, column: 513))
    }

    @Test func aRaisedDepthLimitAcceptsTenThousandLevels() throws {
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let root = try parse(text, options: YAMLOptions(limits: YAMLLimits(maxDepth: 10_000)))
        var node = root, depth = 1
        while node.count == 1 {
            node = node.items[0]
            depth += 1
        }
        #expect(depth == 10_000)
        #expect(node.kind == .sequence && node.count == 0)
        #expect(node.mark == SourceMark(line: 1, column: 10_000))

        let error = try parseError(text, options: YAMLOptions(limits: YAMLLimits(maxDepth: 9_999)))
        #expect(error.kind == .limit)
        #expect(error.mark == SourceMark(line: 1, column: 10_000))
    }

    @Test func unclosedBracketsUnderARaisedLimitAreAParserErrorNotACrash() throws {
        let error = try parseError(
            String(repeating: "[", count: 10_000),
            options: YAMLOptions(limits: YAMLLimits(maxDepth: 20_000)))
        #expect(error.kind == .parser)
        #expect(error.mark == SourceMark(line: 1, column: 10_001))
    }

    @Test func scalarLengthLimit() throws {
        let options = YAMLOptions(limits: YAMLLimits(maxScalarBytes: 10))
        #expect(try parse("a: 1234567890", options: options)["a"]?.text == "1234567890")
        // The limit counts bytes: five é are 10 bytes.
        #expect(try parse("a: ééééé", options: options)["a"]?.text == "ééééé")
        let error = try parseError("a: ok\nb: 12345678901\n", options: options)
        #expect(error.kind == .limit)
        #expect(
            error.description
                == lines(
                    "test.yaml:2:4: error: a scalar of 11 bytes is longer than the limit of 10 bytes (raise "
                        + "YAMLLimits.maxScalarBytes)",
                    "    b: 12345678901",
                    "       ^"))
    }

    @Test func fileSizeLimit() throws {
        let options = YAMLOptions(limits: YAMLLimits(maxFileBytes: 16))
        #expect(try parse("a: 123456789012\n", options: options)["a"]?.text == "123456789012")  // 16 bytes
        let error = try parseError("a: 1234567890123\n", options: options)  // 17 bytes
        #expect(error.kind == .limit)
        #expect(
            error.description
                == "test.yaml:1:1: error: the input is larger than the limit of 16 bytes (raise "
                + "YAMLLimits.maxFileBytes)"
        )
    }

    @Test func documentsLimit() throws {
        let options = YAMLOptions(limits: YAMLLimits(maxDocuments: 2))
        #expect(
            try YAMLParser.parseStream(Array("--- a\n--- b\n".utf8), options: options).map(\.root.text) == ["a", "b"])
        let error = try #require(throws: YAMLError.self) {
            try YAMLParser.parseStream(Array("--- a\n--- b\n--- c\n".utf8), path: "test.yaml", options: options)
        }
        #expect(error.kind == .limit)
        #expect(
            error.description
                == lines(
                    "test.yaml:3:1: error: the stream has more than 2 documents (raise YAMLLimits.maxDocuments)",
                    "    --- c",
                    "    ^"))
    }
}
