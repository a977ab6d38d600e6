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
import ThresholdYAML
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Options

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
            guard ["--profiles", "--runs", "--jobs", "--seed", "--pool", "--show", "--parses", "--spelling"].contains(name) else {
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
            guard let text = value, let number = UInt64(text.replacingUnderscores()), number >= 1 || name == "--seed" || name == "--show" else {
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

// MARK: - Deterministic randomness

/// SplitMix64: tiny, fast, and the same on every platform.
struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `range` (the tiny modulo bias is irrelevant here).
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }

    /// `count` distinct items, in their original order.
    mutating func subset<T>(_ items: [T], count: Int) -> [T] {
        var indices = Array(items.indices)
        for i in stride(from: indices.count - 1, to: 0, by: -1) { indices.swapAt(i, int(0...i)) }
        return indices.prefix(count).sorted().map { items[$0] }
    }
}

// MARK: - Synthetic lab profiles

/// Writes one lab profile in YAML. Profile `index` depends only on the seed and the index.
struct ProfileGenerator {
    let seed: UInt64

    private static let labWords = ["Helios", "Aurora", "Cobalt", "Meridian", "Zenith", "Northwind", "Kestrel", "Pebble",
                                   "Quiet River", "Atlas", "Cistron", "Lumen", "Vanta", "Orchid", "Basalt", "Tern",
                                   "Halcyon", "Juniper", "Obsidian", "Sable"]
    private static let labSuffixes = ["AI Labs", "Systems", "Intelligence", "Research", "AI", "Labs Inc.", "Technologies", "Bio"]
    private static let jurisdictions = ["US-CA", "US-NY", "EU", "US", "UK"]
    private static let modalities = ["text", "image", "audio", "video", "code"]
    private static let statuses = ["deployed", "deployed", "deployed", "internal", "in-training", "withdrawn"]
    private static let obligations = ["cybersecurity-assessment", "biological-weapons-assessment", "loss-of-control-assessment",
                                      "automated-ai-rnd-assessment", "frontier-transparency-report", "frontier-ai-framework",
                                      "critical-safety-incident-reporting", "safety-incident-reporting", "safety-and-security-protocol",
                                      "commerce-reporting", "systemic-risk-notification"]
    private static let assessors = ["Example Assurance LLP", "Red Team Partners", "Independent Evaluations GmbH", "internal red team",
                                    "Northbridge Audit", "\"Smith & Wesson Evals, Ltd.\""]
    private static let superscripts = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]

    /// The text of profile `index`.
    func profile(_ index: Int) -> String {
        var rng = SplitMix64(seed: seed ^ (UInt64(index) &* 0xD1B5_4A32_D192_ED03))
        _ = rng.next()
        var out = ""
        out.reserveCapacity(2048)
        var anchors = 0
        func anchor() -> String {
            anchors += 1
            return "a\(anchors)"
        }

        let lab = rng.pick(Self.labWords)
        let slug = lab.lowercased().replacingOccurrences(" ", "-")
        let name = "\(lab) \(rng.pick(Self.labSuffixes)) \(index)"
        out += "# \(name) — synthetic profile \(index) (threshold-bench)\n"
        if rng.chance(0.2) { out += "---\n" }

        // Organization and money.
        out += "organization:\n"
        out += "  name: \(rng.chance(0.2) ? "\"\(name)\"" : name)\n"
        let places = rng.subset(Self.jurisdictions, count: rng.int(1...3))
        if rng.chance(0.7) {
            out += "  jurisdictions: [\(places.joined(separator: ", "))]\n"
        } else {
            out += "  jurisdictions:\n" + places.map { "    - \($0)\n" }.joined()
        }
        if rng.chance(0.85) { out += "  reporting_period: \(rng.int(2023...2026))\(rng.chance(0.3) ? "   # the year the money figures cover" : "")\n" }
        var usesEuro = false
        for key in ["annual_gross_revenue", "ai_revenue", "ai_rnd_spend"] where rng.chance(0.85) {
            let (text, euro) = money(&rng)
            usesEuro = usesEuro || euro
            out += "  \(key): \(text)\n"
        }
        if usesEuro && rng.chance(0.9) {
            let cents = rng.int(1...19)
            let rate = "1.\(cents < 10 ? "0" : "")\(cents)"
            out += "  exchange_rates:\n"
            if rng.chance(0.5) {
                out += "    - {from: EUR, to: USD, rate: \(rate), date: 2025-12-31}\n"
            } else {
                out += "    - from: EUR\n      to: USD\n      rate: \(rate)\n      date: 2025-12-31   # ECB reference rate\n"
            }
        }

        // Models.
        let modelCount = rng.int(1...5)
        var modelNames: [String] = []
        var modalityAnchor: String?
        out += "models:\n"
        for m in 0..<modelCount {
            let modelName = "\(slug)-\(m + 1)\(rng.chance(0.3) ? "-pro" : "")"
            modelNames.append(modelName)
            out += "  - name: \(modelName)\n"
            if rng.chance(0.92) {
                if rng.chance(0.3) { out += "    # \(rng.pick(["Reported by the lab.", "Derived from disclosures.", "Estimate; see the model card."]))\n" }
                out += "    training_compute: \(compute(&rng, indent: "      "))\n"
            }
            if rng.chance(0.7) {
                out += "    fine_tuning_compute: \(rng.chance(0.1) ? "0" : fineTuning(&rng))\n"
            }
            if rng.chance(0.9) {
                if let anchorName = modalityAnchor, rng.chance(0.5) {
                    out += "    modalities: *\(anchorName)\n"
                } else {
                    let chosen = rng.chance(0.05) ? ["protein-sequence"] : rng.subset(Self.modalities, count: rng.int(1...3))
                    if modalityAnchor == nil && rng.chance(0.5) {
                        let a = anchor()
                        modalityAnchor = a
                        out += "    modalities: &\(a) [\(chosen.joined(separator: ", "))]\n"
                    } else {
                        out += "    modalities: [\(chosen.joined(separator: ", "))]\n"
                    }
                }
            }
            if rng.chance(0.8) { out += "    primary_data: \(rng.chance(0.08) ? "biological-sequence" : "general")\n" }
            if rng.chance(0.85) { out += "    status: \(rng.pick(Self.statuses))\n" }
            if rng.chance(0.8) { out += "    released: \(date(&rng, years: 2023...2027))\n" }
        }

        // Clusters.
        let clusterCount = rng.chance(0.5) ? rng.int(1...2) : 0
        if clusterCount > 0 {
            out += "clusters:\n"
            for c in 0..<clusterCount {
                // Cluster names need not be unique; now and then two are the same.
                out += "  - name: \(clusterCount == 2 && rng.chance(0.1) ? "east-1" : "\(rng.pick(["east", "west", "north", "south"]))-\(c + 1)")\n"
                if rng.chance(0.9) {
                    let mantissa = rng.int(10...99), exponent = rng.int(18...20)
                    out += "    peak_capacity: \(rng.chance(0.5) ? "\(decimal(mantissa))e\(exponent) FLOP/s" : "\(mantissa * 10) PFLOP/s")\n"
                }
                if rng.chance(0.8) { out += "    interconnect: \(rng.pick(["400 Gbit/s", "800 Gbit/s", "3.2 Tbit/s", "1.6 Tbit/s"]))\n" }
                if rng.chance(0.8) { out += "    co_located: \(rng.chance(0.7) ? "true" : "false")\n" }
            }
        }

        // Assessments: block mappings, flow mappings, and an anchored record merged into others.
        let assessmentCount = rng.chance(0.6) ? rng.int(1...5) : 0
        if assessmentCount > 0 {
            out += "assessments:\n"
            let obligations = rng.subset(Self.obligations, count: assessmentCount)
            var base: String?
            for obligation in obligations {
                let model = rng.chance(0.8) ? rng.pick(modelNames) : nil
                let completed = date(&rng, years: 2024...2027)
                let outcome = rng.chance(0.1) ? "high-risk" : "acceptable"
                let assessor = rng.pick(Self.assessors)
                let independent = rng.chance(0.8) ? "true" : "false"
                if let base, rng.chance(0.6) {
                    out += "  - {<<: *\(base), obligation: \(obligation)}\n"
                    continue
                }
                switch rng.int(0...2) {
                case 0:
                    var fields = ["obligation: \(obligation)"]
                    if let model { fields.append("model: \(model)") }
                    fields += ["assessor: \(assessor)", "independent: \(independent)", "completed: \(completed)", "outcome: \(outcome)"]
                    out += "  - {\(fields.joined(separator: ", "))}\n"
                default:
                    let a = base == nil && model != nil && rng.chance(0.6) ? anchor() : nil
                    if let a {
                        base = a
                        out += "  - &\(a)\n    obligation: \(obligation)\n"
                    } else {
                        out += "  - obligation: \(obligation)\n"
                    }
                    if rng.chance(0.15) { out += "    pack: \(rng.pick(["us-ca-sb53", "frontier-ai-proposal-2026", "us-ny-raise"]))\n" }
                    if let model { out += "    model: \(model)\n" }
                    out += "    assessor: \(assessor)\n    independent: \(independent)\n    completed: \(completed)\n    outcome: \(outcome)\n"
                }
            }
        }
        return out
    }

    /// "3.2" for 32, "3" for 30: a two-digit mantissa as d.d.
    private func decimal(_ mantissa: Int) -> String {
        mantissa % 10 == 0 ? "\(mantissa / 10)" : "\(mantissa / 10).\(mantissa % 10)"
    }

    private func superscript(_ n: Int) -> String { String(n).map { Self.superscripts[Int(String($0))!] }.joined() }

    /// `digits` followed by `zeros` zeros, grouped by underscores in threes.
    private func underscored(_ digits: Int, zeros: Int) -> String {
        let plain = String(digits) + String(repeating: "0", count: zeros)
        var out = ""
        for (i, c) in plain.enumerated() {
            if i > 0 && (plain.count - i) % 3 == 0 { out += "_" }
            out.append(c)
        }
        return out
    }

    private func quoted(_ text: String, _ rng: inout SplitMix64) -> String {
        switch rng.int(0...5) {
        case 0: return "\"\(text)\""
        case 1: return "'\(text)'"
        default: return text
        }
    }

    /// A training compute between 1e22 and 1e27 FLOP, in one of the format's spellings.
    private func compute(_ rng: inout SplitMix64, indent: String) -> String {
        // The value is mantissa/10 × 10^exponent: 1.0e22 … 9.9e26, or exactly 1e27.
        var mantissa = rng.chance(0.15) ? 10 : rng.int(10...99)
        var exponent = rng.int(22...26)
        if rng.chance(0.02) { mantissa = 10; exponent = 27 }
        let m = decimal(mantissa)
        let flop = rng.chance(0.7) ? " FLOP" : ""
        switch rng.int(0...13) {
        case 0: return "\(m)e\(exponent)"
        case 1, 2: return "\(m)e\(exponent) FLOP"
        case 3: return "\(m)E+\(exponent)\(flop)"
        case 4: return mantissa == 10 ? quoted("10^\(exponent)\(flop)", &rng) : quoted("\(m) × 10^\(exponent)\(flop)", &rng)
        case 5: return mantissa == 10 ? "10\(superscript(exponent))\(flop)" : quoted("\(m) × 10\(superscript(exponent))\(flop)", &rng)
        case 6: return quoted("\(m)\(rng.pick([" × ", "x", " * ", "·"]))10^\(exponent)\(flop)", &rng)
        case 7:
            // Petaflop/s-days: 1 PF-day = 8.64e19 FLOP.
            let pfDays = Double(mantissa) / 10 * pow(10, Double(exponent)) / 8.64e19
            return "\(Int(pfDays.rounded())) \(rng.pick(["PF-days", "PFLOP/s-days", "petaflop/s-days"]))"
        case 8: return "\(underscored(mantissa, zeros: exponent - 1))\(flop)"
        case 9:
            // mantissa/10 × 10^exponent FLOP = mantissa × 10^(exponent - 22) ZFLOP, or × 10^(exponent - 19) EFLOP.
            return exponent % 2 == 0 ? "\(mantissa)\(String(repeating: "0", count: exponent - 22)) ZFLOP"
                                      : "\(mantissa)\(String(repeating: "0", count: exponent - 19)) EFLOP"
        case 10:
            // Uncertain: an estimate between a low and a high end.
            let low = "\(m)e\(exponent - 1)", high = "\(decimal(min(99, mantissa + rng.int(5...40))))e\(exponent)"
            let confidence = rng.chance(0.5) ? ", confidence: \"order-of-magnitude estimate from hardware disclosures\"" : ""
            if rng.chance(0.5) { return "{estimate: \(m)e\(exponent), low: \(low), high: \(high)\(confidence)}" }
            return "\n\(indent)estimate: \(m)e\(exponent) FLOP\n\(indent)low: \(low) FLOP\n\(indent)high: \(high) FLOP"
        case 11:
            // 6 × parameters × tokens.
            let parameters = rng.pick(["7e9", "70B", "405e9", "1.2e12", "34_000_000_000", "180e9"])
            let tokens = rng.pick(["2e12", "15.6e12", "15T", "8e12", "30e12"])
            return rng.chance(0.5) ? "{parameters: \(parameters), tokens: \(tokens)}"
                                   : "\n\(indent)parameters: \(parameters)   # dense transformer\n\(indent)tokens: \(tokens)"
        case 12:
            // chips × peak per chip × time × utilization.
            let chips = rng.pick(["16384", "4096", "24_576", "100000", "2048"])
            let peak = rng.pick(["989e12 FLOP/s", "312 TFLOP/s", "2.25e15 FLOP/s", "1979 TFLOP/s"])
            let time = rng.chance(0.5) ? "hours: \(rng.int(200...5000))" : "days: \(rng.int(10...120))"
            let utilization = "0.\(rng.int(25...60))"
            return rng.chance(0.5) ? "{chips: \(chips), peak_per_chip: \(peak), \(time), utilization: \(utilization)}"
                                   : "\n\(indent)chips: \(chips)\n\(indent)peak_per_chip: \(peak)\n\(indent)\(time)\n\(indent)utilization: \(utilization)"
        default:
            // An anchor on a plain figure: nothing refers to it, but it is parsed and recorded.
            return "&tc\(rng.int(0...99)) \(m)e\(exponent) FLOP"
        }
    }

    private func fineTuning(_ rng: inout SplitMix64) -> String {
        let m = decimal(rng.int(10...99)), exponent = rng.int(20...24)
        switch rng.int(0...3) {
        case 0: return "\(m)e\(exponent)"
        case 1: return quoted("\(m) × 10^\(exponent) FLOP", &rng)
        default: return "\(m)e\(exponent) FLOP"
        }
    }

    /// An amount between 1M and 99B, in USD (most spellings) or EUR; whether it is in euros.
    private func money(_ rng: inout SplitMix64) -> (String, Bool) {
        let mantissa = rng.int(10...99), power = rng.int(6...10)  // mantissa/10 × 10^power
        let m = decimal(mantissa)
        let scaled: (String, String) = power >= 9 ? (decimal(mantissa * Int(pow(10, Double(power - 9)))), "B")
                                                  : (decimal(mantissa * Int(pow(10, Double(power - 6)))), "M")
        let comment = rng.chance(0.1) ? "    # with affiliates" : ""
        switch rng.int(0...11) {
        case 0, 1: return ("\(scaled.0)\(scaled.1) USD\(comment)", false)
        case 2: return ("$\(scaled.0)\(scaled.1)\(comment)", false)
        case 3: return ("\(scaled.0) \(scaled.1 == "B" ? "billion" : "million") USD", false)
        case 4: return ("\(scaled.0) \(scaled.1 == "B" ? "billion" : "million")", false)
        case 5: return ("\(scaled.0)\(scaled.1)", false)
        case 6: return ("\(underscored(mantissa, zeros: power - 1)) USD", false)
        case 7: return ("\(underscored(mantissa, zeros: power - 1))", false)
        case 8: return ("\(m)e\(power) USD", false)
        case 9: return ("US$ \(scaled.0)\(scaled.1)", false)
        case 10: return ("\(scaled.0)\(scaled.1) EUR\(comment)", true)
        default: return ("€\(scaled.0)\(scaled.1)", true)
        }
    }

    private func date(_ rng: inout SplitMix64, years: ClosedRange<Int>) -> String {
        let month = rng.int(1...12), day = rng.int(1...28)
        return "\(rng.int(years))-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }
}

extension String {
    fileprivate func replacingOccurrences(_ a: Character, _ b: Character) -> String { String(map { $0 == a ? b : $0 }) }

}

// MARK: - The corpus

/// The pool of distinct profiles; file `i` of the corpus is pool entry `i % count`.
final class Corpus: Sendable {
    let files: [[UInt8]]
    let paths: [String]
    let size: Int

    init(options: BenchOptions) {
        let generator = ProfileGenerator(seed: options.seed)
        let count = min(options.pool, options.profiles)
        files = (0..<count).map { Array(generator.profile($0).utf8) }
        paths = (0..<count).map { "labs/lab-\(String($0 + 100_000).dropFirst()).yaml" }
        size = options.profiles
    }

    /// The bytes of the whole corpus (files cycle through the pool).
    var totalBytes: Int {
        let pool = files.count
        let perCycle = files.reduce(0) { $0 + $1.count }
        let cycles = size / pool, rest = size % pool
        return cycles * perCycle + files[0..<rest].reduce(0) { $0 + $1.count }
    }
}

// MARK: - Stages

/// Where a job's JSON lines go: one buffer, reused; only the byte count survives.
struct LineSink {
    private var buffer: [UInt8] = []
    private(set) var bytes = 0
    private static let capacity = 1 << 20

    init() { buffer.reserveCapacity(Self.capacity) }

    /// Appends the verdict's JSON line, as `threshold audit --format jsonl` writes it.
    mutating func append(_ verdict: Verdict) {
        if buffer.count > Self.capacity - 256 * 1024 { buffer.removeAll(keepingCapacity: true) }
        let before = buffer.count
        verdict.appendJSONLine(to: &buffer)
        bytes += buffer.count - before
    }
}

struct AuditJob: Sendable {
    let book: RuleBook
    let asOf: CalendarDate
    let options: LoadOptions

    /// Audits files `range` of the corpus; returns the bytes of JSON lines written and the number
    /// of profiles that failed to load.
    func audit(_ corpus: Corpus, _ range: Range<Int>) -> (bytes: Int, failures: Int) {
        var sink = LineSink()
        var failures = 0
        let pool = corpus.files.count
        for i in range {
            let slot = i % pool
            do {
                let profile = try LabProfile(bytes: corpus.files[slot], path: corpus.paths[slot], options: options)
                sink.append(book.evaluate(profile, asOf: asOf))
            } catch {
                failures += 1
            }
        }
        return (sink.bytes, failures)
    }
}

func floorPass(_ corpus: Corpus) -> Int {
    var events = 0
    let pool = corpus.files.count
    for i in 0..<corpus.size {
        events += (try? YAMLParser.countEvents(corpus.files[i % pool])) ?? 0
    }
    return events
}

func treePass(_ corpus: Corpus) -> Int {
    var nodes = 0
    let pool = corpus.files.count
    for i in 0..<corpus.size {
        let slot = i % pool
        nodes += (try? YAMLParser.parseDocument(corpus.files[slot], path: corpus.paths[slot]).nodeCount) ?? 0
    }
    return nodes
}

/// Per-job results, written by one thread each.
final class JobResults: @unchecked Sendable {
    var bytes: [Int]
    var failures: [Int]
    init(_ jobs: Int) {
        bytes = Array(repeating: 0, count: jobs)
        failures = Array(repeating: 0, count: jobs)
    }
}

func parallelAudit(_ auditors: [AuditJob], _ corpus: Corpus, jobs: Int) -> (bytes: Int, failures: Int) {
    let results = JobResults(jobs)
    let size = corpus.size
    results.bytes.withUnsafeMutableBufferPointer { bytes in
        results.failures.withUnsafeMutableBufferPointer { failures in
            nonisolated(unsafe) let bytes = bytes, failures = failures
            runJobs(jobs) { job in
                let range = (size * job / jobs)..<(size * (job + 1) / jobs)
                let result = auditors[job % auditors.count].audit(corpus, range)
                bytes[job] = result.bytes
                failures[job] = result.failures
            }
        }
    }
    return (results.bytes.reduce(0, +), results.failures.reduce(0, +))
}

/// The work of one thread.
final class ThreadWork {
    let body: () -> Void
    init(_ body: @escaping () -> Void) { self.body = body }
}

/// Runs `body(0)` … `body(jobs - 1)` at once: job 0 on the calling thread, the others on POSIX
/// threads started for the purpose and joined before returning. (Threads of their own rather than
/// libdispatch's pool, whose workers do not inherit the caller's scheduling priority.)
func runJobs(_ jobs: Int, _ body: @escaping (Int) -> Void) {
    var threads: [pthread_t] = []
    for job in 1..<max(1, jobs) {
        let work = Unmanaged.passRetained(ThreadWork { body(job) }).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(&thread, nil, { context in
            Unmanaged<ThreadWork>.fromOpaque(context!).takeRetainedValue().body()
            return nil
        }, work)
        if status != 0 {
            // No thread: do the job here.
            Unmanaged<ThreadWork>.fromOpaque(work).takeRetainedValue().body()
        } else {
            threads.append(thread)
        }
    }
    body(0)
    for thread in threads { pthread_join(thread, nil) }
}

// MARK: - Quantity parsing

/// A spelling of a fact as profiles write it, and the exact quantity it means.
struct QuantitySample {
    let text: String
    let bytes: [UInt8]
    /// The fact's dimension; nil for a spelling of the user's own, read as written.
    let dimension: QuantityDimension?
    /// Nil for a spelling of the user's own (--spelling), which is measured but not checked.
    let expected: Quantity?

    init(_ text: String, _ dimension: QuantityDimension?, expected: Quantity?) {
        self.text = text
        self.bytes = Array(text.utf8)
        self.dimension = dimension
        self.expected = expected
    }

    /// `digits × 10^exponent` FLOP.
    static func flop(_ text: String, _ digits: String, _ exponent: Int) -> QuantitySample {
        QuantitySample(text, .operations, expected: .operations(ExactDecimal(digits: digits, exponent: exponent)!))
    }

    /// `digits × 10^exponent` US dollars.
    static func usd(_ text: String, _ digits: String, _ exponent: Int) -> QuantitySample {
        QuantitySample(text, .money, expected: .money(ExactDecimal(digits: digits, exponent: exponent)!, currency: "USD"))
    }

    /// The fixed set: compute and money as the example and synthetic profiles write them, from a
    /// bare exponent to a 26-digit count (past the 19 digits a machine word holds).
    static let fixedSet: [QuantitySample] = [
        .flop("1e25", "1", 25),
        .flop("3.2e25 FLOP", "32", 24),
        .flop("10^25 FLOP", "1", 25),
        .flop("3 × 10²⁵ FLOP", "3", 25),
        .flop("115741 PF-days", "100000224", 17),  // 115741 × 8.64e19
        .flop("10000000000000000000000001 FLOP", "10000000000000000000000001", 0),
        .usd("$400M", "4", 8),
        .usd("620M USD", "62", 7),
        .usd("1.4 billion USD", "14", 8),
        .usd("1_500_000_000", "15", 8),
    ]

    /// Parses the text as the profile loader parses a fact: from the scalar's bytes, in the fact's
    /// dimension, bare money in US dollars.
    @inline(__always)
    func parse() throws(QuantityError) -> Quantity {
        try bytes.withUnsafeBufferPointer { bytes throws(QuantityError) in
            try QuantityParser.parse(utf8: bytes, expecting: dimension, defaultCurrency: "USD")
        }
    }
}

enum QuantityStage {
    /// Times `parses` parses of each sample per round, `runs` rounds, and prints nanoseconds per
    /// parse; exits with status 1 when a result is not exactly the expected quantity.
    static func run(_ options: BenchOptions) {
        let samples = options.spelling.map { [QuantitySample($0, nil, expected: nil)] } ?? QuantitySample.fixedSet
        // Every result checked once, and the parse warmed up.
        var wrong = 0
        for sample in samples {
            do {
                let quantity = try sample.parse()
                if let expected = sample.expected, quantity != expected {
                    printError("threshold-bench: '\(sample.text)' parsed to \(quantity), not \(expected)\n")
                    wrong += 1
                }
            } catch {
                printError("threshold-bench: '\(sample.text)' does not parse: \(error)\n")
                wrong += 1
            }
        }
        if wrong > 0 { exit(1) }

        print("threshold-bench --quantities: \(samples.count) spelling\(samples.count == 1 ? "" : "s"), \(grouped(options.parses)) parses each per round, "
              + "\(options.runs) rounds; QuantityParser.parse(utf8:expecting:defaultCurrency:)")
        print("machine: \(sysconf(Int32(_SC_NPROCESSORS_ONLN))) CPUs online, \(cpuModel())")
        // Rounds over all samples, so that drift in the machine's speed hits every sample alike. The
        // exponents of the results are summed, so that no parse can be optimised away, and the sum
        // is checked against the expected one.
        var times = Array(repeating: [Double](), count: samples.count)
        var mismatches = 0
        for _ in 0..<options.runs {
            for (index, sample) in samples.enumerated() {
                var exponents = 0
                let start = now()
                for _ in 0..<options.parses {
                    exponents &+= (try? sample.parse())?.value.exponent ?? 1 << 40
                }
                times[index].append((now() - start) / Double(options.parses) * 1e9)
                if let expected = sample.expected, exponents != expected.value.exponent &* options.parses { mismatches += 1 }
            }
        }
        print("")
        print(pad("spelling", 34) + pad("ns/parse", 10, right: true) + pad("min–max", 16, right: true))
        for (index, sample) in samples.enumerated() {
            print(pad(sample.text, 34) + pad(fixed(median(times[index]), 1), 10, right: true)
                  + pad("\(fixed(times[index].min()!, 1))–\(fixed(times[index].max()!, 1))", 16, right: true))
        }
        let perRound = (0..<options.runs).map { run in times.reduce(0) { $0 + $1[run] } / Double(samples.count) }
        print(pad("mean over the spellings", 34) + pad(fixed(median(perRound), 1), 10, right: true))
        print("")
        if options.spelling == nil {
            print("checks: every spelling parsed to its exact value; \(mismatches) rounds with a different result")
        } else {
            print("checks: none (a spelling of your own is measured, not checked)")
        }
        if mismatches > 0 { exit(1) }
    }
}

// MARK: - Measurement

/// Writes `text` to standard error.
func printError(_ text: String) {
    var text = text
    text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// CPU time used by the process so far, all threads: with the wall time, it shows whether a slow
/// parallel stage did more work (contention) or waited for a core (a busy machine).
func cpuNow() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let n = sorted.count
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
}

/// A line of /proc/self/status in kB (VmHWM: peak resident set size), or nil.
func procStatus(_ field: String) -> Int? {
    guard let file = fopen("/proc/self/status", "r") else { return nil }
    defer { fclose(file) }
    var line = [CChar](repeating: 0, count: 256)
    while fgets(&line, Int32(line.count), file) != nil {
        let text = line.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        if text.hasPrefix(field + ":") {
            return Int(text.dropFirst(field.count + 1).filter { $0.isNumber })
        }
    }
    return nil
}

func cpuModel() -> String {
    guard let file = fopen("/proc/cpuinfo", "r") else { return "unknown" }
    defer { fclose(file) }
    var line = [CChar](repeating: 0, count: 512)
    while fgets(&line, Int32(line.count), file) != nil {
        let text = line.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        if text.hasPrefix("model name"), let colon = text.firstIndex(of: ":") {
            return text[text.index(after: colon)...].trimmingCharacters()
        }
    }
    return "unknown"
}

extension StringProtocol {
    func trimmingCharacters() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\n" || $0 == "\t" }.reversed())
    }
}

func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, width - text.count))
    return right ? fill + text : text + fill
}

func fixed(_ value: Double, _ digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    var text = String(rounded)
    if text.contains("e") { return text }
    if !text.contains(".") { text += "." }
    let decimals = text.count - 1 - text.distance(from: text.startIndex, to: text.firstIndex(of: ".")!)
    if digits == 0 { return String(Int(rounded)) }
    return text + String(repeating: "0", count: max(0, digits - decimals))
}

func grouped(_ n: Int) -> String {
    let digits = String(n)
    var out = ""
    for (i, c) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
        out.append(c)
    }
    return out
}

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
            let dates = [CalendarDate(year: 2024, month: 6, day: 1)!, asOf, CalendarDate(year: 2027, month: 6, day: 1)!]
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
            print("digest: \(String(hash, radix: 16)) (\(corpus.files.count) profiles × \(dates.count) dates, \(bytes) bytes of JSON)")
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
            printError("threshold-bench: generated profile \(slot) does not load (\(failed.count) of \(corpus.files.count) fail):\n\(message)\n---\n\(String(decoding: corpus.files[slot], as: UTF8.self))\n")
            exit(1)
        }

        print("threshold-bench: \(grouped(options.profiles)) profiles (a pool of \(grouped(corpus.files.count)) distinct, cycled), " +
              "\(fixed(Double(totalBytes) / 1e6, 1)) MB, mean \(totalBytes / max(1, options.profiles)) bytes/file; " +
              "\(options.runs) runs, \(options.jobs) jobs, seed \(options.seed), as of \(asOf)")
        print("machine: \(sysconf(Int32(_SC_NPROCESSORS_ONLN))) CPUs online, \(cpuModel())")
        print("built-in packs: \(book.packs.count), loaded in \(fixed(loadTime * 1000, 1)) ms; corpus generated in \(fixed(generateTime * 1000, 0)) ms")

        // Each job of stage 4 uses its own detached copy of the rule book, as the workers of
        // `threshold audit` do, unless --shared-book has them share the one.
        let jobAuditors = options.sharedBook
            ? [auditor]
            : (0..<options.jobs).map { _ in AuditJob(book: book.detached(), asOf: asOf, options: .default) }
        var times: [[Double]] = Array(repeating: [], count: 4)
        var cpuTimes: [[Double]] = Array(repeating: [], count: 4)
        var outputBytes: Set<Int> = []
        var failures = 0
        var events = 0, nodes = 0
        for _ in 0..<options.runs {
            var t = now(), c = cpuNow()
            events = floorPass(corpus)
            times[0].append(now() - t)
            cpuTimes[0].append(cpuNow() - c)

            t = now(); c = cpuNow()
            nodes = treePass(corpus)
            times[1].append(now() - t)
            cpuTimes[1].append(cpuNow() - c)

            t = now(); c = cpuNow()
            let single = auditor.audit(corpus, 0..<corpus.size)
            times[2].append(now() - t)
            cpuTimes[2].append(cpuNow() - c)
            outputBytes.insert(single.bytes)
            failures += single.failures

            t = now(); c = cpuNow()
            let parallel = parallelAudit(jobAuditors, corpus, jobs: options.jobs)
            times[3].append(now() - t)
            cpuTimes[3].append(cpuNow() - c)
            outputBytes.insert(parallel.bytes)
            failures += parallel.failures
        }
        let peak = procStatus("VmHWM")

        let medians = times.map(median)
        let floorTime = medians[0]
        let names = ["1. libyaml event loop (floor)", "2. YAML tree (parseDocument)", "3. full audit, 1 job",
                     "4. full audit, \(options.jobs) jobs\(options.sharedBook ? " (one shared book)" : "")"]
        print("")
        let cpuMedians = cpuTimes.map(median)
        print(pad("stage", 37) + pad("median s", 10, right: true) + pad("files/s", 12, right: true) + pad("MB/s", 9, right: true)
              + pad("× floor", 10, right: true) + pad("CPU s", 9, right: true))
        for (i, name) in names.enumerated() {
            let time = medians[i]
            print(pad(name, 37) + pad(fixed(time, 3), 10, right: true) + pad(grouped(Int((Double(options.profiles) / time).rounded())), 12, right: true)
                  + pad(fixed(Double(totalBytes) / 1e6 / time, 1), 9, right: true) + pad(fixed(time / floorTime, 2), 10, right: true)
                  + pad(fixed(cpuMedians[i], 3), 9, right: true))
        }
        print("")
        print("\(options.jobs)-jobs speedup: \(fixed(medians[2] / medians[3], 2))× (1 job \(fixed(medians[2], 3)) s / \(options.jobs) jobs \(fixed(medians[3], 3)) s); "
              + "CPU time \(options.jobs) jobs / 1 job: \(fixed(cpuMedians[3] / cpuMedians[2], 2))×")
        var load = [CChar](repeating: 0, count: 128)
        if let file = fopen("/proc/loadavg", "r") {
            if fgets(&load, Int32(load.count), file) != nil {
                print("load average after the run (1, 5, 15 min): \(load.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }.split(separator: " ").prefix(3).joined(separator: ", "))")
            }
            fclose(file)
        }
        print("peak resident memory (VmHWM): \(peak.map { "\(grouped($0)) kB (\(fixed(Double($0) / 1024, 1)) MiB)" } ?? "unavailable")")
        let output = outputBytes.count == 1 ? "\(fixed(Double(outputBytes.first!) / 1e6, 1)) MB of JSON lines per pass, identical across stages and runs"
                                            : "JSON output differs between passes: \(outputBytes.sorted())"
        print("checks: \(grouped(events)) events, \(grouped(nodes)) nodes per pass; \(output); \(failures) failures")
        print("min/max per stage (s): " + times.map { "\(fixed($0.min()!, 3))–\(fixed($0.max()!, 3))" }.joined(separator: ", "))
        if failures > 0 || outputBytes.count != 1 { exit(1) }
    }
}

Bench.run()
