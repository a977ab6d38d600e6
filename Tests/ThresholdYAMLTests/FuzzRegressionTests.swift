import Testing

@testable import ThresholdYAML

/// Regressions for hostile input to the YAML layer: inputs found by the fuzz targets in
/// `Tests/Fuzz/` (kept inline, byte for byte) and by reviewing what a diagnostic may echo.
@Suite("YAML fuzz and hostile-input regressions")
struct YAMLFuzzRegressionTests {
    @Test("a headline escapes control characters in the file name and the message, and cuts a long message")
    func headlineIsEscaped() {
        let error = YAMLError(
            kind: .decoding, problem: "unknown key 'x\u{1B}[2J'" + String(repeating: "y", count: 5_000),
            mark: SourceMark(line: 3, column: 7), file: "labs/\u{1B}]0;title\u{7}.yaml")
        let headline = error.headline
        #expect(!headline.unicodeScalars.contains { $0.value < 0x20 })
        #expect(headline.hasPrefix("labs/\\u{1B}]0;title\\u{7}.yaml:3:7: error: unknown key 'x\\u{1B}[2J'yyy"))
        #expect(headline.hasSuffix("…"))
        #expect(headline.count < 1_100)
        // Ordinary text is untouched.
        let plain = YAMLError(kind: .decoding, problem: "unknown key 'modles'", mark: .start, file: "lab.yaml")
        #expect(plain.headline == "lab.yaml:1:1: error: unknown key 'modles'")
    }

    @Test("bidirectional controls, line separators and C1 controls are escaped for a terminal")
    func bidiAndSeparatorsAreEscaped() {
        #expect(
            "a\u{202E}b\u{2066}c\u{2028}d\u{85}e\tf".escapedForTerminal()
                == "a\\u{202E}b\\u{2066}c\\u{2028}d\\u{85}e\tf")
        #expect("plain ünïcödé €".escapedForTerminal() == "plain ünïcödé €")
        #expect("abcdef".escapedForTerminal(limit: 3) == "abc…")
        #expect("\u{1B}[31m".quotedForDiagnostic() == "'\\u{1B}[31m'")
    }

    @Test("an excerpt of a hostile line is short and escaped")
    func excerptOfHostileLine() throws {
        var bytes = Array("key: \"".utf8)
        for _ in 0..<50_000 { bytes.append(contentsOf: Array("\\e[2J".utf8)) }
        bytes.append(contentsOf: [0x1B])  // a raw ESC: refused by the reader
        bytes.append(contentsOf: Array("\"\n".utf8))
        let error = try parseError(bytes)
        #expect(error.kind == .reader)
        #expect(!error.description.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(error.description.utf8.count < 1_500)
        #expect(error.description.contains("\\u{1B}"))
    }

    @Test("a did-you-mean for a megabyte-long unknown key compares no letters: nil, at once")
    func suggestionForHugeWord() {
        let huge = String(repeating: "organisation", count: 100_000)
        #expect(Suggestion.nearest(to: huge, among: ["organization", "models", "clusters", "assessments"]) == nil)
        #expect(Suggestion.nearest(to: "organisation", among: ["organization", "models"]) == "organization")
        #expect(Suggestion.nearest(to: "modles", among: ["organization", "models"]) == "models")
    }

    @Test("an unknown key of a megabyte is refused with a short message")
    func hugeUnknownKey() throws {
        let key = String(repeating: "k", count: 1_000_000)
        // An explicit key (`? key`): libyaml refuses implicit keys longer than 1,024 characters.
        let node = try parse("? \(key)\n: 1\n", options: YAMLOptions(limits: YAMLLimits(maxScalarBytes: 2 << 20)))
        let error = try #require(throws: YAMLError.self) {
            _ = try MappingReader(node, path: "", keys: ["name", "models"])
        }
        #expect(error.problem.utf8.count < 300)
        #expect(error.description.utf8.count < 1_500)
    }

    @Test("a mapping checked against many allowed keys (hashed) accepts and refuses as a short list does")
    func manyAllowedKeys() throws {
        let keys = (0..<100).map { "key-\($0)" }
        let node = try parse("{key-1: a, key-99: b}\n")
        _ = try MappingReader(node, path: "", keys: keys)
        let bad = try parse("{key-1: a, key-100: b}\n")
        let error = try #require(throws: YAMLError.self) { _ = try MappingReader(bad, path: "", keys: keys) }
        #expect(error.problem.hasPrefix("unknown key 'key-100'"))
    }
}
