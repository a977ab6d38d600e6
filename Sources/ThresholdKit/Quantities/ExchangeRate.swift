// A declared exchange rate. The evaluator converts with the rates a profile and its pack declare
// (Evaluator+Measuring): directly by multiplying, or, with only the opposite rate, by comparing in
// the fact's currency against limit × rate, so that no quotient is ever rounded.

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
