// Three-valued comparison of facts with thresholds.

/// The outcome of a test: met, not met, or indeterminate (a fact is missing, or its
/// uncertainty interval straddles the threshold). Combined by Kleene's strong three-valued logic:
/// `indeterminate` is "met or not met, we cannot tell", so `notMet.and(x)` is `notMet` and
/// `met.or(x)` is `met` whatever `x` is.
///
/// The raw values (`met`, `not-met`, `indeterminate`) are those of the verdict JSON.
public enum Truth: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The test holds.
    case met
    /// The test does not hold.
    case notMet = "not-met"
    /// It cannot be told whether the test holds.
    case indeterminate

    /// `met` for `true`, `notMet` for `false`.
    public init(_ value: Bool) { self = value ? .met : .notMet }

    /// `true` or `false` when decided, `nil` when indeterminate.
    public var boolValue: Bool? {
        switch self {
        case .met: return true
        case .notMet: return false
        case .indeterminate: return nil
        }
    }

    /// Negation: `met` ↔ `notMet`; `indeterminate` stays.
    public var not: Truth {
        switch self {
        case .met: return .notMet
        case .notMet: return .met
        case .indeterminate: return .indeterminate
        }
    }

    /// Kleene conjunction: `notMet` if either is, else `indeterminate` if either is, else `met`.
    public func and(_ other: Truth) -> Truth {
        if self == .notMet || other == .notMet { return .notMet }
        if self == .indeterminate || other == .indeterminate { return .indeterminate }
        return .met
    }

    /// Kleene disjunction: `met` if either is, else `indeterminate` if either is, else `notMet`.
    public func or(_ other: Truth) -> Truth {
        if self == .met || other == .met { return .met }
        if self == .indeterminate || other == .indeterminate { return .indeterminate }
        return .notMet
    }

    /// The conjunction of all `values` (`met` for none).
    public static func all<Values: Sequence>(_ values: Values) -> Truth where Values.Element == Truth {
        var result = Truth.met
        for value in values {
            if value == .notMet { return .notMet }
            if value == .indeterminate { result = .indeterminate }
        }
        return result
    }

    /// The disjunction of any of `values` (`notMet` for none).
    public static func any<Values: Sequence>(_ values: Values) -> Truth where Values.Element == Truth {
        var result = Truth.notMet
        for value in values {
            if value == .met { return .met }
            if value == .indeterminate { result = .indeterminate }
        }
        return result
    }

    /// The raw value.
    public var description: String { rawValue }
}

/// How a fact is compared with a threshold's limit; the raw values are the rule-pack keys.
public enum Comparison: String, Sendable, CaseIterable, CustomStringConvertible {
    /// fact > limit
    case greaterThan = "greater_than"
    /// fact ≥ limit
    case atLeast = "at_least"
    /// fact < limit
    case lessThan = "less_than"
    /// fact ≤ limit
    case atMost = "at_most"

    /// The mathematical symbol: `>`, `≥`, `<`, `≤`.
    public var symbol: String {
        switch self {
        case .greaterThan: return ">"
        case .atLeast: return "≥"
        case .lessThan: return "<"
        case .atMost: return "≤"
        }
    }

    /// The raw value.
    public var description: String { rawValue }

    /// Whether the exact `value` stands in this relation to `limit`.
    public func holds(_ value: ExactDecimal, _ limit: ExactDecimal) -> Bool {
        let order = ExactDecimal.compare(value, limit)
        switch self {
        case .greaterThan: return order > 0
        case .atLeast: return order >= 0
        case .lessThan: return order < 0
        case .atMost: return order <= 0
        }
    }

    /// The three-valued result for a fact that may be missing or uncertain: `indeterminate` for a
    /// missing fact; `met` when every value in the interval satisfies the relation; `notMet`
    /// when none does; `indeterminate` when the interval straddles the limit.
    public func evaluate(_ fact: FactValue?, against limit: ExactDecimal) -> Truth {
        guard let fact else { return .indeterminate }
        return evaluate(low: fact.low, high: fact.high, against: limit)
    }

    /// The three-valued result for the values `low...high`, where `high == nil` means unbounded
    /// above (a sum with a part not given: the part may be anything ≥ 0). The relations are
    /// monotone, so the two ends decide: `met` when both hold, `notMet` when neither does.
    package func evaluate(low: ExactDecimal, high: ExactDecimal?, against limit: ExactDecimal) -> Truth {
        let lowHolds = holds(low, limit)
        guard let high else {
            // Unbounded above: "greater" holds for sure once the low end holds; "less" fails for
            // sure once the low end fails.
            switch self {
            case .greaterThan, .atLeast: return lowHolds ? .met : .indeterminate
            case .lessThan, .atMost: return lowHolds ? .indeterminate : .notMet
            }
        }
        let highHolds = holds(high, limit)
        if lowHolds && highHolds { return .met }
        if !lowHolds && !highHolds { return .notMet }
        return .indeterminate
    }
}

/// Compares a fact with a limit in three-valued logic; see ``Comparison/evaluate(_:against:)``.
/// Exact at the boundary: `1e25` is not `greaterThan` `10^25`, but is `atLeast` it.
package func compare(_ fact: FactValue?, _ comparison: Comparison, _ limit: ExactDecimal) -> Truth {
    comparison.evaluate(fact, against: limit)
}

extension Array {
    /// Appends `other`'s elements; an empty array takes `other` itself, sharing its storage (a
    /// retain) rather than allocating a buffer and copying into it. For lists of notes and ids,
    /// which are most often empty when another is added to them.
    mutating func append(sharing other: [Element]) {
        if isEmpty { self = other } else { append(contentsOf: other) }
    }
}
