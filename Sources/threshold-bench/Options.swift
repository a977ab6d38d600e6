// The benchmark's command line: how many profiles, rounds, jobs, the seed and the stages to run.

import ThresholdKit
import ThresholdPlatform

struct BenchOptions {
    var profiles = 20_000
    var runs = 5
    var jobs = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    var seed: UInt64 = 0x5448_5245_5348_4F4C  // "THRESHOL"
    var pool = 2_000
    /// Print this profile of the corpus and exit.
    var show: Int?
    /// Print a digest of the JSON lines of the pool, on three dates, and exit.
    var digest = false
    /// Let the jobs of stage 4 share one rule book instead of each using a detached copy.
    var sharedBook = false
    /// Run the quantity-parsing stage instead of the audit stages.
    var quantities = false
    /// Parses of each spelling per round of the quantity stage.
    var parses = 100_000
    /// The one spelling the quantity stage measures instead of its fixed set.
    var spelling: String?

    static let usage = """
        usage: threshold-bench [--profiles N] [--runs R] [--jobs J] [--seed S] [--pool P]
               threshold-bench --quantities [--parses N] [--runs R] [--spelling TEXT]
          --profiles N  files audited per stage and run (default 20000)
          --runs R      rounds; the table shows medians (default 5)
          --jobs J      threads for the parallel stage (default: online CPUs)
          --seed S      PRNG seed of the synthetic corpus
          --pool P      distinct profiles generated and cycled through (default 2000)
          --show I      print profile I of the corpus and exit
          --digest      print a hash of the pool's JSON lines on three dates and exit (to check
                        that an optimisation changes no output)
          --shared-book  stage 4's jobs share one RuleBook instead of each using its own
                        detached() copy, as threshold audit's workers do (shows what reference
                        counting on a shared book costs across cores)
          --quantities  measure quantity parsing instead: ns per parse of each of a fixed set
                        of spellings, each result checked to be exact, and exit
          --parses N    parses of each spelling per round of --quantities (default 100000)
          --spelling T  with --quantities, measure the text T instead of the fixed set
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
                "--digest": \.digest, "--shared-book": \.sharedBook, "--quantities": \.quantities,
            ]
            if let flag = flags[name] {
                options[keyPath: flag] = true
                i += 1
                continue
            }
            guard
                ["--profiles", "--runs", "--jobs", "--seed", "--pool", "--show", "--parses", "--spelling"].contains(
                    name)
            else {
                fail("unknown option '\(name)'")
            }
            if value == nil {
                i += 1
                guard i < arguments.count else { fail("\(name) needs a value") }
                value = arguments[i]
            }
            if name == "--spelling" {
                options.spelling = value
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
        return options
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}
