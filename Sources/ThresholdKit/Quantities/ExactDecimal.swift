// Exact decimal numbers for facts and thresholds.
//
// A value is sign × coefficient × 10^exponent with the coefficient stripped of trailing zeros, so
// every number has exactly one representation and `==`/`hash` agree with numeric equality
// (0.5e9 == 500000000). Coefficients that fit in a `UInt64` (nearly every real figure: 3.2e25 is
// 32 × 10^24) are stored inline and handled without allocation; larger ones fall back to
// `BigUInt`.

/// An exact decimal number: sign × coefficient × 10^exponent.
///
/// Any magnitude that regulation uses (and far beyond: exponents up to ±``maximumExponent``, any
/// number of significant digits) is held exactly, and comparison, `+`, `-` and `*` are exact.
/// Only ``divided(by:significantDigits:)`` rounds, and ``doubleValue`` approximates; both are
/// for display.
///
/// The representation is canonical (the coefficient has no trailing zeros; zero is `0 × 10^0`,
/// never negative), so `==` and `hash(into:)` agree with numeric equality:
/// `ExactDecimal(5, exponent: 8) == ExactDecimal(integer: 500_000_000)`.
///
/// ``description`` is the canonical text (JavaScript-`Number`-like: plain digits for
/// 1e-6 <= |x| < 1e21, otherwise scientific such as `3.2e25`), and parsing it with
/// `init(_:)` (from a string) or `QuantityParser.parseNumber(_:)` gives back the identical value.
public struct ExactDecimal: Sendable, Hashable {
    /// The coefficient: inline when it fits a machine word, otherwise a big integer
    /// (then always greater than `UInt64.max`).
    enum Coefficient: Sendable, Hashable {
        case small(UInt64)
        case big(BigUInt)
    }

    /// The largest exponent magnitude accepted by the initialisers (a guard against absurd
    /// values, far beyond anything the parser lets through).
    public static let maximumExponent = 1 << 40

    var coefficient: Coefficient
    /// The power of ten that multiplies the coefficient.
    public private(set) var exponent: Int
    /// Whether the value is less than zero (zero is never negative).
    public private(set) var isNegative: Bool

    /// Builds a canonical value: strips trailing zeros and demotes a big coefficient to `.small`
    /// when it fits.
    init(coefficient: Coefficient, exponent: Int, isNegative: Bool) {
        switch coefficient {
        case .small(let value):
            self.init(small: value, exponent: exponent, isNegative: isNegative)
        case .big(let value):
            if let small = value.uint64Value {
                self.init(small: small, exponent: exponent, isNegative: isNegative)
                return
            }
            var value = value
            var exponent = exponent
            // Strip trailing zeros, 19 at a time while possible, then one at a time.
            while value.remainder(dividingBy: BigUInt.wordPowerOfTen(19)) == 0 {
                value = value.quotientAndRemainder(dividingBy: BigUInt.wordPowerOfTen(19)).quotient
                exponent += 19
            }
            while value.remainder(dividingBy: 10) == 0 {
                value = value.quotientAndRemainder(dividingBy: 10).quotient
                exponent += 1
            }
            if let small = value.uint64Value {
                self.init(raw: .small(small), exponent: exponent, isNegative: isNegative)
            } else {
                self.init(raw: .big(value), exponent: exponent, isNegative: isNegative)
            }
        }
    }

    /// Stores the parts as they are (they must already be canonical).
    private init(raw coefficient: Coefficient, exponent: Int, isNegative: Bool) {
        self.coefficient = coefficient
        self.exponent = exponent
        self.isNegative = isNegative
    }

    /// The fast path of the canonicalising initialiser.
    @inline(__always)
    init(small value: UInt64, exponent: Int, isNegative: Bool) {
        guard value != 0 else {
            self.init(raw: .small(0), exponent: 0, isNegative: false)
            return
        }
        var value = value
        var exponent = exponent
        while value % 10_000 == 0 {
            value /= 10_000
            exponent += 4
        }
        while value % 10 == 0 {
            value /= 10
            exponent += 1
        }
        self.init(raw: .small(value), exponent: exponent, isNegative: isNegative)
    }

    /// Zero.
    public static let zero = ExactDecimal(small: 0, exponent: 0, isNegative: false)

    /// One.
    public static let one = ExactDecimal(small: 1, exponent: 0, isNegative: false)

    /// The value of an integer.
    public init(integer: Int) {
        self.init(small: UInt64(integer.magnitude), exponent: 0, isNegative: integer < 0)
    }

    /// The value `coefficient × 10^exponent` (non-negative; use ``negated`` for a negative one).
    ///
    /// - Precondition: `abs(exponent) <= ExactDecimal.maximumExponent`.
    public init(_ coefficient: UInt64, exponent: Int = 0) {
        precondition(exponent.magnitude <= ExactDecimal.maximumExponent.magnitude, "exponent out of range")
        self.init(small: coefficient, exponent: exponent, isNegative: false)
    }

    /// The value `sign × digits × 10^exponent`, where `digits` is a string of ASCII decimal digits
    /// of any length (used to build values with more than 19 significant digits). Returns `nil`
    /// when `digits` is empty or holds anything but `0`…`9`.
    public init?(digits: String, exponent: Int = 0, isNegative: Bool = false) {
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            exponent.magnitude <= ExactDecimal.maximumExponent.magnitude
        else { return nil }
        self.init(coefficient: .big(BigUInt(decimalDigits: digits.utf8)), exponent: exponent, isNegative: isNegative)
    }

    /// Whether the value is zero.
    public var isZero: Bool {
        if case .small(0) = coefficient { return true }
        return false
    }

    /// The value with its sign flipped (zero stays zero).
    public var negated: ExactDecimal {
        var copy = self
        copy.isNegative = !isZero && !isNegative
        return copy
    }

    /// The absolute value.
    public var magnitude: ExactDecimal {
        var copy = self
        copy.isNegative = false
        return copy
    }

    /// The decimal digits of the coefficient (no trailing zeros except for zero itself, "0").
    public var coefficientDigits: String {
        switch coefficient {
        case .small(let value): return String(value)
        case .big(let value): return value.decimalString
        }
    }

    /// The number of decimal digits in the coefficient (its significant digits).
    public var significantDigitCount: Int {
        switch coefficient {
        case .small(let value): return ExactDecimal.digitCount(value)
        case .big(let value): return value.decimalString.utf8.count
        }
    }

    /// The coefficient as a big integer, whichever way it is stored.
    var bigCoefficient: BigUInt {
        switch coefficient {
        case .small(let value): return BigUInt(value)
        case .big(let value): return value
        }
    }

    /// The number of decimal digits of a word (1 for zero).
    @inline(__always)
    static func digitCount(_ value: UInt64) -> Int {
        var count = 1
        var rest = value
        while rest >= 10_000 {
            rest /= 10_000
            count += 4
        }
        while rest >= 10 {
            rest /= 10
            count += 1
        }
        return count
    }

    /// An approximation as a `Double` (correctly rounded from the exact text; infinite beyond
    /// `Double`'s range). For display and charts only: never compare through it.
    public var doubleValue: Double {
        if case .small(let value) = coefficient, exponent == 0 {
            return isNegative ? -Double(value) : Double(value)
        }
        return Double(description) ?? .nan
    }
}

// MARK: - Comparison

extension ExactDecimal: Comparable {
    /// Exact numeric order.
    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        compare(lhs, rhs) < 0
    }

    /// Three-way exact comparison: −1 when `lhs < rhs`, 0 when equal, 1 when `lhs > rhs`.
    public static func compare(_ lhs: ExactDecimal, _ rhs: ExactDecimal) -> Int {
        if lhs.isNegative != rhs.isNegative { return lhs.isNegative ? -1 : 1 }
        let magnitudeOrder = compareMagnitudes(lhs, rhs)
        return lhs.isNegative ? -magnitudeOrder : magnitudeOrder
    }

    /// Three-way comparison of absolute values.
    static func compareMagnitudes(_ lhs: ExactDecimal, _ rhs: ExactDecimal) -> Int {
        if lhs.isZero || rhs.isZero {
            if lhs.isZero && rhs.isZero { return 0 }
            return lhs.isZero ? -1 : 1
        }
        if case .small(let a) = lhs.coefficient, case .small(let b) = rhs.coefficient {
            if lhs.exponent == rhs.exponent { return a == b ? 0 : (a < b ? -1 : 1) }
            let lhsTop = lhs.exponent + digitCount(a)
            let rhsTop = rhs.exponent + digitCount(b)
            if lhsTop != rhsTop { return lhsTop < rhsTop ? -1 : 1 }
            // Same leading power of ten: the exponents differ by less than 20, so scale the one
            // with the larger exponent up (it has fewer digits) and compare coefficients.
            if lhs.exponent > rhs.exponent {
                let (scaled, overflow) = a.multipliedReportingOverflow(
                    by: BigUInt.wordPowerOfTen(lhs.exponent - rhs.exponent))
                if overflow { return 1 }
                return scaled == b ? 0 : (scaled < b ? -1 : 1)
            } else {
                let (scaled, overflow) = b.multipliedReportingOverflow(
                    by: BigUInt.wordPowerOfTen(rhs.exponent - lhs.exponent))
                if overflow { return -1 }
                return a == scaled ? 0 : (a < scaled ? -1 : 1)
            }
        }
        let lhsTop = lhs.exponent + lhs.significantDigitCount
        let rhsTop = rhs.exponent + rhs.significantDigitCount
        if lhsTop != rhsTop { return lhsTop < rhsTop ? -1 : 1 }
        var a = lhs.bigCoefficient
        var b = rhs.bigCoefficient
        if lhs.exponent > rhs.exponent {
            a.multiplyByPowerOfTen(lhs.exponent - rhs.exponent)
        } else {
            b.multiplyByPowerOfTen(rhs.exponent - lhs.exponent)
        }
        return BigUInt.compare(a, b)
    }
}

// MARK: - Arithmetic

extension ExactDecimal {
    /// The exact sum.
    public static func + (lhs: ExactDecimal, rhs: ExactDecimal) -> ExactDecimal {
        if lhs.isZero { return rhs }
        if rhs.isZero { return lhs }
        let exponent = min(lhs.exponent, rhs.exponent)
        if case .small(let a) = lhs.coefficient, case .small(let b) = rhs.coefficient,
            let scaledA = scaled(a, by: lhs.exponent - exponent),
            let scaledB = scaled(b, by: rhs.exponent - exponent)
        {
            if lhs.isNegative == rhs.isNegative {
                let (sum, overflow) = scaledA.addingReportingOverflow(scaledB)
                if !overflow { return ExactDecimal(small: sum, exponent: exponent, isNegative: lhs.isNegative) }
            } else if scaledA >= scaledB {
                return ExactDecimal(small: scaledA - scaledB, exponent: exponent, isNegative: lhs.isNegative)
            } else {
                return ExactDecimal(small: scaledB - scaledA, exponent: exponent, isNegative: rhs.isNegative)
            }
        }
        var a = lhs.bigCoefficient
        var b = rhs.bigCoefficient
        a.multiplyByPowerOfTen(lhs.exponent - exponent)
        b.multiplyByPowerOfTen(rhs.exponent - exponent)
        if lhs.isNegative == rhs.isNegative {
            return ExactDecimal(coefficient: .big(a + b), exponent: exponent, isNegative: lhs.isNegative)
        } else if BigUInt.compare(a, b) >= 0 {
            return ExactDecimal(coefficient: .big(a - b), exponent: exponent, isNegative: lhs.isNegative)
        } else {
            return ExactDecimal(coefficient: .big(b - a), exponent: exponent, isNegative: rhs.isNegative)
        }
    }

    /// The exact difference.
    public static func - (lhs: ExactDecimal, rhs: ExactDecimal) -> ExactDecimal {
        lhs + rhs.negated
    }

    /// The exact product.
    public static func * (lhs: ExactDecimal, rhs: ExactDecimal) -> ExactDecimal {
        if lhs.isZero || rhs.isZero { return .zero }
        let negative = lhs.isNegative != rhs.isNegative
        let exponent = lhs.exponent + rhs.exponent
        if case .small(let a) = lhs.coefficient, case .small(let b) = rhs.coefficient {
            let product = a.multipliedFullWidth(by: b)
            if product.high == 0 {
                return ExactDecimal(small: product.low, exponent: exponent, isNegative: negative)
            }
            return ExactDecimal(
                coefficient: .big(BigUInt(limbs: [product.low, product.high])),
                exponent: exponent, isNegative: negative)
        }
        return ExactDecimal(
            coefficient: .big(lhs.bigCoefficient * rhs.bigCoefficient),
            exponent: exponent, isNegative: negative)
    }

    /// `self × 10^power`, exactly.
    public func timesPowerOfTen(_ power: Int) -> ExactDecimal {
        if isZero { return self }
        var copy = self
        copy.exponent += power
        return copy
    }

    /// `value × 10^power` when it fits a word.
    @inline(__always)
    private static func scaled(_ value: UInt64, by power: Int) -> UInt64? {
        if power == 0 { return value }
        guard power <= 19 else { return nil }
        let (result, overflow) = value.multipliedReportingOverflow(by: BigUInt.wordPowerOfTen(power))
        return overflow ? nil : result
    }
}

// MARK: - Division (rounded, for display)

extension ExactDecimal {
    /// How a rounded quotient is rounded.
    public enum RoundingRule: Sendable, Hashable {
        /// To the nearest; ties to an even last digit (banker's rounding).
        case toNearestOrEven
        /// Toward negative infinity.
        case down
        /// Toward positive infinity.
        case up
    }

    /// `self ÷ divisor`, rounded half-even to `significantDigits` significant digits, or `nil`
    /// when `divisor` is zero.
    ///
    /// Used for display only (the margin of a fact over a threshold, `fact ÷ limit`); every
    /// decision compares exact values instead. `significantDigits` is clamped to 1…1000.
    public func divided(by divisor: ExactDecimal, significantDigits: Int = 6) -> ExactDecimal? {
        divided(by: divisor, significantDigits: significantDigits, rounding: .toNearestOrEven)
    }

    /// `self ÷ divisor` to `significantDigits` significant digits under `rounding`, or `nil`
    /// when `divisor` is zero. The result is exact whenever the quotient has at most
    /// `significantDigits` significant digits. `significantDigits` is clamped to 1…1000.
    public func divided(by divisor: ExactDecimal, significantDigits: Int, rounding: RoundingRule) -> ExactDecimal? {
        if divisor.isZero { return nil }
        if isZero { return .zero }
        let digits = min(max(significantDigits, 1), 1000)
        let negative = isNegative != divisor.isNegative
        let numeratorDigits = significantDigitCount
        let divisorDigits = divisor.significantDigitCount
        // Scale the numerator so that the integer quotient has at least digits + 1 digits.
        let scale = max(0, digits + divisorDigits - numeratorDigits + 1)
        let quotient: BigUInt
        let remainderIsZero: Bool
        if case .small(let a) = coefficient, case .small(let b) = divisor.coefficient, scale <= 19,
            case let wide = a.multipliedFullWidth(by: BigUInt.wordPowerOfTen(scale)), wide.high < b
        {
            let (q, r) = b.dividingFullWidth(wide)
            // The usual case (a margin of two figures of a few digits each): round in machine words.
            if let rounded = Self.round(
                q, remainderIsZero: r == 0, digits: digits, negative: negative, rounding: rounding)
            {
                return ExactDecimal(
                    small: rounded.kept, exponent: self.exponent - divisor.exponent - scale + rounded.surplus,
                    isNegative: negative)
            }
            quotient = BigUInt(q)
            remainderIsZero = r == 0
        } else {
            var numerator = bigCoefficient
            numerator.multiplyByPowerOfTen(scale)
            let (q, r) = numerator.quotientAndRemainder(dividingBy: divisor.bigCoefficient)
            quotient = q
            remainderIsZero = r.isZero
        }
        // Drop the surplus digits, rounding with the remainder as a sticky bit.
        let quotientDigits = quotient.decimalDigitCount
        let surplus = max(0, quotientDigits - digits)
        var kept = quotient
        var roundUp = false
        if surplus > 0 {
            let (q, dropped) = quotient.quotientAndRemainder(dividingBy: BigUInt.powerOfTen(surplus))
            kept = q
            let exactlyDropped = dropped.isZero && remainderIsZero
            switch rounding {
            case .toNearestOrEven:
                var half = BigUInt(5)
                half.multiplyByPowerOfTen(surplus - 1)
                let order = BigUInt.compare(dropped, half)
                if order > 0 || (order == 0 && !remainderIsZero) {
                    roundUp = true
                } else if order == 0 {
                    roundUp = kept.remainder(dividingBy: 2) == 1
                }
            case .down:
                roundUp = negative && !exactlyDropped
            case .up:
                roundUp = !negative && !exactlyDropped
            }
        } else if !remainderIsZero {
            // Cannot happen (the quotient always has surplus digits), but stay correct.
            switch rounding {
            case .toNearestOrEven: break
            case .down: roundUp = negative
            case .up: roundUp = !negative
            }
        }
        if roundUp { kept = kept + BigUInt(1) }
        let exponent = self.exponent - divisor.exponent - scale + surplus
        return ExactDecimal(coefficient: .big(kept), exponent: exponent, isNegative: negative)
    }

    /// The quotient `q` (with the sign `negative`, and a nonzero remainder unless
    /// `remainderIsZero`) cut to `digits` significant digits under `rounding`, in machine words:
    /// the same rules as the big-integer path of ``divided(by:significantDigits:rounding:)``. Nil
    /// when `digits` is beyond what a word holds.
    private static func round(
        _ q: UInt64, remainderIsZero: Bool, digits: Int, negative: Bool,
        rounding: RoundingRule
    ) -> (kept: UInt64, surplus: Int)? {
        guard digits <= 18 else { return nil }
        let surplus = max(0, digitCount(q) - digits)
        guard surplus > 0 else {
            // Cannot happen (the quotient always has surplus digits); the big path stays correct.
            return remainderIsZero ? (q, 0) : nil
        }
        let unit = BigUInt.wordPowerOfTen(surplus)
        var kept = q / unit
        let dropped = q % unit
        let exactlyDropped = dropped == 0 && remainderIsZero
        let roundUp: Bool
        switch rounding {
        case .toNearestOrEven:
            let half = 5 * BigUInt.wordPowerOfTen(surplus - 1)
            if dropped > half || (dropped == half && !remainderIsZero) {
                roundUp = true
            } else if dropped == half {
                roundUp = kept % 2 == 1
            } else {
                roundUp = false
            }
        case .down: roundUp = negative && !exactlyDropped
        case .up: roundUp = !negative && !exactlyDropped
        }
        if roundUp { kept += 1 }
        return (kept, surplus)
    }
}

extension BigUInt {
    /// The number of decimal digits (1 for zero).
    var decimalDigitCount: Int {
        if let small = uint64Value { return ExactDecimal.digitCount(small) }
        return decimalString.utf8.count
    }
}

extension ExactDecimal {
    /// About how many digits the value takes written out in full, without exponent: `1e25` takes
    /// 26, `0.001` takes 4, `3.25` takes 3. Exact for a coefficient that fits a word; for a larger
    /// one, read from its bit length (never more than one digit off), so that asking costs nothing
    /// however large the number.
    public var positionalDigitCount: Int {
        let digits: Int
        switch coefficient {
        case .small(let value): digits = ExactDecimal.digitCount(value)
        case .big(let value):
            let bits = value.limbs.count * 64 - (value.limbs.last.map { $0.leadingZeroBitCount } ?? 64)
            digits = bits * 30_103 / 100_000 + 1
        }
        let (whole, overflow) = exponent.addingReportingOverflow(digits)
        let integerDigits = overflow ? Int.max / 2 : max(whole, 1)
        let fractionDigits = exponent < 0 ? min(-exponent, Int.max / 2) : 0
        return integerDigits + fractionDigits
    }
}
