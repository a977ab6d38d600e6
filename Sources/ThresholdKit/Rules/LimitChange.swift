/// A threshold whose limit is moved, for "what if the line were drawn elsewhere?" questions:
/// `eu-ai-act-gpai/systemic-risk-compute` from `1e25` to `1e26` FLOP.
///
/// Make one with ``RuleBook/limitChange(pack:threshold:to:)``, which checks that the pack and
/// threshold exist and reads the value exactly, in the threshold's dimension and currency.
package struct LimitChange: Sendable, Hashable, CustomStringConvertible {
    /// The pack's id.
    package var pack: String
    /// The threshold's id in the pack.
    package var threshold: String
    /// The fact the threshold compares.
    package var fact: FactKey
    /// The statute's word, unchanged: the new limit is compared the same way.
    package var comparison: Comparison
    /// The limit as the pack has it, in the threshold's unit.
    package var from: ExactDecimal
    /// The new limit, in the threshold's unit.
    package var to: ExactDecimal
    /// The unit of both limits: `FLOP`, `FLOP/s`, `bit/s`, or a currency code.
    package var unit: String
    /// The new value as it was written (`1e26`, `100M USD`).
    package var written: String

    /// Creates a change. Prefer ``RuleBook/limitChange(pack:threshold:to:)``, which validates it.
    package init(
        pack: String, threshold: String, fact: FactKey, comparison: Comparison,
        from: ExactDecimal, to: ExactDecimal, unit: String, written: String
    ) {
        self.pack = pack
        self.threshold = threshold
        self.fact = fact
        self.comparison = comparison
        self.from = from
        self.to = to
        self.unit = unit
        self.written = written
    }

    /// `PACK/THRESHOLD`, as `--set` names it.
    package var key: String { pack + "/" + threshold }

    /// Whether the line moves up (more is needed to meet a `greater_than` or `at_least` test).
    package var raises: Bool { to > from }

    /// `eu-ai-act-gpai/systemic-risk-compute: > 1e25 FLOP → > 1e26 FLOP` (money as `500M USD`).
    package var description: String {
        "\(key): \(comparison.symbol) \(HTMLNumber.quantity(from, unit)) → \(comparison.symbol) "
            + "\(HTMLNumber.quantity(to, unit))"
    }
}

/// Why a limit cannot be changed: the pack or threshold does not exist, or the value cannot be
/// read in the threshold's unit. The message says what was expected, with a suggestion where a
/// name looks like a typo.
public struct LimitChangeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// No pack with that id is in the rule book.
        case unknownPack = "unknown-pack"
        /// The pack has no threshold with that id.
        case unknownThreshold = "unknown-threshold"
        /// The value is not a number (or quantity) the parser accepts.
        case badValue = "bad-value"
        /// The value has a unit of another dimension, or another currency.
        case wrongUnit = "wrong-unit"
        /// The same threshold is changed twice.
        case duplicate
    }

    /// The kind of problem.
    public var kind: Kind
    /// A complete message, suggestion included.
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The message.
    public var description: String { message }
}

extension RuleBook {
    /// A checked change of one threshold's limit: the pack and threshold must exist, and `value`
    /// must read (with ``QuantityParser``) as a quantity of the threshold's dimension. A bare number
    /// takes the threshold's unit (`1e26` is FLOP for a compute threshold, USD for a USD threshold);
    /// a unit, if written, must be of the same dimension, and money must be in the same currency.
    ///
    /// - Throws: ``LimitChangeError``, naming the nearest pack or threshold id for a typo.
    package func limitChange(
        pack packID: String, threshold thresholdID: String, to value: String
    ) throws(LimitChangeError) -> LimitChange {
        guard let pack = pack(packID) else {
            var message = "no rule pack '\(packID)'"
            if let near = Suggestion.nearest(to: packID, among: packs.map(\.id)) {
                message += "; did you mean '\(near)'?"
            } else {
                message += "; the packs are: \(packs.map(\.id).joined(separator: ", "))"
            }
            throw LimitChangeError(.unknownPack, message)
        }
        guard let threshold = pack.thresholds.first(where: { $0.id == thresholdID }) else {
            let ids = pack.thresholds.map(\.id)
            var message = "the pack '\(packID)' has no threshold '\(thresholdID)'"
            if let near = Suggestion.nearest(to: thresholdID, among: ids) {
                message += "; did you mean '\(near)'?"
            } else {
                message += "; its thresholds are: \(ids.isEmpty ? "(none)" : ids.joined(separator: ", "))"
            }
            throw LimitChangeError(.unknownThreshold, message)
        }
        let test = threshold.test
        let unit = test.unit
        guard let dimension = test.fact.dimension else {
            throw LimitChangeError(
                .badValue, "\(packID)/\(thresholdID) compares \(test.fact.rawValue), which has no limit to change")
        }
        let quantity: Quantity
        do {
            quantity = try QuantityParser.parse(value, expecting: dimension, defaultCurrency: test.currency)
        } catch {
            let kind: LimitChangeError.Kind =
                [.wrongDimension, .unknownUnit, .ambiguousUnit, .unknownCurrency, .conflictingUnits]
                    .contains(error.kind) ? .wrongUnit : .badValue
            throw LimitChangeError(
                kind,
                "\(packID)/\(thresholdID)=\(value): \(error.message) (the limit is \(test.comparison.symbol) "
                    + "\(HTMLNumber.quantity(test.limit, unit)))"
            )
        }
        if dimension == .money, let currency = test.currency, quantity.currency != currency {
            throw LimitChangeError(
                .wrongUnit,
                "\(packID)/\(thresholdID)=\(value): the limit is in \(currency), not "
                    + "\(quantity.currency ?? "no currency"); write the new value in \(currency) (the limit is "
                    + "\(test.comparison.symbol) \(HTMLNumber.quantity(test.limit, unit)))"
            )
        }
        return LimitChange(
            pack: packID, threshold: thresholdID, fact: test.fact, comparison: test.comparison,
            from: test.limit, to: quantity.value, unit: unit, written: value)
    }

    /// This rule book with one threshold's limit replaced; every other pack, threshold and
    /// obligation is as it was. See ``limitChange(pack:threshold:to:)`` for how `value` is read.
    ///
    /// ```swift
    /// let raised = try RuleBook.builtIn()
    ///     .replacingLimit(pack: "eu-ai-act-gpai", threshold: "systemic-risk-compute", with: "1e26")
    /// ```
    ///
    /// - Throws: ``LimitChangeError``.
    package func replacingLimit(
        pack packID: String, threshold thresholdID: String, with value: String
    ) throws -> RuleBook {
        try applying([limitChange(pack: packID, threshold: thresholdID, to: value)])
    }

    /// This rule book with the changes' limits in place.
    ///
    /// - Throws: ``LimitChangeError`` when a change names a pack or threshold the book lacks, or the
    ///   same threshold twice.
    package func applying(_ changes: [LimitChange]) throws -> RuleBook {
        var seen: Set<String> = []
        for change in changes where !seen.insert(change.key).inserted {
            throw LimitChangeError(.duplicate, "\(change.key) is changed twice")
        }
        var packs = self.packs
        for change in changes {
            guard let p = packs.firstIndex(where: { $0.id == change.pack }) else {
                throw LimitChangeError(.unknownPack, "no rule pack '\(change.pack)'")
            }
            guard let t = packs[p].thresholds.firstIndex(where: { $0.id == change.threshold }) else {
                throw LimitChangeError(
                    .unknownThreshold, "the pack '\(change.pack)' has no threshold '\(change.threshold)'")
            }
            packs[p].thresholds[t].test.limit = change.to
            packs[p].thresholds[t].test.written = change.written
        }
        return RuleBook(checkedPacks: packs, records: records)
    }
}
