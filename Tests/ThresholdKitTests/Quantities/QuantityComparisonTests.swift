import Testing

@testable import ThresholdKit

private func q(_ text: String) throws -> Quantity { try QuantityParser.parse(text) }
private func d(_ text: String) throws -> ExactDecimal { try QuantityParser.parseNumber(text) }

@Suite("Quantity comparisons, fact values and exchange rates")
struct QuantityComparisonTests {
    @Test("boundary cases are decided exactly")
    func boundaries() throws {
        let limit = try q("1e25 FLOP").value
        #expect(
            compare(FactValue(exactly: try q("10000000000000000000000001 FLOP").value), .greaterThan, limit) == .met)
        #expect(
            compare(FactValue(exactly: try q("1e25 FLOP").value), .greaterThan, try q("10^25 FLOP").value) == .notMet)
        #expect(compare(FactValue(exactly: try q("1e25 FLOP").value), .atLeast, try q("10^25 FLOP").value) == .met)
        #expect(compare(FactValue(exactly: try q("1e25 FLOP").value), .atMost, limit) == .met)
        #expect(compare(FactValue(exactly: try q("1e25 FLOP").value), .lessThan, limit) == .notMet)
        #expect(compare(FactValue(exactly: try q("115741 PF-days").value), .greaterThan, limit) == .met)
        #expect(compare(FactValue(exactly: try q("115740 PF-days").value), .greaterThan, limit) == .notMet)
        #expect(
            compare(FactValue(exactly: try q("500000001 USD").value), .greaterThan, try q("500M USD").value) == .met)
        #expect(
            compare(FactValue(exactly: try q("500000000 USD").value), .greaterThan, try q("500M USD").value) == .notMet)
        #expect(try q("0.5B USD") == q("500M USD"))
        #expect(try q("0.5B USD").hashValue == q("$500M").hashValue)
        #expect(
            compare(
                FactValue(exactly: try d("1e40")), .greaterThan, try d("9.999999999999999999999999999999999999999e39"))
                == .met)
        #expect(compare(FactValue(exactly: try d("1e-10")), .greaterThan, try d("0.99999999999e-10")) == .met)
        #expect(compare(FactValue(exactly: try d("1e-10")), .lessThan, try d("1.00000000001e-10")) == .met)
        #expect(compare(nil, .greaterThan, limit) == .indeterminate)
    }

    @Test("an interval straddling the limit is indeterminate", arguments: Comparison.allCases)
    func intervals(_ comparison: Comparison) throws {
        let fact = try FactValue(estimate: d("3.2e25"), low: d("2.1e25"), high: d("4.8e25"), confidence: "rough")
        let below = try d("1e25"), inside = try d("3e25"), above = try d("1e26")
        let atLow = try d("2.1e25"), atHigh = try d("4.8e25")
        switch comparison {
        case .greaterThan:
            #expect(compare(fact, comparison, below) == .met)
            #expect(compare(fact, comparison, atLow) == .indeterminate)
            #expect(compare(fact, comparison, atHigh) == .notMet)
        case .atLeast:
            #expect(compare(fact, comparison, atLow) == .met)
            #expect(compare(fact, comparison, atHigh) == .indeterminate)
            #expect(compare(fact, comparison, above) == .notMet)
        case .lessThan:
            #expect(compare(fact, comparison, above) == .met)
            #expect(compare(fact, comparison, atHigh) == .indeterminate)
            #expect(compare(fact, comparison, atLow) == .notMet)
        case .atMost:
            #expect(compare(fact, comparison, atHigh) == .met)
            #expect(compare(fact, comparison, atLow) == .indeterminate)
            #expect(compare(fact, comparison, below) == .notMet)
        }
        #expect(compare(fact, comparison, inside) == .indeterminate)
        #expect(compare(nil, comparison, inside) == .indeterminate)
        #expect(Comparison(rawValue: comparison.rawValue) == comparison)
    }

    @Test("fact values validate their interval")
    func validation() throws {
        #expect(throws: FactValueError.self) { try FactValue(estimate: d("3"), low: d("4")) }
        #expect(throws: FactValueError.self) { try FactValue(estimate: d("3"), high: d("2")) }
        let point = try FactValue(estimate: d("3"))
        #expect(point.isExact)
        #expect(point == FactValue(exactly: try d("3")))
        #expect(
            try FactValue(estimate: d("3.2e25"), low: d("2.1e25"), high: d("4.8e25")).description
                == "3.2e25 (2.1e25 to 4.8e25)")
        #expect(try FactValue(estimate: d("3.2e25")).margin(over: d("1e25")) == d("3.2"))
        #expect(try FactValue(estimate: d("3.2e25")).margin(over: d("0")) == nil)
    }

    @Test("derived compute: 6·N·D and the hardware estimate, exact and described")
    func derivations() throws {
        let trained = FactValue.sixND(parameters: try d("405e9"), tokens: try d("15.6e12"))
        #expect(trained.estimate == (try d("3.7908e25")))
        #expect(
            trained.derivation?.description
                == "6 × parameters (4.05e11) × tokens (1.56e13) = 3.7908e25 FLOP (dense-transformer rule of thumb)")
        let small = FactValue.sixND(parameters: try d("4.05e11"), tokens: try d("1.56e13"))
        #expect(small.estimate == trained.estimate)

        let seconds = Derivation.seconds(hours: try d("2000"))
        #expect(seconds == (try d("7200000")))
        #expect(Derivation.seconds(days: try d("1.5")) == (try d("129600")))
        let hardware = try FactValue.hardware(
            chips: d("16384"), peakPerChip: q("989e12 FLOP/s"), seconds: seconds,
            utilization: d("0.4"))
        // 16384 × 9.89e14 × 7.2e6 × 0.4 = 4.666687488e25
        #expect(hardware.estimate == (try d("4.666687488e25")))
        #expect(
            hardware.derivation?.description
                == "chips (16384) × peak per chip (9.89e14 FLOP/s) × time (7.2e6 s) × utilization (0.4) "
                + "= 4.666687488e25 FLOP (hardware estimate)")
        let bare = try FactValue.hardware(
            chips: d("1"), peakPerChip: q("1e15"), seconds: d("86400"), utilization: d("1"))
        #expect(bare.estimate == (try q("1 PF-day").value))
        #expect(throws: FactValueError.self) {
            try FactValue.hardware(chips: d("1"), peakPerChip: q("1e15 FLOP"), seconds: d("1"), utilization: d("0.5"))
        }
        #expect(throws: FactValueError.self) {
            try FactValue.hardware(chips: d("1"), peakPerChip: q("1e15 FLOP/s"), seconds: d("1"), utilization: d("1.5"))
        }
        #expect(throws: FactValueError.self) {
            try FactValue.hardware(
                chips: d("-1"), peakPerChip: q("1e15 FLOP/s"), seconds: d("1"), utilization: d("0.5"))
        }
    }

    @Test("disagreeing estimates combine into the interval spanning them")
    func combining() throws {
        let a = FactValue.sixND(parameters: try d("405e9"), tokens: try d("15.6e12"))
        let b = try FactValue(estimate: d("3.1e25"), low: d("2.9e25"), high: d("3.3e25"))
        let combined = try #require(FactValue.combining([a, b]))
        #expect(combined.low == (try d("2.9e25")))
        #expect(combined.high == (try d("3.7908e25")))
        // No input states a value between the two: the span has no point estimate.
        #expect(combined.estimate == nil)
        #expect(combined.description == "2.9e25 to 3.7908e25")
        // Estimates that agree keep their shared point.
        let same = try #require(
            FactValue.combining([
                try FactValue(estimate: d("3e25")), try FactValue(estimate: d("3e25"), low: d("2e25"), high: d("4e25")),
            ]))
        #expect(same.estimate == (try d("3e25")))
        #expect(
            combined.derivation?.description.hasPrefix("the span of 2 estimates: 3.7908e25 [6 × parameters") == true)
        #expect(compare(combined, .greaterThan, try d("1e25")) == .met)
        #expect(compare(combined, .greaterThan, try d("3e25")) == .indeterminate)
        #expect(FactValue.combining([]) == nil)
        #expect(FactValue.combining([b]) == b)
    }

    @Test("an exchange rate describes itself")
    func exchangeRateDescription() throws {
        #expect(
            ExchangeRate(from: "EUR", to: "USD", rate: try d("1.08"), date: "2025-12-31").description
                == "1 EUR = 1.08 USD (2025-12-31)")
    }
}
