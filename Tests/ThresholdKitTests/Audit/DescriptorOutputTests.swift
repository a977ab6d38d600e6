import Foundation
import Testing
import ThresholdPlatform
import ThresholdTestSupport

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

    @Test("long lines are held as they came until a block is full, then go out with the text around them, in order")
    func heldLines() throws {
        let target = try Target()
        var out = DescriptorOutput(descriptor: target.handle.fileDescriptor, interactive: false)
        let long = DescriptorOutput.heldLength
        let lines = (0..<4).map { n in [UInt8](repeating: UInt8(ascii: "a") + UInt8(n), count: long + n) }
        out.write(utf8: lines[0])
        out.write(utf8: lines[1])
        out.write(utf8: lines[2])
        #expect(target.written == "", "three held lines are less than a block")
        out.write("text\n")
        #expect(target.written == "", "text after held lines waits with them")
        out.write(utf8: lines[3])
        let text = lines.prefix(3).map { String(decoding: $0, as: UTF8.self) }.joined()
        // Compared as Booleans: a failure shows the step, not 64 KiB of letters.
        let fourthWithTheRest = target.written == text + "text\n" + String(decoding: lines[3], as: UTF8.self)
        #expect(fourthWithTheRest, "the fourth line fills the block: all of it goes out, in order")
        // The arrays held are the caller's: changing one afterwards changes nothing written.
        var changed = lines[0]
        out.write(utf8: changed)
        changed[0] = UInt8(ascii: "!")
        out.finish()
        let unchanged =
            target.written == text + "text\n" + String(decoding: lines[3], as: UTF8.self)
            + String(decoding: lines[0], as: UTF8.self)
        #expect(unchanged, "the line as it was written")
    }

    @Test("any mix of text, short lines and long lines comes out whole and in order, never more than a block held")
    func mixedWrites() throws {
        var random = SplitMix64(seed: 2026_12_05)
        let lengths = [1, 100, 4_000, DescriptorOutput.heldLength - 1, DescriptorOutput.heldLength, 37_000, 70_000]
        for round in 0..<4 {
            let target = try Target()
            var out = DescriptorOutput(descriptor: target.handle.fileDescriptor, interactive: false)
            var expected = Data()
            for piece in 0..<40 {
                let length = lengths[Int(random.next() % UInt64(lengths.count))]
                let bytes = [UInt8](repeating: UInt8(ascii: "a") + UInt8((round + piece) % 26), count: length)
                if random.next() % 3 == 0 {
                    out.write(String(decoding: bytes, as: UTF8.self))
                } else {
                    out.write(utf8: bytes)
                }
                expected.append(contentsOf: bytes)
                // Compared as data (one memcmp) and as a Boolean: a failure prints the round and
                // the piece, not megabytes of bytes.
                let written = try Data(contentsOf: target.url)
                let inOrder = written == expected.prefix(written.count)
                #expect(inOrder, "round \(round), piece \(piece)")
                #expect(expected.count - written.count < 1 << 16, "round \(round), piece \(piece)")
            }
            out.finish()
            let whole = try Data(contentsOf: target.url) == expected
            #expect(whole, "round \(round)")
        }
    }

    @Test("pieces written together, empty ones among them, arrive whole and in order")
    func gatheredWrite() throws {
        let target = try Target()
        let parts: [[UInt8]] = [Array("one ".utf8), [], Array("two ".utf8), [], [], Array("three".utf8)]
        parts[0].withUnsafeBufferPointer { a in
            parts[1].withUnsafeBufferPointer { b in
                parts[2].withUnsafeBufferPointer { c in
                    parts[5].withUnsafeBufferPointer { d in
                        System.write(all: [a, b, c, b, d], to: target.handle.fileDescriptor)
                        System.write(all: [b, b], to: target.handle.fileDescriptor)
                    }
                }
            }
        }
        #expect(target.written == "one two three")
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
