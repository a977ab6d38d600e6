/// The rule packs compiled into ThresholdKit from `Rules/*.yaml` (see the EmbedRulePacks plugin).
enum BuiltinRulePacks {
    /// A pack's text without its `tests:` section, when that section is the last key at the top
    /// level, else the whole text: what a rule book that only evaluates profiles reads. The text
    /// before the section is kept as it is, so every line and column a verdict cites is the
    /// file's own; the cases, most of a built-in pack's text, are then not parsed at all.
    static func withoutTests(_ text: String) -> Substring {
        var utf8 = text.utf8[...]
        var testsStart: String.Index?
        while !utf8.isEmpty {
            let line = utf8.prefix { $0 != UInt8(ascii: "\n") }
            if let first = line.first {
                if line.starts(with: "tests:".utf8) {
                    // A second `tests:` is an error the whole text must be read to report.
                    guard testsStart == nil else { return text[...] }
                    testsStart = line.startIndex
                } else if testsStart != nil && first != UInt8(ascii: " ") && first != UInt8(ascii: "#")
                    && first != UInt8(ascii: "-") && first != UInt8(ascii: "\r")
                {
                    // Another key (or anything else) at the top level after the cases.
                    return text[...]
                }
            }
            utf8 = utf8[line.endIndex...].dropFirst()
        }
        guard let testsStart else { return text[...] }
        return text[..<testsStart]
    }
}
