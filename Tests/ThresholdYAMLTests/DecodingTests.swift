import Testing

@testable import ThresholdYAML

/// The decoding layer: MappingReader's keys, paths and required values, and did-you-mean.
@Suite struct DecodingTests {
    static let lab = """
        organization:
          name: Helios
        models:
          - name: helios-1
            training_compute: 3.2e25 FLOP
          - name: helios-2
            training_compute: 1e24 FLOP
          - name: helios-3
            training_compute: {value: 3}
          - training_compute: 1e23 FLOP
          - name: ~
        """

    static let modelKeys = ["name", "training_compute", "open_weights"]

    func models() throws -> [(path: String, node: YAMLNode)] {
        let root = try YAMLParser.parseDocument(string: Self.lab, path: "lab.yaml").root
        return try MappingReader(root, path: "", keys: ["organization", "models"]).sequence("models")
    }

    @Test func anUnknownKeySuggestsTheNearestKnownOne() throws {
        let root = try YAMLParser.parseDocument(string: "organization: {name: x}\nmodles: []\n", path: "lab.yaml").root
        let error = try #require(throws: YAMLError.self) {
            try MappingReader(root, path: "", keys: ["organization", "models", "policies"])
        }
        #expect(error.kind == .decoding)
        #expect(
            error.description
                == lines(
                    "lab.yaml:2:1: error: unknown key 'modles'; did you mean 'models'?",
                    "    modles: []",
                    "    ^"))
    }

    @Test func aScalarSpellingAKnownTermIsThatTermItself() throws {
        let terms = ["text", "image", "time-series", "biological-sequence"]
        let node = try parse(
            "[image, 'time-series', \"text\", Image, imag, images, ~, null, [text], biological-sequence, '']")
        let found = node.items.map { $0.spelling(among: terms) }
        #expect(
            found == [
                "image", "time-series", "text", nil, nil, nil, nil, nil, nil, "biological-sequence", nil,
            ])
        // The very string of the list, not one made from the scalar: a long term shares its storage.
        let long = try #require(found[9])
        #expect(
            long.utf8.withContiguousStorageIfAvailable { $0.baseAddress }
                == terms[3].utf8.withContiguousStorageIfAvailable { $0.baseAddress })
        // Nothing among no terms; an empty term is spelled by an empty quoted scalar, not by a null.
        #expect(node.items[0].spelling(among: []) == nil)
        #expect(node.items[10].spelling(among: ["", "text"]) == "")
        #expect(node.items[6].spelling(among: ["", "~"]) == nil)
    }

    @Test func anUnknownKeyFarFromEveryKnownOneListsThem() throws {
        let error = try #require(throws: YAMLError.self) {
            try MappingReader(try parse("zzz: 1"), path: "organization", keys: ["name", "jurisdiction"])
        }
        #expect(error.problem == "organization: unknown key 'zzz'; expected one of: name, jurisdiction")
    }

    @Test(arguments: [
        ("modles", "models"), ("Models", "models"), ("model", "models"), ("trainig_compute", "training_compute"),
        ("training_compte", "training_compute"), ("nmae", "name"),
    ])
    func suggestions(typo: String, suggestion: String) {
        #expect(Suggestion.nearest(to: typo, among: ["name", "models", "training_compute"]) == suggestion)
    }

    /// The suggestion as the definition reads: the first nearest candidate within its tolerance,
    /// each lowercased as a string and compared scalar by scalar.
    static func referenceNearest(_ word: String, _ candidates: [String]) -> String? {
        let lowered = Array(word.lowercased().unicodeScalars)
        var best: (String, Int)?
        for candidate in candidates {
            let distance = referenceDistance(lowered, Array(candidate.lowercased().unicodeScalars))
            if distance <= Suggestion.tolerance(candidate.count), distance < (best?.1 ?? .max) {
                best = (candidate, distance)
            }
        }
        return best?.0
    }

    @Test func suggestionsAgreeWithTheirDefinitionWhateverTheCandidatesCase() {
        let candidates = [
            "Text", "IMAGE", "biological-sequence", "Modèle", "ÉTAT", "code", "Audio\r", "video", "", "x",
        ]
        let words = [
            "text", "TEXT", "txet", "imagee", "Image", "biological_sequence", "protein-sequence", "modele",
            "MODÈLE", "etat", "état", "cod", "audio", "Audio\r", "vidoe", "", "y", "xx", "zzzzzzzzzzzzzzzzzzzzzzz",
        ]
        for word in words {
            #expect(
                Suggestion.nearest(to: word, among: candidates) == Self.referenceNearest(word, candidates), "\(word)")
        }
    }

    @Test func noSuggestionWhenNothingIsNear() {
        #expect(Suggestion.nearest(to: "xyz", among: ["name", "models"]) == nil)
        #expect(Suggestion.nearest(to: "nm", among: ["name"]) == nil)  // two edits in a 4-letter key
        #expect(Suggestion.editDistance(Array("ab".unicodeScalars), Array("ba".unicodeScalars)) == 1)
        #expect(Suggestion.editDistance(Array("kitten".unicodeScalars), Array("sitting".unicodeScalars)) == 3)
    }

    static let riskIDs = [
        "cybersecurity-assessment", "biological-weapons-assessment", "loss-of-control-assessment",
        "automated-ai-rnd-assessment", "frontier-ai-framework",
    ]

    @Test(
        "an id is suggested by its hyphenated words when it adds to a known id or shortens one",
        arguments: [
            ("third-party-cybersecurity-assessment", "cybersecurity-assessment"),
            ("Cybersecurity-Assessment-2026", "cybersecurity-assessment"),
            ("loss-of-control", "loss-of-control-assessment"),
            ("frontier-ai-framework-v2", "frontier-ai-framework"),
            ("biological-weapons-assesment", "biological-weapons-assessment"),  // by edit distance, first
        ])
    func idSuggestions(written: String, suggestion: String) {
        #expect(Suggestion.nearest(toID: written, among: Self.riskIDs) == suggestion)
    }

    @Test("no id is suggested from one word in common, from words out of order, or when two ids fit")
    func noIDSuggestion() {
        #expect(Suggestion.nearest(toID: "assessment", among: Self.riskIDs) == nil)
        #expect(Suggestion.nearest(toID: "third-party-assessment", among: Self.riskIDs) == nil)
        #expect(Suggestion.nearest(toID: "assessment-cybersecurity-plus", among: Self.riskIDs) == nil)
        #expect(Suggestion.nearest(toID: "ai-model", among: ["ai-model-card", "ai-model-report"]) == nil)
        #expect(Suggestion.nearest(toID: "", among: Self.riskIDs) == nil)
        #expect(Suggestion.nearest(toID: "-", among: Self.riskIDs) == nil)
    }

    /// Optimal string alignment distance from the whole table, as textbooks write it: the reference
    /// the rolling rows of `Suggestion.editDistance` are checked against.
    static func referenceDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in stride(from: 1, through: a.count, by: 1) {
            for j in stride(from: 1, through: b.count, by: 1) {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }

    /// The distance did-you-mean uses is the textbook one, and its bounded form, which stops
    /// early, gives it when it is within the bound and nil when not: for every pair of short words
    /// over three letters (transpositions, repeats and empty words included) and every bound up to
    /// four.
    @Test func boundedEditDistanceAgreesWithTheFullOne() {
        var words: [[Unicode.Scalar]] = [[]]
        var frontier: [[Unicode.Scalar]] = [[]]
        for _ in 1...4 {
            frontier = frontier.flatMap { word in ["a", "b", "c"].map { word + [$0] } }
            words += frontier
        }
        var checked = 0
        for a in words {
            for b in words {
                let full = Self.referenceDistance(a, b)
                #expect(Suggestion.editDistance(a, b) == full)
                for limit in 0...4 where Suggestion.editDistance(a, b, atMost: limit) != (full <= limit ? full : nil) {
                    let (first, second) = (String(String.UnicodeScalarView(a)), String(String.UnicodeScalarView(b)))
                    Issue.record("\(first) → \(second) within \(limit)")
                }
                checked += 1
            }
        }
        #expect(checked == 121 * 121)
        #expect(
            Suggestion.editDistance(
                Array("protein-sequence".unicodeScalars), Array("biological-sequence".unicodeScalars), atMost: 3) == nil
        )
    }

    @Test func sequenceItemsCarryTheirPath() throws {
        let items = try models()
        #expect(items.map(\.path) == ["models[0]", "models[1]", "models[2]", "models[3]", "models[4]"])
        let first = try MappingReader(items[0].node, path: items[0].path, keys: Self.modelKeys)
        #expect(try first.requiredString("name") == "helios-1")
        #expect(try first.requiredString("training_compute") == "3.2e25 FLOP")
        #expect(first.path(of: "name") == "models[0].name")
    }

    @Test(
        "an item's path is the sequence's path and the offset in brackets",
        arguments: [0, 7, 9, 10, 99, 100, 12_345, Int.max])
    func itemPaths(offset: Int) {
        for base in ["", "models", "organization.exchange_rates", "modèles.ü", String(repeating: "a", count: 40)] {
            #expect(MappingReader.itemPath(base, offset) == "\(base)[\(offset)]")
        }
    }

    @Test func keysAreCheckedOnTheArenaAsStringsWouldBe() throws {
        let keys = ["name", "training_compute", "", "modèle"]
        let cases: [(String, Bool)] = [
            ("{name: a, training_compute: 1}", true),
            ("{}", true),
            ("{'': 1, modèle: 2}", true),
            ("{name: a, nam: b}", false),
            ("{name: a, names: b}", false),
            ("{name: a, [x]: 1}", false),
            ("{Name: a}", false),
            ("{training_compute: 1, modele: 2}", false),
        ]
        for (text, spelled) in cases {
            let node = try parse(text)
            #expect(node.keysAllSpelled(among: keys) == spelled, "\(text)")
            // The reader accepts exactly the mappings whose keys are all spelled as allowed ones.
            #expect(((try? MappingReader(node, path: "", keys: keys)) != nil) == spelled, "\(text)")
        }
        #expect(try parse("[name]").keysAllSpelled(among: keys) == false)
        #expect(try parse("name").keysAllSpelled(among: keys) == false)
        #expect(try parse("{a: 1}").keysAllSpelled(among: []) == false)
        #expect(try parse("{}").keysAllSpelled(among: []) == true)
    }

    @Test func theValuesPathIsInTheMessage() throws {
        let item = try models()[2]
        let model = try MappingReader(item.node, path: item.path, keys: Self.modelKeys)
        let error = try #require(throws: YAMLError.self) {
            try model.requiredString("training_compute", what: "a quantity such as '3.2e25 FLOP'")
        }
        #expect(error.kind == .decoding)
        #expect(
            error.description
                == lines(
                    "lab.yaml:9:23: error: models[2].training_compute: expected a quantity such as '3.2e25 FLOP', "
                        + "found a mapping",
                    "        training_compute: {value: 3}",
                    "                          ^"))
    }

    @Test func aMissingRequiredKeyIsAnErrorAtTheMapping() throws {
        let item = try models()[3]
        let model = try MappingReader(item.node, path: item.path, keys: Self.modelKeys)
        let error = try #require(throws: YAMLError.self) { try model.requiredString("name", what: "the model's name") }
        #expect(error.kind == .decoding)
        #expect(error.mark == SourceMark(line: 10, column: 5))
        #expect(error.problem == "models[3]: missing the required key 'name' (the model's name)")
    }

    @Test func aNullRequiredValueIsAnErrorAtTheValue() throws {
        let item = try models()[4]
        let model = try MappingReader(item.node, path: item.path, keys: Self.modelKeys)
        #expect(model["name"]?.isNull == true)
        #expect(model.value("name") == nil)
        #expect(try model.string("name") == nil)
        let error = try #require(throws: YAMLError.self) { try model.requiredString("name") }
        #expect(error.mark == SourceMark(line: 11, column: 11))
        #expect(error.problem == "models[4].name: expected text, found null")
    }

    @Test func notAMapping() throws {
        let root = try parse("models: three\n")
        let error = try #require(throws: YAMLError.self) {
            try MappingReader(root["models"]!, path: "models", keys: [], what: "a list of models")
        }
        #expect(error.problem == "models: expected a list of models, found the text 'three'")
        #expect(error.mark == SourceMark(line: 1, column: 9))
    }

    @Test func aCollectionKeyIsAnError() throws {
        let error = try #require(throws: YAMLError.self) {
            try MappingReader(try parse("? [a]\n: 1\n"), path: "", keys: ["a"])
        }
        #expect(error.problem == "keys must be text, found a sequence")
        #expect(error.mark == SourceMark(line: 1, column: 3))
    }

    @Test func typedAccessors() throws {
        let root = try parse(
            """
            open: True
            closed: false
            flag: yes
            tags: [a, b]
            single: c
            none: null
            count: 3
            list: {a: 1}
            """)
        let reader = try MappingReader(
            root, path: "lab", keys: ["open", "closed", "flag", "tags", "single", "none", "count", "list"])
        #expect(try reader.bool("open") == true)
        #expect(try reader.bool("closed") == false)
        #expect(try reader.bool("none") == nil)
        #expect(try reader.bool("missing") == nil)
        #expect(
            try #require(throws: YAMLError.self) { try reader.bool("flag") }.problem
                == "lab.flag: expected true or false, found the text 'yes'")
        #expect(try reader.strings("tags") == ["a", "b"])
        #expect(try reader.strings("single") == ["c"])
        #expect(try reader.strings("none") == [])
        #expect(try reader.string("count") == "3")
        #expect(
            try #require(throws: YAMLError.self) { try reader.sequence("list") }.problem
                == "lab.list: expected a sequence, found a mapping")
        #expect(
            try #require(throws: YAMLError.self) { try reader.strings("list") }.problem
                == "lab.list: expected a list of text, found a mapping")
    }

    @Test func kindDescriptions() throws {
        let root = try parse("[{}, [], ~, true, 1.5, 7, text, \"\"]")
        #expect(
            root.items.map(\.kindDescription) == [
                "a mapping", "a sequence", "null", "the boolean true", "the number '1.5'", "the number '7'",
                "the text 'text'", "the text ''",
            ])
    }

    @Test func longValuesAreCutInMessages() throws {
        let long = String(repeating: "k", count: 100)
        let error = try #require(throws: YAMLError.self) {
            try MappingReader(try parse("\(long): 1"), path: "", keys: ["name"])
        }
        #expect(error.problem == "unknown key '\(String(repeating: "k", count: 60))…'; expected one of: name")
        #expect("tab\there".quotedForDiagnostic() == "'tab\\there'")
    }

    @Test func nodeAccessors() throws {
        let root = try parse("name: Helios\nlist: [1, 2]\n")
        #expect(root["name"]!.textEquals("Helios"))
        #expect(!root["name"]!.textEquals("Heli"))
        #expect(root["list"]!.text == "")
        #expect(root["list"]!.items.map(\.text) == ["1", "2"])
        #expect(root["list"]!.pairs.isEmpty && root.items.isEmpty)
        #expect(root["missing"] == nil && root["list"]!["x"] == nil)
        #expect(root["name"]!.withUTF8 { Array($0) } == Array("Helios".utf8))
        let error = root["list"]!.items[1].error("bad item")
        #expect(error.description == lines("test.yaml:2:11: error: bad item", "    list: [1, 2]", "              ^"))
    }
}
