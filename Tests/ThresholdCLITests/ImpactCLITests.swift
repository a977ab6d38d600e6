import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `threshold impact`, run as a user would.
@Suite("Impact CLI")
struct ImpactCLITests {
    static let raise = ["impact", "Examples/labs", "--set", "eu-ai-act-gpai/systemic-risk-compute=1e26", "--as-of", "2026-11-29"]

    @Test("the example from the brief: text names the movers, exit 0")
    func text() throws {
        let result = try CLI.run(Self.raise)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("eu-ai-act-gpai/systemic-risk-compute: > 1e25 FLOP → > 1e26 FLOP"))
        for name in ["Helios AI Labs", "Meridian Systems", "Northwind Intelligence"] { #expect(result.stdout.contains(name)) }
        // Only what changed: no "in scope → in scope".
        for scope in ["in scope", "out of scope", "indeterminate"] { #expect(!result.stdout.contains("\(scope) → \(scope)")) }
        #expect(result.stderr == "")
    }

    @Test("json, markdown and html formats; --output picks the format from the extension")
    func formats() throws {
        let json = try CLI.run(Self.raise + ["--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["schema"] as? String == "threshold.impact/1")
        let markdown = try CLI.run(Self.raise + ["--format", "markdown"])
        #expect(markdown.stdout.hasPrefix("## Impact of 1 change"))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("impact-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("report.html")
        let html = try CLI.run(Self.raise + ["--output", file.path])
        #expect(html.status == 0 && html.stdout == "", "\(html.stderr)")
        let page = try String(contentsOf: file, encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("id=\"impact\"") && page.contains("class=\"limit proposed\""))
        let parser = XMLParser(data: Data(page.utf8))
        #expect(parser.parse(), "\(String(describing: parser.parserError))")
    }

    @Test("errors exit 2 with a clear message; bad usage exits 64", arguments: [
        (["--set", "eu-ai-act-gpia/systemic-risk-compute=1e26"], Int32(2), "did you mean 'eu-ai-act-gpai'?"),
        (["--set", "eu-ai-act-gpai/systemic-risk-comptue=1e26"], 2, "did you mean 'systemic-risk-compute'?"),
        (["--set", "eu-ai-act-gpai/systemic-risk-compute=lots"], 2, "expected a number"),
        (["--set", "eu-ai-act-gpai/systemic-risk-compute=500M USD"], 2, "FLOP"),
        (["--set", "frontier-ai-proposal-2026/ai-revenue=100M EUR"], 2, "the limit is in USD, not EUR"),
        (["--set", "eu-ai-act-gpai/systemic-risk-compute=1e26", "--set", "eu-ai-act-gpai/systemic-risk-compute=1e27"], 2, "changed twice"),
        (["--set", "systemic-risk-compute=1e26"], 64, "PACK/THRESHOLD"),
        (["--set", "eu-ai-act-gpai/systemic-risk-compute"], 64, "PACK/THRESHOLD=VALUE"),
        (["--set", "eu-ai-act-gpai/systemic-risk-compute="], 64, "no value"),
        ([], 64, "--set"),
        (["--set", "eu-ai-act-gpai/systemic-risk-compute=1e26", "--output", "report.pdf"], 64, "extension"),
    ])
    func errors(arguments: [String], status: Int32, message: String) throws {
        let result = try CLI.run(["impact", "Examples/labs", "--as-of", "2026-11-29"] + arguments)
        #expect(result.status == status, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test("an unreadable profile is reported and exits 2, the others are still compared")
    func invalidProfile() throws {
        let result = try CLI.run(["impact", "Examples/labs/helios.yaml", "no-such-profile.yaml",
                                  "--set", "eu-ai-act-gpai/systemic-risk-compute=1e26", "--as-of", "2026-11-29"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no-such-profile.yaml"))
        #expect(result.stdout.contains("Helios AI Labs") && result.stdout.contains("1 invalid"))
    }
}
