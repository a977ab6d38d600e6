import Foundation
import Testing

/// Compares `actual` with a golden file under Tests/ThresholdCLITests/Golden; with
/// THRESHOLD_UPDATE_GOLDEN=1 in the environment, rewrites the file instead.
func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = CLI.packageRoot.appendingPathComponent("Tests/ThresholdCLITests/Golden/\(name)")
    if ProcessInfo.processInfo.environment["THRESHOLD_UPDATE_GOLDEN"] == "1" {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try actual.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(actual == expected, "output differs from Golden/\(name)", sourceLocation: sourceLocation)
}

private let pinned = ["--as-of", "2026-11-29", "--pack", "frontier-ai-proposal-2026", "--color", "never"]

@Suite("threshold check")
struct CheckTests {
    static let examples = ["helios", "atlas-commerce", "pebble", "quiet-river", "northwind", "cobalt"]

    @Test("text output of every example matches its golden file", arguments: examples)
    func goldenText(_ name: String) throws {
        let result = try CLI.run(["check", "Examples/labs/\(name).yaml"] + pinned)
        try expectGolden(result.stdout, "check/\(name).txt")
        #expect(result.stderr == "")
    }

    @Test("JSON output of every example matches its golden file and parses", arguments: examples)
    func goldenJSON(_ name: String) throws {
        let result = try CLI.run(["check", "Examples/labs/\(name).yaml", "--format", "json"] + pinned)
        try expectGolden(result.stdout, "check/\(name).json")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["schema"] as? String == "threshold.verdict/1")
        #expect(object?["profile"] as? String == "Examples/labs/\(name).yaml")
        #expect((object?["errors"] as? [Any])?.isEmpty == true)
    }

    struct ExitCase: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var status: Int32
        init(_ arguments: [String], _ status: Int32) {
            self.arguments = arguments
            self.status = status
        }
        var testDescription: String { "threshold \(arguments.joined(separator: " ")) → \(status)" }
    }

    static let exitCases: [ExitCase] = [
        ExitCase(["check", "Examples/labs/northwind.yaml"], 0),
        ExitCase(["check", "Examples/labs/pebble.yaml"], 0),
        ExitCase(["check", "Examples/labs/helios.yaml"], 1),
        ExitCase(["check", "Examples/labs/cobalt.yaml"], 1),
        ExitCase(["check", "Examples/labs/helios.yaml", "--fail-on", "never"], 0),
        ExitCase(["check", "Examples/labs/quiet-river.yaml"], 0),
        ExitCase(["check", "Examples/labs/quiet-river.yaml", "--fail-on", "indeterminate"], 1),
        ExitCase(["check", "Examples/labs/pebble.yaml", "--fail-on", "applies"], 0),
        ExitCase(["check", "Examples/labs/atlas-commerce.yaml", "--fail-on", "applies"], 1),
        ExitCase(["check", "Examples/labs/no-such-lab.yaml"], 66),
        ExitCase(["check", "Examples"], 66),
        ExitCase(["check", "Examples/labs/helios.yaml", "Examples/labs/no-such-lab.yaml"], 66),
        ExitCase(["check"], 64),
        ExitCase(["check", "Examples/labs/helios.yaml", "--fail-on", "sometimes"], 64),
        ExitCase(["check", "Examples/labs/helios.yaml", "--as-of", "2026-02-30"], 64),
        ExitCase(["check", "-", "-"], 64),
        ExitCase(["check", "Examples/labs/helios.yaml", "--pack", "frontier-ai-proposal"], 64),
    ]

    @Test("exit codes: 0 compliant, 1 unmet, 2 invalid, 64 usage, 66 no such file", arguments: exitCases)
    func exitCodes(_ exitCase: ExitCase) throws {
        let arguments = exitCase.arguments, status = exitCase.status
        let pinnedDate = arguments.contains("--as-of") ? [] : ["--as-of", "2026-11-29"]
        let packs = arguments.contains("--pack") ? [] : ["--pack", "frontier-ai-proposal-2026"]
        let result = try CLI.run(arguments + (arguments.count > 1 ? pinnedDate + packs : []))
        #expect(result.status == status, "stdout: \(result.stdout)\nstderr: \(result.stderr)")
    }

    @Test("the as-of date defaults to today on the local calendar (TZ), and --as-of today means the same")
    func localToday() throws {
        func asOf(_ zone: String, _ extra: [String] = []) throws -> CalendarDay {
            let run = try CLI.run(
                ["check", "Examples/labs/pebble.yaml", "--format", "json"] + extra, environment: ["TZ": zone])
            let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
            return try #require(CalendarDay(object?["as_of"] as? String ?? ""))
        }
        // POSIX zone strings, which need no time-zone database: UTC+14 and UTC−12 are 26 hours
        // apart, so their calendars never show the same date.
        let east = try asOf("KIR-14"), west = try asOf("BAK+12")
        #expect(east.ordinal - west.ordinal >= 1 && east.ordinal - west.ordinal <= 2)
        #expect(try asOf("KIR-14", ["--as-of", "today"]) == east)
    }

    /// A date as the CLI prints it, for arithmetic in tests that cannot import ThresholdKit.
    struct CalendarDay: Equatable {
        var ordinal: Int
        init?(_ text: String) {
            let parts = text.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3 else { return nil }
            var components = DateComponents()
            (components.year, components.month, components.day) = (parts[0], parts[1], parts[2])
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            guard let date = calendar.date(from: components) else { return nil }
            ordinal = Int(date.timeIntervalSince1970 / 86_400)
        }
    }

    @Test("standard input reads like a file")
    func standardInput() throws {
        let text = try String(
            contentsOf: CLI.packageRoot.appendingPathComponent("Examples/labs/helios.yaml"), encoding: .utf8)
        let piped = try CLI.run(["check", "-", "--format", "json"] + pinned, stdin: text)
        let file = try CLI.run(["check", "Examples/labs/helios.yaml", "--format", "json"] + pinned)
        #expect(piped.status == 1)
        #expect(
            piped.stdout == file.stdout.replacingOccurrences(of: "\"Examples/labs/helios.yaml\"", with: "\"<stdin>\""))
    }

    @Test("an unknown --pack is a usage error (64) naming the id, listing the packs, suggesting a near one")
    func unknownPack() throws {
        let unknown = try CLI.run(["check", "Examples/labs/helios.yaml", "--pack", "NOSUCH"])
        #expect(unknown.status == 64)
        #expect(unknown.stdout.isEmpty)
        #expect(
            unknown.stderr.unwrapped.contains(
                "--pack NOSUCH: no rule pack has this id. The packs are: eu-ai-act-gpai, frontier-ai-proposal-2026, "))
        #expect(unknown.stderr.contains("Usage: threshold check "), "the usage of the command, not the top level's")
        #expect(!unknown.stderr.contains("<input>"), "no made-up position")
        let near = try CLI.run(["check", "Examples/labs/helios.yaml", "--pack", "eu-ai-act-gpia"])
        #expect(near.status == 64)
        #expect(
            near.stderr.unwrapped.contains(
                "--pack eu-ai-act-gpia: no rule pack has this id; did you mean 'eu-ai-act-gpai'? The packs are: "))
        // The commands that share the rule options say the same.
        let audit = try CLI.run(["audit", "Examples/labs", "--pack", "frontier-ai-proposal-2026", "--pack", "NOSUCH"])
        #expect(audit.status == 64)
        #expect(audit.stderr.contains("--pack NOSUCH: no rule pack has this id"))
        #expect(audit.stderr.contains("Usage: threshold audit "))
        #expect(try CLI.run(["check", "Examples/labs/helios.yaml", "--pack", "frontier-ai-proposal-2026"]).status == 1)
    }

    @Test("json: one file gives one verdict object; several give ONE document, an array of the same objects")
    func jsonDocument() throws {
        let files = ["Examples/labs/helios.yaml", "Examples/labs/pebble.yaml", "Examples/labs/northwind.yaml"]
        let several = try CLI.run(["check"] + files + ["--format", "json"] + pinned)
        #expect(several.status == 1)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(several.stdout.utf8)) as? [[String: Any]])
        #expect(array.map { $0["profile"] as? String } == files)
        for (index, file) in files.enumerated() {
            let alone = try CLI.run(["check", file, "--format", "json"] + pinned)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(alone.stdout.utf8)) as? [String: Any])
            #expect(NSDictionary(dictionary: object).isEqual(to: array[index]), "\(file)")
        }
        // An invalid profile among them is an element with its errors, not a break in the document.
        let withMissingPack = try CLI.run(
            ["check", files[0], "-", "--format", "json"] + pinned, stdin: "organization: {name: X}\nmodels: nope\n")
        #expect(withMissingPack.status == 2)
        let mixed = try #require(
            try JSONSerialization.jsonObject(with: Data(withMissingPack.stdout.utf8)) as? [[String: Any]])
        #expect(mixed.count == 2 && (mixed[1]["errors"] as? [Any])?.count == 1)
    }

    @Test(
        "--output (repeatable, format from extension) and --format FMT:FILE write files like audit; -q drops the note"
    )
    func outputFiles() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let helios = CLI.packageRoot.appendingPathComponent("Examples/labs/helios.yaml").path
        let run = try CLI.run(
            ["check", helios, "-o", "r.json", "-o", "r.md", "--format", "sarif:scan.out", "-o", "r.txt"] + pinned,
            in: dir)
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty, "only files: nothing on standard output")
        #expect(
            run.stderr
                == "threshold check: 1 profile: 1 valid, 0 invalid, 1 failing (--fail-on unmet); wrote scan.out "
                + "(sarif), r.json (json), r.md (markdown), r.txt (text)\n"
        )
        for (name, format) in [("r.json", "json"), ("r.md", "markdown"), ("scan.out", "sarif"), ("r.txt", "text")] {
            let written = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            let shown = try CLI.run(["check", helios, "--format", format] + pinned, in: dir).stdout
            #expect(written == shown, "\(name)")
        }
        let quiet = try CLI.run(["check", helios, "-o", "r.json", "-q", "--format", "text"] + pinned, in: dir)
        #expect(quiet.stderr.isEmpty)
        #expect(quiet.stdout.hasPrefix("Helios AI Labs"), "--format FMT still writes standard output")
        #expect(
            try CLI.run(["check", helios, "-o", "r.json", "--format", "json:./r.json"] + pinned, in: dir).status == 64)
    }

    @Test("an invalid profile prints a compiler-style error and yields an error object in JSON")
    func invalidProfile() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("bad.yaml")
        try "organization:\n  name: Bad\n  ai_revenue: 1,000,000 USD\n".write(
            to: file, atomically: true, encoding: .utf8)
        let text = try CLI.run(["check", file.path] + pinned)
        #expect(text.status == 2)
        #expect(text.stderr.hasPrefix("\(file.path):3:16: error: organization.ai_revenue: commas are not accepted"))
        #expect(text.stderr.contains("\n      ai_revenue: 1,000,000 USD\n                   ^"))
        let json = try CLI.run(["check", file.path, "--format", "json"] + pinned)
        #expect(json.status == 2)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((object?["packs"] as? [Any])?.isEmpty == true)
        let errors = object?["errors"] as? [[String: Any]]
        #expect(errors?.first?["line"] as? Int == 3)
        #expect(errors?.first?["column"] as? Int == 16)
    }
}

@Suite("threshold rules")
struct RulesCommandTests {
    @Test("rules test passes on the built-in packs")
    func builtInPacksPass() throws {
        let result = try CLI.run(["rules", "test"])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains(" passed, 0 failed"))
        #expect(!result.stdout.contains("FAIL"))
    }

    @Test("rules list names the built-in packs")
    func list() throws {
        let result = try CLI.run(["rules", "list"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("frontier-ai-proposal-2026"))
    }

    @Test("rules list --obligations lists under each pack the ids assessment records name, per model or organization")
    func listObligations() throws {
        let plain = try CLI.run(["rules", "list"])
        #expect(!plain.stdout.contains("cybersecurity-assessment"), "the plain list is one line per pack")
        let result = try CLI.run(["rules", "list", "--obligations"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let pack = try #require(lines.firstIndex { $0.hasPrefix("frontier-ai-proposal-2026 ") })
        #expect(lines[pack + 1].hasPrefix("    cybersecurity-assessment "))
        #expect(lines[pack + 1].contains("  per model  "))
        #expect(lines.contains { $0.hasPrefix("    ") && $0.contains("  organization  ") })
        // Every id the list shows is one a record may name: the template's example is among them.
        #expect(result.stdout.contains("    cybersecurity-assessment "))
    }

    /// A pack with one flaw, and the exact diagnostic `rules lint` must give.
    static let flawedPacks: [(name: String, yaml: String, diagnostic: String)] = [
        (
            "duplicate id",
            """
            pack: p
            title: P
            status: enacted
            thresholds:
              - {id: a, subject: model, fact: training_compute, greater_than: 1e25}
              - {id: a, subject: model, fact: training_compute, greater_than: 1e26}
            obligations: []
            """, "6:10: error: duplicate id 'a': it was first defined at line 5, column 10"
        ),
        (
            "unknown threshold in when",
            """
            pack: p
            title: P
            status: enacted
            thresholds:
              - {id: compute, subject: model, fact: training_compute, greater_than: 1e25}
            obligations:
              - {id: o, title: O, kind: report, when: {any: [compute, revnue]}}
            """, "7:59: error: obligations[0].when: no threshold or obligation 'revnue' in this pack"
        ),
        (
            "unknown source",
            """
            pack: p
            title: P
            status: enacted
            sources: [{id: act, title: The Act}]
            thresholds:
              - {id: c, subject: model, fact: training_compute, greater_than: 1e25, cite: akt}
            obligations: []
            """, "6:79: error: thresholds[0].cite: no source 'akt' in this pack's sources; did you mean 'act'?"
        ),
        (
            "unknown fact",
            """
            pack: p
            title: P
            status: enacted
            thresholds:
              - {id: c, subject: model, fact: training_comput, greater_than: 1e25}
            obligations: []
            """, "5:35: error: thresholds[0].fact: unknown fact 'training_comput'; did you mean 'training_compute'?"
        ),
        (
            "a rate where a count is meant",
            """
            pack: p
            title: P
            status: enacted
            thresholds:
              - {id: c, subject: model, fact: training_compute, greater_than: 1e20 FLOP/s}
            obligations: []
            """, "5:72: error: thresholds[0].greater_than: expected a count of operations (FLOP), found 'FLOP/s'"
        ),
        (
            "circular when",
            """
            pack: p
            title: P
            status: enacted
            thresholds: []
            obligations:
              - {id: a, title: A, kind: report, when: b}
              - {id: b, title: B, kind: report, when: a}
            """, "error: circular 'when': a → b → a"
        ),
        (
            "unknown key",
            """
            pack: p
            title: P
            status: enacted
            treshold: []
            """, "4:1: error: unknown key 'treshold'; did you mean 'thresholds'?"
        ),
        (
            "two comparisons",
            """
            pack: p
            title: P
            status: enacted
            thresholds:
              - {id: c, subject: model, fact: training_compute, greater_than: 1e25, at_least: 1e25}
            obligations: []
            """, "error: thresholds[0]: give one comparison, not both greater_than and at_least"
        ),
    ]

    @Test("rules lint reports each flaw at its position", arguments: flawedPacks.indices)
    func lintErrors(_ index: Int) throws {
        let flawed = Self.flawedPacks[index]
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("pack.yaml")
        try flawed.yaml.write(to: file, atomically: true, encoding: .utf8)
        let result = try CLI.run(["rules", "lint", file.path])
        #expect(result.status == 2, "\(flawed.name)")
        #expect(result.stderr.hasPrefix(file.path + ":"), "\(flawed.name): \(result.stderr)")
        #expect(result.stderr.contains(flawed.diagnostic), "\(flawed.name): \(result.stderr)")
    }

    @Test("rules test warns, at the pack's id, about a pack with no test cases, and still exits 0")
    func packWithoutTests() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("pack.yaml")
        try "pack: p\ntitle: P\nstatus: enacted\nthresholds: []\nobligations: []\n".write(
            to: file, atomically: true, encoding: .utf8)
        let result = try CLI.run(["rules", "test", file.path])
        #expect(result.status == 0)
        #expect(result.stderr.hasPrefix(file.path + ":1:7: warning: the pack p has no test cases"), "\(result.stderr)")
        #expect(result.stdout.contains("0 passed, 0 failed"))
    }

    @Test("rules test reports a failing case with expected and actual, and exits 1")
    func failingPackTest() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("pack.yaml")
        try """
        pack: p
        title: P
        status: enacted
        effective: 2026-01-01
        thresholds:
          - {id: c, subject: model, fact: training_compute, greater_than: 1e25}
        obligations:
          - {id: o, title: O, kind: report, per: model, when: c}
        tests:
          - name: wrong on purpose
            profile: {organization: {name: L}, models: [{name: m, training_compute: 1e25}]}
            expect: {applies: [o]}
        """.write(to: file, atomically: true, encoding: .utf8)
        let result = try CLI.run(["rules", "test", file.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("FAIL  p: wrong on purpose"))
        #expect(result.stdout.contains("o: expected applies yes, got no"))
        #expect(result.stdout.contains("0 passed, 1 failed"))
    }
}
