// threshold-bench — how fast `threshold audit` reads and audits lab profiles, against libyaml's floor.
//
//     swift run -c release threshold-bench [--profiles N] [--runs R] [--jobs J] [--seed S] [--pool P]
//                                          [--corpus-dir DIR] [--keep]
//     swift run -c release threshold-bench --digest [--profiles N] [--pool P]
//     swift run -c release threshold-bench --memory-only [--profiles N] [--jobs J]
//     swift run -c release threshold-bench --quantities [--parses N] [--runs R] [--spelling TEXT]
//     swift run -c release threshold-bench --pieces [--pool P] [--runs R] [--seed S]
//
// The corpus is synthetic and deterministic: a pool of P distinct lab profiles generated from a
// seeded PRNG (every compute and money spelling the format allows, anchors, merge keys, comments,
// missing facts, assessments), cycled through to make N files on disk, as the CLI reads them:
// DIR/labs/lab-00000.yaml …, the first P written and the others hard links to them, in a temporary
// directory removed at exit (unless --keep), or in --corpus-dir DIR, kept and reused. Every stage
// runs with DIR as the working directory and starts from the directory `labs`, so that the paths
// in the output are the same wherever the corpus is.
//
// Each round runs the stages one after the other, all in this one process (so that drift in the
// machine's speed hits every stage alike); the table gives the median over R rounds of the wall and
// CPU time of each, and its ratio to the floor measured in the same run:
//   1. floor  — the walk (FileWalker, as the audit walks), then every file read with the platform's
//               FileReader and run through libyaml's bare event loop (YAMLParser.countEvents),
//               building nothing, on one thread;
//   2. tree   — a diagnostic line under the table: the same, with the YAML layer's arena tree
//               (YAMLParser.parseDocument) in place of the event loop;
//   3. audit -j 1 --pack frontier-ai-proposal-2026 — `threshold audit labs --format jsonl` with the
//               seed pack alone, through the calls Sources/threshold/Audit.swift's run() makes
//               (AuditStage in Stages.swift): the built-in book loaded and narrowed by
//               RuleBook.selecting as --pack narrows it, ReportTargets and ReportFiles, the walk,
//               ReportContext, AuditSession, Auditor, the library's DescriptorOutput (64 KiB blocks,
//               as on a pipe) on /dev/null, its finish, and the commit;
//   4. audit -j 1 — the same with every built-in pack;
//   5. audit -j J — the same on J threads (the Auditor's workers, each with its own rule book);
//   6. two audits -j 1 at once — a diagnostic line under the table (with J > 1): stage 4 run twice
//               at the same time, on two threads that share nothing but the process, each with its
//               rule book, session and output. Twice the work of stage 4 in the time it takes is
//               what the cores give two jobs: the ceiling of stage 5's speed-up (two CPUs of a
//               shared virtual machine may give less than twice one).
// The bytes and write calls of each audit's output are counted by the kernel (/proc/self/io), and
// must be the same in every round, and for 1 job and J. A line under the table sets the issue's
// targets against the medians, in µs a profile above the floor: what 1.5× and 2.5× the floor
// leave for the work above libyaml, what the seed pack's and every pack's audits take, and what
// the YAML tree alone takes.
//
// --digest prints FNV-1a 64 of what the audit stage (every built-in pack, J jobs) writes over the
// pool (min(N, P) files) on 2024-06-01, 2026-07-01 and 2027-06-01, one output after the other:
// exactly the bytes `threshold audit labs --format jsonl --as-of DATE` prints, each verdict's JSON
// line with its line feed. It changes when, and only when, the output does.
//
// --memory-only runs stage 5 once and prints the peak resident memory (VmHWM), so that sizes can be
// compared in separate processes (`--profiles 200000 --memory-only`).
//
// --quantities runs one more stage on its own (it is not part of the table above, whose output it
// leaves unchanged): QuantityParser.parse(utf8:expecting:defaultCurrency:) on a fixed set of the
// spellings profiles use, each parsed N times per round, as the profile loader parses a fact
// straight from the YAML scalar's bytes. It gives nanoseconds per parse (median over R rounds) and
// checks that every result is exactly the value the spelling means. --spelling measures one text
// of your own instead (its result is not checked); with a small --parses, a run under
// `valgrind --tool=callgrind` or `--tool=memcheck` gives instructions and allocations per parse.
//
// --pieces runs each piece of an audit on its own, on one thread, over the pool (P distinct
// profiles) held in memory, so that no walk or read is timed (Pieces.swift): libyaml's event loop
// (the floor of this table), the YAML tree, decoding (the tree and the LabProfile), evaluating with
// the seed pack and with every pack, and rendering each verdict's JSON line with either. What a
// piece makes is freed at once, as the audit frees it. It prints µs per profile (median over R
// rounds), the ratio to the floor, and the allocations per profile: calls to malloc, calloc,
// realloc and the aligned allocators on the thread, counted by the C target CAllocationCount, which
// defines those functions in this executable (on Linux with glibc; not under a sanitizer, whose
// allocator is its own).

import ThresholdKit
import ThresholdPlatform

// MARK: - Main

enum Bench {
    /// The pack of stage 3.
    static let seedPack = "frontier-ai-proposal-2026"

    static func run() {
        let options = BenchOptions.parse(Array(CommandLine.arguments.dropFirst()))
        if let index = options.show {
            print(ProfileGenerator(seed: options.seed).profile(index), terminator: "")
            return
        }
        if options.quantities {
            QuantityStage.run(options)
            return
        }
        if options.pieces {
            Pieces.run(options)
            return
        }
        // A temporary corpus is removed at exit, and when a signal ends the run.
        atexit { CorpusDirectory.removeTemporary() }
        InterruptCleanup.install(before: { CorpusDirectory.removeTemporary() })
        if options.digest {
            Digest.run(options)
            return
        }

        let asOf = CalendarDate(year: 2026, month: 7, day: 1)!
        let loadStart = now()
        let packs: Int
        do {
            packs = try RuleBook.builtIn(tests: false).packs.count
        } catch {
            fail("the built-in rule packs do not load: \(error)")
        }
        let loadTime = now() - loadStart
        let corpusStart = now()
        let corpus = CorpusDirectory(options: options, profiles: options.profiles)
        let corpusTime = now() - corpusStart
        guard chdir(corpus.path) == 0 else { fail("cannot change to \(corpus.path): \(systemError())") }
        let devNull = open("/dev/null", O_WRONLY | O_CLOEXEC)
        guard devNull >= 0 else { fail("cannot open /dev/null: \(systemError())") }

        print(
            "threshold-bench: \(grouped(corpus.profiles)) profiles (a pool of \(grouped(corpus.pool)) distinct, "
                + "cycled), \(fixed(Double(corpus.totalBytes) / 1e6, 1)) MB, mean "
                + "\(corpus.totalBytes / corpus.profiles) bytes/file; "
                + (options.memoryOnly ? "one audit" : "\(options.runs) runs")
                + ", \(options.jobs) jobs, seed \(options.seed), as of \(asOf)")
        print("corpus: \(corpus.provenance) in \(fixed(corpusTime, 2)) s; audited as `labs`")
        if options.keep && corpus.isTemporary { print("corpus kept in \(corpus.path) (--keep)") }
        print("machine: \(sysconf(Int32(_SC_NPROCESSORS_ONLN))) CPUs online, \(cpuModel())")
        print(
            "built-in packs: \(packs), loaded in \(fixed(loadTime * 1000, 1)) ms (every audit pass loads them, as "
                + "threshold audit does); output to /dev/null")

        let everyPack = AuditStage(jobs: options.jobs)
        if options.memoryOnly {
            let before = procStatus("VmHWM")
            let wall = now(), cpu = cpuNow()
            let pass = everyPack.pass(corpus.root, asOf: asOf, descriptor: devNull)
            let time = now() - wall, cpuTime = cpuNow() - cpu
            print(
                "audit -j \(options.jobs): \(fixed(time, 3)) s (CPU \(fixed(cpuTime, 3)) s), "
                    + "\(grouped(Int((Double(pass.items) / time).rounded()))) profiles/s, "
                    + "\(pass.outputBytes.map { "\(grouped($0)) bytes written" } ?? "output not counted"), "
                    + "\(pass.failures) invalid")
            print(
                "peak resident memory (VmHWM): \(peakMemory()); the peak before the audit: "
                    + "\(before.map { "\(grouped($0)) kB" } ?? "unavailable")")
            if pass.failures > 0 || pass.items != corpus.profiles { exit(1) }
            return
        }

        let root = corpus.root
        func audit(_ stage: AuditStage) -> Stage {
            let packs = stage.packs.map { " --pack \($0)" }.joined()
            return Stage(role: .audit(stage), name: "audit -j \(stage.jobs)\(packs)") {
                stage.pass(root, asOf: asOf, descriptor: devNull)
            }
        }
        var stages = [
            Stage(role: .floor, name: "floor (libyaml event loop)") { floorPass(root) },
            Stage(role: .tree, name: "YAML tree (parseDocument)") { treePass(root) },
            audit(AuditStage(packs: [seedPack], jobs: 1)), audit(AuditStage(jobs: 1)),
        ]
        if options.jobs != 1 {
            stages.append(audit(everyPack))
            let one = AuditStage(jobs: 1)
            stages.append(
                Stage(role: .pair(one), name: "two audits -j 1 at once") {
                    pairPass(one, root: root, asOf: asOf, descriptor: devNull)
                })
        }
        let rounds = Rounds.time(stages, runs: options.runs)
        rounds.printTable(options: options, corpus: corpus)
        if !rounds.passed(profiles: corpus.profiles) { exit(1) }
    }
}

Bench.run()
