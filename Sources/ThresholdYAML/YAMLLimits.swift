/// The limits that keep a hostile or broken file from exhausting time or memory.
///
/// Every limit has a default that no honest lab profile or rule pack comes near, and every limit can
/// be raised by a caller. A file past a limit is refused with a ``YAMLError`` of kind
/// ``YAMLError/Kind/limit`` that names the limit and says how to raise it (``raiseAdvice``).
public struct YAMLLimits: Sendable, Hashable {
    /// The largest input accepted, in bytes. Default 8 MiB.
    public var maxFileBytes: Int
    /// The deepest nesting of sequences and mappings. Default 256.
    public var maxDepth: Int
    /// The most nodes that aliases may add to a document when expanded (a "billion laughs" file
    /// adds billions). Default 100,000.
    public var maxAliasExpansion: Int
    /// The most documents in one stream. Default 1,000.
    public var maxDocuments: Int
    /// The longest scalar, in bytes. Default 1 MiB.
    public var maxScalarBytes: Int

    /// Creates limits; each parameter defaults to the documented default.
    public init(
        maxFileBytes: Int = 8 << 20,
        maxDepth: Int = 256,
        maxAliasExpansion: Int = 100_000,
        maxDocuments: Int = 1_000,
        maxScalarBytes: Int = 1 << 20
    ) {
        self.maxFileBytes = maxFileBytes
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
        self.maxDocuments = maxDocuments
        self.maxScalarBytes = maxScalarBytes
    }

    /// The defaults.
    public static let `default` = YAMLLimits()

    /// A limit, by the name of its property.
    public enum Limit: String, Sendable, Hashable, CaseIterable {
        /// ``YAMLLimits/maxFileBytes``.
        case maxFileBytes
        /// ``YAMLLimits/maxDepth``.
        case maxDepth
        /// ``YAMLLimits/maxAliasExpansion``.
        case maxAliasExpansion
        /// ``YAMLLimits/maxDocuments``.
        case maxDocuments
        /// ``YAMLLimits/maxScalarBytes``.
        case maxScalarBytes
    }

    /// How a refusal tells the reader to raise a limit, where the caller has its own way: a
    /// command line names its flag (`raise it with --max-depth`). A limit not here is advised in
    /// this type's words (`raise YAMLLimits.maxDepth`).
    package var raiseAdvice: [Limit: String] = [:]

    /// The advice for `limit`: from ``raiseAdvice``, else `raise YAMLLimits.NAME`.
    package func advice(_ limit: Limit) -> String {
        raiseAdvice[limit] ?? "raise YAMLLimits.\(limit.rawValue)"
    }
}

/// How the YAML layer reads a stream.
package struct YAMLOptions: Sendable, Hashable {
    /// The limits in force.
    package var limits: YAMLLimits
    /// Whether YAML 1.1 merge keys (`<<: *base`) are applied. Default `true`: explicit keys win over
    /// merged ones, and of several merged mappings the earlier wins, as YAML 1.1 defines.
    package var mergeKeys: Bool
    /// Whether tags other than the core schema's (`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`,
    /// `!!seq`, `!!map`) and the non-specific `!` are accepted (and then ignored). Default `false`:
    /// `!!python/object…` and friends are errors.
    package var allowsUnknownTags: Bool

    /// Creates options.
    package init(limits: YAMLLimits = .default, mergeKeys: Bool = true, allowsUnknownTags: Bool = false) {
        self.limits = limits
        self.mergeKeys = mergeKeys
        self.allowsUnknownTags = allowsUnknownTags
    }

    /// The defaults.
    package static let `default` = YAMLOptions()
}
