// Quantities: an exact value with a dimension (and, for money, a currency).

/// An exact amount with its dimension: a count of operations, a rate, money or a bandwidth.
///
/// `value` is always in the dimension's base unit (FLOP, FLOP/s, bit/s, or whole units of
/// `currency`), so `115741 PF-days` is held as 10 000 022 400 000 000 000 000 000 FLOP and compares
/// directly with `1e25 FLOP`.
///
/// Equality and hashing compare the value, dimension and currency; `unitText` (how the unit was
/// written) is provenance only and does not take part: `$500M == 500M USD`.
package struct Quantity: Sendable, Hashable, CustomStringConvertible {
    /// The exact value in the base unit of ``dimension``.
    package var value: ExactDecimal
    /// What the quantity measures.
    package var dimension: QuantityDimension
    /// The ISO 4217 code, for money only (`nil` otherwise).
    package var currency: String?
    /// The unit as it was written (`"PF-days"`, `"$"`, `"USD"`), or `nil` when the text had none.
    package var unitText: String?

    /// A quantity from its parts. `currency` is kept only for money.
    package init(_ value: ExactDecimal, dimension: QuantityDimension, currency: String? = nil, unitText: String? = nil)
    {
        self.value = value
        self.dimension = dimension
        self.currency = dimension == .money ? currency : nil
        self.unitText = unitText
    }

    /// A count of operations, in FLOP.
    package static func operations(_ flop: ExactDecimal) -> Quantity { Quantity(flop, dimension: .operations) }

    /// A rate of operations, in FLOP/s.
    package static func operationsPerSecond(_ rate: ExactDecimal) -> Quantity {
        Quantity(rate, dimension: .operationsPerSecond)
    }

    /// An amount of money in the currency with ISO 4217 code `currency`.
    package static func money(_ amount: ExactDecimal, currency: String) -> Quantity {
        Quantity(amount, dimension: .money, currency: currency)
    }

    /// A bandwidth, in bit/s.
    package static func bandwidth(_ bitsPerSecond: ExactDecimal) -> Quantity {
        Quantity(bitsPerSecond, dimension: .bandwidth)
    }

    /// A plain number.
    package static func dimensionless(_ value: ExactDecimal) -> Quantity { Quantity(value, dimension: .dimensionless) }

    /// The symbol of the unit `value` is expressed in: `FLOP`, `FLOP/s`, `bit/s`, the currency
    /// code for money, `nil` for a plain number.
    package var unitSymbol: String? {
        dimension == .money ? currency : dimension.baseUnit
    }

    /// The value and its base unit, e.g. `3.2e25 FLOP`, `620000000 USD`, `0.4`.
    package var description: String {
        guard let unit = unitSymbol else { return value.description }
        return "\(value) \(unit)"
    }

    /// Whether the two quantities can be compared: same dimension and, for money, same currency.
    package func isComparable(with other: Quantity) -> Bool {
        dimension == other.dimension && currency == other.currency
    }

    /// This quantity, or, when it is a bare number (``QuantityDimension/dimensionless``), the
    /// same number read in the base unit of `dimension` (and in `currency`, for money). A
    /// quantity that already has a unit is returned unchanged: check ``dimension`` afterwards, or
    /// use `QuantityParser.parse(_:expecting:defaultCurrency:allowNegative:)`,
    /// which does both and reports the unit's position.
    package func withDefaultUnit(_ dimension: QuantityDimension, currency: String? = nil) -> Quantity {
        guard self.dimension == .dimensionless else { return self }
        return Quantity(value, dimension: dimension, currency: currency, unitText: unitText)
    }

    /// Throws when the value is negative. Facts and thresholds are magnitudes; the parser
    /// already refuses a negative amount unless asked not to (`allowNegative`), and this is the
    /// same check for quantities built in code.
    package func requireNonNegative() throws(QuantityError) {
        if value.isNegative {
            throw QuantityError(
                .negative, "a negative amount (\(value)) is not accepted: facts and thresholds are magnitudes",
                suggestion: value.magnitude.description, utf8Offset: 0, scalarOffset: 0)
        }
    }

    /// Equal value, dimension and currency (however the unit was written).
    package static func == (lhs: Quantity, rhs: Quantity) -> Bool {
        lhs.value == rhs.value && lhs.dimension == rhs.dimension && lhs.currency == rhs.currency
    }

    /// Hashes what `==` compares: value, dimension and currency.
    package func hash(into hasher: inout Hasher) {
        hasher.combine(value)
        hasher.combine(dimension)
        hasher.combine(currency)
    }
}

/// Why a quantity's text was refused, and where.
///
/// `offset` counts Unicode scalars (characters, as YAML columns do) from the start of the text, so
/// a caller that knows where the text starts in its file can point at the exact column.
package struct QuantityError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem, for code that reacts to it.
    package enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The text is empty or blank.
        case empty
        /// A comma in a number (refused: it is a decimal mark in much of the world).
        case comma
        /// A number that is not well formed: no digits, two decimal points, a stray underscore,
        /// or a `×` not followed by a power of ten.
        case malformedNumber
        /// An `e`, `^` or `**` with no exponent digits after it.
        case missingExponent
        /// An exponent beyond ±``QuantityParser/maximumExponent``.
        case exponentOutOfRange
        /// More significant digits than ``QuantityParser/maximumDigits``.
        case tooManyDigits
        /// Infinity or NaN.
        case notFinite
        /// Text after the number (or after the unit) that is neither a unit nor part of one.
        case trailingText
        /// A unit that is not known.
        case unknownUnit
        /// A unit that could mean two things (`FLOPS`, `m`).
        case ambiguousUnit
        /// Three capital letters that are not an ISO 4217 code.
        case unknownCurrency
        /// A currency sign before the number that disagrees with the unit after it.
        case conflictingUnits
        /// A negative amount where magnitudes are expected.
        case negative
        /// A unit of the wrong dimension (a rate where a count is expected, …).
        case wrongDimension
        /// A bare number for an amount of money, with no currency to assume.
        case missingCurrency
    }

    /// The kind of problem.
    package let kind: Kind
    /// A complete, human message (it includes the suggestion, when there is one).
    package let message: String
    /// The text that would probably have been meant (`FLOP` for `FLOPz`, `1000000` for
    /// `1,000,000`), when there is a good guess.
    package let suggestion: String?
    /// Where the problem is: 0-based, in Unicode scalars from the start of the text.
    package let offset: Int
    /// Where the problem is: 0-based, in UTF-8 bytes from the start of the text.
    package let utf8Offset: Int

    /// An error with all its parts.
    package init(_ kind: Kind, _ message: String, suggestion: String? = nil, utf8Offset: Int, scalarOffset: Int) {
        self.kind = kind
        self.message = message
        self.suggestion = suggestion
        self.offset = scalarOffset
        self.utf8Offset = utf8Offset
    }

    /// The message.
    package var description: String { message }
}
