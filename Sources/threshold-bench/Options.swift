// The benchmark's command line: how many profiles, rounds, jobs, the seed, where the corpus goes,
// and the mode (the table, --digest, --memory-only, --quantities, --pieces).

import ThresholdKit
import ThresholdPlatform

struct BenchOptions {
    var profiles = 20_000
    var runs = 5
    var jobs = 2
    var seed: UInt64 = 0x5448_5245_5348_4F4C  // "THRESHOL"
    var pool = 2_000
    /// The directory the corpus is written to (and kept in), instead of a temporary one.
    var corpusDirectory: String?
    /// Keep the temporary directory of the corpus at exit.
    var keep = false
    /// Print this profile of the corpus and exit.
    var show: Int?
    /// Print a digest of what the audit writes over the pool, on three dates, and exit.
    var digest = false
    /// Run the audit stage once (every pack, J jobs) and print the peak resident memory.
    var memoryOnly = false
    /// Run the quantity-parsing stage instead of the audit stages.
    var quantities = false
    /// Parses of each spelling per round of the quantity stage.
    var parses = 100_000
    /// The one spelling the quantity stage measures instead of its fixed set.
    var spelling: String?
    /// Run each piece of the audit on its own over the pool in memory instead of the audit stages.
    var pieces = false

    static let usage = """
        usage: threshold-bench [--profiles N] [--runs R] [--jobs J] [--seed S] [--pool P]
                               [--corpus-dir DIR] [--keep]
               threshold-bench --digest [--profiles N] [--pool P] [--seed S]
               threshold-bench --memory-only [--profiles N] [--jobs J]
               threshold-bench --quantities [--parses N] [--runs R] [--spelling TEXT]
               threshold-bench --pieces [--pool P] [--runs R] [--seed S]
          --profiles N     files in the corpus (default 20000)
          --runs R         rounds; the table shows medians (default 5)
          --jobs J         threads of the parallel audit stage (default 2)
          --seed S         PRNG seed of the synthetic corpus
          --pool P         distinct profiles generated and cycled through (default 2000)
          --corpus-dir DIR  write the corpus in DIR/labs and keep it there (a later run with the
                           same --profiles, --pool and --seed reuses it) instead of in a temporary
                           directory removed at exit
          --keep           keep the temporary directory of the corpus (its path is printed)
          --show I         print profile I of the corpus and exit
          --digest         print a hash of what `threshold audit labs --format jsonl` prints over
                           the pool (min(N, P) files) on three dates, and exit (to check that an
                           optimisation changes no output)
          --memory-only    run the audit (every pack, J jobs) once and print the peak resident
                           memory, to compare sizes in separate processes
          --quantities     measure quantity parsing instead: ns per parse of each of a fixed set
                           of spellings, each result checked to be exact, and exit
          --parses N       parses of each spelling per round of --quantities (default 100000)
          --spelling T     with --quantities, measure the text T instead of the fixed set
          --pieces         measure each piece of the audit on its own over the pool, held in
                           memory (libyaml's event loop, the YAML tree, decoding, evaluating and
                           rendering): µs and allocations per profile, and exit
        """

    static func parse(_ arguments: [String]) -> BenchOptions {
        var options = BenchOptions()
        var i = 0
        func fail(_ message: String) -> Never {
            printError("threshold-bench: \(message)\n\(usage)\n")
            exit(2)
        }
        while i < arguments.count {
            var name = arguments[i]
            var value: String?
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if name == "-h" || name == "--help" {
                print(usage)
                exit(0)
            }
            let flags: [String: WritableKeyPath<BenchOptions, Bool>] = [
                "--digest": \.digest, "--memory-only": \.memoryOnly, "--quantities": \.quantities, "--keep": \.keep,
                "--pieces": \.pieces,
            ]
            if let flag = flags[name] {
                options[keyPath: flag] = true
                i += 1
                continue
            }
            let numeric = ["--profiles", "--runs", "--jobs", "--seed", "--pool", "--show", "--parses"]
            guard numeric.contains(name) || name == "--spelling" || name == "--corpus-dir" else {
                fail("unknown option '\(name)'")
            }
            if value == nil {
                i += 1
                guard i < arguments.count else { fail("\(name) needs a value") }
                value = arguments[i]
            }
            if name == "--spelling" || name == "--corpus-dir" {
                guard let text = value, !text.isEmpty || name == "--spelling" else { fail("\(name) needs a value") }
                if name == "--spelling" { options.spelling = text } else { options.corpusDirectory = text }
                i += 1
                continue
            }
            guard let text = value, let number = UInt64(text.replacingUnderscores()),
                number >= 1 || name == "--seed" || name == "--show"
            else {
                fail("\(name) takes a positive integer, not '\(value ?? "")'")
            }
            switch name {
            case "--profiles": options.profiles = Int(clamping: number)
            case "--runs": options.runs = Int(clamping: number)
            case "--jobs": options.jobs = Int(clamping: number)
            case "--seed": options.seed = number
            case "--show": options.show = Int(clamping: number)
            case "--parses": options.parses = Int(clamping: number)
            default: options.pool = Int(clamping: number)
            }
            i += 1
        }
        if [options.digest, options.memoryOnly, options.quantities, options.pieces].filter({ $0 }).count > 1 {
            fail("--digest, --memory-only, --quantities and --pieces are separate runs: name one")
        }
        return options
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}
