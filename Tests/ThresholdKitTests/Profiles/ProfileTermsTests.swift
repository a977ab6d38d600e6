import Foundation
import Testing

@testable import ThresholdKit

@Suite("What a profile may say")
struct ProfileTermsTests {
    @Test(
        "a near miss of a known modality or kind of data is an error with a suggestion, at the term",
        arguments: [
            ("modalities: [text, Images]", "2:39", "'Images'", "image"),
            ("modalities: [Text]", "2:33", "'Text'", "text"),
            ("primary_data: biological_sequence", "2:34", "'biological_sequence'", "biological-sequence"),
            ("primary_data: Biological-Sequence", "2:34", "'Biological-Sequence'", "biological-sequence"),
        ])
    func nearMisses(field: String, position: String, quoted: String, suggestion: String) throws {
        let yaml = "organization: {name: L}\nmodels: [{name: m, \(field)}]"
        let error = try #require(throws: YAMLError.self) { try LabProfile(yaml: yaml, path: "lab.yaml") }
        let rendered = error.description
        #expect(rendered.hasPrefix("lab.yaml:\(position): error:"), "\(rendered)")
        #expect(rendered.contains(quoted) && rendered.contains("did you mean '\(suggestion)'?"), "\(rendered)")
    }

    @Test("other terms are taken as written")
    func otherTerms() throws {
        let profile = try LabProfile(
            yaml:
                "organization: {name: L}\nmodels: [{name: m, modalities: [protein-sequence, speech], primary_data: "
                + "chemistry}]",
            path: "lab.yaml")
        #expect(profile.models[0].modalities == ["protein-sequence", "speech"])
        #expect(profile.models[0].primaryData == "chemistry")
    }

    @Test("known terms are read as the known spellings; a null or a list among them is an error")
    func knownTerms() throws {
        let profile = try LabProfile(
            yaml:
                "organization: {name: L}\nmodels: [{name: m, modalities: [text, 'image', \"biological-sequence\"], "
                + "primary_data: biological-sequence}, {name: n, modalities: video}]",
            path: "lab.yaml")
        #expect(profile.models[0].modalities == ["text", "image", "biological-sequence"])
        #expect(profile.models[0].primaryData == "biological-sequence")
        #expect(profile.models[1].modalities == ["video"])
        for item in ["~", "null", "[text]"] {
            let yaml = "organization: {name: L}\nmodels: [{name: m, modalities: [\(item)]}]"
            let error = try #require(throws: YAMLError.self) { try LabProfile(yaml: yaml, path: "lab.yaml") }
            #expect(error.description.hasPrefix("lab.yaml:2:33: error: models[0].modalities[0]: expected"), "\(error)")
        }
    }

    @Test(
        "an uncertain value needs both bounds",
        arguments: ["{high: 4e25}", "{low: 2e25}", "{estimate: 3e25, high: 4e25}"])
    func loneBound(value: String) throws {
        let yaml = "organization: {name: L}\nmodels: [{name: m, training_compute: \(value)}]"
        let error = try #require(throws: YAMLError.self) { try LabProfile(yaml: yaml, path: "lab.yaml") }
        #expect(error.description.contains("an uncertain value needs both bounds"), "\(error)")
    }

    @Test("one exchange rate per currency pair")
    func duplicateRate() throws {
        let yaml = """
            organization:
              name: L
              exchange_rates:
                - {from: EUR, to: USD, rate: 1.08}
                - {from: EUR, to: USD, rate: 1.09}
            """
        let error = try #require(throws: YAMLError.self) { try LabProfile(yaml: yaml, path: "lab.yaml") }
        #expect(
            error.description.hasPrefix(
                "lab.yaml:5:7: error: organization.exchange_rates[1]: a second rate from EUR to USD; the first is at "
                    + "line 4"
            ),
            "\(error)")
    }

    @Test("a repealed pack needs the date it stopped applying; an obligation's title is optional")
    func packRules() throws {
        let repealed = "pack: p\ntitle: P\nstatus: repealed\nthresholds: []\nobligations: []\n"
        let error = try #require(throws: YAMLError.self) { try RuleBook(yaml: repealed) }
        #expect(error.description.contains("a repealed pack needs 'expires'"), "\(error)")
        let untitled = """
            pack: p
            title: P
            status: proposed
            thresholds: []
            obligations: [{id: deployment-gate, kind: deployment-gate, when: {any_assessment_outcome: high-risk}}]
            """
        #expect(try RuleBook(yaml: untitled).packs[0].obligations[0].title == "deployment-gate")
    }

    @Test("a pack's model-status condition must name a status a profile can have")
    func packStatusTerm() throws {
        let pack = """
            pack: p
            title: P
            status: enacted
            thresholds:
              - {id: t, subject: model, fact: training_compute, greater_than: 1e23 FLOP, where: {status: {one_of: \
            [deployed, released]}}}
            obligations: []
            """
        let error = try #require(throws: YAMLError.self) { try RuleBook(yaml: pack) }
        #expect(error.description.contains(":5:") && error.description.contains("'released' is not one of"), "\(error)")
    }

    @Test("a pack's condition terms are checked like a profile's")
    func packTerms() throws {
        let pack = """
            pack: p
            title: P
            status: enacted
            thresholds:
              - {id: t, subject: model, fact: training_compute, greater_than: 1e23 FLOP, where: {modalities: \
            {includes_any: [txt]}}}
            obligations: []
            """
        let error = try #require(throws: YAMLError.self) { try RuleBook(yaml: pack) }
        #expect(error.description.contains("did you mean 'text'?"), "\(error)")
    }
}
