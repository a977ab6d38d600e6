import ThresholdPlatform

/// The rule packs compiled into ThresholdKit from `Rules/*.yaml` (see the EmbedRulePacks plugin).
enum BuiltinRulePacks {
    /// A pack's text without its `tests:` section, when that section is the last key at the top
    /// level, else the whole text: what a rule book that only evaluates profiles reads. The text
    /// before the section is kept as it is, so every line and column a verdict cites is the
    /// file's own; the cases, most of a built-in pack's text, are then not parsed at all.
    static func withoutTests(_ text: String) -> Substring {
        // On the text's bytes, a line at a time (found with `memchr`): the cases are most of a
        // built-in pack's text, and walking a string view's slices costs many times more.
        var text = text
        let end = text.withUTF8 { bytes -> Int? in
            guard let pointer = bytes.baseAddress else { return nil }
            let base = UnsafeRawPointer(pointer)
            var testsStart: Int?
            var start = 0
            while start < bytes.count {
                var end = bytes.count
                if let found = memchr(base + start, 0x0A, bytes.count - start) {
                    end = UnsafeRawPointer(found) - base
                }
                if end > start {
                    let first = bytes[start]
                    if end - start >= 6 && memcmp(base + start, "tests:", 6) == 0 {
                        // A second `tests:` is an error the whole text must be read to report.
                        guard testsStart == nil else { return nil }
                        testsStart = start
                    } else if testsStart != nil && first != UInt8(ascii: " ") && first != UInt8(ascii: "#")
                        && first != UInt8(ascii: "-") && first != UInt8(ascii: "\r")
                    {
                        // Another key (or anything else) at the top level after the cases.
                        return nil
                    }
                }
                start = end + 1
            }
            return testsStart
        }
        guard let end else { return text[...] }
        return text[..<text.utf8.index(text.utf8.startIndex, offsetBy: end)]
    }
}
