// threshold-bench — how fast Threshold reads and audits lab profiles, against libyaml's floor.
//
//     swift run -c release threshold-bench [--profiles N] [--runs R] [--jobs J] [--seed S] [--pool P]
//     swift run -c release threshold-bench --quantities [--parses N] [--runs R] [--spelling TEXT]
//
// The corpus is synthetic and deterministic: a pool of distinct lab profiles generated from a seeded
// PRNG (every compute and money spelling the format allows, anchors, merge keys, comments, missing
// facts, assessments), cycled through to make N files. Memory therefore does not depend on N: no
// more than the pool is ever held, and every job renders its JSON lines into one reused buffer.
//
// Each round runs the four stages one after the other (so that drift in the machine's speed hits
// all stages alike); the table gives the median over R rounds.
//   1. floor  — libyaml's bare event loop (YAMLParser.countEvents), builds nothing;
//   2. tree   — the YAML layer's arena tree (YAMLParser.parseDocument);
//   3. audit  — LabProfile(bytes:path:options:) + RuleBook.evaluate against every built-in pack +
//               Verdict.appendJSONLine(to:) into a reused buffer in memory, on one thread;
//   4. audit ×J — the same, the corpus split across J threads (the main thread and J − 1 POSIX
//               threads it starts, which inherit its scheduling priority), each with its own
//               RuleBook.detached() copy as `threshold audit`'s workers have (--shared-book: one).
//
// --quantities runs one more stage on its own (it is not part of the table above, whose output it
// leaves unchanged): QuantityParser.parse(utf8:expecting:defaultCurrency:) on a fixed set of the
// spellings profiles use, each parsed N times per round, as the profile loader parses a fact
// straight from the YAML scalar's bytes. It gives nanoseconds per parse (median over R rounds) and
// checks that every result is exactly the value the spelling means. --spelling measures one text
// of your own instead (its result is not checked); with a small --parses, a run under
// `valgrind --tool=callgrind` or `--tool=memcheck` gives instructions and allocations per parse.

import ThresholdKit
import ThresholdPlatform
import ThresholdYAML

// MARK: - Main

enum Bench {
    static func run() {
        let options = BenchOptions.parse(Array(CommandLine.arguments.dropFirst()))
        let asOf = CalendarDate(year: 2026, month: 7, day: 1)!
        if let index = options.show {
            print(ProfileGenerator(seed: options.seed).profile(index), terminator: "")
            return
        }
        if options.quantities {
            QuantityStage.run(options)
            return
        }

        let loadStart = now()
        let book: RuleBook
        do {
            book = try RuleBook.builtIn()
        } catch {
            printError("threshold-bench: the built-in rule packs do not load: \(error)\n")
            exit(1)
        }
        let loadTime = now() - loadStart
        let auditor = AuditJob(book: book, asOf: asOf, options: .default)
        if options.digest {
            let corpus = Corpus(options: options)
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            var bytes = 0
            let dates = [
                CalendarDate(year: 2024, month: 6, day: 1)!, asOf, CalendarDate(year: 2027, month: 6, day: 1)!,
            ]
            for date in dates {
                for slot in 0..<corpus.files.count {
                    var line: String
                    do {
                        let profile = try LabProfile(bytes: corpus.files[slot], path: corpus.paths[slot])
                        line = book.evaluate(profile, asOf: date).jsonLine()
                    } catch {
                        line = "error: \(error)"
                    }
                    line.withUTF8 { utf8 in
                        for byte in utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
                        bytes += utf8.count
                    }
                }
            }
            print(
                "digest: \(String(hash, radix: 16)) (\(corpus.files.count) profiles × \(dates.count) dates, \(bytes) "
                    + "bytes of JSON)"
            )
            return
        }

        let generateStart = now()
        let corpus = Corpus(options: options)
        let generateTime = now() - generateStart
        let totalBytes = corpus.totalBytes

        // Warm-up, and a check that every profile of the pool loads: a benchmark of error paths
        // would measure something else.
        var failed: [(Int, String)] = []
        for slot in 0..<corpus.files.count {
            do {
                _ = try LabProfile(bytes: corpus.files[slot], path: corpus.paths[slot])
            } catch {
                failed.append((slot, "\(error)"))
            }
        }
        if let (slot, message) = failed.first {
            printError(
                "threshold-bench: generated profile \(slot) does not load (\(failed.count) of \(corpus.files.count) "
                    + "fail):\n\(message)\n---\n\(String(decoding: corpus.files[slot], as: UTF8.self))\n"
            )
            exit(1)
        }

        print(
            "threshold-bench: \(grouped(options.profiles)) profiles (a pool of \(grouped(corpus.files.count)) "
                + "distinct, cycled), "
                + "\(fixed(Double(totalBytes) / 1e6, 1)) MB, mean \(totalBytes / max(1, options.profiles)) bytes/file; "
                + "\(options.runs) runs, \(options.jobs) jobs, seed \(options.seed), as of \(asOf)")
        print("machine: \(sysconf(Int32(_SC_NPROCESSORS_ONLN))) CPUs online, \(cpuModel())")
        print(
            "built-in packs: \(book.packs.count), loaded in \(fixed(loadTime * 1000, 1)) ms; corpus generated in "
                + "\(fixed(generateTime * 1000, 0)) ms"
        )

        // Each job of stage 4 uses its own detached copy of the rule book, as the workers of
        // `threshold audit` do, unless --shared-book has them share the one.
        let jobAuditors =
            options.sharedBook
            ? [auditor]
            : (0..<options.jobs).map { _ in AuditJob(book: book.detached(), asOf: asOf, options: .default) }
        let rounds = Rounds.time(corpus, auditor: auditor, jobAuditors: jobAuditors, options: options)
        Rounds.printTable(rounds, options: options, totalBytes: totalBytes)
        if rounds.failures > 0 || rounds.outputBytes.count != 1 { exit(1) }
    }
}

Bench.run()
