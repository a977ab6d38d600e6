// QuantityCanonical text for exact decimals.

extension ExactDecimal: CustomStringConvertible, LosslessStringConvertible {
    /// The canonical exact text, in the style of JavaScript's `Number#toString`: plain digits
    /// for 1e-6 <= |x| < 1e21 (`620000000`, `0.4`, `115741`), otherwise scientific with a lowercase
    /// `e`, no `+` and no trailing zeros (`3.2e25`, `1e25`, `1e-7`). Every digit of the value is
    /// written, however many there are. Parsing the text gives back the identical value.
    public var description: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        appendDescription(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends ``description`` as UTF-8, without building a string (the JSON reports' path).
    func appendDescription<Sink: ByteSink & ~Copyable>(to bytes: inout Sink) {
        appendText(scientific: false, to: &bytes)
    }

    /// Appends ``compactDescription`` as UTF-8, without building a string (for notes).
    func appendCompactDescription<Sink: ByteSink & ~Copyable>(to bytes: inout Sink) {
        let point = exponent + significantDigitCount
        appendText(scientific: !isZero && (point > 6 || point < -2), to: &bytes)
    }

    /// Appends the value's text: ``description``, or ``scientificDescription`` when `scientific`.
    private func appendText<Sink: ByteSink & ~Copyable>(scientific: Bool, to bytes: inout Sink) {
        if isZero { return bytes.append(UInt8(ascii: "0")) }
        switch coefficient {
        case .small(let value):
            withDecimalDigits(of: value) { digits in
                ExactDecimal.appendText(
                    digits: digits, exponent: exponent, negative: isNegative, scientific: scientific, to: &bytes)
            }
        case .big(let value):
            var digits = value.decimalString
            digits.withUTF8 { utf8 in
                ExactDecimal.appendText(
                    digits: UnsafeRawBufferPointer(utf8), exponent: exponent, negative: isNegative,
                    scientific: scientific, to: &bytes)
            }
        }
    }

    /// The text of 0.d₁d₂…dₖ × 10^(exponent + k), by the rules of ``description`` (or in
    /// scientific notation whatever its size, when `scientific`).
    private static func appendText<Sink: ByteSink & ~Copyable>(
        digits: UnsafeRawBufferPointer, exponent: Int, negative: Bool, scientific: Bool, to bytes: inout Sink
    ) {
        let count = digits.count
        let point = exponent + count
        if negative { bytes.append(UInt8(ascii: "-")) }
        if scientific || point > 21 || point <= -6 {
            bytes.append(digits[0])
            if count > 1 {
                bytes.append(UInt8(ascii: "."))
                bytes.append(bytes: UnsafeRawBufferPointer(rebasing: digits[1...]))
            }
            bytes.append(UInt8(ascii: "e"))
            bytes.appendDecimal(point - 1)
        } else if point >= count {
            bytes.append(bytes: digits)
            for _ in 0..<(point - count) { bytes.append(UInt8(ascii: "0")) }
        } else if point > 0 {
            bytes.append(bytes: UnsafeRawBufferPointer(rebasing: digits[..<point]))
            bytes.append(UInt8(ascii: "."))
            bytes.append(bytes: UnsafeRawBufferPointer(rebasing: digits[point...]))
        } else {
            bytes.append(UInt8(ascii: "0"))
            bytes.append(UInt8(ascii: "."))
            for _ in 0..<(-point) { bytes.append(UInt8(ascii: "0")) }
            bytes.append(bytes: digits)
        }
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
