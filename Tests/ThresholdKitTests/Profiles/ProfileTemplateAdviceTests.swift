import Foundation
import Testing
import ThresholdKit

/// The template's comments tell a new user how to fill it in. Each piece of advice, followed to the
/// letter, must give a profile that loads.
@Suite("The profile template's advice")
struct ProfileTemplateAdviceTests {
    let book: RuleBook
    let options: LoadOptions

    init() throws {
        book = try RuleBook.builtIn()
        options = LoadOptions(records: book.records)
    }

    /// The template's lines.
    var lines: [String] {
        ProfileTemplate.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The template with the block that starts at the line beginning `key:` (up to the next blank
    /// line) replaced by `replacement`.
    func replacingBlock(_ key: String, with replacement: [String]) throws -> String {
        let start = try #require(lines.firstIndex { $0.hasPrefix(key + ":") }, "no '\(key):' block")
        let end = lines[start...].firstIndex { $0.isEmpty } ?? lines.endIndex
        return (lines[..<start] + replacement + lines[end...]).joined(separator: "\n")
    }

    /// The commented example lines that follow the line starting with `marker` (`# - ` and `#   `),
    /// uncommented, each indented by `indent`.
    func uncommentedExample(after marker: String, indent: String = "") throws -> [String] {
        let start = try #require(lines.firstIndex { $0.trimmingLeadingSpaces.hasPrefix(marker) }, "no '\(marker)' line")
        var example: [String] = []
        for line in lines[(start + 1)...] {
            let trimmed = line.trimmingLeadingSpaces
            if trimmed.hasPrefix("# - ") || trimmed.hasPrefix("#   ") {
                example.append(indent + String(trimmed.dropFirst(2)))
            } else if !(trimmed.hasPrefix("#") && example.isEmpty) {
                break
            }
        }
        #expect(!example.isEmpty, "no example after '\(marker)'")
        return example
    }

    @Test("clusters: 'if none, write clusters: []' loads, and says the profile has none")
    func noClusters() throws {
        #expect(ProfileTemplate.text.contains("if none, write `clusters: []`"))
        let yaml = try replacingBlock("clusters", with: ["clusters: []"])
        let profile = try LabProfile(yaml: yaml, path: "lab.yaml", options: options)
        #expect(profile.clusters.isEmpty && profile.listsClusters)
        // The advice the template used to give, deleting the entry, leaves `clusters:` with no value:
        // the clusters are then not given (every cluster threshold indeterminate), not none.
        let deleted = try replacingBlock("clusters", with: ["clusters:"])
        #expect(!(try LabProfile(yaml: deleted, path: "lab.yaml", options: options)).listsClusters)
        // Deleting only the entry's first line leaves its keys under `clusters:`: an error.
        let halfDeleted = ProfileTemplate.text.replacingOccurrences(
            of: "  - name: example-cluster ", with: "  # name: example-cluster ")
        #expect(halfDeleted != ProfileTemplate.text)
        #expect(throws: YAMLError.self) { try LabProfile(yaml: halfDeleted, path: "lab.yaml", options: options) }
    }

    @Test("models: 'if none, models: []' loads")
    func noModels() throws {
        #expect(ProfileTemplate.text.contains("if none, `models: []`"))
        let profile = try LabProfile(
            yaml: try replacingBlock("models", with: ["models: []"]), path: "lab.yaml", options: options)
        #expect(profile.models.isEmpty)
    }

    @Test(
        "assessments: the example record, uncommented in place of [], loads and names a built-in pack's obligation"
    )
    func assessmentExample() throws {
        #expect(ProfileTemplate.text.contains("`threshold rules list --obligations`"))
        let example = try uncommentedExample(after: "assessments: []")
        let yaml = try replacingBlock("assessments", with: ["assessments:"] + example)
        let profile = try LabProfile(yaml: yaml, path: "lab.yaml", options: options)
        let record = try #require(profile.assessments.first)
        #expect(record.obligation == "cybersecurity-assessment")
        #expect(book.packs.contains { pack in pack.obligations.contains { $0.id == record.obligation } })
        let verdict = book.evaluate(profile, asOf: try #require(CalendarDate("2026-11-29")))
        #expect(verdict.errors.isEmpty)
    }

    @Test("exchange_rates: the example rate, uncommented in place of [], loads")
    func exchangeRateExample() throws {
        let example = try uncommentedExample(after: "exchange_rates: []", indent: "  ")
        var template = lines
        let at = try #require(template.firstIndex { $0.trimmingLeadingSpaces.hasPrefix("exchange_rates: []") })
        template[at] = "  exchange_rates:"
        template.insert(contentsOf: example, at: at + 1)
        // The commented original stays below, as a comment: harmless.
        let profile = try LabProfile(yaml: template.joined(separator: "\n"), path: "lab.yaml", options: options)
        #expect(profile.organization.exchangeRates.count == 1)
    }

    @Test("the template points to a command that lists obligation ids, not one that lists only packs")
    func pointsToObligationIds() {
        #expect(!ProfileTemplate.text.contains("(`threshold rules list`)"))
        #expect(ProfileTemplate.text.contains("threshold rules list --obligations"))
    }
}

extension String {
    fileprivate var trimmingLeadingSpaces: String { String(drop { $0 == " " }) }
}
