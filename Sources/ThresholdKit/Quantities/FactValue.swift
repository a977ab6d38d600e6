// Fact values: exact or uncertain, given or derived.

/// The value of a fact: an exact number, or an uncertainty interval [``low``, ``high``] with a
/// point ``estimate`` where an input states one, and, when it was computed rather than given, how
/// (`derivation`).
///
/// An exact value has `low == estimate == high`. Comparisons against a threshold use the whole
/// interval (see ``Comparison/evaluate(_:against:)``): a fact whose interval straddles the threshold is
/// indeterminate, not met or unmet. The margin shown in reports uses the estimate; a span of
/// estimates that disagree has none, and reports show the interval alone.
public struct FactValue: Sendable, Hashable, CustomStringConvertible {
    /// The lowest plausible value.
    public let low: ExactDecimal
    /// The point estimate; nil for a span of several estimates that disagree, where no input
    /// states a single value.
    public let estimate: ExactDecimal?
    /// The highest plausible value.
    public let high: ExactDecimal
    /// How sure the source is, in its own words (`"high"`, `"90% interval"`), if it says.
    public var confidence: String?
    /// How the value was computed, when it was not given directly.
    package var derivation: Derivation? {
        get { derivationBox?.value }
        set { derivationBox = newValue.map(DerivationBox.init) }
    }
    /// ``derivation``, held by reference. A `Derivation?` held inline is copied through the
    /// runtime's generic witness (its type is recursive), at some hundred instructions for each
    /// copy of a fact; a reference is copied with one retain.
    private var derivationBox: DerivationBox?

    /// An exact value.
    package init(exactly value: ExactDecimal, derivation: Derivation? = nil) {
        self.low = value
        self.estimate = value
        self.high = value
        self.derivation = derivation
    }

    /// An estimate with an optional interval around it (`low` and `high` default to the
    /// estimate). Throws unless `low <= estimate <= high`.
    package init(
        estimate: ExactDecimal, low: ExactDecimal? = nil, high: ExactDecimal? = nil,
        confidence: String? = nil, derivation: Derivation? = nil
    ) throws(FactValueError) {
        let low = low ?? estimate
        let high = high ?? estimate
        guard low <= estimate else {
            throw FactValueError("the low end of the interval (\(low)) is above the estimate (\(estimate))")
        }
        guard estimate <= high else {
            throw FactValueError("the high end of the interval (\(high)) is below the estimate (\(estimate))")
        }
        self.low = low
        self.estimate = estimate
        self.high = high
        self.confidence = confidence
        self.derivation = derivation
    }

    /// An interval whose bounds are already known to be ordered (internal use).
    init(
        uncheckedLow low: ExactDecimal, estimate: ExactDecimal?, high: ExactDecimal,
        confidence: String? = nil, derivation: Derivation? = nil
    ) {
        self.low = low
        self.estimate = estimate
        self.high = high
        self.confidence = confidence
        self.derivation = derivation
    }

    /// Whether the value is a single exact number (no uncertainty).
    public var isExact: Bool { low == high }

    /// The margin of the estimate over `limit` (`estimate ÷ limit`, to `significantDigits`
    /// significant digits, rounded half-even), or `nil` when the limit is zero. For display only.
    package func margin(over limit: ExactDecimal, significantDigits: Int = 6) -> ExactDecimal? {
        estimate?.divided(by: limit, significantDigits: significantDigits)
    }

    /// `3.2e25`, `3.2e25 (2.1e25 to 4.8e25)` for an interval around an estimate, or `6e21 to
    /// 2e25` for a span with none.
    public var description: String {
        if isExact { return low.description }
        guard let estimate else { return "\(low) to \(high)" }
        return "\(estimate) (\(low) to \(high))"
    }

    /// The span of several estimates of one fact (say, two sources that disagree): from the
    /// lowest `low` to the highest `high`, and a ``Derivation/combined(_:)`` derivation that lists
    /// them. The span has a point estimate only when every estimate states the same one: a value
    /// between two that disagree is one no input states. One estimate is returned as it is; none
    /// gives `nil`.
    ///
    /// The confidence is kept only when every estimate states the same one.
    package static func combining(_ estimates: [FactValue]) -> FactValue? {
        guard let first = estimates.first else { return nil }
        if estimates.count == 1 { return first }
        var low = first.low, high = first.high
        for value in estimates.dropFirst() {
            low = min(low, value.low)
            high = max(high, value.high)
        }
        let agreed = estimates.allSatisfy { $0.estimate != nil && $0.estimate == first.estimate } ? first.estimate : nil
        let confidence = estimates.allSatisfy({ $0.confidence == first.confidence }) ? first.confidence : nil
        return FactValue(
            uncheckedLow: low, estimate: agreed, high: high, confidence: confidence,
            derivation: .combined(estimates))
    }

    /// Training compute by the dense-transformer rule of thumb, 6 × parameters × tokens FLOP,
    /// computed exactly.
    package static func sixND(parameters: ExactDecimal, tokens: ExactDecimal) -> FactValue {
        let derivation = Derivation.sixND(parameters: parameters, tokens: tokens)
        return FactValue(exactly: derivation.result, derivation: derivation)
    }

    /// Training compute from the hardware: chips × peak FLOP/s per chip × seconds × utilisation,
    /// computed exactly. `peakPerChip` must be a rate (a bare number is read as FLOP/s); no input
    /// may be negative and the utilisation must lie between 0 and 1. Use
    /// ``Derivation/seconds(hours:)`` or ``Derivation/seconds(days:)`` for the duration.
    package static func hardware(
        chips: ExactDecimal, peakPerChip: Quantity, seconds: ExactDecimal,
        utilization: ExactDecimal
    ) throws(FactValueError) -> FactValue {
        guard peakPerChip.dimension == .operationsPerSecond || peakPerChip.dimension == .dimensionless else {
            throw FactValueError("the peak per chip must be a rate such as 989e12 FLOP/s, not \(peakPerChip.dimension)")
        }
        let peak = peakPerChip.withDefaultUnit(.operationsPerSecond)
        for (name, value) in [
            ("chips", chips), ("peak per chip", peak.value), ("time", seconds), ("utilization", utilization),
        ]
        where value.isNegative {
            throw FactValueError("the \(name) cannot be negative (\(value))")
        }
        guard utilization <= .one else {
            throw FactValueError("the utilization is a fraction between 0 and 1, not \(utilization)")
        }
        let derivation = Derivation.hardware(
            chips: chips, peakPerChip: peak, seconds: seconds, utilization: utilization)
        return FactValue(exactly: derivation.result, derivation: derivation)
    }
}

/// A refused fact value: an interval out of order, or a derivation with impossible inputs.
public struct FactValueError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public let message: String

    /// An error with its message.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}

/// A derivation held by reference, compared and hashed by its value.
final class DerivationBox: Sendable, Hashable {
    let value: Derivation

    init(_ value: Derivation) { self.value = value }

    static func == (a: DerivationBox, b: DerivationBox) -> Bool { a === b || a.value == b.value }

    func hash(into hasher: inout Hasher) { hasher.combine(value) }
}

/// How a fact's value was computed. Every report that shows a derived figure shows its
/// ``description``.
package indirect enum Derivation: Sendable, Hashable, CustomStringConvertible {
    /// 6 × N × D: the dense-transformer rule of thumb for training compute from the parameter
    /// count N and the training tokens D.
    case sixND(parameters: ExactDecimal, tokens: ExactDecimal)
    /// chips × peak FLOP/s per chip × seconds × utilisation.
    case hardware(chips: ExactDecimal, peakPerChip: Quantity, seconds: ExactDecimal, utilization: ExactDecimal)
    /// The span of several estimates (see ``FactValue/combining(_:)``).
    case combined([FactValue])

    /// The number of seconds in `hours` hours (× 3600, exact).
    package static func seconds(hours: ExactDecimal) -> ExactDecimal { hours * ExactDecimal(3600) }

    /// The number of seconds in `days` days (× 86 400, exact).
    package static func seconds(days: ExactDecimal) -> ExactDecimal { days * ExactDecimal(86_400) }

    /// The exact FLOP of a compute derivation (6·N·D or the hardware product); the estimate for
    /// the others.
    package var result: ExactDecimal {
        switch self {
        case let .sixND(parameters, tokens):
            return ExactDecimal(6) * parameters * tokens
        case let .hardware(chips, peakPerChip, seconds, utilization):
            return chips * peakPerChip.value * seconds * utilization
        case let .combined(values):
            // A span has no single result; its low end is the least it may be.
            return FactValue.combining(values)?.low ?? .zero
        }
    }

    /// How the figure was obtained, e.g. `6 × parameters (4.05e11) × tokens (1.56e13) =
    /// 3.7908e25 FLOP (dense-transformer rule of thumb)`.
    package var description: String {
        switch self {
        case let .sixND(parameters, tokens):
            return String(
                note: "6 × parameters (\(compact: parameters)) × tokens (\(compact: tokens)) = "
                    + "\(compact: result) FLOP (dense-transformer rule of thumb)")
        case let .hardware(chips, peakPerChip, seconds, utilization):
            return String(
                note: "chips (\(compact: chips)) × peak per chip (\(compact: peakPerChip.value) FLOP/s) "
                    + "× time (\(compact: seconds) s) × utilization (\(compact: utilization)) = "
                    + "\(compact: result) FLOP (hardware estimate)")
        case let .combined(values):
            let parts = values.map { value in value.derivation.map { "\(value) [\($0)]" } ?? value.description }
            return "the span of \(values.count) estimates: " + parts.joined(separator: "; ")
        }
    }
}
