import Testing

@testable import ThresholdKit

/// One accepted spelling and exactly what it must read as.
struct QuantitySpelling: Sendable, CustomTestStringConvertible {
    let text: String
    let coefficient: UInt64
    let exponent: Int
    var negative = false
    var dimension: QuantityDimension = .dimensionless
    var currency: String? = nil
    var unitText: String? = nil

    var expected: ExactDecimal {
        let magnitude = ExactDecimal(coefficient, exponent: exponent)
        return negative ? magnitude.negated : magnitude
    }

    var testDescription: String { "“\(text)”" }
}

private func number(_ text: String, _ c: UInt64, _ e: Int, negative: Bool = false) -> QuantitySpelling {
    QuantitySpelling(text: text, coefficient: c, exponent: e, negative: negative)
}

private func unit(
    _ text: String, _ c: UInt64, _ e: Int, _ d: QuantityDimension, _ unit: String?, currency: String? = nil
) -> QuantitySpelling {
    QuantitySpelling(text: text, coefficient: c, exponent: e, dimension: d, currency: currency, unitText: unit)
}

private func money(_ text: String, _ c: UInt64, _ e: Int, _ currency: String, _ unit: String) -> QuantitySpelling {
    QuantitySpelling(text: text, coefficient: c, exponent: e, dimension: .money, currency: currency, unitText: unit)
}

@Suite("Quantity parsing: accepted spellings")
struct QuantityParsingTests {
    static let numbers: [QuantitySpelling] = [
        number("1e25", 1, 25),
        number("1E25", 1, 25),
        number("1.2E+25", 12, 24),
        number("1.2e-3", 12, -4),
        number("3.2e25", 32, 24),
        number("10^25", 1, 25),
        number("10^+25", 1, 25),
        number("10^-3", 1, -3),
        number("10**25", 1, 25),
        number("10**-3", 1, -3),
        number("10²⁵", 1, 25),
        number("10⁻³", 1, -3),
        number("10⁰", 1, 0),
        number("10¹⁴⁶⁷", 1, 1467),
        number("3 × 10^25", 3, 25),
        number("3×10^25", 3, 25),
        number("3x10^25", 3, 25),
        number("3 x 10^25", 3, 25),
        number("3 X 10^25", 3, 25),
        number("3*10^25", 3, 25),
        number("3 * 10**25", 3, 25),
        number("3·10^25", 3, 25),
        number("3 ⋅ 10^25", 3, 25),
        number("3 × 10²⁵", 3, 25),
        number("1.5 × 10^-3", 15, -4),
        number("500_000_000", 5, 8),
        number("1_000.000_1", 10_000_001, -4),
        number("500M", 5, 8),
        number("500 M", 5, 8),
        number("1.5B", 15, 8),
        number("1.5bn", 15, 8),
        number("1.5 bn", 15, 8),
        number("2T", 2, 12),
        number("3k", 3, 3),
        number("3K", 3, 3),
        number("500 million", 5, 8),
        number("1.4 billion", 14, 8),
        number("1.4 Billion", 14, 8),
        number("2 trillion", 2, 12),
        number("3 thousand", 3, 3),
        number("+5", 5, 0),
        number(".5", 5, -1),
        number("5.", 5, 0),
        number("0", 0, 0),
        number("0.0", 0, 0),
        number("-0", 0, 0),
        number("007", 7, 0),
        number("0.000000001", 1, -9),
        number("1e-10", 1, -10),
        number("1e40", 1, 40),
        number("1e10000", 1, 10_000),
        number("1e-10000", 1, -10_000),
        number("620000000", 62, 7),
        number("  42  ", 42, 0),
        number("\t42\n", 42, 0),
        number("18446744073709551615", 18_446_744_073_709_551_615, 0),
        number("9999999999999999999", 9_999_999_999_999_999_999, 0),
        number("100000000000000000000000000", 1, 26),
        number("1.0000000000000000000000000", 1, 0),
        number("-5", 5, 0, negative: true),
        number("−5", 5, 0, negative: true),
        number("-1.5e-3", 15, -4, negative: true),
        number("1e3M", 1, 9),
        number("3\u{202F}×\u{202F}10^25", 3, 25),
        number("500\u{00A0}million", 5, 8),
        number("1\u{2009}×\u{2009}10⁻⁹", 1, -9),
        number("0.000_001", 1, -6),
    ]

    @Test("numbers parse exactly", arguments: numbers)
    func numbersParseExactly(_ spelling: QuantitySpelling) throws {
        let value = try QuantityParser.parseNumber(spelling.text)
        #expect(value == spelling.expected)
        #expect(value.hashValue == spelling.expected.hashValue)
    }

    static let quantities: [QuantitySpelling] = [
        unit("3.2e25 FLOP", 32, 24, .operations, "FLOP"),
        unit("3.2e25FLOP", 32, 24, .operations, "FLOP"),
        unit("  3.2e25   FLOP  ", 32, 24, .operations, "FLOP"),
        unit("2e24 FLOPs", 2, 24, .operations, "FLOPs"),
        unit("1e25 flop", 1, 25, .operations, "flop"),
        unit("1e25 operations", 1, 25, .operations, "operations"),
        unit("1e25 ops", 1, 25, .operations, "ops"),
        unit("10^26 operations", 1, 26, .operations, "operations"),
        unit("3 × 10^25 FLOP", 3, 25, .operations, "FLOP"),
        unit("10²⁵ FLOP", 1, 25, .operations, "FLOP"),
        unit("1 PFLOP/s-day", 864, 17, .operations, "PFLOP/s-day"),
        unit("115741 PF-days", 100_000_224, 17, .operations, "PF-days"),
        unit("2 pfs-days", 1728, 17, .operations, "pfs-days"),
        unit("1.2e20 FLOP/s", 12, 19, .operationsPerSecond, "FLOP/s"),
        unit("989e12 FLOP/s", 989, 12, .operationsPerSecond, "FLOP/s"),
        unit("989 TFLOP/s", 989, 12, .operationsPerSecond, "TFLOP/s"),
        unit("1 EFLOP/s", 1, 18, .operationsPerSecond, "EFLOP/s"),
        unit("10^20 operations per second", 1, 20, .operationsPerSecond, "operations per second"),
        unit("5 op/s", 5, 0, .operationsPerSecond, "op/s"),
        unit("400 Gbit/s", 4, 11, .bandwidth, "Gbit/s"),
        unit("1.6 Tbps", 16, 11, .bandwidth, "Tbps"),
        unit("900 GB/s", 72, 11, .bandwidth, "GB/s"),
        unit("10 bit/s", 1, 1, .bandwidth, "bit/s"),
        money("620M USD", 62, 7, "USD", "USD"),
        money("2.1B USD", 21, 8, "USD", "USD"),
        money("$400M", 4, 8, "USD", "$"),
        money("$ 400M", 4, 8, "USD", "$"),
        money("400M $", 4, 8, "USD", "$"),
        money("$400M USD", 4, 8, "USD", "USD"),
        money("US$ 1.2B", 12, 8, "USD", "US$"),
        money("US$1.2B", 12, 8, "USD", "US$"),
        money("USD 1.2B", 12, 8, "USD", "USD"),
        money("€500M", 5, 8, "EUR", "€"),
        money("500M €", 5, 8, "EUR", "€"),
        money("500 million EUR", 5, 8, "EUR", "EUR"),
        money("5EUR", 5, 0, "EUR", "EUR"),
        money("£1B", 1, 9, "GBP", "£"),
        money("₩1T", 1, 12, "KRW", "₩"),
        money("¥3B", 3, 9, "JPY", "¥"),
        money("CN¥3B", 3, 9, "CNY", "CN¥"),
        money("3B CNY", 3, 9, "CNY", "CNY"),
        money("1e9 CHF", 1, 9, "CHF", "CHF"),
    ]

    @Test("quantities parse exactly, with their unit", arguments: quantities)
    func quantitiesParseExactly(_ spelling: QuantitySpelling) throws {
        let quantity = try QuantityParser.parse(spelling.text)
        #expect(quantity.value == spelling.expected)
        #expect(quantity.dimension == spelling.dimension)
        #expect(quantity.currency == spelling.currency)
        #expect(quantity.unitText == spelling.unitText)
    }

    @Test("a quoted quantity reads like the plain one; Substring and UTF-8 entries agree")
    func entryPointsAgree() throws {
        let text = "xx3.2e25 FLOPyy"
        let inner = text.dropFirst(2).dropLast(2)
        let fromSubstring = try QuantityParser.parse(inner)
        let fromString = try QuantityParser.parse("3.2e25 FLOP")
        let bytes = Array("3.2e25 FLOP".utf8)
        let fromBytes = try bytes.withUnsafeBufferPointer { buffer throws(QuantityError) in
            try QuantityParser.parse(utf8: buffer)
        }
        #expect(fromSubstring == fromString)
        #expect(fromBytes == fromString)
        #expect(fromString.description == "3.2e25 FLOP")
        #expect(try QuantityParser.parseNumber(inner.dropLast(5)) == ExactDecimal(32, exponent: 24))
        #expect(ExactDecimal("1.5bn") == ExactDecimal(15, exponent: 8))
        #expect(ExactDecimal("nonsense") == nil)
    }

    @Test("negative values: parseNumber and allowNegative accept them")
    func negativeValues() throws {
        #expect(try QuantityParser.parseNumber("-3.2e25") == ExactDecimal(32, exponent: 24).negated)
        let q = try QuantityParser.parse("-$5", allowNegative: true)
        #expect(q.value == ExactDecimal(5).negated)
        #expect(q.currency == "USD")
        #expect(throws: QuantityError.self) { try q.requireNonNegative() }
        #expect(throws: Never.self) { try Quantity.money(.one, currency: "USD").requireNonNegative() }
    }

    @Test("expected dimensions: bare numbers take the default unit")
    func expectedDimensions() throws {
        let compute = try QuantityParser.parse("3.2e25", expecting: .operations)
        #expect(compute == .operations(ExactDecimal(32, exponent: 24)))
        let revenue = try QuantityParser.parse("620M", expecting: .money, defaultCurrency: "USD")
        #expect(revenue == .money(ExactDecimal(62, exponent: 7), currency: "USD"))
        let euros = try QuantityParser.parse("620M", expecting: .money, defaultCurrency: "EUR")
        #expect(euros.currency == "EUR")
        #expect(euros.unitText == nil)
        let given = try QuantityParser.parse("620M EUR", expecting: .money, defaultCurrency: "USD")
        #expect(given.currency == "EUR")
        let bare = try QuantityParser.parse("0.4")
        #expect(bare.dimension == .dimensionless)
        #expect(bare.withDefaultUnit(.operations) == .operations(ExactDecimal(4, exponent: -1)))
        #expect(bare.withDefaultUnit(.money, currency: "USD").currency == "USD")
        let rate = try QuantityParser.parse("1 FLOP/s")
        #expect(rate.withDefaultUnit(.operations) == rate)
    }
}

/// One refused text: the kind of error, a substring of its message and its offset.
struct QuantityRefusal: Sendable, CustomTestStringConvertible {
    let text: String
    let kind: QuantityError.Kind
    let message: String
    let offset: Int
    var suggestion: String? = nil
    var expecting: QuantityDimension? = nil

    var testDescription: String { "“\(text)”" }
}

@Suite("Quantity parsing: refusals")
struct QuantityRefusalTests {
    static let refusals: [QuantityRefusal] = [
        QuantityRefusal(
            text: "1,000,000", kind: .comma,
            message:
                "commas are not accepted in numbers (a decimal mark in much of the world); write 1000000, 1_000_000 "
                + "or 1e6",
            offset: 1, suggestion: "1000000"),
        QuantityRefusal(text: "2,500,000 USD", kind: .comma, message: "write 2500000, 2_500_000 or 2.5e6", offset: 1),
        QuantityRefusal(text: "$1,200", kind: .comma, message: "write 1200, 1_200 or 1.2e3", offset: 2),
        QuantityRefusal(
            text: "1,5", kind: .comma, message: "write 1.5 if the comma is a decimal mark", offset: 1, suggestion: "1.5"
        ),
        QuantityRefusal(text: "", kind: .empty, message: "empty", offset: 0),
        QuantityRefusal(text: "   ", kind: .empty, message: "empty", offset: 0),
        QuantityRefusal(text: "5 5", kind: .trailingText, message: "unexpected '5' after the number", offset: 2),
        QuantityRefusal(text: "5 ,", kind: .trailingText, message: "unexpected ','", offset: 2),
        QuantityRefusal(
            text: "1e25 FLOP extra", kind: .trailingText, message: "unexpected text after the unit 'FLOP'", offset: 10),
        QuantityRefusal(text: "500M USD (2025)", kind: .trailingText, message: "after the unit 'USD'", offset: 9),
        QuantityRefusal(text: "1e", kind: .missingExponent, message: "exponent's digits", offset: 2),
        QuantityRefusal(text: "1e+", kind: .missingExponent, message: "exponent's digits", offset: 3),
        QuantityRefusal(text: "1e FLOP", kind: .missingExponent, message: "exponent's digits", offset: 2),
        QuantityRefusal(
            text: "10^", kind: .missingExponent, message: "'^' must be followed by the exponent's digits", offset: 3),
        QuantityRefusal(text: "10**", kind: .missingExponent, message: "'**' must be followed", offset: 4),
        QuantityRefusal(text: "10⁻", kind: .missingExponent, message: "superscript digits", offset: 3),
        QuantityRefusal(text: "1.2.3", kind: .malformedNumber, message: "at most one decimal point", offset: 3),
        QuantityRefusal(text: "1..2", kind: .malformedNumber, message: "at most one decimal point", offset: 2),
        QuantityRefusal(text: "1__000", kind: .malformedNumber, message: "underscore", offset: 1),
        QuantityRefusal(text: "_1", kind: .malformedNumber, message: "underscore", offset: 0),
        QuantityRefusal(text: "1_", kind: .malformedNumber, message: "underscore", offset: 1),
        QuantityRefusal(text: ".", kind: .malformedNumber, message: "expected a number", offset: 0),
        QuantityRefusal(text: "FLOP", kind: .malformedNumber, message: "expected a number", offset: 0),
        QuantityRefusal(text: "$", kind: .malformedNumber, message: "expected a number", offset: 1),
        QuantityRefusal(text: "3 × 5", kind: .malformedNumber, message: "expected a power of ten after '×'", offset: 4),
        QuantityRefusal(text: "3**25", kind: .malformedNumber, message: "expected a power of ten", offset: 2),
        QuantityRefusal(text: "3 × 10", kind: .malformedNumber, message: "expected a power of ten", offset: 4),
        QuantityRefusal(
            text: "1e25 FLOPz", kind: .unknownUnit, message: "unknown unit 'FLOPz'; did you mean 'FLOP'?", offset: 5,
            suggestion: "FLOP"),
        QuantityRefusal(text: "1e25 FLOPz", kind: .unknownUnit, message: "Accepted units: FLOP", offset: 5),
        QuantityRefusal(
            text: "400 Gbits/s", kind: .unknownUnit, message: "did you mean 'Gbit/s'?", offset: 4,
            suggestion: "Gbit/s"),
        QuantityRefusal(
            text: "5 usd", kind: .unknownUnit, message: "did you mean 'USD'?", offset: 2, suggestion: "USD"),
        QuantityRefusal(
            text: "5 parsecs", kind: .unknownUnit, message: "unknown unit 'parsecs'. Accepted units:", offset: 2),
        QuantityRefusal(text: "10²⁵ FLOPz", kind: .unknownUnit, message: "did you mean 'FLOP'", offset: 5),
        QuantityRefusal(
            text: "1e25 FLOPS", kind: .ambiguousUnit,
            message: "write 'FLOP' for a count of operations or 'FLOP/s' for a rate", offset: 5, suggestion: "FLOP"),
        QuantityRefusal(text: "1e25 flops", kind: .ambiguousUnit, message: "write 'FLOP' for a count", offset: 5),
        QuantityRefusal(
            text: "989 TFLOPS", kind: .ambiguousUnit,
            message: "write 'TFLOP' for a count of operations or 'TFLOP/s' for a rate",
            offset: 4),
        QuantityRefusal(text: "500m", kind: .ambiguousUnit, message: "milli or million", offset: 3, suggestion: "M"),
        QuantityRefusal(text: "2b", kind: .ambiguousUnit, message: "bit or billion", offset: 1),
        QuantityRefusal(text: ".inf", kind: .notFinite, message: "not a finite amount", offset: 0),
        QuantityRefusal(text: ".nan", kind: .notFinite, message: "not a finite amount", offset: 0),
        QuantityRefusal(text: "inf", kind: .notFinite, message: "not a finite amount", offset: 0),
        QuantityRefusal(text: "NaN", kind: .notFinite, message: "not a finite amount", offset: 0),
        QuantityRefusal(text: "-.inf", kind: .notFinite, message: "not a finite amount", offset: 0),
        QuantityRefusal(text: "+Infinity FLOP", kind: .notFinite, message: "not a finite amount", offset: 0),
        QuantityRefusal(text: "$inf", kind: .notFinite, message: "not a finite amount", offset: 1),
        QuantityRefusal(text: "∞", kind: .notFinite, message: "not a finite amount", offset: 0),
        QuantityRefusal(text: "1e999999999", kind: .exponentOutOfRange, message: "out of range", offset: 2),
        QuantityRefusal(text: "1e-10001", kind: .exponentOutOfRange, message: "out of range", offset: 3),
        QuantityRefusal(
            text: "10^99999999999999999999999", kind: .exponentOutOfRange, message: "out of range", offset: 3),
        QuantityRefusal(text: "10⁹⁹⁹⁹⁹", kind: .exponentOutOfRange, message: "out of range", offset: 2),
        QuantityRefusal(
            text: "1" + String(repeating: "0", count: 1000), kind: .tooManyDigits,
            message: "at most 1000 significant digits",
            offset: 0),
        QuantityRefusal(text: "-5 FLOP", kind: .negative, message: "negative amount", offset: 0, suggestion: "5"),
        QuantityRefusal(text: "$-5", kind: .negative, message: "negative amount", offset: 1),
        QuantityRefusal(text: "$5 FLOP", kind: .conflictingUnits, message: "cannot go with the unit 'FLOP'", offset: 3),
        QuantityRefusal(
            text: "$5 EUR", kind: .conflictingUnits, message: "'EUR' contradicts the currency sign '$'", offset: 3),
        QuantityRefusal(
            text: "5 XYZ", kind: .unknownCurrency, message: "'XYZ' is not an ISO 4217 currency code", offset: 2),
        QuantityRefusal(
            text: "1e25 FLOP/s", kind: .wrongDimension,
            message: "expected a count of operations (FLOP), found 'FLOP/s', a rate of operations (FLOP/s)", offset: 5,
            expecting: .operations),
        QuantityRefusal(
            text: "400 Gbit/s", kind: .wrongDimension, message: "found 'Gbit/s', a bandwidth (bit/s)", offset: 4,
            expecting: .operationsPerSecond),
        QuantityRefusal(
            text: "$5", kind: .wrongDimension, message: "expected a count of operations", offset: 0,
            expecting: .operations),
        QuantityRefusal(
            text: "5 FLOP", kind: .wrongDimension, message: "expected a plain number, found the unit 'FLOP'", offset: 2,
            expecting: .dimensionless),
        QuantityRefusal(
            text: "500M", kind: .missingCurrency, message: "needs a currency", offset: 4, expecting: .money),
    ]

    @Test("refusals carry a message, a suggestion and the offset", arguments: refusals)
    func refused(_ refusal: QuantityRefusal) {
        do {
            let quantity = try QuantityParser.parse(refusal.text, expecting: refusal.expecting)
            Issue.record("“\(refusal.text)” was accepted as \(quantity)")
        } catch {
            #expect(error.kind == refusal.kind, "\(error.message)")
            #expect(error.message.contains(refusal.message), "\(error.message)")
            #expect(error.offset == refusal.offset, "\(error.message)")
            if let suggestion = refusal.suggestion { #expect(error.suggestion == suggestion) }
            #expect(error.description == error.message)
        }
    }

    @Test("offsets count characters, not bytes")
    func offsetsAreScalars() {
        do {
            _ = try QuantityParser.parse("€1,000")
            Issue.record("accepted")
        } catch {
            #expect(error.offset == 2)
            #expect(error.utf8Offset == 4)
        }
    }

    @Test("parseNumber refuses units but accepts negatives")
    func parseNumberRefusesUnits() {
        #expect(throws: QuantityError.self) { try QuantityParser.parseNumber("5 FLOP") }
        #expect(throws: QuantityError.self) { try QuantityParser.parseNumber("$5") }
        #expect(throws: Never.self) { try QuantityParser.parseNumber("-5") }
    }
}

/// One unit spelling and its exact factor to the base unit.
struct QuantityUnitCase: Sendable, CustomTestStringConvertible {
    let unit: String
    let dimension: QuantityDimension
    let factor: String  // exact, as canonical text
    var currency: String? = nil
    var testDescription: String { unit }
}

@Suite("Quantity units")
struct QuantityUnitTests {
    static let units: [QuantityUnitCase] =
        [
            QuantityUnitCase(unit: "FLOP", dimension: .operations, factor: "1"),
            QuantityUnitCase(unit: "FLOPs", dimension: .operations, factor: "1"),
            QuantityUnitCase(unit: "flop", dimension: .operations, factor: "1"),
            QuantityUnitCase(unit: "operations", dimension: .operations, factor: "1"),
            QuantityUnitCase(unit: "ops", dimension: .operations, factor: "1"),
            QuantityUnitCase(unit: "PFLOP", dimension: .operations, factor: "1000000000000000"),
            QuantityUnitCase(unit: "PFLOP/s-day", dimension: .operations, factor: "86400000000000000000"),
            QuantityUnitCase(unit: "PFLOP/s-days", dimension: .operations, factor: "8.64e19"),
            QuantityUnitCase(unit: "petaflop/s-day", dimension: .operations, factor: "8.64e19"),
            QuantityUnitCase(unit: "petaflop/s-days", dimension: .operations, factor: "8.64e19"),
            QuantityUnitCase(unit: "PF-day", dimension: .operations, factor: "8.64e19"),
            QuantityUnitCase(unit: "PF-days", dimension: .operations, factor: "8.64e19"),
            QuantityUnitCase(unit: "pfs-day", dimension: .operations, factor: "8.64e19"),
            QuantityUnitCase(unit: "pfs-days", dimension: .operations, factor: "8.64e19"),
            QuantityUnitCase(unit: "FLOP/s", dimension: .operationsPerSecond, factor: "1"),
            QuantityUnitCase(unit: "op/s", dimension: .operationsPerSecond, factor: "1"),
            QuantityUnitCase(unit: "operations per second", dimension: .operationsPerSecond, factor: "1"),
            QuantityUnitCase(unit: "kFLOP/s", dimension: .operationsPerSecond, factor: "1e3"),
            QuantityUnitCase(unit: "MFLOP/s", dimension: .operationsPerSecond, factor: "1e6"),
            QuantityUnitCase(unit: "GFLOP/s", dimension: .operationsPerSecond, factor: "1e9"),
            QuantityUnitCase(unit: "TFLOP/s", dimension: .operationsPerSecond, factor: "1e12"),
            QuantityUnitCase(unit: "PFLOP/s", dimension: .operationsPerSecond, factor: "1e15"),
            QuantityUnitCase(unit: "EFLOP/s", dimension: .operationsPerSecond, factor: "1e18"),
            QuantityUnitCase(unit: "bit/s", dimension: .bandwidth, factor: "1"),
            QuantityUnitCase(unit: "Mbit/s", dimension: .bandwidth, factor: "1e6"),
            QuantityUnitCase(unit: "Gbit/s", dimension: .bandwidth, factor: "1e9"),
            QuantityUnitCase(unit: "Tbit/s", dimension: .bandwidth, factor: "1e12"),
            QuantityUnitCase(unit: "Gbps", dimension: .bandwidth, factor: "1e9"),
            QuantityUnitCase(unit: "Tbps", dimension: .bandwidth, factor: "1e12"),
            QuantityUnitCase(unit: "GB/s", dimension: .bandwidth, factor: "8e9"),
            QuantityUnitCase(unit: "USD", dimension: .money, factor: "1", currency: "USD"),
            QuantityUnitCase(unit: "$", dimension: .money, factor: "1", currency: "USD"),
            QuantityUnitCase(unit: "US$", dimension: .money, factor: "1", currency: "USD"),
            QuantityUnitCase(unit: "€", dimension: .money, factor: "1", currency: "EUR"),
            QuantityUnitCase(unit: "£", dimension: .money, factor: "1", currency: "GBP"),
            QuantityUnitCase(unit: "₩", dimension: .money, factor: "1", currency: "KRW"),
            QuantityUnitCase(unit: "¥", dimension: .money, factor: "1", currency: "JPY"),
            QuantityUnitCase(unit: "CN¥", dimension: .money, factor: "1", currency: "CNY"),
        ]
        + [
            "EUR", "GBP", "JPY", "CNY", "KRW", "CAD", "AUD", "CHF", "INR", "SGD", "HKD", "SEK", "NOK", "DKK", "ILS",
            "AED",
            "SAR", "BRL", "MXN", "ZAR", "NZD", "TWD", "PLN",
        ].map { QuantityUnitCase(unit: $0, dimension: .money, factor: "1", currency: $0) }

    @Test("each unit converts to its base unit exactly", arguments: units)
    func unitFactor(_ unit: QuantityUnitCase) throws {
        let quantity = try QuantityParser.parse("1 \(unit.unit)")
        #expect(quantity.dimension == unit.dimension)
        #expect(quantity.value == ExactDecimal(unit.factor))
        #expect(quantity.currency == unit.currency)
        #expect(quantity.unitText == unit.unit)
        let scaled = try QuantityParser.parse("2.5e3 \(unit.unit)")
        #expect(scaled.value == quantity.value * ExactDecimal(25, exponent: 2))
    }

    @Test("every table spelling parses; the ISO table is sorted and unique")
    func tableIsConsistent() throws {
        for unit in UnitTable.units {
            let quantity = try QuantityParser.parse("7 \(unit.name)")
            #expect(quantity.dimension == unit.dimension, "\(unit.name)")
            #expect(quantity.value == ExactDecimal(7) * unit.scale, "\(unit.name)")
        }
        let codes = UnitTable.isoCurrencyCodes.withUTF8Buffer { buffer in
            stride(from: 0, to: buffer.count, by: 3).map {
                String(decoding: UnsafeBufferPointer(rebasing: buffer[$0..<($0 + 3)]), as: UTF8.self)
            }
        }
        #expect(codes.count > 150)
        #expect(codes == codes.sorted())
        #expect(Set(codes).count == codes.count)
        for code in codes { #expect(UnitTable.isCurrencyCode(code), "\(code)") }
        for code in ["XAU", "XXX", "ABC", "usd", "US"] { #expect(!UnitTable.isCurrencyCode(code), "\(code)") }
    }

    @Test("dimensions keep counts, rates, money and bandwidth apart")
    func dimensionsAreDistinct() throws {
        let count = try QuantityParser.parse("1e20 FLOP")
        let rate = try QuantityParser.parse("1e20 FLOP/s")
        let revenue = try QuantityParser.parse("1e20 USD")
        let euros = try QuantityParser.parse("1e20 EUR")
        #expect(count.value == rate.value)
        #expect(count != rate)
        #expect(!count.isComparable(with: rate))
        #expect(!revenue.isComparable(with: euros))
        #expect(revenue.isComparable(with: try QuantityParser.parse("$5")))
        #expect(QuantityDimension.operations.baseUnit == "FLOP")
        #expect(QuantityDimension.operationsPerSecond.baseUnit == "FLOP/s")
        #expect(QuantityDimension.bandwidth.baseUnit == "bit/s")
        #expect(revenue.unitSymbol == "USD")
        #expect(rate.description == "100000000000000000000 FLOP/s")
    }
}
