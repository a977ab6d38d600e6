import Testing

@testable import ThresholdKit

@Suite("Text wrapping")
struct TextWrappingTests {
    @Test(
        "lines break at spaces, keep their own spacing and line breaks, and never split a word",
        arguments: [
            ("Error: --pack x: no rule pack has this id", 24, 7, "Error: --pack x: no rule\n       pack has this id"),
            ("a\n  bb cc dd ee ff gg hh ii jj", 10, 0, "a\n  bb cc dd\nee ff gg\nhh ii jj"),
            ("x abcdefghijklmnop y", 10, 0, "x\nabcdefghijklmnop\ny"),
            ("short enough", 40, 2, "short enough"),
            ("", 10, 0, ""),
        ])
    func wrap(text: String, width: Int, indent: Int, expected: String) {
        #expect(TextWrapping.wrap(text, width: width, indent: indent) == expected)
    }

    @Test(
        "a report line keeps a number with its unit and a short citation whole",
        arguments: [
            // Without holding the space, `days` would start the next line alone.
            ("over the line by 154 days now", 20, "over the line by\n154 days now"),
            // A scale letter after a digit is part of the number.
            ("revenue of 800M USD is over", 16, "revenue of\n800M USD is over"),
            (
                "the duty applies under [Art. 51 · primary] to this model", 40,
                "the duty applies under\n[Art. 51 · primary] to this model"
            ),
            // A citation longer than half the width may break inside.
            (
                "the duty applies under [Art. 51 · primary] to this model", 30,
                "the duty applies under [Art.\n51 · primary] to this model"
            ),
        ])
    func reportLine(line: String, width: Int, expected: String) {
        #expect(TextStyle(width: width).wrapped(line, indent: 0) == expected)
    }

    @Test("colour codes take no column, and without a width nothing is wrapped")
    func colour() {
        let line = "\u{1B}[1mMET\u{1B}[0m over the line by far"
        #expect(TextStyle(color: true, width: 20).wrapped(line, indent: 4) == line.replacing(" far", with: "\n    far"))
        #expect(TextStyle(color: true).wrapped(line, indent: 4) == line)
        // Counted as columns when colour is off, the codes make the line break sooner.
        #expect(
            TextStyle(width: 20).wrapped(line, indent: 4) != TextStyle(color: true, width: 20).wrapped(line, indent: 4))
    }
}
