/// Word wrapping for messages meant for a terminal: the command line's own sentences (usage errors,
/// notes), never a report's tables or a diagnostic's excerpt, whose columns must stay put.
package enum TextWrapping {
    /// `text` with each of its lines broken at spaces into lines of at most `width` columns (one
    /// column per character). Lines after the first of each broken line start with `indent` spaces.
    /// A word longer than a line is kept whole on a line of its own; existing line breaks and
    /// leading spaces are kept.
    ///
    /// ```swift
    /// TextWrapping.wrap("Error: --pack x: no rule pack has this id", width: 24, indent: 7)
    /// // "Error: --pack x: no rule\n       pack has this id"
    /// ```
    package static func wrap(_ text: String, width: Int, indent: Int = 0) -> String {
        let width = max(width, indent + 10)
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { wrapLine(Substring($0), width: width, indent: indent) }
            .joined(separator: "\n")
    }

    private static func wrapLine(_ line: Substring, width: Int, indent: Int) -> String {
        guard line.count > width else { return String(line) }
        // Words with the spaces before each, so that a line keeps its own spacing (`Help:  --x`).
        var pieces: [(spaces: Substring, word: Substring)] = []
        var index = line.startIndex
        while index < line.endIndex {
            let spacesEnd = line[index...].firstIndex { $0 != " " } ?? line.endIndex
            let wordEnd = line[spacesEnd...].firstIndex { $0 == " " } ?? line.endIndex
            pieces.append((line[index..<spacesEnd], line[spacesEnd..<wordEnd]))
            index = wordEnd
        }
        var lines: [String] = []
        var current = ""
        var currentWidth = 0
        var hasWord = false
        for piece in pieces {
            if hasWord && !piece.word.isEmpty && currentWidth + piece.spaces.count + piece.word.count > width {
                lines.append(current)
                current = String(repeating: " ", count: indent) + piece.word
                currentWidth = indent + piece.word.count
                continue
            }
            current += piece.spaces + piece.word
            currentWidth += piece.spaces.count + piece.word.count
            if !piece.word.isEmpty { hasWord = true }
        }
        lines.append(current)
        return lines.joined(separator: "\n")
    }
}

extension String {
    /// The string filled out to `width` characters with `fill`: after it (a table's column), or
    /// before it when `leading` (a number aligned right, `U+00E9`'s `00E9`). A string as wide or
    /// wider is returned unchanged.
    package func padded(_ width: Int, leading: Bool = false, with fill: Character = " ") -> String {
        guard count < width else { return self }
        let filling = String(repeating: fill, count: width - count)
        return leading ? filling + self : self + filling
    }
}
