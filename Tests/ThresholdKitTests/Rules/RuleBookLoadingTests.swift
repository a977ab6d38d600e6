import Foundation
import Testing

@testable import ThresholdKit

@Suite("Loading rule books")
struct RuleBookLoadingTests {
    @Test("a directory with no pack files is an error, never a book that checks nothing")
    func emptyDirectory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "threshold-empty-\(UUID().uuidString)"
        ).path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "not a pack".write(toFile: directory + "/notes.txt", atomically: true, encoding: .utf8)
        let error = try #require(throws: YAMLError.self) { try RuleBook(contentsOf: directory) }
        #expect(error.description.contains("the directory holds no rule packs"), "\(error)")
    }

    @Test("an id that names no pack: a near spelling, else the one id it begins, and the packs there are")
    func unknownPack() throws {
        let book = try RuleBook.builtIn(tests: false)
        #expect(try book.requirePack("us-ca-sb53").id == "us-ca-sb53")
        let near = try #require(throws: UnknownPackError.self) { try book.requirePack("us-ca-sb35") }
        #expect(near.suggestion == "us-ca-sb53")
        let known = book.packs.map(\.id).joined(separator: ", ")
        #expect(
            near.message(naming: "--pack us-ca-sb35")
                == "--pack us-ca-sb35: no rule pack has this id; did you mean 'us-ca-sb53'? The packs are: \(known).")
        let prefix = try #require(throws: UnknownPackError.self) { try book.requirePack("eu") }
        #expect(prefix.suggestion == "eu-ai-act-gpai")
        let none = try #require(throws: UnknownPackError.self) { try book.requirePack("zzzzzzzzzzzz") }
        #expect(none.description == "zzzzzzzzzzzz: no rule pack has this id. The packs are: \(known).")
    }

    @Test("a date comparison's words are its pack spelling with spaces for underscores")
    func dateComparisonWords() {
        #expect(Condition.DateComparison.allCases.map(\.words) == ["before", "on or before", "on or after", "after"])
        for comparison in Condition.DateComparison.allCases {
            #expect(comparison.words == comparison.rawValue.replacingUnderscores)
        }
        #expect("at_least".replacingUnderscores == "at least")
        #expect("_é_日_😀_".replacingUnderscores == " é 日 😀 ")
        #expect("".replacingUnderscores == "")
    }
}

@Suite("Built-in packs read without their test cases")
struct BuiltinPacksWithoutTestsTests {
    @Test("each built-in pack read up to its cases is the pack read whole with its cases skipped")
    func samePack() throws {
        var options = LoadOptions.default
        options.packTests = false
        #expect(!BuiltinRulePacks.files.isEmpty)
        for file in BuiltinRulePacks.files {
            let cut = BuiltinRulePacks.withoutTests(file.text)
            // Every built-in pack ends with its cases, and they are most of its text.
            #expect(cut.utf8.count < file.text.utf8.count / 2, "\(file.name)")
            #expect(file.text[cut.endIndex...].hasPrefix("tests:"), "\(file.name)")
            let whole = try RulePack(bytes: Array(file.text.utf8), path: "Rules/" + file.name, options: options)
            let part = try RulePack(bytes: Array(cut.utf8), path: "Rules/" + file.name, options: options)
            #expect(part == whole, "\(file.name)")
        }
        // And the book made of them evaluates as the book with the cases read.
        let profile = try LabProfile(
            contentsOf: Support.packageRoot.appendingPathComponent("Examples/labs/helios.yaml").path)
        let date = CalendarDate("2026-12-01")!
        let fast = try RuleBook.builtIn(tests: false).evaluate(profile, asOf: date)
        let full = try RuleBook.builtIn(tests: true).evaluate(profile, asOf: date)
        #expect(fast == full)
    }

    @Test(
        "only a last, single tests: section at the top level is left out",
        arguments: [
            ("pack: a\ntests:\n  - name: x\n", "pack: a\n"),
            ("pack: a\ntests:\n- name: x\n# a comment\n\n- name: y\n", "pack: a\n"),
            ("pack: a\r\ntests:\r\n  - name: x\r\n", "pack: a\r\n"),
            // Not last: another key follows, so the whole text is read.
            ("pack: a\ntests: []\nobligations: []\n", "pack: a\ntests: []\nobligations: []\n"),
            // Twice: an error the whole text must be read to report.
            ("pack: a\ntests: []\ntests: []\n", "pack: a\ntests: []\ntests: []\n"),
            // None, or only nested ones.
            ("pack: a\nthresholds:\n  tests: 1\n", "pack: a\nthresholds:\n  tests: 1\n"),
            ("", ""),
        ])
    func cut(text: String, expected: String) {
        #expect(String(BuiltinRulePacks.withoutTests(text)) == expected)
    }
}
