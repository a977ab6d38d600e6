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
        wrap(Array(text), width: width, indent: indent)
    }

    /// ``wrap(_:width:indent:)`` of the text whose characters are given, read by position; each
    /// `placeholder` in it is written as a space (one the text must not be broken at).
    static func wrap(_ text: [Character], width: Int, indent: Int, restoring placeholder: Character? = nil) -> String {
        let width = max(width, indent + 10)
        var out = ""
        out.reserveCapacity(text.count + 16)
        var start = 0
        while true {
            let end = text[start...].firstIndex(of: "\n") ?? text.count
            wrapLine(text, start..<end, width: width, indent: indent, placeholder: placeholder, into: &out)
            guard end < text.count else { return out }
            out.append("\n")
            start = end + 1
        }
    }

    /// The line `text[line]` broken at spaces, appended to `out`.
    private static func wrapLine(
        _ text: [Character], _ line: Range<Int>, width: Int, indent: Int, placeholder: Character?,
        into out: inout String
    ) {
        func append(_ range: Range<Int>) {
            for index in range { out.append(text[index] == placeholder ? " " : text[index]) }
        }
        guard line.count > width else { return append(line) }
        // Word after word, each with the spaces before it, so that a line keeps its own spacing
        // (`Help:  --x`); a word that would overrun the line starts the next, without them.
        var currentWidth = 0
        var hasWord = false
        var index = line.lowerBound
        while index < line.upperBound {
            var wordStart = index
            while wordStart < line.upperBound && text[wordStart] == " " { wordStart += 1 }
            var wordEnd = wordStart
            while wordEnd < line.upperBound && text[wordEnd] != " " { wordEnd += 1 }
            let spaces = wordStart - index, word = wordEnd - wordStart
            if hasWord && word > 0 && currentWidth + spaces + word > width {
                out.append("\n")
                out.append(String(repeating: " ", count: indent))
                append(wordStart..<wordEnd)
                currentWidth = indent + word
            } else {
                append(index..<wordEnd)
                currentWidth += spaces + word
                if word > 0 { hasWord = true }
            }
            index = wordEnd
        }
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
