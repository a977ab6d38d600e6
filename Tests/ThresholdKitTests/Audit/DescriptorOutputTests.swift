import Foundation
import Testing

@testable import ThresholdKit

@Suite("Standard output in blocks")
struct DescriptorOutputTests {
    /// A file to write through a descriptor, and what it holds so far.
    final class Target {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("threshold-out-\(UUID().uuidString)")
        let handle: FileHandle

        init() throws {
            _ = FileManager.default.createFile(atPath: url.path, contents: nil)
            handle = try FileHandle(forWritingTo: url)
        }

        var written: String { (try? String(contentsOf: url, encoding: .utf8)) ?? "<unreadable>" }

        deinit {
            try? handle.close()
            try? FileManager.default.removeItem(at: url)
        }
    }

    @Test("on a pipe or file, a flush per verdict writes nothing until 64 KiB are held or the end")
    func blocks() throws {
        let target = try Target()
        var out = DescriptorOutput(descriptor: target.handle.fileDescriptor, interactive: false)
        out.write("first line\n")
        out.write(utf8: Array("second line\n".utf8))
        out.flush()
        #expect(target.written == "")
        let line = String(repeating: "x", count: 1023) + "\n"
        for _ in 0..<64 { out.write(line) }
        #expect(target.written.utf8.count >= 64 * 1024, "a full block is written without a flush")
        out.finish()
        #expect(target.written == "first line\nsecond line\n" + String(repeating: line, count: 64))
    }

    @Test("long lines that fill a block go out with what is held, in order, and nothing is lost or doubled")
    func longLines() throws {
        let target = try Target()
        var out = DescriptorOutput(descriptor: target.handle.fileDescriptor, interactive: false)
        let long = (0..<70_000).map { UInt8(ascii: "a") + UInt8($0 % 26) }
        let medium = (0..<40_000).map { UInt8(ascii: "0") + UInt8($0 % 10) }
        out.write("head\n")
        out.write(utf8: long)
        #expect(target.written == "head\n" + String(decoding: long, as: UTF8.self), "held text, then the line")
        out.write("tail\n")
        for _ in 0..<3 { out.write(utf8: medium) }
        out.finish()
        let expected =
            ["head\n", String(decoding: long, as: UTF8.self), "tail\n"]
            + Array(repeating: String(decoding: medium, as: UTF8.self), count: 3)
        #expect(target.written == expected.joined())
    }

    @Test("on a terminal, each flush writes what is held, after the hook that clears the progress bar")
    func interactive() throws {
        let target = try Target()
        let cleared = Counter()
        var out = DescriptorOutput(
            descriptor: target.handle.fileDescriptor, interactive: true, beforeWriting: { cleared.count += 1 })
        out.flush()
        #expect(cleared.count == 0, "nothing held, nothing written")
        out.write("row 1\n")
        out.flush()
        #expect(target.written == "row 1\n")
        out.write(utf8: Array("row 2 — ü\n".utf8))
        out.flush()
        #expect(target.written == "row 1\nrow 2 — ü\n")
        #expect(cleared.count == 2)
    }

    final class Counter { var count = 0 }

    @Test("a verdict's JSON bytes are exactly its JSON line")
    func jsonBytes() throws {
        let profile = try LabProfile(
            yaml: """
                organization: {name: "Quote \\" and ü", ai_revenue: 600M USD}
                models:
                  - {name: m-1, training_compute: 2e25 FLOP}
                """, path: "bytes.yaml")
        let verdict = try RuleBook.builtIn().evaluate(profile, asOf: CalendarDate(year: 2026, month: 7, day: 1)!)
        #expect(verdict.jsonLineBytes() == Array(verdict.jsonLine().utf8))
        #expect(verdict.jsonLineBytes(lineFeed: true) == Array((verdict.jsonLine() + "\n").utf8))
    }
}
