/// A shell-style file name pattern, as `--include` and `--exclude` take them.
///
/// - `*` matches any run of characters except `/`; `?` matches one character except `/`.
/// - `[abc]`, `[a-z]` and `[!a-z]` (or `[^a-z]`) match one character of (or not of) a set; an
///   unclosed `[` is an ordinary character, as `fnmatch(3)` has it.
/// - `**` as a whole path component matches any number of components, including none:
///   `labs/**/*.yaml` matches `labs/a.yaml` and `labs/x/y/a.yaml`.
/// - `\` makes the next character literal.
/// - A pattern without `/` is matched against a file's name alone (`*.yaml`, `drafts`); a pattern
///   with `/` against its path relative to the directory being audited (`drafts/*.yaml`). A leading
///   `/` or `./` is ignored, and a trailing `/` makes the pattern match directories only.
///
/// Matching is case-sensitive and counts characters as Unicode scalars.
public struct Glob: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written.
    public let pattern: String
    /// Whether the pattern is matched against the relative path (it contains `/`) rather than the name.
    public let matchesPath: Bool
    /// Whether the pattern matches directories only (it ended with `/`).
    public let directoriesOnly: Bool
    private let tokens: [Token]

    private enum Token: Sendable, Hashable {
        case literal(Unicode.Scalar)
        case one
        case star
        /// `**/`: nothing, or any run of characters that ends with `/`.
        case anyDirectories
        /// `**` at the end, or alone: anything at all.
        case anything
        case set(ranges: [ClosedRange<UInt32>], negated: Bool)
    }

    /// Compiles a pattern. Every string is a valid pattern.
    public init(_ pattern: String) {
        self.pattern = pattern
        var body = Substring(pattern)
        var directoriesOnly = false
        while body.hasSuffix("/") && body.count > 1 {
            body = body.dropLast()
            directoriesOnly = true
        }
        while body.hasPrefix("./") { body = body.dropFirst(2) }
        while body.hasPrefix("/") && body.count > 1 { body = body.dropFirst() }
        self.directoriesOnly = directoriesOnly
        let scalars = Array(body.unicodeScalars)
        self.matchesPath = scalars.contains("/")
        self.tokens = Glob.compile(scalars)
    }

    /// The pattern as written.
    public var description: String { pattern }

    /// Whether the pattern matches a file or directory, given its name and its path relative to the
    /// directory being audited.
    public func matches(name: String, relativePath: String, isDirectory: Bool = false) -> Bool {
        if directoriesOnly && !isDirectory { return false }
        return matches(matchesPath ? relativePath : name)
    }

    /// Whether the pattern matches the whole of `text`.
    public func matches(_ text: String) -> Bool {
        let text = Array(text.unicodeScalars)
        var failed = Set<Int>()
        return match(0, 0, text, &failed)
    }

    private func match(_ p: Int, _ t: Int, _ text: [Unicode.Scalar], _ failed: inout Set<Int>) -> Bool {
        let key = p &* (text.count + 1) &+ t
        if failed.contains(key) { return false }
        var p = p, t = t
        while p < tokens.count {
            switch tokens[p] {
            case .literal(let scalar):
                guard t < text.count, text[t] == scalar else { failed.insert(key); return false }
                p += 1; t += 1
            case .one:
                guard t < text.count, text[t] != "/" else { failed.insert(key); return false }
                p += 1; t += 1
            case .set(let ranges, let negated):
                guard t < text.count, text[t] != "/" else { failed.insert(key); return false }
                let value = text[t].value
                guard ranges.contains(where: { $0.contains(value) }) != negated else { failed.insert(key); return false }
                p += 1; t += 1
            case .star:
                var end = t
                while true {
                    if match(p + 1, end, text, &failed) { return true }
                    if end == text.count || text[end] == "/" { break }
                    end += 1
                }
                failed.insert(key)
                return false
            case .anyDirectories:
                if match(p + 1, t, text, &failed) { return true }
                var end = t
                while end < text.count {
                    if text[end] == "/", match(p + 1, end + 1, text, &failed) { return true }
                    end += 1
                }
                failed.insert(key)
                return false
            case .anything:
                for end in t...text.count where match(p + 1, end, text, &failed) { return true }
                failed.insert(key)
                return false
            }
        }
        if t == text.count { return true }
        failed.insert(key)
        return false
    }

    private static func compile(_ s: [Unicode.Scalar]) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        while i < s.count {
            let c = s[i]
            switch c {
            case "\\":
                if i + 1 < s.count { tokens.append(.literal(s[i + 1])); i += 2 } else { tokens.append(.literal("\\")); i += 1 }
            case "?":
                tokens.append(.one); i += 1
            case "*":
                var j = i
                while j < s.count && s[j] == "*" { j += 1 }
                let atComponentStart = i == 0 || s[i - 1] == "/"
                if j - i >= 2 && atComponentStart && j < s.count && s[j] == "/" {
                    tokens.append(.anyDirectories)
                    j += 1
                } else if j - i >= 2 && atComponentStart && j == s.count {
                    tokens.append(.anything)
                } else if tokens.last != .star {
                    tokens.append(.star)
                }
                i = j
            case "[":
                if let (token, next) = bracket(s, from: i) {
                    tokens.append(token); i = next
                } else {
                    tokens.append(.literal("[")); i += 1
                }
            default:
                tokens.append(.literal(c)); i += 1
            }
        }
        return tokens
    }

    /// A bracket expression starting at `s[start] == "["`, or nil when it is not closed.
    private static func bracket(_ s: [Unicode.Scalar], from start: Int) -> (Token, Int)? {
        var i = start + 1
        var negated = false
        if i < s.count && (s[i] == "!" || s[i] == "^") { negated = true; i += 1 }
        var ranges: [ClosedRange<UInt32>] = []
        var first = true
        while i < s.count {
            var c = s[i]
            if c == "]" && !first { return (.set(ranges: ranges, negated: negated), i + 1) }
            first = false
            if c == "\\" && i + 1 < s.count { i += 1; c = s[i] }
            if i + 2 < s.count && s[i + 1] == "-" && s[i + 2] != "]" {
                var high = s[i + 2]
                var skip = 3
                if high == "\\" && i + 3 < s.count { high = s[i + 3]; skip = 4 }
                if c.value <= high.value { ranges.append(c.value...high.value) }
                i += skip
            } else {
                ranges.append(c.value...c.value)
                i += 1
            }
        }
        return nil
    }
}
