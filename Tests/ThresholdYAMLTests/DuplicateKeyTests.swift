import Testing

@testable import ThresholdYAML

/// A key given twice in one mapping is an error at the second, naming the first.
@Suite struct DuplicateKeyTests {
    @Test func inABlockMapping() throws {
        let error = try parseError("name: a\nsize: 1\nname: b\n")
        #expect(error.kind == .composer)
        #expect(
            error.description
                == lines(
                    "test.yaml:3:1: error: duplicate key 'name' in a mapping: it was first defined at line 1, column 1",
                    "    name: b",
                    "    ^"))
    }

    @Test func inANestedMapping() throws {
        let error = try parseError("lab:\n  models:\n    - name: a\n      size: 1\n      name: b\n")
        #expect(error.kind == .composer)
        #expect(error.mark == SourceMark(line: 5, column: 7))
        #expect(error.problem == "duplicate key 'name' in a mapping: it was first defined at line 3, column 7")
    }

    @Test func inAFlowMapping() throws {
        let error = try parseError("{a: 1, b: 2, a: 3}")
        #expect(error.kind == .composer)
        #expect(
            error.description
                == lines(
                    "test.yaml:1:14: error: duplicate key 'a' in a mapping: it was first defined at line 1, column 2",
                    "    {a: 1, b: 2, a: 3}",
                    "                 ^"))
    }

    /// Mappings of more than 12 keys find duplicates by hashing rather than by comparing each pair.
    @Test func inAMappingOfMoreThanTwelveKeys() throws {
        let keys = (0..<20).map { "key\($0): \($0)\n" }.joined()
        #expect(try parse(keys).count == 20)
        let error = try parseError(keys + "key7: again\n")
        #expect(error.kind == .composer)
        #expect(
            error.description
                == lines(
                    "test.yaml:21:1: error: duplicate key 'key7' in a mapping: it was first defined at line 8, "
                        + "column 1",
                    "    key7: again",
                    "    ^"))
    }

    @Test(arguments: [3, 20])
    func keysOfDifferentKindsAreDifferentKeys(padding: Int) throws {
        // The int 1 and the string "1", the bool true and the string 'true', null and the string "~".
        let pad = (0..<padding).map { "p\($0): x\n" }.joined()
        let root = try parse(pad + "1: int\n\"1\": string\ntrue: bool\n'true': string\n~: null\n\"~\": string\n")
        #expect(root.count == padding + 6)
        #expect(root.pairs.suffix(6).map { $0.key.scalarKind } == [.int, .string, .bool, .string, .null, .string])
    }

    @Test(arguments: [0, 20])
    func collectionKeysAreComparedByContent(padding: Int) throws {
        let pad = (0..<padding).map { "p\($0): x\n" }.joined()
        #expect(try parse(pad + "? [a, {b: 1}]\n: x\n? [a, {b: 2}]\n: y\n").count == padding + 2)
        let error = try parseError(pad + "? [a, {b: 1}]\n: x\n? [a, {b: 1}]\n: y\n")
        #expect(error.kind == .composer)
        #expect(error.mark == SourceMark(line: padding + 3, column: 3))
        #expect(
            error.problem
                == "duplicate key (a collection) in a mapping: it was first defined at line \(padding + 1), column 3")
    }

    @Test func anAliasRepeatingAKeyIsADuplicate() throws {
        let error = try parseError("{&a [a, b]: 1, *a : 2}")
        #expect(error.kind == .composer)
        #expect(error.mark == SourceMark(line: 1, column: 16))
        #expect(error.problem == "duplicate key (a collection) in a mapping: it was first defined at line 1, column 2")
    }

    @Test func theSameKeyInDifferentMappingsIsFine() throws {
        let root = try parse("a: {name: 1}\nb: {name: 2}\nc: [{name: 3}, {name: 4}]\n")
        #expect(
            shape(root)
                == "{str 'a': {str 'name': int 1}, str 'b': {str 'name': int 2}, str 'c': [{str 'name': int 3}, {str "
                + "'name': int 4}]}"
        )
    }

    /// Small mappings are checked pair by pair, passing over keys of another kind, length or first
    /// byte; larger ones are hashed. Both must find the same repeats: keys that differ only after
    /// their first byte, in kind alone, or in quoting; empty keys; and merge keys.
    @Test func thePairwiseAndTheHashedChecksAgree() throws {
        let cases: [(keys: [String], repeatAt: Int?)] = [
            (["name", "nami", "name"], 3),
            (["name", "nami", "namf"], nil),
            (["ab", "\"ab\"", "!!str ab"], 2),
            (["1", "\"1\"", "01"], nil),
            (["\"\"", "''"], 2),
            (["~", "\"\""], nil),
            (["x", "<<", "y", "<<"], 4),
            // A merge key is not a key of the mapping; a quoted "<<" is the text "<<".
            (["<<", "\"<<\""], nil),
            (["[a, b]", "[a, c]", "[a, b]"], 3),
        ]
        for (keys, repeatAt) in cases {
            for padding in [0, 20] {
                let pad = (0..<padding).map { "p\($0): x\n" }.joined()
                let text = pad + keys.map { $0 == "<<" ? "<<: {m: 1}\n" : "? \($0)\n: v\n" }.joined()
                if let repeatAt {
                    let error: YAMLError
                    do {
                        _ = try parse(text)
                        Issue.record("no error for \(keys), padding \(padding)")
                        continue
                    } catch let thrown as YAMLError {
                        error = thrown
                    }
                    #expect(error.problem.hasPrefix("duplicate key"), "\(keys), padding \(padding)")
                    let line = padding + (keys[..<(repeatAt - 1)].map { $0 == "<<" ? 1 : 2 }.reduce(0, +)) + 1
                    #expect(error.mark.line == line, "\(keys), padding \(padding)")
                } else {
                    #expect(try parse(text).count == padding + keys.count, "\(keys), padding \(padding)")
                }
            }
        }
    }
}
