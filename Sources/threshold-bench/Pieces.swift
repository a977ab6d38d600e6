// --pieces: each piece of an audit on its own, over the pool of profiles held in memory — libyaml's
// event loop (the floor), the YAML tree, decoding, evaluating and rendering — with the time and the
// allocations each takes per profile.

import CAllocationCount
import ThresholdKit
import ThresholdPlatform
import ThresholdYAML

/// One piece of the audit, run over every profile of the pool: what it makes is freed at once, as
/// the audit frees it, so that freeing is part of the piece's cost.
struct Piece {
    let name: String
    /// Runs the piece over the pool; returns a count that depends on every result (events, nodes,
    /// packs, bytes), so that no result can be optimised away and every round can be checked.
    let pass: () -> Int
}

enum Pieces {
    /// The length of a rendered line, read from its last byte too (the line feed), so that the
    /// line's bytes are used and its making cannot be left out; zero when it does not end the line.
    static func lineLength(_ line: [UInt8]) -> Int {
        line.last == UInt8(ascii: "\n") ? line.count : 0
    }

    /// Prepares the pool and the inputs each piece needs (untimed), runs `runs` rounds of every
    /// piece, and prints the table: microseconds per profile (median), the ratio to libyaml's event
    /// loop in the same run, and the allocations per profile. Exits with status 1 when a profile
    /// does not load or a round's count differs from the first.
    static func run(_ options: BenchOptions) {
        let asOf = CalendarDate(year: 2026, month: 7, day: 1)!
        let generator = ProfileGenerator(seed: options.seed)
        let count = options.pool
        let paths = (0..<count).map { CorpusDirectory.path(ofProfile: $0, among: count) }
        let texts = (0..<count).map { Array(generator.profile($0).utf8) }
        let seed = AuditStage.rules(packs: [Bench.seedPack]), every = AuditStage.rules(packs: [])
        let profiles: [LabProfile] = zip(texts, paths).map { text, path in
            do {
                return try LabProfile(bytes: text, path: path, options: every.options)
            } catch {
                fail("\(path) of the pool does not load: \(error)")
            }
        }
        // The book's JSON text, laid out once, as an audit that writes JSON Lines lays it out.
        let seedText = ReportContext(book: seed.book, asOf: asOf).preparing(for: [.jsonl]).jsonText
        let everyText = ReportContext(book: every.book, asOf: asOf).preparing(for: [.jsonl]).jsonText
        let seedVerdicts = profiles.map { seed.book.evaluate($0, asOf: asOf) }
        let everyVerdicts = profiles.map { every.book.evaluate($0, asOf: asOf) }
        let bytes = texts.reduce(0) { $0 + $1.count }

        let pieces = [
            Piece(name: "libyaml event loop (the floor)") {
                texts.reduce(0) { $0 + ((try? YAMLParser.countEvents($1)) ?? -1_000_000) }
            },
            Piece(name: "YAML tree (parseDocument)") {
                zip(texts, paths).reduce(0) {
                    $0 + ((try? YAMLParser.parseDocument($1.0, path: $1.1))?.nodeCount ?? -1_000_000)
                }
            },
            Piece(name: "decode (tree and LabProfile)") {
                zip(texts, paths).reduce(0) {
                    $0
                        + ((try? LabProfile(bytes: $1.0, path: $1.1, options: every.options))?.models.count
                            ?? -1_000_000)
                }
            },
            Piece(name: "evaluate, seed pack") {
                profiles.reduce(0) { $0 + seed.book.evaluate($1, asOf: asOf).packs.count }
            },
            Piece(name: "evaluate, every pack") {
                profiles.reduce(0) { $0 + every.book.evaluate($1, asOf: asOf).packs.count }
            },
            Piece(name: "render JSON line, seed pack") {
                seedVerdicts.reduce(0) { $0 + lineLength($1.jsonLineBytes(lineFeed: true, text: seedText)) }
            },
            Piece(name: "render JSON line, every pack") {
                everyVerdicts.reduce(0) { $0 + lineLength($1.jsonLineBytes(lineFeed: true, text: everyText)) }
            },
        ]

        print(
            "threshold-bench --pieces: \(grouped(count)) distinct profiles held in memory "
                + "(\(fixed(Double(bytes) / 1e6, 2)) MB, mean \(bytes / max(1, count)) bytes), seed \(options.seed), "
                + "\(options.runs) rounds, one thread, as of \(asOf)")
        print("machine: \(sysconf(Int32(_SC_NPROCESSORS_ONLN))) CPUs online, \(cpuModel())")

        // The first pass of each piece warms it up and counts its allocations and its result; the
        // rounds then go over all pieces in turn, so that drift in the machine's speed hits every
        // piece alike.
        var allocations: [Int64?] = []
        var results: [Int] = []
        for piece in pieces {
            let before = threshold_bench_allocations()
            results.append(piece.pass())
            let after = threshold_bench_allocations()
            allocations.append(before < 0 ? nil : after - before)
        }
        if let failed = results.firstIndex(where: { $0 <= 0 }) {
            fail("\(pieces[failed].name) failed on a profile of the pool")
        }
        var times = Array(repeating: [Double](), count: pieces.count)
        var mismatches: [String] = []
        for _ in 0..<options.runs {
            for (index, piece) in pieces.enumerated() {
                let start = now()
                let result = piece.pass()
                times[index].append((now() - start) / Double(count) * 1e6)
                if result != results[index] { mismatches.append(piece.name) }
            }
        }

        let floor = median(times[0])
        let nameWidth = pieces.map { $0.name.count }.max()! + 2
        print("")
        print(
            "piece".padded(nameWidth) + "µs/profile".padded(12, leading: true) + "× floor".padded(9, leading: true)
                + "allocations/profile".padded(21, leading: true) + "min–max µs".padded(16, leading: true))
        for (index, piece) in pieces.enumerated() {
            let time: Double = median(times[index])
            let perProfile: String = allocations[index].map { fixed(Double($0) / Double(count), 1) } ?? "not counted"
            let spread: String = "\(fixed(times[index].min()!, 1))–\(fixed(times[index].max()!, 1))"
            var line = piece.name.padded(nameWidth)
            line += fixed(time, 1).padded(12, leading: true) + fixed(time / floor, 2).padded(9, leading: true)
            line += perProfile.padded(21, leading: true) + spread.padded(16, leading: true)
            print(line)
        }
        print("")
        print(
            "output: \(grouped(results[5] / max(1, count))) bytes of JSON per profile with the seed pack, "
                + "\(grouped(results[6] / max(1, count))) with every pack")
        print(
            "allocations: "
                + (allocations[0] == nil
                    ? "not counted in this build (counted on Linux with glibc, without a sanitizer)"
                    : "calls to malloc, calloc, realloc and the aligned allocators on this thread, "
                        + "in the first pass of each piece"))
        if mismatches.isEmpty {
            print("checks: every profile loaded; every round gave each piece's first result")
        } else {
            print("checks: a round gave another result in \(Set(mismatches).sorted().joined(separator: ", "))")
            exit(1)
        }
    }
}
