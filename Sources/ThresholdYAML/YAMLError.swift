/// An error in a YAML file, or in what a file says, with the position it was found at.
///
/// It prints like a compiler's diagnostic:
///
/// ```
/// labs/helios.yaml:10:23: error: models[0].training_compute: expected a quantity such as '3.2e25 FLOP', found a
/// mapping
///     training_compute: {a: 1}
///                       ^
/// ```
public struct YAMLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Which stage refused the input.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The bytes are not a readable stream: invalid UTF-8, a control character, an I/O failure.
        case reader
        /// libyaml's scanner refused a token.
        case scanner
        /// libyaml's parser refused the structure.
        case parser
        /// The stream parsed but cannot be composed into a tree: an unknown alias, a duplicate key,
        /// an unsupported tag, a bad merge key, not exactly one document.
        case composer
        /// A limit in ``YAMLLimits`` was exceeded.
        case limit
        /// The tree is well-formed YAML but not what the file's format expects.
        case decoding
    }

    /// The stage that refused the input.
    public var kind: Kind
    /// What is wrong, in the words of the file's format.
    public var problem: String
    /// Where it is wrong.
    public var mark: SourceMark
    /// What was being read when the problem was found (libyaml's context), if anything.
    public var context: String?
    /// Where that context started.
    public var contextMark: SourceMark?
    /// The file's path as the user named it, if known.
    public var file: String?
    /// The source line at ``mark``, escaped and cut to a short window, with the caret's offset into it.
    package var excerpt: Excerpt?
    /// Further lines printed under the diagnostic (`note: first defined at line 3`).
    public var notes: [String]
    /// More problems found in the same file after this one (a loader that reads on past an error
    /// reports each, up to a limit), in the order of their lines.
    public var further: [YAMLError] = []

    /// A short, printable window of one source line.
    package struct Excerpt: Sendable, Hashable {
        /// The line, with control characters escaped and long lines cut around the column.
        package var text: String
        /// The text before the caret, with every character but tabs made a space, so that the caret
        /// lines up under ``text`` in a terminal.
        package var caretPrefix: String
    }

    /// Creates an error.
    package init(
        kind: Kind, problem: String, mark: SourceMark,
        context: String? = nil, contextMark: SourceMark? = nil,
        file: String? = nil, excerpt: Excerpt? = nil, notes: [String] = []
    ) {
        self.kind = kind
        self.problem = problem
        self.mark = mark
        self.context = context
        self.contextMark = contextMark
        self.file = file
        self.excerpt = excerpt
        self.notes = notes
    }

    /// The one-line message: the problem, and libyaml's context where it gave one.
    public var message: String {
        guard let context else { return problem }
        if let contextMark {
            return "\(problem) (\(context) at line \(contextMark.line), column \(contextMark.column))"
        }
        return "\(problem) (\(context))"
    }

    /// `path:line:column: error: message`, without the source excerpt. The path and the message
    /// are shown with control characters escaped, and a message is cut at 1,000 characters, so that
    /// neither a hostile file name nor text quoted from a file can drive or flood a terminal.
    public var headline: String {
        "\((file ?? "<input>").escapedForTerminal()):\(mark.line):\(mark.column): error: "
            + "\(message.escapedForTerminal(limit: 1_000))"
    }

    /// The full diagnostic: the headline, the source line with a caret under the column, and notes.
    public var description: String {
        var lines = [headline]
        if let excerpt {
            lines.append("    " + excerpt.text)
            lines.append("    " + excerpt.caretPrefix + "^")
        }
        for note in notes { lines.append("note: " + note) }
        for error in further { lines.append(error.description) }
        return lines.joined(separator: "\n")
    }

    /// This error, attributed to a file.
    package func inFile(_ path: String?) -> YAMLError {
        var copy = self
        copy.file = path
        copy.further = further.map { $0.inFile(path) }
        return copy
    }

    /// This error and every further one, each on its own.
    public var all: [YAMLError] {
        var first = self
        first.further = []
        return [first] + further
    }
}

extension YAMLError.Excerpt {
    /// The widest window of a source line that an excerpt shows, in characters.
    static let window = 100

    /// An excerpt of the line at `mark` in UTF-8 `source`, or nil when the line does not exist.
    ///
    /// Long lines are cut to a window around the column; control characters and terminal escapes
    /// are shown escaped, so a hostile file can neither flood nor hijack a terminal.
    init?(source: UnsafeBufferPointer<UInt8>, mark: SourceMark) {
        // Find the start of the line (lines broken where libyaml breaks them).
        var line = 1
        var index = 0
        while line < mark.line && index < source.count {
            let breakLength = lineBreakLength(source, at: index)
            if breakLength > 0 {
                line += 1
                index += breakLength
            } else {
                index += 1
            }
        }
        guard line == mark.line else { return nil }
        var end = index
        while end < source.count && lineBreakLength(source, at: end) == 0 { end += 1 }
        // Decode at most what the window needs: columns before the window are skipped.
        let first = max(1, mark.column - Self.window / 2)
        let last = first + Self.window
        var text = first > 1 ? "…" : ""
        var caret = first > 1 ? " " : ""
        var column = 1
        var cut = false
        let scalars = String(decoding: UnsafeBufferPointer(rebasing: source[index..<end]), as: UTF8.self).unicodeScalars
        for scalar in scalars {
            defer { column += 1 }
            if column < first { continue }
            if column >= last { cut = true; break }
            let shown = Self.escaped(scalar)
            text += shown
            if column < mark.column {
                // As many spaces as the character takes on a terminal: two under a wide (CJK,
                // fullwidth, emoji) character, none under a combining mark, one per character of
                // an escape.
                let width = Self.isShownAsIs(scalar) ? Self.displayWidth(scalar) : shown.count
                caret += scalar == "\t" ? "\t" : String(repeating: " ", count: width)
            }
        }
        if cut { text += "…" }
        self.init(text: text, caretPrefix: caret)
    }

    /// A scalar as it may be shown on a terminal: control characters (C0, DEL, C1), line and
    /// paragraph separators, the byte order mark and the bidirectional controls (which can make a
    /// line read differently from what it holds) are escaped.
    static func escaped(_ scalar: Unicode.Scalar) -> String {
        if scalar == "\t" { return "\t" }
        guard isShownAsIs(scalar) else { return "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}" }
        return String(scalar)
    }

    /// The columns a terminal gives a character that is shown as itself: 0 for a combining mark or
    /// a zero-width format character, 2 for an East Asian wide or fullwidth character or an emoji
    /// shown as one, 1 otherwise (the rules of `wcwidth`, without depending on the locale).
    static func displayWidth(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x300 { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if scalar.properties.isEmojiPresentation { return 2 }
        switch value {
        case 0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
            0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF,
            0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4,
            0x17000...0x18AFF, 0x1B000...0x1B2FF, 0x1F200...0x1F2FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// Whether ``escaped(_:)`` shows a scalar as itself (tabs included).
    static func isShownAsIs(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09: return true
        case 0x00..<0x20, 0x7F, 0x80..<0xA0, 0x2028, 0x2029, 0xFEFF,
            0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
            return false
        default:
            return true
        }
    }
}

extension String {
    /// The text with every character that could drive a terminal escaped as `\u{…}` (see
    /// ``YAMLError/Excerpt``), tabs kept, and cut to `limit` characters with `…`.
    package func escapedForTerminal(limit: Int = .max) -> String {
        var count = 0
        var clean = true
        for scalar in unicodeScalars {
            count += 1
            if count > limit || !YAMLError.Excerpt.isShownAsIs(scalar) {
                clean = false
                break
            }
        }
        if clean { return self }
        var out = ""
        count = 0
        for scalar in unicodeScalars {
            if count == limit { out += "…"; break }
            out += YAMLError.Excerpt.escaped(scalar)
            count += 1
        }
        return out
    }

    /// The text quoted for a diagnostic: escaped, and cut to `limit` characters.
    package func quotedForDiagnostic(limit: Int = 60) -> String {
        var out = "'"
        var count = 0
        for scalar in unicodeScalars {
            if count == limit { out += "…"; break }
            out += scalar == "\t" ? "\\t" : YAMLError.Excerpt.escaped(scalar)
            count += 1
        }
        return out + "'"
    }
}
