import Testing

@testable import ThresholdYAML

/// YAML 1.1 merge keys: explicit keys win over merged ones; of several merged mappings the earlier
/// wins; merged pairs take the place of the `<<` pair.
@Suite struct MergeKeyTests {
    @Test func mergingOneMapping() throws {
        let root = try parse("base: &base {x: 1, y: 2}\nmodel:\n  <<: *base\n  y: 3\n  z: 4\n")
        #expect(shape(root["model"]!) == "{str 'x': int 1, str 'y': int 3, str 'z': int 4}")
        // The merged pair is the base's own nodes, with their positions.
        #expect(outline(root["model"]!.pairs[0].key) == "str 'x'@1:14")
    }

    @Test func anExplicitKeyBeforeTheMergeAlsoWins() throws {
        let root = try parse("base: &base {x: 1, y: 2}\nmodel: {y: 0, <<: *base}\n")
        #expect(shape(root["model"]!) == "{str 'y': int 0, str 'x': int 1}")
    }

    @Test func mergingSeveralMappingsTheEarlierWins() throws {
        let root = try parse("a: &a {x: 1}\nb: &b {x: 2, z: 3}\nm:\n  <<: [*a, *b]\n  w: 0\n")
        #expect(shape(root["m"]!) == "{str 'x': int 1, str 'z': int 3, str 'w': int 0}")
    }

    @Test func anInlineMappingCanBeMerged() throws {
        #expect(shape(try parse("{<<: {a: 1}, b: 2}")) == "{str 'a': int 1, str 'b': int 2}")
    }

    @Test func aMergedMappingCarriesItsOwnMerges() throws {
        let root = try parse("a: &a {x: 1}\nb: &b {<<: *a, y: 2}\nc: {<<: *b, z: 3}\n")
        #expect(shape(root["c"]!) == "{str 'x': int 1, str 'y': int 2, str 'z': int 3}")
    }

    @Test func aScalarMergeValueIsAnError() throws {
        let error = try parseError("model:\n  <<: 1\n")
        #expect(error.kind == .composer)
        #expect(
            error.description
                == lines(
                    "test.yaml:2:7: error: a merge key '<<' takes a mapping or a sequence of mappings, such as '<<: "
                        + "*defaults'",
                    "      <<: 1",
                    "          ^"))
    }

    @Test func anAliasToAScalarAsMergeValueIsAnErrorAtTheAlias() throws {
        let error = try parseError("s: &s text\nmodel:\n  <<: *s\n")
        #expect(error.kind == .composer)
        #expect(error.mark == SourceMark(line: 3, column: 7))
    }

    @Test func aScalarInAMergedSequenceIsAnError() throws {
        let error = try parseError("a: &a {x: 1}\nm: {<<: [*a, 2]}\n")
        #expect(error.kind == .composer)
        #expect(error.mark == SourceMark(line: 2, column: 14))
        #expect(error.problem == "a merge key '<<' takes a mapping or a sequence of mappings, such as '<<: *defaults'")
    }

    @Test func twoMergeKeysAreDuplicates() throws {
        let error = try parseError("a: 1\n<<: {b: 1}\n<<: {c: 1}\n")
        #expect(error.kind == .composer)
        #expect(error.mark == SourceMark(line: 3, column: 1))
        #expect(error.problem == "duplicate key '<<' in a mapping: it was first defined at line 2, column 1")
    }

    @Test func withoutMergeKeysTheKeyIsOrdinary() throws {
        let options = YAMLOptions(mergeKeys: false)
        let root = try parse("base: &base {x: 1}\nmodel:\n  <<: *base\n  y: 3\n", options: options)
        #expect(shape(root["model"]!) == "{str '<<': {str 'x': int 1}, str 'y': int 3}")
        // Even a scalar value.
        #expect(shape(try parse("<<: 1", options: options)) == "{str '<<': int 1}")
    }

    @Test func aQuotedOrTaggedKeyIsNotAMergeKey() throws {
        #expect(shape(try parse("base: &b {x: 1}\nm: {\"<<\": *b}\n")["m"]!) == "{str '<<': {str 'x': int 1}}")
        #expect(shape(try parse("m: {!!str <<: 1}\n")["m"]!) == "{str '<<': int 1}")
    }

    /// Merging stays linear: 50,000 merged keys against 50,000 explicit ones, half of them shared.
    @Test(.timeLimit(.minutes(1)))
    func mergingLargeMappingsIsLinear() throws {
        let merged = (0..<50_000).map { "m\($0): 1" }.joined(separator: ", ")
        let explicit = (25_000..<75_000).map { "m\($0): 2" }.joined(separator: "\n")
        let root = try parse(
            "<<: {\(merged)}\n\(explicit)\n", options: YAMLOptions(limits: YAMLLimits(maxFileBytes: 1 << 24)))
        #expect(root.count == 75_000)
        #expect(root.pairs[0].key.text == "m0" && root.pairs[0].value.text == "1")
        #expect(root["m30000"]?.text == "2")
        #expect(root["m24999"]?.text == "1")
    }
}
