import Testing

@testable import ThresholdKit

/// A value built without the parser, and its canonical text.
struct QuantityCanonical: Sendable, CustomTestStringConvertible {
    let digits: String
    let exponent: Int
    var negative = false
    let text: String

    var value: ExactDecimal {
        guard let value = ExactDecimal(digits: digits, exponent: exponent, isNegative: negative) else {
            preconditionFailure("bad test digits \(digits)")
        }
        return value
    }

    var testDescription: String { text }
}

@Suite("ExactDecimal")
struct QuantityDecimalTests {
    static let canonical: [QuantityCanonical] = [
        QuantityCanonical(digits: "62", exponent: 7, text: "620000000"),
        QuantityCanonical(digits: "4", exponent: -1, text: "0.4"),
        QuantityCanonical(digits: "115741", exponent: 0, text: "115741"),
        QuantityCanonical(digits: "32", exponent: 24, text: "3.2e25"),
        QuantityCanonical(digits: "1", exponent: 25, text: "1e25"),
        QuantityCanonical(digits: "10", exponent: 24, text: "1e25"),
        QuantityCanonical(digits: "1", exponent: -7, text: "1e-7"),
        QuantityCanonical(digits: "1", exponent: -6, text: "0.000001"),
        QuantityCanonical(digits: "15", exponent: -7, text: "0.0000015"),
        QuantityCanonical(digits: "1", exponent: 20, text: "100000000000000000000"),
        QuantityCanonical(digits: "1", exponent: 21, text: "1e21"),
        QuantityCanonical(digits: "999999999999999999999", exponent: 0, text: "999999999999999999999"),
        QuantityCanonical(
            digits: "12345678901234567890123456789", exponent: 12, text: "1.2345678901234567890123456789e40"),
        QuantityCanonical(digits: "0", exponent: 0, text: "0"),
        QuantityCanonical(digits: "000", exponent: 9, text: "0"),
        QuantityCanonical(digits: "5", exponent: -1, negative: true, text: "-0.5"),
        QuantityCanonical(digits: "0", exponent: 0, negative: true, text: "0"),
        QuantityCanonical(digits: "123456", exponent: -3, text: "123.456"),
        QuantityCanonical(digits: "37908", exponent: 21, text: "3.7908e25"),
        QuantityCanonical(digits: "1", exponent: -10, text: "1e-10"),
        QuantityCanonical(digits: "1", exponent: 40, text: "1e40"),
        QuantityCanonical(digits: "25", exponent: -11, negative: true, text: "-2.5e-10"),
        QuantityCanonical(digits: "10000000000000000000000001", exponent: 0, text: "1.0000000000000000000000001e25"),
        QuantityCanonical(digits: "18446744073709551616", exponent: 0, text: "18446744073709551616"),
    ]

    @Test("description is canonical, and parsing it gives the value back", arguments: canonical)
    func canonicalText(_ example: QuantityCanonical) throws {
        #expect(example.value.description == example.text)
        #expect(try QuantityParser.parseNumber(example.text) == example.value)
        #expect(try QuantityParser.parseNumber(example.value.scientificDescription) == example.value)
    }

    @Test("normalisation makes == and hash agree with numeric equality")
    func normalisation() throws {
        let half = ExactDecimal(5, exponent: 8)
        let plain = ExactDecimal(integer: 500_000_000)
        #expect(half == plain)
        #expect(half.hashValue == plain.hashValue)
        #expect(try QuantityParser.parseNumber("0.5e9") == plain)
        #expect(Set([half, plain, ExactDecimal(500_000_000)]).count == 1)
        #expect(ExactDecimal(integer: -3) == ExactDecimal(3).negated)
        #expect(ExactDecimal(integer: Int.min).description == "-9223372036854775808")
        #expect(ExactDecimal(integer: 0) == .zero)
        #expect(ExactDecimal.zero.negated == .zero)
        #expect(!ExactDecimal.zero.negated.isNegative)
        let big = try #require(ExactDecimal(digits: "1000000000000000000000000000000"))
        #expect(big == ExactDecimal(1, exponent: 30))
        #expect(ExactDecimal(digits: "12a") == nil)
        #expect(ExactDecimal(digits: "") == nil)
    }

    @Test("exact arithmetic")
    func arithmetic() throws {
        func d(_ text: String) throws -> ExactDecimal { try QuantityParser.parseNumber(text) }
        #expect(try d("0.1") + d("0.2") == d("0.3"))
        #expect(try d("1e25") + d("1") == d("10000000000000000000000001"))
        #expect(try d("1e25") - d("1") == d("9999999999999999999999999"))
        #expect(try d("1") - d("1e25") == d("-9999999999999999999999999"))
        #expect(try d("5") - d("5") == .zero)
        #expect(try d("-3") + d("5") == d("2"))
        #expect(try d("18446744073709551615") + d("1") == d("18446744073709551616"))
        #expect(try d("1e40") * d("1e-50") == d("1e-10"))
        #expect(try d("2") * d("5") == d("10"))
        #expect(try d("-2") * d("5") == d("-10"))
        #expect(try d("4294967296") * d("4294967296") == d("18446744073709551616"))
        #expect(
            try d("99999999999999999999") * d("99999999999999999999") == d("9999999999999999999800000000000000000001"))
        #expect(try d("6") * d("405e9") * d("15.6e12") == d("3.7908e25"))
        #expect(try d("1e-30") + d("1e60") == d("1" + String(repeating: "0", count: 89) + "1e-30"))
        #expect(try d("1.5").timesPowerOfTen(3) == d("1500"))
        #expect(try d("-2.5").magnitude == d("2.5"))
        #expect(try d("0").isZero)
        #expect(try d("-1").isNegative)
        #expect(try d("123.4500").significantDigitCount == 5)
        #expect(try d("123.4500").coefficientDigits == "12345")
    }

    @Test("comparison is exact across magnitudes and representations")
    func comparison() throws {
        func d(_ text: String) throws -> ExactDecimal { try QuantityParser.parseNumber(text) }
        #expect(try d("10000000000000000000000001") > d("1e25"))
        #expect(try d("1e25") == d("10^25"))
        #expect(try d("9.99999999999999999999999e24") < d("1e25"))
        #expect(try d("1e40") > d("9.9999999999999999999999999999999999999999e39"))
        #expect(try d("1e-10") > d("0"))
        #expect(try d("1e-10") < d("1.0000000001e-10"))
        #expect(try d("-1e-10") < d("0"))
        #expect(try d("-2") < d("-1"))
        #expect(try d("-1e25") < d("-1e24"))
        #expect(try d("18446744073709551615") < d("18446744073709551616"))
        #expect(try d("9e19") > d("18446744073709551615"))
        #expect(try d("1.8446744073709551615e19") == d("18446744073709551615"))
        #expect(try d("0.5") < d("0.50000000000000000000000000001"))
        #expect(try ExactDecimal.compare(d("3.2e25"), d("32e24")) == 0)
        #expect(try [d("3"), d("-1"), d("2.5"), d("1e-3")].sorted() == [d("-1"), d("1e-3"), d("2.5"), d("3")])
    }

    @Test("division rounds half-even to the requested significant digits")
    func division() throws {
        func d(_ text: String) throws -> ExactDecimal { try QuantityParser.parseNumber(text) }
        #expect(try d("3.2e25").divided(by: d("1e25")) == d("3.2"))
        #expect(try d("2").divided(by: d("3")) == d("0.666667"))
        #expect(try d("1").divided(by: d("3")) == d("0.333333"))
        #expect(try d("1").divided(by: d("8"), significantDigits: 2) == d("0.12"))
        #expect(try d("3").divided(by: d("8"), significantDigits: 2) == d("0.38"))
        #expect(try d("5").divided(by: d("8"), significantDigits: 2) == d("0.62"))
        #expect(try d("-1").divided(by: d("3")) == d("-0.333333"))
        #expect(try d("620M").divided(by: d("500M")) == d("1.24"))
        #expect(try d("1").divided(by: d("0")) == nil)
        #expect(try d("0").divided(by: d("7")) == .zero)
        #expect(try d("999999.5").divided(by: d("1")) == d("1e6"))
        #expect(try d("1e40").divided(by: d("3e-10"), significantDigits: 3) == d("3.33e49"))
        #expect(
            try d("12345678901234567890123456789").divided(by: d("1234567890123456789012345678"), significantDigits: 10)
                == d("10.00000000"))
        #expect(try d("2").divided(by: d("3"), significantDigits: 4, rounding: .down) == d("0.6666"))
        #expect(try d("2").divided(by: d("3"), significantDigits: 4, rounding: .up) == d("0.6667"))
        #expect(try d("-2").divided(by: d("3"), significantDigits: 4, rounding: .down) == d("-0.6667"))
        #expect(try d("1").divided(by: d("4"), significantDigits: 1, rounding: .up) == d("0.3"))
        #expect(try d("1").divided(by: d("4"), significantDigits: 2, rounding: .up) == d("0.25"))
    }

    @Test("compactDescription is short, exact and parses back")
    func compactDescription() throws {
        for (text, compact) in [
            ("405e9", "4.05e11"), ("16384", "16384"), ("0.4", "0.4"), ("7200000", "7.2e6"), ("999999", "999999"),
            ("0.00025", "2.5e-4"), ("0.001", "0.001"), ("-3.2e25", "-3.2e25"), ("0", "0"),
        ] {
            let value = try QuantityParser.parseNumber(text)
            #expect(value.compactDescription == compact)
            #expect(try QuantityParser.parseNumber(compact) == value)
        }
    }

    @Test("doubleValue approximates for display")
    func doubleValue() throws {
        #expect(try QuantityParser.parseNumber("3.2e25").doubleValue == 3.2e25)
        #expect(try QuantityParser.parseNumber("-0.4").doubleValue == -0.4)
        #expect(ExactDecimal(620_000_000).doubleValue == 620_000_000)
        #expect(try QuantityParser.parseNumber("1e400").doubleValue == .infinity)
    }
}
