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
}
