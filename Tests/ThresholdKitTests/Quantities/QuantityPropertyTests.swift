import Testing
import ThresholdTestSupport

@testable import ThresholdKit

/// What the property tests draw: digits, decimals and spellings of quantities.
extension SplitMix64 {
    /// A string of `count` decimal digits, the first non-zero when `leadingNonZero`.
    mutating func digits(_ count: Int, leadingNonZero: Bool = true) -> String {
        var text = ""
        for index in 0..<count {
            let low: UInt8 = index == 0 && leadingNonZero ? 1 : 0
            text.append(Character(Unicode.Scalar(0x30 + UInt8.random(in: low...9, using: &self))))
        }
        return text
    }

    /// A random exact decimal: 1 to 60 significant digits, exponent −40…60, either sign.
    mutating func decimal() -> ExactDecimal {
        let digitCount =
            Bool.random(using: &self) ? Int.random(in: 1...19, using: &self) : Int.random(in: 1...60, using: &self)
        let exponent = Int.random(in: -40...60, using: &self)
        let negative = Bool.random(using: &self)
        guard let value = ExactDecimal(digits: digits(digitCount), exponent: exponent, isNegative: negative) else {
            return .zero
        }
        return value
    }
}

extension SplitMix64 {
    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &self)] }

    /// What may stand between a number and its multiplier or unit, and around `×`: nothing, a
    /// space, a no-break space, a thin space, a narrow no-break space.
    static let spaces = ["", " ", "\u{A0}", "\u{2009}", "\u{202F}"]

    /// The multipliers and their powers of ten.
    static let multipliers: [(text: String, power: Int)] = [
        ("k", 3), ("K", 3), ("thousand", 3), ("M", 6), ("million", 6), ("B", 9), ("bn", 9), ("billion", 9),
        ("T", 12), ("trillion", 12),
    ]

    /// `digits` with an underscore after each digit but the last, now and then.
    mutating func underscored(_ digits: Substring) -> String {
        var text = ""
        for (index, digit) in digits.enumerated() {
            text.append(digit)
            if index < digits.count - 1 && Int.random(in: 0..<4, using: &self) == 0 { text += "_" }
        }
        return text
    }

    /// A power of ten after a `10`: `^n`, `**n` or superscript digits, each sign spelled any way
    /// the parser takes it.
    mutating func powerOfTen(_ power: Int) -> String {
        let digits = String(power.magnitude)
        switch Int.random(in: 0..<3, using: &self) {
        case 0, 1:
            let sign = power < 0 ? pick(["-", "\u{2212}"]) : pick(["", "+"])
            return (Bool.random(using: &self) ? "^" : "**") + sign + digits
        default:
            let superscripts: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
            let sign = power < 0 ? "⁻" : pick(["", "⁺"])
            return sign + String(digits.map { superscripts[Int($0.asciiValue! - 48)] })
        }
    }

    /// A random value written in one of the spellings other than plain and `e` notation: a
    /// mantissa (underscores, any point) with a multiplier (`500M`, `1.4 billion`), `10^n` alone
    /// (`10^25`, `10**-3`, `10²⁵`), or a factor times a power of ten (`3 × 10^25`, `3x10**7`,
    /// `3·10⁻²`); with a sign now and then. The value is built from the digits, not parsed.
    mutating func spelling() -> (text: String, value: ExactDecimal) {
        let negative = Int.random(in: 0..<5, using: &self) == 0
        let sign = negative ? pick(["-", "\u{2212}"]) : pick(["", "", "+"])
        let power = Int.random(in: -40...40, using: &self)
        if Int.random(in: 0..<5, using: &self) == 0 {
            return (sign + "10" + powerOfTen(power), ExactDecimal(digits: "1", exponent: power, isNegative: negative)!)
        }
        let digits = self.digits(
            Bool.random(using: &self) ? Int.random(in: 1...19, using: &self) : Int.random(in: 20...30, using: &self))
        // The point anywhere, or none: `5.`, `.5` and `1_234.5_6` are all numbers.
        let point = Bool.random(using: &self) ? digits.count : Int.random(in: 0...digits.count, using: &self)
        var mantissa = underscored(digits.prefix(point))
        if point < digits.count || Bool.random(using: &self) { mantissa += "." + underscored(digits.dropFirst(point)) }
        let fraction = digits.count - point
        if Bool.random(using: &self) {
            let multiplier = pick(Self.multipliers)
            return (
                sign + mantissa + pick(Self.spaces) + multiplier.text,
                ExactDecimal(digits: digits, exponent: multiplier.power - fraction, isNegative: negative)!
            )
        }
        let times = pick(["×", "x", "X", "*", "·", "⋅"])
        let space = pick(Self.spaces)
        return (
            sign + mantissa + space + times + space + "10" + powerOfTen(power),
            ExactDecimal(digits: digits, exponent: power - fraction, isNegative: negative)!
        )
    }
}

/// Schoolbook multiplication of non-negative decimal digit strings.
func quantitySchoolbookProduct(_ a: String, _ b: String) -> String {
    let x = a.utf8.reversed().map { Int($0) - 48 }
    let y = b.utf8.reversed().map { Int($0) - 48 }
    var result = [Int](repeating: 0, count: x.count + y.count)
    for i in x.indices {
        for j in y.indices { result[i + j] += x[i] * y[j] }
    }
    var carry = 0
    for k in result.indices {
        let total = result[k] + carry
        result[k] = total % 10
        carry = total / 10
    }
    while result.count > 1 && result.last == 0 { result.removeLast() }
    return String(result.reversed().map { Character(Unicode.Scalar(UInt8(48 + $0))) })
}

@Suite("Quantity properties (seeded)")
struct QuantityPropertyTests {
    @Test("formatting then parsing gives back the identical value", arguments: [1, 2, 3] as [UInt64])
    func roundTrip(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        for _ in 0..<2000 {
            let value = random.decimal()
            let text = value.description
            let parsed = try QuantityParser.parseNumber(text)
            #expect(parsed == value, "\(text)")
            #expect(parsed.description == text)
            #expect(try QuantityParser.parseNumber(value.scientificDescription) == value)
            let quantity = try QuantityParser.parse(value.magnitude.description + " FLOP")
            #expect(quantity.value == value.magnitude)
        }
    }

    @Test("every other spelling of a random value parses back to exactly that value", arguments: [4, 5, 6] as [UInt64])
    func otherSpellingsRoundTrip(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        for _ in 0..<1500 {
            let spelling = random.spelling()
            #expect(try QuantityParser.parseNumber(spelling.text) == spelling.value, "\(spelling.text)")
            if !spelling.value.isNegative {
                // A space of some kind before the unit: `5MFLOP` would be 5 MFLOP, and `5kFLOP` no unit at all.
                let flop = try QuantityParser.parse(
                    spelling.text + random.pick(Array(SplitMix64.spaces.dropFirst())) + "FLOP")
                #expect(flop.value == spelling.value && flop.dimension == .operations, "\(spelling.text) FLOP")
            }
        }
    }

    @Test("comparing 20–40 digit integers agrees with comparing their digit strings", arguments: [11, 12] as [UInt64])
    func comparisonMatchesDigitStrings(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        for _ in 0..<3000 {
            let a = random.digits(Int.random(in: 20...40, using: &random))
            // Often share a prefix with `a`, so that ties and near-ties are exercised.
            let b: String
            if Bool.random(using: &random) {
                let keep = Int.random(in: 0...a.utf8.count, using: &random)
                b = String(a.prefix(keep)) + random.digits(a.utf8.count - keep, leadingNonZero: keep == 0)
            } else {
                b = random.digits(Int.random(in: 20...40, using: &random))
            }
            let expected =
                a.utf8.count != b.utf8.count ? (a.utf8.count < b.utf8.count ? -1 : 1) : (a == b ? 0 : (a < b ? -1 : 1))
            let x = try QuantityParser.parseNumber(a)
            let y = try QuantityParser.parseNumber(b)
            #expect(ExactDecimal.compare(x, y) == expected, "\(a) vs \(b)")
            #expect((x == y) == (expected == 0))
            // The same order holds after scaling both by one power of ten, and in FLOP.
            let scale = Int.random(in: -30...30, using: &random)
            #expect(ExactDecimal.compare(x.timesPowerOfTen(scale), y.timesPowerOfTen(scale)) == expected)
            let fx = try QuantityParser.parse("\(a)e\(scale) FLOP").value
            let fy = try QuantityParser.parse("\(b)e\(scale) FLOP").value
            #expect(ExactDecimal.compare(fx, fy) == expected)
        }
    }

    @Test("6·N·D is exact: it matches schoolbook multiplication of the digit strings", arguments: [21, 22] as [UInt64])
    func sixNDIsExact(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        for _ in 0..<2000 {
            let n = random.digits(Int.random(in: 1...25, using: &random))
            let d = random.digits(Int.random(in: 1...25, using: &random))
            let ne = Int.random(in: -5...12, using: &random)
            let de = Int.random(in: -5...14, using: &random)
            let parameters = try QuantityParser.parseNumber("\(n)e\(ne)")
            let tokens = try QuantityParser.parseNumber("\(d)e\(de)")
            let derived = FactValue.sixND(parameters: parameters, tokens: tokens)
            let expected = try #require(
                ExactDecimal(digits: quantitySchoolbookProduct(quantitySchoolbookProduct("6", n), d), exponent: ne + de)
            )
            #expect(derived.estimate == expected, "6 × \(n)e\(ne) × \(d)e\(de)")
            #expect(derived.isExact)
        }
    }

    @Test("addition and subtraction are exact inverses; multiplication distributes", arguments: [31] as [UInt64])
    func arithmeticLaws(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        for _ in 0..<2000 {
            let a = random.decimal(), b = random.decimal(), c = random.decimal()
            #expect((a + b) - b == a)
            #expect(a + b == b + a)
            #expect(a * b == b * a)
            #expect(a * (b + c) == a * b + a * c)
            #expect((a < b) == (a - b).isNegative)
        }
    }

    @Test("big-integer division: q × v + r == u and r < v", arguments: [41, 42] as [UInt64])
    func bigDivision(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        for _ in 0..<1500 {
            let u = BigUInt(limbs: (0..<Int.random(in: 1...8, using: &random)).map { _ in random.next() })
            var vLimbs = (0..<Int.random(in: 1...5, using: &random)).map { _ in random.next() }
            // Exercise small top limbs (normalisation shifts) and maximal ones (qHat corrections).
            switch Int.random(in: 0...3, using: &random) {
            case 0: vLimbs[vLimbs.count - 1] >>= UInt64.random(in: 0...63, using: &random)
            case 1: vLimbs[vLimbs.count - 1] = .max
            default: break
            }
            let v = BigUInt(limbs: vLimbs)
            guard !v.isZero else { continue }
            let (q, r) = u.quotientAndRemainder(dividingBy: v)
            #expect(q * v + r == u)
            #expect(r < v)
        }
    }

    @Test("division of an exact product gives back the factor", arguments: [51] as [UInt64])
    func divisionOfProducts(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        for _ in 0..<2000 {
            let b = random.decimal()
            guard !b.isZero else { continue }
            let c = try #require(
                ExactDecimal(
                    digits: random.digits(Int.random(in: 1...6, using: &random)),
                    exponent: Int.random(in: -20...20, using: &random)))
            #expect((b * c).divided(by: b) == c)
            let down = try #require(b.magnitude.divided(by: c, significantDigits: 12, rounding: .down))
            let up = try #require(b.magnitude.divided(by: c, significantDigits: 12, rounding: .up))
            #expect(down * c <= b.magnitude)
            #expect(up * c >= b.magnitude)
        }
    }

    @Test(
        "a quotient is correctly rounded to its significant digits, under every rounding rule",
        arguments: [52, 53] as [UInt64])
    func quotientsAreCorrectlyRounded(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let rules: [ExactDecimal.RoundingRule] = [.toNearestOrEven, .down, .up]
        var ties = 0
        for round in 0..<3000 {
            // Mostly figures of a few digits (the machine-word path), some long ones (big integers).
            let long = round % 5 == 0
            var a = try #require(
                ExactDecimal(
                    digits: random.digits(Int.random(in: 1...(long ? 30 : 9), using: &random)),
                    exponent: Int.random(in: -12...30, using: &random),
                    isNegative: Bool.random(using: &random)))
            var b = try #require(
                ExactDecimal(
                    digits: random.digits(Int.random(in: 1...(long ? 25 : 9), using: &random)),
                    exponent: Int.random(in: -12...30, using: &random)))
            var digits = Int.random(in: 1...(long ? 24 : 12), using: &random)
            if round % 4 == 1 {
                // An exact tie: digits + 1 significant digits ending in 5, over a power of two times
                // a power of ten (so the quotient is that same decimal).
                digits = Int.random(in: 1...15, using: &random)
                let twos = Int.random(in: 0...3, using: &random)
                let exponent = Int.random(in: -10...10, using: &random)
                let tie = try #require(ExactDecimal(digits: random.digits(digits) + "5", exponent: exponent))
                b = try #require(
                    ExactDecimal(digits: String(1 << twos), exponent: Int.random(in: -5...5, using: &random)))
                a = tie * b
                if Bool.random(using: &random) { a = ExactDecimal.zero - a }
            }
            let rule = rules[round % 3]
            let r = try #require(a.divided(by: b, significantDigits: digits, rounding: rule))
            #expect(r.isNegative == a.isNegative)
            #expect(r.significantDigitCount <= digits)
            // t = |a| / b lies in [10^e, 10^(e+1)); the result is a multiple of ulp = 10^(e - digits + 1).
            let t = a.magnitude
            var e = t.exponent + t.significantDigitCount - b.exponent - b.significantDigitCount
            while ExactDecimal(digits: "1", exponent: e)! * b > t { e -= 1 }
            while ExactDecimal(digits: "1", exponent: e + 1)! * b <= t { e += 1 }
            let ulp = ExactDecimal(digits: "1", exponent: e - digits + 1)!
            let m = r.magnitude
            #expect(m.exponent >= ulp.exponent, "a multiple of the last kept digit")
            // Toward zero for .down on a positive value and .up on a negative one; away otherwise.
            let towardZero = (rule == .down) != a.isNegative
            switch rule {
            case .toNearestOrEven:
                let error = (t - m * b).magnitude * ExactDecimal(integer: 2)
                #expect(error <= ulp * b, "\(a) / \(b) to \(digits): \(r)")
                if error == ulp * b {
                    ties += 1
                    let units = try #require(m.divided(by: ulp, significantDigits: 40, rounding: .down))
                    // Half of an even number of units is a whole number (no digits after the point).
                    let half = try #require(
                        units.divided(by: ExactDecimal(integer: 2), significantDigits: 40, rounding: .down))
                    #expect(half.exponent >= 0, "\(a) / \(b) to \(digits): \(r), a tie, goes to the even digit")
                }
            case .down, .up:
                if towardZero {
                    #expect(m * b <= t && t < (m + ulp) * b, "\(a) / \(b) to \(digits) toward zero: \(r)")
                } else {
                    #expect(m * b >= t && t > (m - ulp) * b, "\(a) / \(b) to \(digits) away from zero: \(r)")
                }
            }
        }
        #expect(ties > 100, "ties to even were checked \(ties) times")
    }

    static let truths = Truth.allCases

    @Test("Kleene laws hold over all triples")
    func kleeneLaws() {
        for a in Self.truths {
            #expect(a.not.not == a)
            #expect(a.and(.met) == a)
            #expect(a.or(.notMet) == a)
            #expect(a.and(.notMet) == .notMet)
            #expect(a.or(.met) == .met)
            for b in Self.truths {
                #expect(a.and(b) == b.and(a))
                #expect(a.or(b) == b.or(a))
                #expect(a.and(b).not == a.not.or(b.not))
                #expect(a.or(b).not == a.not.and(b.not))
                #expect(Truth.all([a, b]) == a.and(b))
                #expect(Truth.any([a, b]) == a.or(b))
                for c in Self.truths {
                    #expect(a.and(b).and(c) == a.and(b.and(c)))
                    #expect(a.or(b).or(c) == a.or(b.or(c)))
                    #expect(a.and(b.or(c)) == a.and(b).or(a.and(c)))
                    #expect(Truth.all([a, b, c]) == a.and(b).and(c))
                    #expect(Truth.any([a, b, c]) == a.or(b).or(c))
                }
            }
        }
        #expect(Truth.all([]) == .met)
        #expect(Truth.any([]) == .notMet)
        #expect(Truth.indeterminate.not == .indeterminate)
        #expect(Truth.indeterminate.boolValue == nil)
        #expect(Truth(true) == .met)
        #expect(Truth.notMet.rawValue == "not-met")
    }
}
