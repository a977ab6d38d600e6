// Reading quantities from text, byte by byte.
//
// The scanner works on the UTF-8 bytes of the text directly: no regular expressions, no
// Foundation, and no allocation in the common case (a number of up to 19 significant digits; the
// unit's text and currency code are strings made once, when the unit table is built).

/// Reads exact quantities from text: `3.2e25 FLOP`, `$400M`, `115741 PF-days`, `10²⁵`,
/// `3 × 10^25`, `1.4 billion USD`, `400 Gbit/s`.
///
/// **Numbers.** Digits with an optional point (`5.`, `.5`) and underscores between digits
/// (`500_000_000`); an exponent (`1e25`, `1.2E+25`, `1.2e-3`); a power of ten on its own
/// (`10^25`, `10**25`, `10²⁵` with superscript digits and `⁻`) or after a factor (`3 × 10^25`,
/// `3x10^25`, `3 * 10^25`, `3·10^25`); a multiplier (`k`/`K`/`thousand` = 10³, `M`/`million` = 10⁶,
/// `B`/`bn`/`billion` = 10⁹, `T`/`trillion` = 10¹²); an optional sign (`+5`, `-5`).
/// Commas are refused (they are a decimal mark in much of the world), as are infinities and NaN.
/// Exponents are limited to ±``maximumExponent`` and numbers to ``maximumDigits`` significant
/// digits, so that no text can make the parser hang or exhaust memory.
///
/// **Units** follow the number, after optional whitespace: `FLOP`, `PFLOP/s-day` (8.64e19 FLOP),
/// `FLOP/s` and its SI multiples, `bit/s` and its multiples, `USD`, `$` and other ISO 4217 codes or
/// currency signs (which may also come before the number: `$400M`, `US$ 1.2B`, `€500M`). `¥` is
/// read as the Japanese yen (JPY); write `CN¥` or `CNY` for the Chinese yuan. The value of the
/// result is always in the base unit (FLOP, FLOP/s, bit/s or units of the currency).
///
/// **Negative amounts** are read by `parseNumber(_:)` but refused by
/// `parse(_:expecting:defaultCurrency:allowNegative:)` unless `allowNegative` is
/// true: facts and thresholds are magnitudes, and a minus sign in a profile is almost certainly a
/// mistake worth reporting where it was written.
///
/// Every refusal is a ``QuantityError`` with a message, a suggestion where there is a good
/// guess, and the offset of the problem within the text.
package enum QuantityParser {
    /// The largest exponent magnitude accepted in text (`1e10000` is accepted, `1e10001` is not).
    package static let maximumExponent = 10_000

    /// The largest number of significant digits accepted in text.
    package static let maximumDigits = 1_000

    /// Parses a quantity from a string, or from part of one (a `Substring`).
    ///
    /// - Parameters:
    ///   - text: the text, such as `3.2e25 FLOP` or `$400M`.
    ///   - expecting: the dimension the caller needs. When given, a bare number is read in that
    ///     dimension's base unit (see ``Quantity/withDefaultUnit(_:currency:)``) and a unit of
    ///     another dimension is an error pointing at the unit. When `nil`, the quantity is
    ///     returned as written (a bare number is ``QuantityDimension/dimensionless``).
    ///   - defaultCurrency: the currency of a bare number when `expecting` is `.money`; with none,
    ///     a bare number is refused for money.
    ///   - allowNegative: whether a negative value is accepted (by default it is refused).
    package static func parse(
        _ text: some StringProtocol, expecting: QuantityDimension? = nil,
        defaultCurrency: String? = nil, allowNegative: Bool = false
    ) throws(QuantityError) -> Quantity {
        let scan = { (bytes: UnsafeBufferPointer<UInt8>) in
            Result { () throws(QuantityError) in
                try QuantityScanner(bytes: bytes).quantity(
                    expecting: expecting, defaultCurrency: defaultCurrency,
                    allowNegative: allowNegative)
            }
        }
        if let result = text.utf8.withContiguousStorageIfAvailable(scan) { return try result.get() }
        var copy = String(text)
        return try copy.withUTF8(scan).get()
    }

    /// Parses a quantity from UTF-8 bytes (for example a YAML scalar straight from the parser's
    /// buffer); see `parse(_:expecting:defaultCurrency:allowNegative:)`.
    package static func parse(
        utf8 bytes: UnsafeBufferPointer<UInt8>, expecting: QuantityDimension? = nil,
        defaultCurrency: String? = nil, allowNegative: Bool = false
    ) throws(QuantityError) -> Quantity {
        try QuantityScanner(bytes: bytes).quantity(
            expecting: expecting, defaultCurrency: defaultCurrency,
            allowNegative: allowNegative)
    }

    /// Parses a plain number from a string or part of one: every number spelling of
    /// `parse(_:expecting:defaultCurrency:allowNegative:)` (multipliers such as `500M` included),
    /// negative values accepted, no unit or currency.
    package static func parseNumber(_ text: some StringProtocol) throws(QuantityError) -> ExactDecimal {
        try parse(text, expecting: .dimensionless, allowNegative: true).value
    }

    /// Parses a plain number from UTF-8 bytes; see `parseNumber(_:)`.
    package static func parseNumber(utf8 bytes: UnsafeBufferPointer<UInt8>) throws(QuantityError) -> ExactDecimal {
        try parse(utf8: bytes, expecting: .dimensionless, allowNegative: true).value
    }
}

// MARK: - The scanner

/// One pass over the bytes of a quantity's text.
struct QuantityScanner {
    let bytes: UnsafeBufferPointer<UInt8>

    private var end: Int { bytes.count }

    @inline(__always)
    private func byte(_ index: Int) -> UInt8? { index < bytes.count ? bytes[index] : nil }

    @inline(__always)
    fileprivate static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    @inline(__always)
    private static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }

    /// The whole parse: sign and currency sign, number, exponent, multiplier, unit; then the
    /// checks that depend on the caller (sign, expected dimension).
    func quantity(
        expecting: QuantityDimension?, defaultCurrency: String?,
        allowNegative: Bool
    ) throws(QuantityError) -> Quantity {
        var i = skipSpaces(0)
        guard i < end else {
            throw error(.empty, "empty quantity: expected a number such as 1e25, 500M or 3.2e25 FLOP", at: 0)
        }

        // Sign and currency sign, in either order: -$5, $-5.
        var negative = false
        var signOffset: Int?
        if let (length, isMinus) = sign(at: i) {
            negative = isMinus
            signOffset = i
            i += length
        }
        var prefix: CurrencyPrefix?
        if let first = byte(i), !QuantityScanner.isDigit(first), first != UInt8(ascii: "."),
            let unit = currencyPrefix(at: i)
        {
            prefix = CurrencyPrefix(unit: unit, start: i, end: i + unit.length)
            i = skipSpaces(i + unit.length)
            if signOffset == nil, let (length, isMinus) = sign(at: i) {
                negative = isMinus
                signOffset = i
                i += length
            }
        }
        if let first = byte(i), !QuantityScanner.isDigit(first), let length = nonFiniteWord(at: i) {
            throw error(
                .notFinite, "'\(text(i, i + length))' is not a finite amount; write the number itself, such as 1e30",
                at: signOffset ?? i)
        }

        // The number: mantissa, exponent (1e25, 10^25, 3 × 10^25) and multiplier (500M).
        var mantissa = try scanMantissa(at: i)
        var (exponent, afterExponent) = try scanExponent(&mantissa)
        i = afterExponent
        let suffixStart = skipSpaces(i)
        if let (length, power) = multiplier(at: suffixStart) {
            exponent += power
            i = suffixStart + length
        }

        // The unit, up to the end of the text (less trailing whitespace).
        let unitStart = skipSpaces(i)
        let unitEnd = trimmedEnd(from: unitStart)
        let unit = try resolveUnit(prefix: prefix, start: unitStart, end: unitEnd)

        var value = mantissa.value(in: bytes, timesPowerOfTen: exponent, negative: negative)
        if let scale = unit.scale { value = value * scale }
        if value.isNegative && !allowNegative {
            throw error(
                .negative, "a negative amount is not accepted here: facts and thresholds are magnitudes",
                suggestion: value.magnitude.description.utf8.count <= 64 ? value.magnitude.description : nil,
                at: signOffset ?? mantissa.start)
        }

        var dimension = unit.dimension
        var currency = unit.definition?.currency
        if let expected = expecting {
            if dimension == .dimensionless, expected != .dimensionless {
                if expected == .money {
                    guard let defaultCurrency else {
                        let written = text(mantissa.start, unitStart).trimmingTrailingSpaces
                        throw error(
                            .missingCurrency, "an amount of money needs a currency, as in 500M USD or $500M",
                            suggestion: written.utf8.count <= 64 ? "\(written) USD" : nil, at: unitStart)
                    }
                    currency = defaultCurrency
                }
                dimension = expected
            } else if dimension != expected {
                let written = unit.definition?.name ?? ""
                if expected == .dimensionless {
                    throw error(
                        .wrongDimension, "expected a plain number, found the unit '\(written)'", at: unit.offset)
                }
                throw error(
                    .wrongDimension, "expected \(expected), found '\(written)', \(dimension)",
                    suggestion: expected.baseUnit, at: unit.offset)
            }
        }
        return Quantity(value, dimension: dimension, currency: currency, unitText: unit.definition?.name)
    }

    // MARK: Phases

    /// A currency sign or code written before the number.
    private struct CurrencyPrefix {
        let unit: QuantityUnit
        let start: Int
        let end: Int
    }

    /// The digits of a number as scanned: up to 19 significant digits accumulate in a word, and
    /// trailing zeros are counted rather than multiplied in (so `10000000000000000000000000`
    /// stays on the fast path); longer numbers are rebuilt from the bytes as a big integer.
    private struct Mantissa {
        /// Byte offsets of the digits, point and underscores.
        var start: Int
        var end = 0
        /// The significant digits up to the last non-zero one, when there are at most 19.
        var coefficient: UInt64 = 0
        /// Digits from the first non-zero one to the last non-zero one.
        var significantDigits = 0
        /// Zeros after the last non-zero digit.
        var trailingZeros = 0
        /// Digits after the point.
        var fractionDigits = 0

        /// Replaces the mantissa by 1 (for `10^n`, where the `10` is the base, not a factor).
        mutating func becomeOne() {
            coefficient = 1
            significantDigits = 1
            trailingZeros = 0
            fractionDigits = 0
        }

        /// The exact value `±mantissa × 10^power`.
        func value(in bytes: UnsafeBufferPointer<UInt8>, timesPowerOfTen power: Int, negative: Bool) -> ExactDecimal {
            if significantDigits <= 19 {
                return ExactDecimal(
                    small: coefficient, exponent: power + trailingZeros - fractionDigits, isNegative: negative)
            }
            let digits = bytes[start..<end].lazy.filter { QuantityScanner.isDigit($0) }
            return ExactDecimal(
                coefficient: .big(BigUInt(decimalDigits: digits)), exponent: power - fractionDigits,
                isNegative: negative)
        }
    }

    /// Digits with at most one point and underscores between digits; refuses commas.
    private func scanMantissa(at start: Int) throws(QuantityError) -> Mantissa {
        var mantissa = Mantissa(start: start)
        var i = start
        var sawDigit = false
        var sawPoint = false
        var previousWasDigit = false
        while i < end {
            let b = bytes[i]
            if QuantityScanner.isDigit(b) {
                sawDigit = true
                previousWasDigit = true
                if sawPoint { mantissa.fractionDigits += 1 }
                if b == UInt8(ascii: "0") {
                    if mantissa.significantDigits > 0 { mantissa.trailingZeros += 1 }
                } else {
                    mantissa.significantDigits += mantissa.trailingZeros + 1
                    if mantissa.significantDigits <= 19 {
                        for _ in 0..<mantissa.trailingZeros { mantissa.coefficient &*= 10 }
                        mantissa.coefficient = mantissa.coefficient &* 10 &+ UInt64(b &- 0x30)
                    }
                    mantissa.trailingZeros = 0
                }
                i += 1
            } else if b == UInt8(ascii: "_") {
                guard previousWasDigit, let next = byte(i + 1), QuantityScanner.isDigit(next) else {
                    throw error(
                        .malformedNumber, "an underscore in a number must sit between two digits, as in 500_000_000",
                        at: i)
                }
                previousWasDigit = false
                i += 1
            } else if b == UInt8(ascii: ".") {
                if sawPoint {
                    throw error(.malformedNumber, "a number has at most one decimal point", at: i)
                }
                sawPoint = true
                previousWasDigit = false
                i += 1
            } else if b == UInt8(ascii: ","), let next = byte(i + 1), QuantityScanner.isDigit(next) {
                throw commaError(numberStart: start, comma: i)
            } else {
                break
            }
        }
        guard sawDigit else {
            throw error(.malformedNumber, "expected a number (such as 1e25, 500M or 3 × 10^25)", at: start)
        }
        if mantissa.significantDigits + mantissa.trailingZeros > QuantityParser.maximumDigits {
            throw error(
                .tooManyDigits,
                "a number may have at most \(QuantityParser.maximumDigits) significant digits; use an exponent, as "
                    + "in 1e25",
                at: start)
        }
        mantissa.end = i
        return mantissa
    }

    /// The exponent after a mantissa: `e25`, `E+25`, `e-3`; `^25`, `**25` or `²⁵` after a
    /// mantissa of exactly `10` (which then becomes 1); or `× 10^25` after any mantissa. Returns
    /// the exponent (0 when there is none) and the offset after it.
    private func scanExponent(_ mantissa: inout Mantissa) throws(QuantityError) -> (Int, Int) {
        let i = mantissa.end
        if i < end, bytes[i] | 0x20 == UInt8(ascii: "e") {
            var j = i + 1
            var negative = false
            if let (length, isMinus) = sign(at: j) {
                negative = isMinus
                j += length
            }
            if let next = byte(j), QuantityScanner.isDigit(next) {
                let power = try digits(from: &j)
                return (negative ? -power : power, j)
            }
            if j == i + 1, let next = byte(j), QuantityScanner.isLetter(next) {
                return (0, i)  // Not an exponent: a unit starting with E or e (EFLOP/s, EUR).
            }
            throw error(
                .missingExponent, "'\(text(i, i + 1))' must be followed by the exponent's digits, as in 1e25", at: j)
        }
        if mantissa.end - mantissa.start == 2, bytes[mantissa.start] == UInt8(ascii: "1"),
            bytes[mantissa.start + 1] == UInt8(ascii: "0"), let (power, next) = try powerOfTen(at: i)
        {
            mantissa.becomeOne()
            return (power, next)
        }
        let j = skipSpaces(i)
        if let length = multiplicationSign(at: j) {
            let k = skipSpaces(j + length)
            guard byte(k) == UInt8(ascii: "1"), byte(k + 1) == UInt8(ascii: "0"),
                let (power, next) = try powerOfTen(at: k + 2)
            else {
                throw error(
                    .malformedNumber, "expected a power of ten after '\(text(j, j + length))', as in 3 × 10^25", at: k)
            }
            return (power, next)
        }
        return (0, i)
    }

    /// What the unit and any currency prefix come to. Only plain values: the strings of the
    /// result are made once, at the end.
    private struct ResolvedUnit {
        /// The unit (after the number, else the currency prefix), if any.
        var definition: QuantityUnit?
        /// Where the unit (or prefix) starts, for errors.
        var offset: Int

        var dimension: QuantityDimension { definition?.dimension ?? .dimensionless }

        /// The factor to the base unit, when it is not 1.
        var scale: ExactDecimal? {
            guard let definition, !definition.hasUnitScale else { return nil }
            return definition.scale
        }
    }

    /// Looks up the unit in `start..<end` (empty when there is none) and reconciles it with a
    /// currency prefix.
    private func resolveUnit(
        prefix: CurrencyPrefix?, start: Int, end unitEnd: Int
    ) throws(QuantityError) -> ResolvedUnit {
        var unit: QuantityUnit?
        if start < unitEnd {
            let first = bytes[start]
            guard QuantityScanner.isLetter(first) || first == UInt8(ascii: "$") || first >= 0x80 else {
                throw error(
                    .trailingText,
                    "unexpected \(text(start, start + scalarLength(at: start)).quotedForDiagnostic()) after the number",
                    at: start)
            }
            guard let found = UnitTable.lookUp(UnsafeBufferPointer(rebasing: bytes[start..<unitEnd])) else {
                throw unitError(start: start, end: unitEnd)
            }
            unit = found
        }
        guard let prefix else { return ResolvedUnit(definition: unit, offset: start) }
        guard let unit else { return ResolvedUnit(definition: prefix.unit, offset: prefix.start) }
        guard unit.dimension == .money else {
            throw error(
                .conflictingUnits,
                "the currency sign '\(text(prefix.start, prefix.end))' cannot go with the unit "
                    + "'\(text(start, unitEnd))'",
                at: start)
        }
        guard unit.packedCurrency == prefix.unit.packedCurrency else {
            throw error(
                .conflictingUnits,
                "'\(text(start, unitEnd))' contradicts the currency sign '\(text(prefix.start, prefix.end))' "
                    + "before the number (\(prefix.unit.currency ?? "?"))",
                at: start)
        }
        return ResolvedUnit(definition: unit, offset: start)
    }

    // MARK: Pieces

    /// Skips ASCII whitespace, no-break space (U+00A0) and the thin, hair and narrow no-break
    /// spaces (U+2009, U+200A, U+202F) used in typeset numbers.
    @inline(__always)
    private func skipSpaces(_ start: Int) -> Int {
        var i = start
        while i < end {
            let b = bytes[i]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D {
                i += 1
            } else if b == 0xC2, byte(i + 1) == 0xA0 {
                i += 2
            } else if b == 0xE2, byte(i + 1) == 0x80, let c = byte(i + 2), c == 0x89 || c == 0x8A || c == 0xAF {
                i += 3
            } else {
                break
            }
        }
        return i
    }

    /// The end of the text less trailing whitespace (but not before `start`).
    private func trimmedEnd(from start: Int) -> Int {
        var i = end
        while i > start {
            let b = bytes[i - 1]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D {
                i -= 1
            } else if b == 0xA0, i - 2 >= start, bytes[i - 2] == 0xC2 {
                i -= 2
            } else if b == 0x89 || b == 0x8A || b == 0xAF, i - 3 >= start, bytes[i - 3] == 0xE2, bytes[i - 2] == 0x80 {
                i -= 3
            } else {
                break
            }
        }
        return i
    }

    /// The UTF-8 length of the scalar starting at `index` (1 for a stray continuation byte).
    private func scalarLength(at index: Int) -> Int {
        let b = bytes[index]
        let length = b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
        return min(length, end - index)
    }

    /// A sign: `+`, `-` or `−` (U+2212 MINUS SIGN); its length and whether it is a minus.
    @inline(__always)
    private func sign(at i: Int) -> (Int, Bool)? {
        guard let b = byte(i) else { return nil }
        if b == UInt8(ascii: "+") { return (1, false) }
        if b == UInt8(ascii: "-") { return (1, true) }
        if b == 0xE2, byte(i + 1) == 0x88, byte(i + 2) == 0x92 { return (3, true) }
        return nil
    }

    /// A currency sign or ISO 4217 code before the number (`$`, `US$`, `€`, `USD `, `EUR500M`).
    private func currencyPrefix(at i: Int) -> QuantityUnit? {
        guard let first = byte(i), !QuantityScanner.isDigit(first), first != UInt8(ascii: ".") else { return nil }
        let signs = UnitTable.currencySigns
        for index in signs.indices
        where i + signs[index].length <= end
            && signs[index].matches(UnsafeBufferPointer(rebasing: bytes[i..<(i + signs[index].length)]))
        {
            return signs[index]
        }
        // A code followed by a space, a digit, a point or a sign.
        if i + 3 < end, UnitTable.isUppercaseLetter(bytes[i]), UnitTable.isUppercaseLetter(bytes[i + 1]),
            UnitTable.isUppercaseLetter(bytes[i + 2]), UnitTable.isCurrencyCode(bytes[i], bytes[i + 1], bytes[i + 2])
        {
            let next = bytes[i + 3]
            if skipSpaces(i + 3) > i + 3 || QuantityScanner.isDigit(next) || next == UInt8(ascii: ".")
                || sign(at: i + 3) != nil
            {
                return QuantityUnit(code: bytes[i], bytes[i + 1], bytes[i + 2])
            }
        }
        return nil
    }

    /// `inf`, `.inf`, `infinity`, `nan`, `.nan` (any case) or `∞`: the length of the word.
    private func nonFiniteWord(at i: Int) -> Int? {
        guard let first = byte(i) else { return nil }
        if first == 0xE2, byte(i + 1) == 0x88, byte(i + 2) == 0x9E { return 3 }
        guard first == UInt8(ascii: ".") || QuantityScanner.isLetter(first) else { return nil }
        func word(_ word: StaticString) -> Int? {
            word.withUTF8Buffer { w -> Int? in
                guard i + w.count <= end else { return nil }
                for k in 0..<w.count where bytes[i + k] | 0x20 != w[k] { return nil }
                if let after = byte(i + w.count), QuantityScanner.isLetter(after) { return nil }
                return w.count
            }
        }
        return word(".inf") ?? word(".nan") ?? word("infinity") ?? word("inf") ?? word("nan")
    }

    /// Decimal digits (at least one is present at `index`) as an exponent, bounded by
    /// ``QuantityParser/maximumExponent``.
    private func digits(from index: inout Int) throws(QuantityError) -> Int {
        let start = index
        var value = 0
        while let b = byte(index), QuantityScanner.isDigit(b) {
            if value <= QuantityParser.maximumExponent { value = value * 10 + Int(b &- 0x30) }
            index += 1
        }
        if value > QuantityParser.maximumExponent {
            throw error(
                .exponentOutOfRange,
                "the exponent is out of range: at most ±\(QuantityParser.maximumExponent) is accepted", at: start)
        }
        return value
    }

    /// A superscript digit (⁰¹²³⁴⁵⁶⁷⁸⁹) at `index`: its value and UTF-8 length.
    private func superscriptDigit(at index: Int) -> (Int, Int)? {
        guard let b = byte(index) else { return nil }
        if b == 0xC2, let c = byte(index + 1) {
            switch c {
            case 0xB9: return (1, 2)
            case 0xB2: return (2, 2)
            case 0xB3: return (3, 2)
            default: return nil
            }
        }
        if b == 0xE2, byte(index + 1) == 0x81, let c = byte(index + 2) {
            if c == 0xB0 { return (0, 3) }
            if c >= 0xB4 && c <= 0xB9 { return (Int(c - 0xB0), 3) }
        }
        return nil
    }

    /// A superscript sign (⁺ or ⁻) at `index`: whether it is a minus.
    private func superscriptSign(at index: Int) -> Bool? {
        guard byte(index) == 0xE2, byte(index + 1) == 0x81, let c = byte(index + 2) else { return nil }
        if c == 0xBA { return false }
        if c == 0xBB { return true }
        return nil
    }

    /// After a `10`: `^25`, `**25`, `^-3` or superscripts `²⁵`, `⁻³`. Returns the exponent and
    /// the index after it, `nil` when no power operator is at `index`, and throws when the
    /// operator has no digits.
    private func powerOfTen(at index: Int) throws(QuantityError) -> (Int, Int)? {
        var i = index
        if byte(i) == UInt8(ascii: "^") || (byte(i) == UInt8(ascii: "*") && byte(i + 1) == UInt8(ascii: "*")) {
            let operatorText = byte(i) == UInt8(ascii: "^") ? "^" : "**"
            i += operatorText.utf8.count
            var negative = false
            if let (length, isMinus) = sign(at: i) {
                negative = isMinus
                i += length
            }
            guard let b = byte(i), QuantityScanner.isDigit(b) else {
                throw error(
                    .missingExponent, "'\(operatorText)' must be followed by the exponent's digits, as in 10^25", at: i)
            }
            let power = try digits(from: &i)
            return (negative ? -power : power, i)
        }
        var negative = false
        if let isMinus = superscriptSign(at: i) {
            negative = isMinus
            i += 3
        }
        let digitsStart = i
        var power = 0
        while let (digit, length) = superscriptDigit(at: i) {
            if power <= QuantityParser.maximumExponent { power = power * 10 + digit }
            i += length
        }
        if i == digitsStart {
            if i == index { return nil }
            throw error(
                .missingExponent, "a superscript sign must be followed by superscript digits, as in 10⁻³", at: i)
        }
        if power > QuantityParser.maximumExponent {
            throw error(
                .exponentOutOfRange,
                "the exponent is out of range: at most ±\(QuantityParser.maximumExponent) is accepted", at: digitsStart)
        }
        return (negative ? -power : power, i)
    }

    /// A multiplication sign before `10^…`: `×`, `*`, `·`, `⋅`, or `x`/`X` when `10` follows.
    private func multiplicationSign(at index: Int) -> Int? {
        guard let b = byte(index) else { return nil }
        switch b {
        case UInt8(ascii: "*"):
            return 1
        case UInt8(ascii: "x"), UInt8(ascii: "X"):
            let k = skipSpaces(index + 1)
            return byte(k) == UInt8(ascii: "1") && byte(k + 1) == UInt8(ascii: "0") ? 1 : nil
        case 0xC3 where byte(index + 1) == 0x97:  // ×
            return 2
        case 0xC2 where byte(index + 1) == 0xB7:  // ·
            return 2
        case 0xE2 where byte(index + 1) == 0x8B && byte(index + 2) == 0x85:  // ⋅
            return 3
        default:
            return nil
        }
    }

    /// A multiplier at `index`: its length and power of ten. A multiplier must end the text or be
    /// followed by whitespace, a currency sign or other non-ASCII text, so that `Mbit/s`, `B/s`
    /// and `TFLOP/s` are read as units.
    private func multiplier(at index: Int) -> (Int, Int)? {
        guard let first = byte(index), QuantityScanner.isLetter(first) else { return nil }
        func boundary(_ k: Int) -> Bool {
            guard let b = byte(k) else { return true }
            return b >= 0x80 || b == UInt8(ascii: "$") || skipSpaces(k) > k
        }
        func word(_ word: StaticString) -> Int? {
            word.withUTF8Buffer { w -> Int? in
                guard index + w.count <= end else { return nil }
                for k in 0..<w.count where bytes[index + k] | 0x20 != w[k] { return nil }
                return boundary(index + w.count) ? w.count : nil
            }
        }
        switch first | 0x20 {
        case UInt8(ascii: "t"):
            if let length = word("thousand") { return (length, 3) }
            if let length = word("trillion") { return (length, 12) }
        case UInt8(ascii: "m"):
            if let length = word("million") { return (length, 6) }
        case UInt8(ascii: "b"):
            if let length = word("billion") { return (length, 9) }
            if let length = word("bn") { return (length, 9) }
        default:
            break
        }
        guard boundary(index + 1) else { return nil }
        switch first {
        case UInt8(ascii: "k"), UInt8(ascii: "K"): return (1, 3)
        case UInt8(ascii: "M"): return (1, 6)
        case UInt8(ascii: "B"): return (1, 9)
        case UInt8(ascii: "T"): return (1, 12)
        default: return nil
        }
    }

    // MARK: Errors

    /// The text of `bytes[start..<end]`.
    private func text(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// An error at a byte offset (converted to a Unicode-scalar offset).
    private func error(
        _ kind: QuantityError.Kind, _ message: String, suggestion: String? = nil,
        at utf8Offset: Int
    ) -> QuantityError {
        let clamped = min(max(utf8Offset, 0), end)
        var scalars = 0
        for k in 0..<clamped where bytes[k] & 0xC0 != 0x80 { scalars += 1 }
        return QuantityError(kind, message, suggestion: suggestion, utf8Offset: clamped, scalarOffset: scalars)
    }

    /// The refusal of a comma in a number, with the spellings that would have worked.
    private func commaError(numberStart: Int, comma: Int) -> QuantityError {
        var k = numberStart
        while let b = byte(k),
            QuantityScanner.isDigit(b) || b == UInt8(ascii: ",") || b == UInt8(ascii: ".") || b == UInt8(ascii: "_")
        {
            k += 1
        }
        let written = text(numberStart, k)
        let lead = "commas are not accepted in numbers (a decimal mark in much of the world)"
        // The respellings repeat the number: only for one short enough to be quoted in a message.
        guard written.utf8.count <= 64 else {
            return error(.comma, "\(lead); write 1000000, 1_000_000 or 1e6 (a point for a decimal mark)", at: comma)
        }
        let groups = written.split(separator: ",", omittingEmptySubsequences: false)
        func allDigits<S: StringProtocol>(_ s: S) -> Bool { !s.isEmpty && s.utf8.allSatisfy(QuantityScanner.isDigit) }
        var isGrouping = groups.count >= 2 && (1...3).contains(groups[0].utf8.count) && allDigits(groups[0])
        if isGrouping {
            for (index, group) in groups.enumerated().dropFirst() {
                let isLast = index == groups.count - 1
                let head = group.prefix(3)
                let tail = group.dropFirst(3)
                let tailOK =
                    tail.isEmpty || (isLast && tail.first == "." && (tail.count == 1 || allDigits(tail.dropFirst())))
                if !(head.utf8.count == 3 && allDigits(head) && tailOK) { isGrouping = false }
            }
        }
        if isGrouping {
            let plain = String(written.filter { $0 != "," })
            let underscored = String(written.map { $0 == "," ? "_" : $0 })
            let scientific = ExactDecimal(plain).map { $0.scientificDescription } ?? plain
            return error(
                .comma, "\(lead); write \(plain), \(underscored) or \(scientific)", suggestion: plain, at: comma)
        }
        if groups.count == 2, !written.contains(".") {
            let decimal = String(written.map { $0 == "," ? "." : $0 })
            return error(
                .comma,
                "\(lead); write \(decimal) if the comma is a decimal mark, and use underscores to group digits "
                    + "(1_000_000)",
                suggestion: decimal, at: comma)
        }
        return error(.comma, "\(lead); write 1000000, 1_000_000 or 1e6 (a point for a decimal mark)", at: comma)
    }

    /// The refusal of the text after the number, which is not a known unit.
    private func unitError(start: Int, end unitEnd: Int) -> QuantityError {
        let written = text(start, unitEnd)
        let lower = Array(written.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 })

        // FLOPS and its multiples: a count or a rate?
        if lower.count >= 5, lower.suffix(5).elementsEqual("flops".utf8) {
            let prefixes: [(String, String)] = [
                ("", ""), ("k", "k"), ("kilo", "k"), ("m", "M"), ("mega", "M"), ("g", "G"), ("giga", "G"),
                ("t", "T"), ("tera", "T"), ("p", "P"), ("peta", "P"), ("e", "E"), ("exa", "E"), ("z", "Z"),
                ("zetta", "Z"),
            ]
            let head = String(decoding: lower.dropLast(5), as: UTF8.self)
            if let (_, symbol) = prefixes.first(where: { $0.0 == head }) {
                return error(
                    .ambiguousUnit,
                    "'\(written)' is ambiguous: write '\(symbol)FLOP' for a count of operations or '\(symbol)FLOP/s' "
                        + "for a rate",
                    suggestion: "\(symbol)FLOP", at: start)
            }
        }
        switch written {
        case "m", "mm", "mn", "mln":
            return error(
                .ambiguousUnit, "'\(written)' is ambiguous (milli or million): write M or million, as in 500M",
                suggestion: "M", at: start)
        case "b":
            return error(
                .ambiguousUnit,
                "'b' is ambiguous (bit or billion): write B, bn or billion for a billion, or bit/s for a bandwidth",
                suggestion: "B", at: start)
        default:
            break
        }

        // A known unit followed by something else.
        var wordEnd = start
        while wordEnd < unitEnd, skipSpaces(wordEnd) == wordEnd { wordEnd += scalarLength(at: wordEnd) }
        if wordEnd < unitEnd, UnitTable.lookUp(UnsafeBufferPointer(rebasing: bytes[start..<wordEnd])) != nil {
            let next = skipSpaces(wordEnd)
            return error(
                .trailingText,
                "unexpected text after the unit '\(text(start, wordEnd))': "
                    + "\(text(next, unitEnd).quotedForDiagnostic())",
                at: next)
        }

        // Three capital letters: a currency code that is not in ISO 4217.
        let utf8 = Array(written.utf8)
        if utf8.count == 3, utf8.allSatisfy(UnitTable.isUppercaseLetter) {
            return error(
                .unknownCurrency,
                "'\(written)' is not an ISO 4217 currency code; accepted: USD, EUR, GBP, JPY, CNY, KRW and the other "
                    + "ISO 4217 codes",
                at: start)
        }

        let suggestion = UnitTable.nearestSpelling(to: lower)
        var message = "unknown unit \(written.quotedForDiagnostic())"
        message += suggestion.map { "; did you mean '\($0)'?" } ?? "."
        message += " Accepted units: \(UnitTable.acceptedUnitsSummary)"
        return error(.unknownUnit, message, suggestion: suggestion, at: start)
    }
}

extension UnitTable {
    /// The accepted spelling nearest to `lowercased` (ASCII-lowercased bytes) by edit distance,
    /// ignoring case, when it is close enough to be a plausible typo.
    static func nearestSpelling(to lowercased: [UInt8]) -> String? {
        var best: (String, Int)?
        let limit = max(1, min(2, lowercased.count / 3))
        var candidates = units.map(\.name)
        isoCurrencyCodes.withUTF8Buffer { table in
            for index in stride(from: 0, to: table.count, by: 3) {
                candidates.append(
                    String(decoding: UnsafeBufferPointer(rebasing: table[index..<(index + 3)]), as: UTF8.self))
            }
        }
        for candidate in candidates {
            // The distance is at least the difference in length: skip what cannot be near (and so
            // never compare a hostile megabyte of text letter by letter).
            guard abs(candidate.utf8.count - lowercased.count) <= limit else { continue }
            let other = candidate.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            let distance = editDistance(lowercased, other)
            if distance <= limit, distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
        }
        return best?.0
    }

    /// Levenshtein distance between two byte strings.
    static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

extension String {
    /// The string without trailing ASCII spaces.
    fileprivate var trimmingTrailingSpaces: String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
