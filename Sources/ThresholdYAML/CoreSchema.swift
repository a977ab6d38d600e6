/// The YAML 1.2 core schema: how a plain scalar resolves, and which tags Threshold accepts.
enum CoreSchema {
    static let prefix = "tag:yaml.org,2002:"

    /// The short form of a tag for messages and the node API: `!!str` for the core prefix.
    static func shortTag(_ tag: String) -> String {
        tag.hasPrefix(prefix) ? "!!" + tag.dropFirst(prefix.count) : tag
    }

    /// The kind a scalar tag forces, nil for the non-specific `!` (which means "string" only on
    /// quoted scalars, handled by the caller) and for tags that are not scalar tags.
    static func kind(forTag short: String) -> ScalarKind? {
        switch short {
        case "!!str", "!": return .string
        case "!!int": return .int
        case "!!float": return .float
        case "!!bool": return .bool
        case "!!null": return .null
        default: return nil
        }
    }

    /// Whether a tag is accepted on a node of `kind` without `allowsUnknownTags`.
    static func isAccepted(_ short: String, on kind: YAMLNode.Kind) -> Bool {
        switch kind {
        case .scalar: return self.kind(forTag: short) != nil
        case .sequence: return short == "!!seq" || short == "!"
        case .mapping: return short == "!!map" || short == "!"
        }
    }

    /// Resolves a plain scalar's bytes under the core schema.
    static func resolvePlain(_ s: UnsafeBufferPointer<UInt8>) -> ScalarKind {
        if isNull(s) { return .null }
        switch s.count {
        case 4 where matches(s, "true", "True", "TRUE"): return .bool
        case 5 where matches(s, "false", "False", "FALSE"): return .bool
        default: break
        }
        if isInt(s) { return .int }
        if isFloat(s) { return .float }
        return .string
    }

    /// Whether a plain scalar's text is null in the core schema: empty, `~`, or `null` in one of
    /// its three spellings. (What ``resolvePlain(_:)`` resolves first, told without the rest.)
    static func isNull(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        switch s.count {
        case 0: return true
        case 1: return s[0] == UInt8(ascii: "~")
        case 4: return matches(s, "null", "Null", "NULL")
        default: return false
        }
    }

    /// Whether `s` is one of three spellings of its length.
    private static func matches(
        _ s: UnsafeBufferPointer<UInt8>, _ a: StaticString, _ b: StaticString, _ c: StaticString
    ) -> Bool {
        equals(s, a) || equals(s, b) || equals(s, c)
    }

    /// Whether `s` begins with the bytes of `literal` (the caller has checked the length).
    private static func equals(_ s: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        let p = literal.utf8Start
        for i in 0..<s.count where s[i] != p[i] { return false }
        return true
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// `[-+]? [0-9]+ | 0o [0-7]+ | 0x [0-9a-fA-F]+`
    static func isInt(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        if s.count > 2 && s[0] == UInt8(ascii: "0") {
            if s[1] == UInt8(ascii: "o") {
                return s.dropFirst(2).allSatisfy { $0 >= 0x30 && $0 <= 0x37 }
            }
            if s[1] == UInt8(ascii: "x") {
                return s.dropFirst(2).allSatisfy {
                    isDigit($0) || ($0 >= 0x61 && $0 <= 0x66) || ($0 >= 0x41 && $0 <= 0x46)
                }
            }
        }
        var i = 0
        if s[0] == UInt8(ascii: "-") || s[0] == UInt8(ascii: "+") { i = 1 }
        guard i < s.count else { return false }
        return s[i...].allSatisfy(isDigit)
    }

    /// `[-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?`, `[-+]? \.inf`, `\.nan`
    static func isFloat(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        if s[0] == UInt8(ascii: "-") || s[0] == UInt8(ascii: "+") { i = 1 }
        let rest = UnsafeBufferPointer(rebasing: s[i...])
        if rest.count == 4 && matches(rest, ".inf", ".Inf", ".INF") { return true }
        if i == 0 && s.count == 4 && matches(s, ".nan", ".NaN", ".NAN") { return true }
        var digits = 0
        while i < s.count && isDigit(s[i]) { i += 1; digits += 1 }
        if i < s.count && s[i] == UInt8(ascii: ".") {
            i += 1
            while i < s.count && isDigit(s[i]) { i += 1; digits += 1 }
        }
        guard digits > 0 else { return false }
        if i < s.count && (s[i] == UInt8(ascii: "e") || s[i] == UInt8(ascii: "E")) {
            i += 1
            if i < s.count && (s[i] == UInt8(ascii: "-") || s[i] == UInt8(ascii: "+")) { i += 1 }
            var exponentDigits = 0
            while i < s.count && isDigit(s[i]) { i += 1; exponentDigits += 1 }
            guard exponentDigits > 0 else { return false }
        }
        return i == s.count
    }

    /// Whether `text` is a valid value for a scalar tagged `kind`.
    static func accepts(_ kind: ScalarKind, _ s: UnsafeBufferPointer<UInt8>) -> Bool {
        switch kind {
        case .string: return true
        case .null: return resolvePlain(s) == .null
        case .bool: return resolvePlain(s) == .bool
        case .int: return !s.isEmpty && isInt(s)
        case .float: return !s.isEmpty && (isFloat(s) || isInt(s))
        }
    }
}
