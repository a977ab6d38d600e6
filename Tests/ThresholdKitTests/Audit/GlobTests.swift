import Foundation
import Testing

@testable import ThresholdKit

@Suite("Glob patterns")
struct AuditGlobTests {
    @Test(
        "fnmatch-style matching",
        arguments: [
            ("*.yaml", "helios.yaml", true), ("*.yaml", "helios.yml", false), ("*.y?ml", "a.yaml", true),
            ("*.yaml", ".hidden.yaml", true), ("lab-[0-9].yaml", "lab-7.yaml", true),
            ("lab-[!0-9].yaml", "lab-7.yaml", false),
            ("lab-[^0-9].yaml", "lab-x.yaml", true), ("[abc]", "b", true), ("[]]", "]", true), ("[a-", "[a-", true),
            ("\\*.yaml", "*.yaml", true), ("\\*.yaml", "a.yaml", false), ("*", "", true), ("?", "", false),
            ("draft*", "drafts", true), ("*.YAML", "a.yaml", false), ("é?.yaml", "éa.yaml", true),
        ])
    func names(pattern: String, name: String, expected: Bool) {
        #expect(Glob(pattern).matches(name) == expected)
    }

    @Test(
        "paths: '*' stays within a folder, '**' spans any number of them",
        arguments: [
            ("labs/*.yaml", "labs/a.yaml", true), ("labs/*.yaml", "labs/x/a.yaml", false),
            ("labs/**/*.yaml", "labs/a.yaml", true), ("labs/**/*.yaml", "labs/x/y/a.yaml", true),
            ("**/a.yaml", "a.yaml", true), ("**/a.yaml", "x/y/a.yaml", true), ("labs/**", "labs/x/y", true),
            ("labs/**", "other/x", false), ("**", "any/thing/at/all", true), ("a**b", "axxb", true),
            ("a**b", "ax/b", false),
        ])
    func paths(pattern: String, path: String, expected: Bool) {
        #expect(Glob(pattern).matches(path) == expected)
    }

    @Test(
        "braces: '{a,b}' matches either alternative; groups nest; escaped and bracketed braces are characters",
        arguments: [
            ("*.{yml,yaml}", "a.yml", true), ("*.{yml,yaml}", "a.yaml", true), ("*.{yml,yaml}", "a.json", false),
            ("*.{yml,yaml}", "a.", false), ("{a,b{c,d}}.yaml", "bd.yaml", true), ("{a,b{c,d}}.yaml", "b.yaml", false),
            ("{,x}y", "y", true), ("{,x}y", "xy", true), ("{}", "", true), ("{*.yml,labs/**}", "labs/x/y", true),
            ("\\{a,b}", "{a,b}", true), ("\\{a,b}", "a", false), ("[{]a", "{a", true), ("{[,]x,y}", ",x", true),
            ("lab-{[0-9],x}.yaml", "lab-7.yaml", true), ("lab-{[0-9],x}.yaml", "lab-y.yaml", false),
            // Unbalanced: the brace is an ordinary character.
            ("*.{yml", "a.{yml", true), ("*.{yml", "a.yml", false), ("a}", "a}", true), ("{a,{b}", "{a,b", true),
        ])
    func braces(pattern: String, text: String, expected: Bool) {
        #expect(Glob(pattern).matches(text) == expected)
    }

    /// `*` and then literal characters (the default include) is matched as a byte suffix; the
    /// same pattern with its last character in brackets takes the general matcher.
    @Test(
        "'*' and literal characters match as the general matcher does",
        arguments: [
            ("*.yaml", "*.yam[l]"), ("*é", "*[é]"), ("*\u{301}", "*[\u{301}]"), ("*/b", "*/[b]"), ("*.y", "*.[y]"),
        ])
    func literalSuffix(pattern: String, general: String) {
        let texts = [
            "a.yaml", ".yaml", "yaml", "a.yaml.bak", "x/a.yaml", "é", "xé", "xe\u{301}", "\u{301}", "a/b", "a/c/b",
            "/b", "b", "a.y", "a/.y", "",
        ]
        for text in texts {
            #expect(Glob(pattern).matches(text) == Glob(general).matches(text), "\(pattern) against \(text)")
        }
        #expect(texts.contains { Glob(pattern).matches($0) })
    }

    @Test("init(validating:) refuses an unbalanced brace and accepts everything else")
    func validating() throws {
        for pattern in ["*.{yml", "a}", "{a,{b}", "{{a}"] {
            #expect(throws: Glob.SyntaxError.self, "\(pattern)") { try Glob(validating: pattern) }
        }
        for pattern in ["*.{yml,yaml}", "\\{", "\\}", "[{]", "[}]", "{a,{b,c}}", "plain", "[a-"] {
            #expect(try Glob(validating: pattern).pattern == pattern)
        }
        let error = try #require(throws: Glob.SyntaxError.self) { try Glob(validating: "*.{yml,yaml") }
        #expect(
            error.description == "'*.{yml,yaml': a '{' is not closed by a '}' (write '\\{' for the character itself)")
    }

    @Test("hostile patterns neither crash nor take long: deep nesting, many groups")
    func hostileBraces() {
        let deep = String(repeating: "{a,", count: 200) + "b" + String(repeating: "}", count: 200)
        #expect(Glob(deep).matches("b") && Glob(deep).matches("a") && !Glob(deep).matches("ab"))
        let many = String(repeating: "{a,b,}", count: 40)
        #expect(Glob(many).matches(String(repeating: "ab", count: 20)))
        #expect(!Glob(many + "c").matches(String(repeating: "ab", count: 20) + "d"))
        #expect(!Glob(String(repeating: "{", count: 2000)).matches("x"))
    }

    @Test("a pattern without '/' matches the name, with '/' the relative path; a trailing '/' means folders only")
    func scope() {
        #expect(Glob("*.yaml").matches(name: "a.yaml", relativePath: "x/a.yaml"))
        #expect(!Glob("x/*.yaml").matches(name: "a.yaml", relativePath: "y/a.yaml"))
        #expect(Glob("./x/*.yaml").matches(name: "a.yaml", relativePath: "x/a.yaml"))
        #expect(Glob("drafts/").matches(name: "drafts", relativePath: "a/drafts", isDirectory: true))
        #expect(!Glob("drafts/").matches(name: "drafts", relativePath: "a/drafts", isDirectory: false))
    }
}
