/// A shell-style file name pattern, as `--include` and `--exclude` take them.
///
/// - `*` matches any run of characters except `/`; `?` matches one character except `/`.
/// - `[abc]`, `[a-z]` and `[!a-z]` (or `[^a-z]`) match one character of (or not of) a set; an
///   unclosed `[` is an ordinary character, as `fnmatch(3)` has it.
/// - `**` as a whole path component matches any number of components, including none:
///   `labs/**/*.yaml` matches `labs/a.yaml` and `labs/x/y/a.yaml`.
/// - `{a,b,…}` matches any one of the comma-separated alternatives, each a pattern of its own
///   (`*.{yml,yaml}`); groups may nest.
/// - `\` makes the next character literal.
/// - A pattern without `/` is matched against a file's name alone (`*.yaml`, `drafts`); a pattern
///   with `/` against its path relative to the directory being audited (`drafts/*.yaml`). A leading
///   `/` or `./` is ignored, and a trailing `/` makes the pattern match directories only.
///
/// Matching is case-sensitive and counts characters as Unicode scalars. An unbalanced `{` or `}`
/// is an ordinary character, as an unclosed `[` is; ``init(validating:)`` refuses it instead.
package struct Glob: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written.
    package let pattern: String
    /// Whether the pattern is matched against the relative path (it contains `/`) rather than the name.
    package let matchesPath: Bool
    /// Whether the pattern matches directories only (it ended with `/`).
    package let directoriesOnly: Bool
    private let tokens: [Token]
    /// For a pattern that is `*` and then only literal characters (`*.yaml`, the default include):
    /// those characters' UTF-8 bytes, matched as a suffix without the general matcher.
    private let literalSuffix: [UInt8]?

    private enum Token: Sendable, Hashable {
        case literal(Unicode.Scalar)
        case one
        case star
        /// `**/`: nothing, or any run of characters that ends with `/`.
        case anyDirectories
        /// `**` at the end, or alone: anything at all.
        case anything
        case set(ranges: [ClosedRange<UInt32>], negated: Bool)
        /// The start of a `{…}` group: go on at any of these tokens, one per alternative.
        case branch([Int])
        /// The end of an alternative: go on at this token, the one after the group.
        case jump(Int)
    }

    /// Why a pattern is refused by ``Glob/init(validating:)``.
    package struct SyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The pattern.
        package var pattern: String
        /// What is wrong with it.
        package var problem: String

        /// `'pattern': problem`.
        package var description: String { "'\(pattern)': \(problem)" }
    }

    /// Compiles a pattern. Every string is a valid pattern: an unbalanced brace is an ordinary character.
    package init(_ pattern: String) {
        var problem: String?
        self.init(pattern, problem: &problem)
    }

    /// Compiles a pattern, refusing an unbalanced `{` or `}` (a likely typo, which would otherwise
    /// match only names that hold the brace itself).
    ///
    /// - Throws: ``SyntaxError``.
    package init(validating pattern: String) throws(SyntaxError) {
        var problem: String?
        self.init(pattern, problem: &problem)
        if let problem { throw SyntaxError(pattern: pattern, problem: problem) }
    }

    /// Compiles a pattern; `problem` is set to what is unbalanced in it, if anything.
    private init(_ pattern: String, problem: inout String?) {
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
        var compiler = Compiler(scalars: scalars)
        compiler.compile(scalars.indices)
        self.tokens = compiler.tokens
        problem = compiler.problem
        var suffix: [UInt8]?
        if tokens.first == .star, tokens.count > 1 {
            var literal = String.UnicodeScalarView()
            for token in tokens.dropFirst() {
                guard case .literal(let scalar) = token else { break }
                literal.append(scalar)
            }
            if literal.count == tokens.count - 1 { suffix = Array(String(literal).utf8) }
        }
        literalSuffix = suffix
    }

    /// The pattern as written.
    package var description: String { pattern }

    /// Whether the pattern matches a file or directory, given its name and its path relative to the
    /// directory being audited.
    package func matches(name: String, relativePath: String, isDirectory: Bool = false) -> Bool {
        if directoriesOnly && !isDirectory { return false }
        return matches(matchesPath ? relativePath : name)
    }

    /// Whether the pattern matches the whole of `text`.
    package func matches(_ text: String) -> Bool {
        if let literalSuffix {
            // The suffix starts with a whole character, so matching its bytes at the end of the
            // text's matches it at a character boundary; `*` matches the rest unless it has a `/`.
            let bytes = text.utf8
            guard bytes.count >= literalSuffix.count, bytes.suffix(literalSuffix.count).elementsEqual(literalSuffix)
            else { return false }
            return !bytes.dropLast(literalSuffix.count).contains(UInt8(ascii: "/"))
        }
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
                guard ranges.contains(where: { $0.contains(value) }) != negated else {
                    failed.insert(key); return false
                }
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
            case .branch(let alternatives):
                for start in alternatives where match(start, t, text, &failed) { return true }
                failed.insert(key)
                return false
            case .jump(let next):
                p = next
            }
        }
        if t == text.count { return true }
        failed.insert(key)
        return false
    }

    /// Turns a pattern's scalars into tokens; a `{…}` group becomes a ``Token/branch(_:)`` to its
    /// alternatives, each ending in a ``Token/jump(_:)`` past the group.
    private struct Compiler {
        let scalars: [Unicode.Scalar]
        var tokens: [Token] = []
        /// The first unbalanced brace met (compiled as a literal).
        var problem: String?

        init(scalars: [Unicode.Scalar]) {
            self.scalars = scalars
        }

        mutating func compile(_ range: Range<Int>) {
            let s = scalars
            var i = range.lowerBound
            while i < range.upperBound {
                let c = s[i]
                switch c {
                case "\\":
                    if i + 1 < range.upperBound {
                        tokens.append(.literal(s[i + 1])); i += 2
                    } else {
                        tokens.append(.literal("\\")); i += 1
                    }
                case "?":
                    tokens.append(.one); i += 1
                case "*":
                    var j = i
                    while j < range.upperBound && s[j] == "*" { j += 1 }
                    let atComponentStart = i == 0 || s[i - 1] == "/"
                    if j - i >= 2 && atComponentStart && j < range.upperBound && s[j] == "/" {
                        tokens.append(.anyDirectories)
                        j += 1
                    } else if j - i >= 2 && atComponentStart && j == range.upperBound {
                        tokens.append(.anything)
                    } else if tokens.last != .star {
                        tokens.append(.star)
                    }
                    i = j
                case "[":
                    if let (token, next) = Glob.bracket(s, from: i, end: range.upperBound) {
                        tokens.append(token); i = next
                    } else {
                        tokens.append(.literal("[")); i += 1
                    }
                case "{":
                    if let (commas, close) = group(from: i, end: range.upperBound) {
                        compileGroup(bounds: [i] + commas + [close])
                        i = close + 1
                    } else {
                        problem = problem ?? "a '{' is not closed by a '}' (write '\\{' for the character itself)"
                        tokens.append(.literal("{")); i += 1
                    }
                case "}":
                    problem = problem ?? "a '}' closes no '{' (write '\\}' for the character itself)"
                    tokens.append(.literal("}")); i += 1
                default:
                    tokens.append(.literal(c)); i += 1
                }
            }
        }

        /// The alternatives between `bounds` (the `{`, the commas, the `}`): a branch to each, and
        /// from the end of each a jump past the group.
        private mutating func compileGroup(bounds: [Int]) {
            let branch = tokens.count
            tokens.append(.branch([]))
            var starts: [Int] = [], jumps: [Int] = []
            for (open, close) in zip(bounds, bounds.dropFirst()) {
                starts.append(tokens.count)
                compile(open + 1..<close)
                jumps.append(tokens.count)
                tokens.append(.jump(0))
            }
            tokens[branch] = .branch(starts)
            for jump in jumps { tokens[jump] = .jump(tokens.count) }
        }

        /// The top-level commas and the closing brace of the group opened at `scalars[open]`, or nil
        /// when it is not closed before `end`. Escaped characters and bracket expressions are skipped.
        private func group(from open: Int, end: Int) -> (commas: [Int], close: Int)? {
            var depth = 0
            var commas: [Int] = []
            var i = open
            while i < end {
                switch scalars[i] {
                case "\\":
                    i += 2
                    continue
                case "[":
                    if let (_, next) = Glob.bracket(scalars, from: i, end: end) { i = next; continue }
                case "{":
                    depth += 1
                case "}":
                    depth -= 1
                    if depth == 0 { return (commas, i) }
                case "," where depth == 1:
                    commas.append(i)
                default:
                    break
                }
                i += 1
            }
            return nil
        }
    }

    /// A bracket expression starting at `s[start] == "["`, or nil when it is not closed before `end`.
    private static func bracket(_ s: [Unicode.Scalar], from start: Int, end: Int) -> (Token, Int)? {
        var i = start + 1
        var negated = false
        if i < end && (s[i] == "!" || s[i] == "^") { negated = true; i += 1 }
        var ranges: [ClosedRange<UInt32>] = []
        var first = true
        while i < end {
            var c = s[i]
            if c == "]" && !first { return (.set(ranges: ranges, negated: negated), i + 1) }
            first = false
            if c == "\\" && i + 1 < end { i += 1; c = s[i] }
            if i + 2 < end && s[i + 1] == "-" && s[i + 2] != "]" {
                var high = s[i + 2]
                var skip = 3
                if high == "\\" && i + 3 < end { high = s[i + 3]; skip = 4 }
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
