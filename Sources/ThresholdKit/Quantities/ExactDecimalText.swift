// QuantityCanonical text for exact decimals.

extension ExactDecimal: CustomStringConvertible, LosslessStringConvertible {
    /// The canonical exact text, in the style of JavaScript's `Number#toString`: plain digits
    /// for 1e-6 <= |x| < 1e21 (`620000000`, `0.4`, `115741`), otherwise scientific with a lowercase
    /// `e`, no `+` and no trailing zeros (`3.2e25`, `1e25`, `1e-7`). Every digit of the value is
    /// written, however many there are. Parsing the text gives back the identical value.
    public var description: String {
        let digits = coefficientDigits
        let count = digits.utf8.count
        // The value is 0.d₁d₂…dₖ × 10^point.
        let point = exponent + count
        if isZero { return "0" }
        if point > 21 || point <= -6 {
            return ExactDecimal.scientific(digits: digits, point: point, negative: isNegative)
        }
        var text = isNegative ? "-" : ""
        if point >= count {
            text += digits
            text += String(repeating: "0", count: point - count)
        } else if point > 0 {
            let utf8 = Array(digits.utf8)
            text += String(decoding: utf8[0..<point], as: UTF8.self)
            text += "."
            text += String(decoding: utf8[point...], as: UTF8.self)
        } else {
            text += "0."
            text += String(repeating: "0", count: -point)
            text += digits
        }
        return text
    }

    /// The value in scientific notation whatever its size (`1e6`, `2.5e6`, `3.2e25`, `4e-1`),
    /// with the same conventions as ``description``.
    public var scientificDescription: String {
        if isZero { return "0" }
        let digits = coefficientDigits
        return ExactDecimal.scientific(digits: digits, point: exponent + digits.utf8.count, negative: isNegative)
    }

    /// Exact text that stays short for people: scientific when |x| >= 10^6 or 0 < |x| < 10^-3
    /// (`4.05e11`, `7.2e6`, `2.5e-4`), plain otherwise (`16384`, `0.4`). Every digit is kept, and
    /// parsing the text gives back the identical value. Used in derivations and reports.
    public var compactDescription: String {
        if isZero { return "0" }
        let point = exponent + significantDigitCount
        return point > 6 || point < -2 ? scientificDescription : description
    }

    private static func scientific(digits: String, point: Int, negative: Bool) -> String {
        var text = negative ? "-" : ""
        let utf8 = digits.utf8
        text += String(decoding: utf8.prefix(1), as: UTF8.self)
        if utf8.count > 1 {
            text += "."
            text += String(decoding: utf8.dropFirst(), as: UTF8.self)
        }
        text += "e"
        text += String(point - 1)
        return text
    }

    /// Parses a number with `QuantityParser.parseNumber(_:)` (every spelling it
    /// accepts, negative values included); `nil` when the text is not a number.
    public init?(_ description: String) {
        guard let value = try? QuantityParser.parseNumber(description) else { return nil }
        self = value
    }
}
