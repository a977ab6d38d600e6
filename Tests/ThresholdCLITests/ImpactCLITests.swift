import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// `threshold impact`, run as a user would.
@Suite("Impact CLI")
struct ImpactCLITests {
    static let raise = [
        "impact", "Examples/labs", "--set", "eu-ai-act-gpai/systemic-risk-compute=1e26", "--as-of", "2026-11-29",
    ]

    @Test("the example from the brief: text names the movers, exit 0")
    func text() throws {
        let result = try CLI.run(Self.raise)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("eu-ai-act-gpai/systemic-risk-compute: > 1e25 FLOP → > 1e26 FLOP"))
        for name in ["Helios AI Labs", "Meridian Systems", "Northwind Intelligence"] {
            #expect(result.stdout.contains(name))
        }
        // Only what changed: no "in scope → in scope".
        for scope in ["in scope", "out of scope", "indeterminate"] {
            #expect(!result.stdout.contains("\(scope) → \(scope)"))
        }
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

    @Test(
        "a --set that cannot be followed is a usage error (64) with impact's usage and a clear message",
        arguments: [
            (["--set", "eu-ai-act-gpia/systemic-risk-compute=1e26"], Int32(64), "did you mean 'eu-ai-act-gpai'?"),
            (["--set", "eu-ai-act-gpai/systemic-risk-comptue=1e26"], 64, "did you mean 'systemic-risk-compute'?"),
            (["--set", "eu-ai-act-gpai/systemic-risk-compute=lots"], 64, "expected a number"),
            (["--set", "eu-ai-act-gpai/systemic-risk-compute=500M USD"], 64, "FLOP"),
            (["--set", "frontier-ai-proposal-2026/ai-revenue=100M EUR"], 64, "the limit is in USD, not EUR"),
            (
                [
                    "--set", "eu-ai-act-gpai/systemic-risk-compute=1e26", "--set",
                    "eu-ai-act-gpai/systemic-risk-compute=1e27",
                ], 64, "changed twice"
            ),
            (["--set", "systemic-risk-compute=1e26"], 64, "PACK/THRESHOLD"),
            (["--set", "eu-ai-act-gpai/systemic-risk-compute"], 64, "PACK/THRESHOLD=VALUE"),
            (["--set", "eu-ai-act-gpai/systemic-risk-compute="], 64, "no value"),
            ([], 64, "--set"),
            (["--set", "eu-ai-act-gpai/systemic-risk-compute=1e26", "--output", "report.pdf"], 64, "extension"),
        ])
    func errors(arguments: [String], status: Int32, message: String) throws {
        let result = try CLI.run(["impact", "Examples/labs", "--as-of", "2026-11-29"] + arguments)
        #expect(result.status == status, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
        #expect(result.stderr.unwrapped.contains(message), "\(result.stderr)")
        #expect(result.stderr.contains("Usage: threshold impact "), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test(
        "a profile named that does not exist is reported without a position and exits 66; the others are still compared"
    )
    func missingProfile() throws {
        let result = try CLI.run([
            "impact", "Examples/labs/helios.yaml", "no-such-profile.yaml",
            "--set", "eu-ai-act-gpai/systemic-risk-compute=1e26", "--as-of", "2026-11-29",
        ])
        #expect(result.status == 66)
        #expect(result.stderr == "threshold: no-such-profile.yaml: no such file or directory\n")
        #expect(result.stdout.contains("Helios AI Labs") && result.stdout.contains(": 1 profile\n"))
    }

    @Test("an invalid profile is reported at its position and exits 2; the others are still compared")
    func invalidProfile() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "organization:\n  name: Bad\n  ai_revenue: 1,000,000 USD\n".write(
            to: dir.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let result = try CLI.run(
            [
                "impact", CLI.packageRoot.appendingPathComponent("Examples/labs/helios.yaml").path, "bad.yaml",
                "--set", "eu-ai-act-gpai/systemic-risk-compute=1e26", "--as-of", "2026-11-29",
            ], in: dir)
        #expect(result.status == 2)
        #expect(
            result.stderr.hasPrefix("bad.yaml:3:16: error: organization.ai_revenue: commas are not accepted"),
            "\(result.stderr)")
        #expect(result.stdout.contains("Helios AI Labs") && result.stdout.contains("1 invalid"))
    }

    @Test(
        "text lists only changes: no scope shown unmoved, no arrow on a count that stays, unchanged packs on one line"
    )
    func onlyChanges() throws {
        let result = try CLI.run(Self.raise)
        #expect(result.status == 0)
        #expect(!result.stdout.contains("in scope → in scope"))
        for line in result.stdout.split(separator: "\n") {
            // `X n → n` never appears: an arrow joins two different things.
            let words = line.split(separator: " ")
            for (index, word) in words.enumerated() where word == "→" && index > 0 && index + 1 < words.count {
                #expect(words[index - 1] != words[index + 1], "\(line)")
            }
        }
        #expect(
            result.stdout.contains(
                "Unchanged: frontier-ai-proposal-2026, kr-ai-basic-act, us-ca-sb53, us-eo-14110, us-il-ai-safety, "
                    + "us-ny-raise\n"
            ))
        #expect(!result.stdout.contains("no profile changes"))
        // The pack the change is in still has its section, with its counts.
        #expect(result.stdout.contains("\neu-ai-act-gpai — "))
        // Raising the line moves no one out of the pack's scope (its other duties still apply).
        #expect(
            result.stdout.contains("\n  in scope 8 · indeterminate 0 · out of scope 3 · with unmet obligations 6\n"),
            "\(result.stdout)")
    }
}
