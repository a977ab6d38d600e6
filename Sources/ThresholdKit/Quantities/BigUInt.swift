// A small arbitrary-precision unsigned integer: the slow path behind `ExactDecimal`.
//
// Only what exact decimals need is here: building from decimal digits, +, −, ×, division
// (Knuth's algorithm D), powers of ten and decimal text. Limbs are little-endian `UInt64`s with
// no leading zero limb, so that equal values have equal limbs and the synthesised `Hashable`
// agrees with numeric equality. Zero is the empty array.

/// An arbitrary-precision unsigned integer (little-endian 64-bit limbs, canonical: no leading
/// zero limb). Internal to the quantities code; `ExactDecimal` uses it only for coefficients that
/// do not fit in a `UInt64`.
struct BigUInt: Sendable, Hashable, Comparable {
    /// Little-endian limbs; never ends with a zero limb.
    private(set) var limbs: [UInt64]

    /// Zero.
    init() { limbs = [] }

    /// The value of a single machine word.
    init(_ value: UInt64) { limbs = value == 0 ? [] : [value] }

    /// The value of `limbs` (little-endian); trailing zero limbs are dropped.
    init(limbs: [UInt64]) {
        self.limbs = limbs
        normalize()
    }

    /// Whether the value is zero.
    var isZero: Bool { limbs.isEmpty }

    /// The value as a `UInt64`, or `nil` when it needs more than one limb.
    var uint64Value: UInt64? {
        switch limbs.count {
        case 0: return 0
        case 1: return limbs[0]
        default: return nil
        }
    }

    /// Drops leading (most significant) zero limbs.
    private mutating func normalize() {
        while let last = limbs.last, last == 0 { limbs.removeLast() }
    }

    // MARK: Comparison

    static func < (lhs: BigUInt, rhs: BigUInt) -> Bool { compare(lhs, rhs) < 0 }

    /// Three-way comparison: −1, 0 or 1.
    static func compare(_ lhs: BigUInt, _ rhs: BigUInt) -> Int {
        if lhs.limbs.count != rhs.limbs.count { return lhs.limbs.count < rhs.limbs.count ? -1 : 1 }
        var i = lhs.limbs.count - 1
        while i >= 0 {
            let a = lhs.limbs[i], b = rhs.limbs[i]
            if a != b { return a < b ? -1 : 1 }
            i -= 1
        }
        return 0
    }

    // MARK: Small-operand arithmetic

    /// `self = self × multiplier + addend`.
    mutating func multiply(by multiplier: UInt64, adding addend: UInt64 = 0) {
        var carry = addend
        for i in limbs.indices {
            let product = limbs[i].multipliedFullWidth(by: multiplier)
            let (low, overflow) = product.low.addingReportingOverflow(carry)
            limbs[i] = low
            carry = product.high &+ (overflow ? 1 : 0)
        }
        if carry != 0 { limbs.append(carry) }
        normalize()
    }

    /// The quotient and remainder of division by a non-zero word.
    func quotientAndRemainder(dividingBy divisor: UInt64) -> (quotient: BigUInt, remainder: UInt64) {
        precondition(divisor != 0, "division by zero")
        var quotient = [UInt64](filledWith: 0, count: limbs.count)
        var remainder: UInt64 = 0
        var i = limbs.count - 1
        while i >= 0 {
            let (q, r) = divisor.dividingFullWidth((high: remainder, low: limbs[i]))
            quotient[i] = q
            remainder = r
            i -= 1
        }
        return (BigUInt(limbs: quotient), remainder)
    }

    /// The remainder of division by a non-zero word, without building the quotient.
    func remainder(dividingBy divisor: UInt64) -> UInt64 {
        var remainder: UInt64 = 0
        var i = limbs.count - 1
        while i >= 0 {
            remainder = divisor.dividingFullWidth((high: remainder, low: limbs[i])).remainder
            i -= 1
        }
        return remainder
    }

    // MARK: Full arithmetic

    static func + (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
        let (long, short) = lhs.limbs.count >= rhs.limbs.count ? (lhs.limbs, rhs.limbs) : (rhs.limbs, lhs.limbs)
        var result = long
        var carry: UInt64 = 0
        for i in result.indices {
            let addend = i < short.count ? short[i] : 0
            if addend == 0 && carry == 0 && i >= short.count { break }
            let (s1, o1) = result[i].addingReportingOverflow(addend)
            let (s2, o2) = s1.addingReportingOverflow(carry)
            result[i] = s2
            carry = (o1 ? 1 : 0) + (o2 ? 1 : 0)
        }
        if carry != 0 { result.append(carry) }
        return BigUInt(limbs: result)
    }

    /// `lhs − rhs`; requires `lhs >= rhs`.
    static func - (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
        precondition(compare(lhs, rhs) >= 0, "BigUInt subtraction underflow")
        var result = lhs.limbs
        var borrow: UInt64 = 0
        for i in result.indices {
            let subtrahend = i < rhs.limbs.count ? rhs.limbs[i] : 0
            if subtrahend == 0 && borrow == 0 && i >= rhs.limbs.count { break }
            let (d1, b1) = result[i].subtractingReportingOverflow(subtrahend)
            let (d2, b2) = d1.subtractingReportingOverflow(borrow)
            result[i] = d2
            borrow = (b1 ? 1 : 0) + (b2 ? 1 : 0)
        }
        return BigUInt(limbs: result)
    }

    /// Schoolbook multiplication.
    static func * (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
        if lhs.isZero || rhs.isZero { return BigUInt() }
        var result = [UInt64](filledWith: 0, count: lhs.limbs.count + rhs.limbs.count)
        for i in lhs.limbs.indices {
            var carry: UInt64 = 0
            let a = lhs.limbs[i]
            if a == 0 { continue }
            for j in rhs.limbs.indices {
                let product = a.multipliedFullWidth(by: rhs.limbs[j])
                let (s1, o1) = product.low.addingReportingOverflow(result[i + j])
                let (s2, o2) = s1.addingReportingOverflow(carry)
                result[i + j] = s2
                carry = product.high &+ (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
            }
            result[i + rhs.limbs.count] = carry
        }
        return BigUInt(limbs: result)
    }

    /// Quotient and remainder by Knuth's algorithm D (TAOCP vol. 2, 4.3.1) in base 2^64.
    func quotientAndRemainder(dividingBy divisor: BigUInt) -> (quotient: BigUInt, remainder: BigUInt) {
        precondition(!divisor.isZero, "division by zero")
        if BigUInt.compare(self, divisor) < 0 { return (BigUInt(), self) }
        if divisor.limbs.count == 1 {
            let (q, r) = quotientAndRemainder(dividingBy: divisor.limbs[0])
            return (q, BigUInt(r))
        }
        let n = divisor.limbs.count
        let m = limbs.count - n
        let shift = divisor.limbs[n - 1].leadingZeroBitCount
        let v = BigUInt.shiftLeft(divisor.limbs, by: shift, extraLimb: false)
        var u = BigUInt.shiftLeft(limbs, by: shift, extraLimb: true)
        var q = [UInt64](filledWith: 0, count: m + 1)
        let vTop = v[n - 1], vNext = v[n - 2]

        var j = m
        while j >= 0 {
            // Estimate the quotient digit from the top two limbs, then correct it (at most twice).
            var qHat: UInt64
            var rHat: UInt64
            var rHatOverflowed = false
            if u[j + n] >= vTop {
                qHat = .max
                (rHat, rHatOverflowed) = u[j + n - 1].addingReportingOverflow(vTop)
            } else {
                (qHat, rHat) = vTop.dividingFullWidth((high: u[j + n], low: u[j + n - 1]))
            }
            while !rHatOverflowed {
                let p = qHat.multipliedFullWidth(by: vNext)
                guard p.high > rHat || (p.high == rHat && p.low > u[j + n - 2]) else { break }
                qHat -= 1
                (rHat, rHatOverflowed) = rHat.addingReportingOverflow(vTop)
            }
            // u[j ..< j+n+1] -= qHat × v
            var carry: UInt64 = 0
            var borrow: UInt64 = 0
            for i in 0..<n {
                let p = qHat.multipliedFullWidth(by: v[i])
                let (low, o) = p.low.addingReportingOverflow(carry)
                carry = p.high &+ (o ? 1 : 0)
                let (d1, b1) = u[i + j].subtractingReportingOverflow(low)
                let (d2, b2) = d1.subtractingReportingOverflow(borrow)
                u[i + j] = d2
                borrow = (b1 ? 1 : 0) + (b2 ? 1 : 0)
            }
            let (d1, b1) = u[j + n].subtractingReportingOverflow(carry)
            let (d2, b2) = d1.subtractingReportingOverflow(borrow)
            u[j + n] = d2
            if b1 || b2 {
                // qHat was one too large: add v back.
                qHat -= 1
                var c: UInt64 = 0
                for i in 0..<n {
                    let (s1, o1) = u[i + j].addingReportingOverflow(v[i])
                    let (s2, o2) = s1.addingReportingOverflow(c)
                    u[i + j] = s2
                    c = (o1 ? 1 : 0) + (o2 ? 1 : 0)
                }
                u[j + n] = u[j + n] &+ c
            }
            q[j] = qHat
            j -= 1
        }
        let remainder = BigUInt.shiftRight(Array(u[0..<n]), by: shift)
        return (BigUInt(limbs: q), BigUInt(limbs: remainder))
    }

    private static func shiftLeft(_ limbs: [UInt64], by shift: Int, extraLimb: Bool) -> [UInt64] {
        var result = limbs
        if extraLimb { result.append(0) }
        guard shift > 0 else { return result }
        var i = result.count - 1
        while i > 0 {
            result[i] = (result[i] << UInt64(shift)) | (result[i - 1] >> UInt64(64 - shift))
            i -= 1
        }
        result[0] <<= UInt64(shift)
        return result
    }

    private static func shiftRight(_ limbs: [UInt64], by shift: Int) -> [UInt64] {
        guard shift > 0 else { return limbs }
        var result = limbs
        for i in result.indices {
            let next = i + 1 < result.count ? result[i + 1] : 0
            result[i] = (result[i] >> UInt64(shift)) | (next << UInt64(64 - shift))
        }
        return result
    }

    // MARK: Powers of ten and decimal text

    /// 10^n for n in 0…19: every power of ten that fits in a `UInt64` (a constant table, no
    /// global state to initialise).
    @inline(__always)
    static func wordPowerOfTen(_ n: Int) -> UInt64 {
        switch n {
        case 0: return 1
        case 1: return 10
        case 2: return 100
        case 3: return 1000
        case 4: return 10000
        case 5: return 100000
        case 6: return 1000000
        case 7: return 10000000
        case 8: return 100000000
        case 9: return 1000000000
        case 10: return 10000000000
        case 11: return 100000000000
        case 12: return 1000000000000
        case 13: return 10000000000000
        case 14: return 100000000000000
        case 15: return 1000000000000000
        case 16: return 10000000000000000
        case 17: return 100000000000000000
        case 18: return 1000000000000000000
        case 19: return 10000000000000000000
        default: preconditionFailure("10^\(n) does not fit in a UInt64")
        }
    }

    /// `self × 10^count`.
    mutating func multiplyByPowerOfTen(_ count: Int) {
        var remaining = count
        while remaining >= 19 {
            multiply(by: BigUInt.wordPowerOfTen(19))
            remaining -= 19
        }
        if remaining > 0 { multiply(by: BigUInt.wordPowerOfTen(remaining)) }
    }

    /// 10^exponent.
    static func powerOfTen(_ exponent: Int) -> BigUInt {
        var result = BigUInt(1)
        result.multiplyByPowerOfTen(exponent)
        return result
    }

    /// The value from ASCII decimal digits (bytes `0`…`9` only), most significant first.
    init<Digits: Sequence>(decimalDigits digits: Digits) where Digits.Element == UInt8 {
        self.init()
        var chunk: UInt64 = 0
        var chunkLength = 0
        for byte in digits {
            chunk = chunk * 10 + UInt64(byte &- 0x30)
            chunkLength += 1
            if chunkLength == 19 {
                multiply(by: BigUInt.wordPowerOfTen(19), adding: chunk)
                chunk = 0
                chunkLength = 0
            }
        }
        if chunkLength > 0 { multiply(by: BigUInt.wordPowerOfTen(chunkLength), adding: chunk) }
    }

    /// The decimal digits of the value, most significant first ("0" for zero).
    var decimalString: String {
        if let small = uint64Value { return String(small) }
        var chunks: [UInt64] = []
        var rest = self
        while !rest.isZero {
            let (q, r) = rest.quotientAndRemainder(dividingBy: BigUInt.wordPowerOfTen(19))
            chunks.append(r)
            rest = q
        }
        var text = String(chunks[chunks.count - 1])
        for chunk in chunks.dropLast().reversed() {
            let digits = String(chunk)
            text += String(repeating: "0", count: 19 - digits.utf8.count)
            text += digits
        }
        return text
    }
}
