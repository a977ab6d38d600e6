import Testing

@testable import ThresholdYAML

/// Plain scalars resolve under the YAML 1.2 core schema; the core schema's tags are honoured and
/// validated; other tags are refused unless `allowsUnknownTags`.
@Suite struct SchemaTests {
    static let resolutions: [(String, ScalarKind)] = [
        // YAML 1.1's booleans are strings in 1.2.
        ("no", .string), ("yes", .string), ("on", .string), ("off", .string), ("y", .string),
        ("true", .bool), ("True", .bool), ("TRUE", .bool), ("false", .bool), ("False", .bool), ("FALSE", .bool),
        ("tRue", .string),
        ("~", .null), ("null", .null), ("Null", .null), ("NULL", .null), ("", .null), ("nULL", .string),
        ("0", .int), ("-5", .int), ("+12", .int), ("0x1F", .int), ("0o17", .int), ("007", .int),
        ("0x", .string), ("0o8", .string), ("0xG", .string), ("1_000", .string), ("0b101", .string), ("+", .string),
        ("1e25", .float), ("3.2e25", .float), ("-1.5E-3", .float), (".5", .float), ("1.", .float), ("-.5", .float),
        (".inf", .float), ("-.Inf", .float), ("+.INF", .float), (".nan", .float), (".NaN", .float),
        ("1e", .string), (".", .string), ("-.nan", .string), ("1.2.3", .string), ("3.2e25 FLOP", .string),
        ("2024-05-01", .string),
    ]

    @Test(arguments: resolutions)
    func plainScalarsResolveUnderTheCoreSchema(text: String, kind: ScalarKind) throws {
        let node = try #require(try parse("value: \(text)\n")["value"])
        #expect(node.text == text)
        #expect(node.scalarKind == kind)
        // `isNull` reads the text for null alone; it must agree with the full resolution.
        #expect(node.isNull == (kind == .null))
    }

    @Test func quotedAndBlockScalarsAreStrings() throws {
        let root = try parse("a: \"1e25\"\nb: 'true'\nc: \"\"\nd: |\n  12\ne: >\n  null\n")
        #expect(
            shape(root)
                == "{str 'a': str '1e25', str 'b': str 'true', str 'c': str '', str 'd': str '12\n', str 'e': str "
                + "'null\n'}"
        )
        #expect(root.pairs.map(\.value.style) == [.doubleQuoted, .singleQuoted, .doubleQuoted, .literal, .folded])
        // A quoted empty string and a block `null` are text, not null.
        #expect(root.pairs.allSatisfy { !$0.value.isNull })
    }

    @Test func coreTagsAreHonoured() throws {
        let root = try parse(
            """
            a: !!str 12
            b: !!int "12"
            c: !!float 1
            d: !!bool "true"
            e: !!null ""
            f: !!str
            g: !!float .inf
            h: !!int 0x1F
            i: ! 12
            j: !<tag:yaml.org,2002:int> 5
            k: !!seq [x]
            l: !!map {x: 1}
            """)
        #expect(
            root.pairs.map { $0.value.scalarKind } == [
                .string, .int, .float, .bool, .null, .string, .float, .int, .string, .int, .string, .string,
            ])
        // A tag decides whether a scalar is null: `!!null ""` is, `!!str` (empty) is not.
        #expect(root.pairs.map { $0.value.isNull } == root.pairs.map { $0.value.scalarKind == .null })
        #expect(
            root.pairs.map { $0.value.tag } == [
                "!!str", "!!int", "!!float", "!!bool", "!!null", "!!str", "!!float", "!!int", "!", "!!int", "!!seq",
                "!!map",
            ])
        #expect(root["b"]?.text == "12")
        #expect(root["k"]?.kind == .sequence && root["l"]?.kind == .mapping)
        #expect(try parse("a: 1").pairs[0].value.tag == nil)
    }

    @Test(arguments: [
        ("!!int abc", "'abc' is not a valid int (tagged !!int)"),
        ("!!int 1.5", "'1.5' is not a valid int (tagged !!int)"),
        ("!!int \"\"", "'' is not a valid int (tagged !!int)"),
        ("!!float x", "'x' is not a valid float (tagged !!float)"),
        ("!!bool yes", "'yes' is not a valid bool (tagged !!bool)"),
        ("!!null x", "'x' is not a valid null (tagged !!null)"),
    ])
    func taggedScalarsAreValidated(value: String, problem: String) throws {
        let error = try parseError("ok: 1\nvalue: \(value)\n")
        #expect(error.kind == .composer)
        #expect(error.mark == SourceMark(line: 2, column: 8))
        #expect(error.problem == problem)
    }

    @Test func aPythonObjectTagIsRefused() throws {
        let error = try parseError("run: !!python/object:os.system rm -rf /\n")
        #expect(error.kind == .composer)
        #expect(
            error.description
                == lines(
                    "test.yaml:1:6: error: the tag '!!python/object:os.system' is not accepted on a scalar: only the "
                        + "core schema's tags (!!str, !!int, !!float, !!bool, !!null, !!seq, !!map) are",
                    "    run: !!python/object:os.system rm -rf /",
                    "         ^"))
    }

    @Test(arguments: [
        ("!!python/object:os.system {a: 1}", "the tag '!!python/object:os.system' is not accepted on a mapping"),
        ("!!seq {a: 1}", "the tag '!!seq' is not accepted on a mapping"),
        ("!!map [a]", "the tag '!!map' is not accepted on a sequence"),
        ("!!str [a]", "the tag '!!str' is not accepted on a sequence"),
        ("!local x", "the tag '!local' is not accepted on a scalar"),
        ("!!binary aGk=", "the tag '!!binary' is not accepted on a scalar"),
        ("!!timestamp 2024-01-01", "the tag '!!timestamp' is not accepted on a scalar"),
        // %TAG can point !! elsewhere: then !!str is not the core schema's.
        (
            "%TAG !! tag:example.com,2000:\n--- !!str x",
            "the tag 'tag:example.com,2000:str' is not accepted on a scalar"
        ),
    ])
    func otherTagsAreRefused(text: String, start: String) throws {
        let error = try parseError(text)
        #expect(error.kind == .composer)
        #expect(
            error.problem == start
                + ": only the core schema's tags (!!str, !!int, !!float, !!bool, !!null, !!seq, !!map) are")
    }

    @Test func allowsUnknownTagsAcceptsAndIgnoresThem() throws {
        let options = YAMLOptions(allowsUnknownTags: true)
        let root = try parse("run: !!python/object:os.system 12\nlist: !!set [a]\nlocal: !x {a: 1}\n", options: options)
        #expect(root["run"]?.tag == "!!python/object:os.system")
        #expect(root["run"]?.scalarKind == .int)
        #expect(root["list"]?.tag == "!!set")
        #expect(shape(root) == "{str 'run': int 12, str 'list': [str 'a'], str 'local': {str 'a': int 1}}")
        // The core tags are still validated.
        #expect(try parseError("a: !!int abc", options: options).problem == "'abc' is not a valid int (tagged !!int)")
    }
}
