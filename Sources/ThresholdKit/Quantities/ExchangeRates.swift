// Currency conversion with declared rates only.

/// A declared exchange rate: one unit of `from` is worth `rate` units of `to` (on `date`, if
/// given). Rates come from the profile or the rule pack; none is ever built in or guessed.
public struct ExchangeRate: Sendable, Hashable, CustomStringConvertible {
    /// The ISO 4217 code converted from.
    public var from: String
    /// The ISO 4217 code converted to.
    public var to: String
    /// The units of `to` that one unit of `from` buys.
    public var rate: ExactDecimal
    /// The date the rate applies to, as written (`"2025-12-31"`), if declared.
    public var date: String?

    /// A rate `1 from = rate to`.
    public init(from: String, to: String, rate: ExactDecimal, date: String? = nil) {
        self.from = from
        self.to = to
        self.rate = rate
        self.date = date
    }

    /// `1 EUR = 1.08 USD`, with ` (2025-12-31)` when dated.
    public var description: String {
        "1 \(from) = \(rate) \(to)" + (date.map { " (\($0))" } ?? "")
    }
}

/// A refused set of exchange rates.
public struct ExchangeRateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public let message: String
    /// The message.
    public var description: String { message }
}

/// Why an amount could not be converted.
public enum CurrencyConversionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No rate between the two currencies is declared (in either direction). The caller reports
    /// the comparison as indeterminate.
    case missingRate(from: String, to: String)
    /// The quantity is not an amount of money.
    case notMoney(QuantityDimension)

    /// A human explanation.
    public var description: String {
        switch self {
        case let .missingRate(from, to):
            return "no exchange rate between \(from) and \(to) is declared; declare one (1 \(from) = … \(to)) to compare the amounts"
        case let .notMoney(dimension):
            return "only money can be converted between currencies, not \(dimension)"
        }
    }
}

/// The exchange rates a profile or rule pack declares, and exact conversion with them.
///
/// **Direct rates are exact.** Converting with a declared `from → to` rate multiplies exactly.
///
/// **Inverse rates are bracketed, not rounded.** When only the opposite direction is declared
/// (`USD → EUR` but an amount in EUR must be compared in USD), the amount is divided by the
/// declared rate. A quotient such as 1 ÷ 0.92 has no finite decimal expansion, so instead of
/// rounding it (which could flip a comparison that sits right at a threshold) the result is an
/// interval: its ``FactValue/low`` is the quotient rounded down and its ``FactValue/high``
/// rounded up, at 40 significant digits, with the estimate rounded to nearest. The true value is
/// always inside, so a comparison is never wrong: it is decided when the interval is clear of the
/// threshold and indeterminate otherwise (only within about 1 part in 10^39 of the line). When the
/// quotient is exact, so is the result. A rate that should apply exactly both ways should be
/// declared both ways; a directly declared rate always takes precedence over inverting the other.
///
/// **No chaining.** A rate is never composed from others (EUR → USD → GBP): only declared pairs
/// are used, and anything else is ``CurrencyConversionError/missingRate(from:to:)``.
public struct ExchangeRates: Sendable, Hashable {
    /// The declared rates.
    public let rates: [ExchangeRate]

    /// No rates: only same-currency "conversions" succeed.
    public init() { rates = [] }

    /// The declared rates. Throws when a rate is not positive, a code is not an ISO 4217 code
    /// from the built-in table, a rate converts a currency to itself, or one pair is declared
    /// twice with different rates.
    public init(_ rates: [ExchangeRate]) throws(ExchangeRateError) {
        for (index, rate) in rates.enumerated() {
            for code in [rate.from, rate.to] where !UnitTable.isCurrencyCode(code) {
                throw ExchangeRateError(message: "'\(code)' is not an ISO 4217 currency code")
            }
            guard rate.from != rate.to else {
                throw ExchangeRateError(message: "an exchange rate from \(rate.from) to itself is not needed")
            }
            guard !rate.rate.isNegative, !rate.rate.isZero else {
                throw ExchangeRateError(message: "the exchange rate from \(rate.from) to \(rate.to) must be positive, not \(rate.rate)")
            }
            for other in rates[..<index] where other.from == rate.from && other.to == rate.to && other.rate != rate.rate {
                throw ExchangeRateError(
                    message: "two different rates from \(rate.from) to \(rate.to) are declared (\(other.rate) and \(rate.rate))")
            }
        }
        self.rates = rates
    }

    /// The declared rate `from → to`, if any (not its inverse).
    public func declaredRate(from: String, to: String) -> ExchangeRate? {
        rates.first { $0.from == from && $0.to == to }
    }

    /// `amount` (in `from`) expressed in `to`: unchanged when the currencies are the same, exact
    /// with a declared `from → to` rate, bracketed with only a declared `to → from` rate (see the
    /// type's discussion), and `.missingRate` otherwise.
    public func convert(_ amount: FactValue, from: String, to: String) -> Result<FactValue, CurrencyConversionError> {
        if from == to { return .success(amount) }
        if let direct = declaredRate(from: from, to: to) {
            let converted = FactValue(
                uncheckedLow: amount.low * direct.rate, estimate: amount.estimate.map { $0 * direct.rate }, high: amount.high * direct.rate,
                confidence: amount.confidence,
                derivation: .currencyConversion(amount: amount, from: from, to: to, rate: direct.rate, inverted: false,
                                                date: direct.date))
            return .success(converted)
        }
        if let inverse = declaredRate(from: to, to: from) {
            let digits = 40
            let rate = inverse.rate
            // The rate is positive (checked at init), so division preserves the order of the bounds.
            guard let low = amount.low.divided(by: rate, significantDigits: digits, rounding: .down),
                  let high = amount.high.divided(by: rate, significantDigits: digits, rounding: .up)
            else { return .failure(.missingRate(from: from, to: to)) }
            let estimate = amount.estimate.flatMap { $0.divided(by: rate, significantDigits: digits, rounding: .toNearestOrEven) }
            let converted = FactValue(
                uncheckedLow: low, estimate: estimate, high: high, confidence: amount.confidence,
                derivation: .currencyConversion(amount: amount, from: from, to: to, rate: rate, inverted: true,
                                                date: inverse.date))
            return .success(converted)
        }
        return .failure(.missingRate(from: from, to: to))
    }

    /// An amount of money expressed in `currency`; see ``convert(_:from:to:)``.
    public func convert(_ quantity: Quantity, to currency: String) -> Result<FactValue, CurrencyConversionError> {
        guard quantity.dimension == .money, let from = quantity.currency else {
            return .failure(.notMoney(quantity.dimension))
        }
        return convert(FactValue(exactly: quantity.value), from: from, to: currency)
    }
}
