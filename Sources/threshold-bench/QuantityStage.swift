// --quantities: nanoseconds per QuantityParser.parse(utf8:…) over the spellings profiles use, each
// result checked against the exact value it means.

import ThresholdKit
import ThresholdPlatform

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
        QuantitySample(
            text, .money, expected: .money(ExactDecimal(digits: digits, exponent: exponent)!, currency: "USD"))
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

        print(
            "threshold-bench --quantities: \(samples.count) spelling\(samples.count == 1 ? "" : "s"), "
                + "\(grouped(options.parses)) parses each per round, "
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
                if let expected = sample.expected, exponents != expected.value.exponent &* options.parses {
                    mismatches += 1
                }
            }
        }
        print("")
        print("spelling".padded(34) + "ns/parse".padded(10, leading: true) + "min–max".padded(16, leading: true))
        for (index, sample) in samples.enumerated() {
            print(
                sample.text.padded(34) + fixed(median(times[index]), 1).padded(10, leading: true)
                    + "\(fixed(times[index].min()!, 1))–\(fixed(times[index].max()!, 1))".padded(16, leading: true))
        }
        let perRound = (0..<options.runs).map { run in times.reduce(0) { $0 + $1[run] } / Double(samples.count) }
        print("mean over the spellings".padded(34) + fixed(median(perRound), 1).padded(10, leading: true))
        print("")
        if options.spelling == nil {
            print("checks: every spelling parsed to its exact value; \(mismatches) rounds with a different result")
        } else {
            print("checks: none (a spelling of your own is measured, not checked)")
        }
        if mismatches > 0 { exit(1) }
    }
}
