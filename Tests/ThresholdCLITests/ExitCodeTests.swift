import Foundation
import Testing

/// One command line and what it must do: its exit code, and words its standard error must hold
/// (compared with line breaks and runs of spaces made one space, since messages are wrapped).
struct CommandCase: Sendable, CustomTestStringConvertible {
    var arguments: [String]
    var status: Int32
    var messages: [String]
    /// For a usage error: the start of the usage line of the command that refused it.
    var usage: String?

    init(_ arguments: [String], _ status: Int32, _ messages: String..., usage: String? = nil) {
        self.arguments = arguments
        self.status = status
        self.messages = messages
        self.usage = usage
    }

    var testDescription: String { "threshold \(arguments.joined(separator: " ")) → \(status)" }
}

private let helios = "Examples/labs/helios.yaml"
private let date = ["--as-of", "2026-11-29"]

@Suite("exit codes and usage errors, every command")
struct ExitCodeTests {
    // MARK: 64: usage errors, each with the usage of the command that refused it

    static let usageErrors: [CommandCase] = [
        CommandCase(["frobnicate"], 64, "Unexpected argument 'frobnicate'", usage: "threshold <subcommand>"),
        // check
        CommandCase(["check"], 64, "Missing expected argument '<file> ...'", usage: "threshold check"),
        CommandCase(
            ["check", helios, "--fail-on", "sometimes"], 64, "'sometimes' is invalid for '--fail-on",
            usage: "threshold check"),
        CommandCase(
            ["check", helios, "--as-of", "2026-13-01"], 64,
            "'2026-13-01' is invalid for '--as-of <date>': month 13 does not exist", usage: "threshold check"),
        CommandCase(
            ["check", helios, "--as-of", "2026-02-30"], 64,
            "'2026-02-30' is invalid for '--as-of <date>': February 2026 has 28 days", usage: "threshold check"),
        CommandCase(
            ["check", helios, "--as-of", "2028-02-30"], 64, "February 2028 has 29 days", usage: "threshold check"),
        CommandCase(
            ["check", helios, "--as-of", "2026-04-31"], 64, "April 2026 has 30 days", usage: "threshold check"),
        CommandCase(
            ["check", helios, "--as-of", "2026/01/01"], 64,
            "'2026/01/01' is invalid for '--as-of <date>': expected YYYY-MM-DD or today", usage: "threshold check"),
        CommandCase(["check", helios, "--as-of", "2026-01-00"], 64, "day 0 does not exist", usage: "threshold check"),
        CommandCase(
            ["check", helios, "--pack", "NOSUCH"], 64,
            "--pack NOSUCH: no rule pack has this id. The packs are: eu-ai-act-gpai,", usage: "threshold check"),
        CommandCase(["check", "-", "-"], 64, "Standard input ('-') can be read only once.", usage: "threshold check"),
        CommandCase(
            ["check", helios, "--format", "yaml"], 64, "Unknown format 'yaml'; the formats are text, json,",
            usage: "threshold check"),
        CommandCase(
            ["check", helios, "--output", "report.pdf"], 64,
            "Cannot tell the format of --output report.pdf from its extension", usage: "threshold check"),
        CommandCase(
            ["check", helios, "--format", "json", "--format", "csv"], 64, "Only one format can go to standard output",
            usage: "threshold check"),
        CommandCase(
            ["check", helios, "--json"], 64, "Unknown option '--json'. Did you mean '--format json'?",
            usage: "threshold check"),
        CommandCase(
            ["check", helios, "--max-models", "0"], 64, "--max-models must be at least 1.", usage: "threshold check"),
        CommandCase(
            ["check", helios, "--no-builtin"], 64, "--no-builtin needs at least one --rules file or directory.",
            usage: "threshold check"),
        // audit
        CommandCase(["audit"], 64, "Name at least one directory or profile", usage: "threshold audit"),
        CommandCase(
            ["audit", "Examples/labs", "--jobs", "0"], 64, "--jobs must be between 1 and 1024.",
            usage: "threshold audit"),
        CommandCase(
            ["audit", "Examples/labs", "--format", "yaml"], 64, "Unknown format 'yaml'", usage: "threshold audit"),
        CommandCase(
            ["audit", "Examples/labs", "--pack", "NOSUCH"], 64, "--pack NOSUCH: no rule pack has this id",
            usage: "threshold audit"),
        CommandCase(
            ["audit", "Examples/labs", "--as-of", "2026-13-01"], 64, "month 13 does not exist", usage: "threshold audit"
        ),
        CommandCase(
            ["audit", "Examples/labs", "--output", "report.pdf"], 64, "Cannot tell the format of --output report.pdf",
            usage: "threshold audit"),
        CommandCase(["audit", "-"], 64, "'-' is not a path here", usage: "threshold audit"),
        CommandCase(["audit", "Examples/labs", "--null"], 64, "--null needs --files-from.", usage: "threshold audit"),
        CommandCase(
            ["audit", "Examples/labs", "--csv"], 64, "Unknown option '--csv'. Did you mean '--format csv'?",
            usage: "threshold audit"),
        // deadlines
        CommandCase(["deadlines"], 64, "Missing expected argument '<path> ...'", usage: "threshold deadlines"),
        CommandCase(
            ["deadlines", "Examples/labs", "--within", "90"], 64,
            "'90' is invalid for '--within <period>': expected a count and a unit: 90d (days), 12w (weeks), 6m "
                + "(months) or 1y (years)",
            usage: "threshold deadlines"),
        CommandCase(
            ["deadlines", "Examples/labs", "--within", "3x"], 64, "expected a count and a unit",
            usage: "threshold deadlines"),
        CommandCase(
            ["deadlines", "Examples/labs", "--within=-1d"], 64, "expected a count and a unit",
            usage: "threshold deadlines"),
        CommandCase(
            ["deadlines", "Examples/labs", "--within", "200y"], 64, "at most 100 years", usage: "threshold deadlines"),
        CommandCase(
            ["deadlines", "Examples/labs", "--format", "pdf"], 64,
            "Unknown format 'pdf'; the formats are text, json, csv, markdown, ics", usage: "threshold deadlines"),
        CommandCase(
            ["deadlines", "Examples/labs", "--output", "cal.pdf"], 64, "from its extension (.txt .json .csv .md .ics)",
            usage: "threshold deadlines"),
        CommandCase(
            ["deadlines", "Examples/labs", "--pack", "eu-ai-act"], 64,
            "--pack eu-ai-act: no rule pack has this id; did you mean 'eu-ai-act-gpai'?", usage: "threshold deadlines"),
        CommandCase(
            ["deadlines", "Examples/labs", "--as-of", "2026-02-29"], 64, "February 2026 has 28 days",
            usage: "threshold deadlines"),
        CommandCase(
            ["deadlines", "-"], 64, "'-' (standard input) is not read by deadlines", usage: "threshold deadlines"),
        CommandCase(
            ["deadlines", "Examples/labs", "--ics"], 64, "Unknown option '--ics'. Did you mean '--format ics'?",
            usage: "threshold deadlines"),
        CommandCase(
            ["deadlines", "Examples/labs", "--fail-on", "unmet"], 64, "Unknown option '--fail-on'",
            usage: "threshold deadlines"),
        // impact
        CommandCase(["impact"], 64, "Missing expected argument '<path> ...'", usage: "threshold impact"),
        CommandCase(
            ["impact", "Examples/labs"], 64, "Name at least one limit to change with --set", usage: "threshold impact"),
        CommandCase(
            ["impact", "Examples/labs", "--set", "systemic-risk-compute=1e26"], 64, "PACK/THRESHOLD",
            usage: "threshold impact"),
        CommandCase(
            ["impact", "Examples/labs", "--set", "nope/x=1"], 64, "--set nope/x=1: no rule pack 'nope'",
            usage: "threshold impact"),
        CommandCase(
            ["impact", "Examples/labs", "--set", "eu-ai-act-gpai/nope=1"], 64,
            "the pack 'eu-ai-act-gpai' has no threshold 'nope'", usage: "threshold impact"),
        CommandCase(
            ["impact", "Examples/labs", "--set", "eu-ai-act-gpai/systemic-risk-compute=1e26", "--format", "pdf"], 64,
            "'pdf' is invalid for '--format", usage: "threshold impact"),
        CommandCase(
            ["impact", "Examples/labs", "--set", "eu-ai-act-gpai/systemic-risk-compute=1e26", "--as-of", "2026-00-10"],
            64, "month 0 does not exist", usage: "threshold impact"),
        CommandCase(
            ["impact", "Examples/labs", "--set", "eu-ai-act-gpai/systemic-risk-compute=1e26", "--json"], 64,
            "Did you mean '--format json'?", usage: "threshold impact"),
        // rules
        CommandCase(["rules", "show"], 64, "Missing expected argument '<id>'", usage: "threshold rules show"),
        CommandCase(
            ["rules", "show", "eu-ai-act"], 64,
            "eu-ai-act: no rule pack has this id; did you mean 'eu-ai-act-gpai'? The packs are: eu-ai-act-gpai,",
            usage: "threshold rules show"),
        CommandCase(
            ["rules", "list", "--pack", "eu-ai-act-gpai"], 64, "Unknown option '--pack'",
            usage: "threshold rules list"),
        CommandCase(["rules", "list", "--json"], 64, "Unknown option '--json'", usage: "threshold rules list"),
        CommandCase(["rules", "lint"], 64, "Missing expected argument '<path> ...'", usage: "threshold rules lint"),
        CommandCase(
            ["rules", "lint", "Rules", "--max-models", "5"], 64, "Unknown option '--max-models'",
            usage: "threshold rules lint"),
        CommandCase(
            ["rules", "test", "--max-digits", "5"], 64, "Unknown option '--max-digits'", usage: "threshold rules test"),
        CommandCase(
            ["rules", "test", "--max-depth", "0"], 64,
            "--max-depth must be at least "
                + "1.", usage: "threshold rules test"),
        // init, schema
        CommandCase(["init", "a.yaml", "b.yaml"], 64, "Unexpected argument 'b.yaml'", usage: "threshold init"),
        CommandCase(["schema"], 64, "Missing expected argument '<kind>'", usage: "threshold schema"),
        CommandCase(["schema", "profiles"], 64, "'profiles' is invalid for '<kind>'", usage: "threshold schema"),
    ]

    @Test(
        "every usage error exits 64 with its message and the usage of the command that refused it",
        arguments: usageErrors)
    func usageError(_ c: CommandCase) throws {
        let result = try CLI.run(c.arguments)
        #expect(result.status == 64, "stderr: \(result.stderr)")
        #expect(result.stdout.isEmpty)
        for message in c.messages { #expect(result.stderr.unwrapped.contains(message), "\(result.stderr)") }
        if let usage = c.usage {
            #expect(result.stderr.contains("\nUsage: \(usage)"), "\(result.stderr)")
            let path = usage.hasSuffix("<subcommand>") ? "threshold" : usage
            #expect(result.stderr.hasSuffix("  See '\(path) --help' for more information.\n"), "\(result.stderr)")
        }
    }

    @Test("an unknown option that is no format's name gets no misleading suggestion")
    func noMisleadingSuggestion() throws {
        let result = try CLI.run(["check", helios, "--jsno"])
        #expect(result.status == 64)
        #expect(!result.stderr.contains("--as-of"), "\(result.stderr)")
        // A real typo keeps argument parser's suggestion.
        let typo = try CLI.run(["check", helios, "--explian"])
        #expect(typo.stderr.contains("Did you mean '--explain'?"), "\(typo.stderr)")
    }

    // MARK: 66: an input named on the command line that cannot be read

    static let missingInputs: [CommandCase] = [
        CommandCase(["check", "lbas/x.yaml"], 66, "threshold: lbas/x.yaml: no such file or directory"),
        CommandCase(
            ["check", "Examples"], 66,
            "threshold: Examples: is a directory; to check every profile under it, run: threshold audit Examples"),
        CommandCase(
            ["check", helios, "--rules", "no-such-rules.yaml"], 66,
            "threshold: no-such-rules.yaml: no such file or directory"),
        CommandCase(["audit", "no-such-dir"], 66, "threshold: no-such-dir: no such file or directory"),
        CommandCase(
            ["audit", "--files-from", "no-such-list.txt"], 66,
            "threshold: no-such-list.txt: no such file or "
                + "directory"),
        CommandCase(["deadlines", "no-such-dir"], 66, "threshold: no-such-dir: no such file or directory"),
        CommandCase(
            ["impact", "no-such-dir", "--set", "eu-ai-act-gpai/systemic-risk-compute=1e26"], 66,
            "threshold: no-such-dir: no such file or directory"),
        CommandCase(
            ["rules", "list", "--rules", "no-such-rules"], 66, "threshold: no-such-rules: no such file or directory"),
        CommandCase(
            ["rules", "show", "x", "--rules", "no-such-rules"], 66,
            "threshold: no-such-rules: no such file or directory"),
        CommandCase(
            ["rules", "lint", "no-such-pack.yaml"], 66, "threshold: no-such-pack.yaml: no such file or directory"),
        CommandCase(
            ["rules", "test", "no-such-pack.yaml"], 66, "threshold: no-such-pack.yaml: no such file or directory"),
    ]

    @Test(
        "a path named that does not exist: exit 66 and a message without a made-up position", arguments: missingInputs)
    func missingInput(_ c: CommandCase) throws {
        let result = try CLI.run(c.arguments + (c.arguments.first == "rules" ? [] : date))
        #expect(result.status == 66, "stderr: \(result.stderr)")
        #expect(result.stderr.unwrapped == c.messages[0], "\(result.stderr)")
        #expect(!result.stderr.contains(":1:1:"))
        #expect(result.stdout.isEmpty, "no report, no table of zeros: \(result.stdout)")
    }

    @Test("a missing path beside readable ones: the others are still read, and the exit code is 66")
    func missingBesideReadable() throws {
        let check = try CLI.run(["check", helios, "lbas/x.yaml", "--format", "json"] + date)
        #expect(check.status == 66)
        let object = try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any]
        #expect(object?["profile"] as? String == helios, "one profile read: one verdict object")
        let audit = try CLI.run(["audit", "Examples/labs", "no-such-dir", "--format", "jsonl", "-q"] + date)
        #expect(audit.status == 66)
        #expect(audit.stdout.split(separator: "\n").count == 11)
        #expect(audit.stderr == "threshold: no-such-dir: no such file or directory\n")
    }

    // MARK: 73: an output that cannot be created

    static let uncreatable: [CommandCase] = [
        CommandCase(
            ["init", helios], 73,
            "threshold init: \(helios) already exists, and init never overwrites a file: nothing was written"),
        CommandCase(
            ["init", "no-such-folder/lab.yaml"], 73,
            "threshold init: cannot create no-such-folder/lab.yaml: no such file or directory"),
        CommandCase(
            ["check", helios, "--output", "no-such-folder/r.json"], 73,
            "threshold: cannot write no-such-folder/r.json: no such file or directory"),
        CommandCase(
            ["audit", "Examples/labs", "--output", "no-such-folder/r.json"], 73,
            "threshold: cannot write no-such-folder/r.json: no such file or directory"),
        CommandCase(
            ["deadlines", "Examples/labs", "--output", "no-such-folder/r.ics"], 73,
            "threshold: cannot write no-such-folder/r.ics: no such file or directory"),
        CommandCase(
            [
                "impact", "Examples/labs", "--set", "eu-ai-act-gpai/systemic-risk-compute=1e26", "--output",
                "no-such-folder/r.html",
            ], 73,
            "threshold: cannot write no-such-folder/r.html: no such file or directory"),
    ]

    @Test("an output that cannot be created: exit 73 and a message that says so", arguments: uncreatable)
    func cannotCreate(_ c: CommandCase) throws {
        let before = try String(contentsOf: CLI.packageRoot.appendingPathComponent(helios), encoding: .utf8)
        let result = try CLI.run(c.arguments + (c.arguments.first == "init" ? [] : date))
        #expect(result.status == 73, "stderr: \(result.stderr)")
        #expect(result.stderr.unwrapped.hasPrefix(c.messages[0]), "\(result.stderr)")
        #expect(try String(contentsOf: CLI.packageRoot.appendingPathComponent(helios), encoding: .utf8) == before)
    }

    // MARK: 2: invalid profiles and packs, and only those

    @Test("invalid content is exit 2, at its position, in every command that reads it")
    func invalidContent() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "organization:\n  name: Bad\n  ai_revenue: 1,000,000 USD\n".write(
            to: dir.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        try "pack: [broken\n".write(to: dir.appendingPathComponent("pack.yaml"), atomically: true, encoding: .utf8)
        let heliosPath = CLI.packageRoot.appendingPathComponent(helios).path
        for arguments in [
            ["check", "bad.yaml"], ["audit", "bad.yaml"], ["deadlines", "bad.yaml"],
            ["impact", "bad.yaml", "--set", "eu-ai-act-gpai/systemic-risk-compute=1e26"],
        ] {
            let result = try CLI.run(arguments + date, in: dir)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            // (The audit's text table shows the diagnostic in its row, on standard output.)
            #expect(
                (result.stdout + result.stderr).contains(
                    "bad.yaml:3:16: error: organization.ai_revenue: commas are not accepted"),
                "\(arguments): \(result.stderr)")
        }
        for arguments in [
            ["check", heliosPath, "--rules", "pack.yaml"], ["rules", "lint", "pack.yaml"],
            ["rules", "test", "pack.yaml"],
            ["rules", "list", "--rules", "pack.yaml"],
        ] {
            let result = try CLI.run(arguments, in: dir)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.hasPrefix("pack.yaml:"), "\(arguments): \(result.stderr)")
        }
    }

    // MARK: Help

    static let commands: [[String]] = [
        ["check"], ["audit"], ["deadlines"], ["impact"], ["rules", "list"], ["rules", "show"],
        ["rules", "lint"], ["rules", "test"], ["init"], ["schema"], ["rules"], [],
    ]

    /// Options each command must not offer: those of a group it does not use.
    static let foreignOptions: [String: [String]] = [
        "rules list": ["--pack", "--max-models", "--max-digits", "--max-file-size", "--as-of", "--fail-on"],
        "rules show": ["--pack", "--max-models", "--as-of"],
        "rules lint": ["--max-models", "--max-digits", "--pack", "--rules", "--as-of"],
        "rules test": ["--max-models", "--max-digits", "--pack", "--as-of"],
        "impact": ["--fail-on"],
        "deadlines": ["--fail-on", "--explain"],
        "init": ["--rules", "--pack", "--as-of"],
        "schema": ["--rules", "--pack"],
    ]

    @Test(
        "each command's help: only its own options, at least two examples, exit codes, 'default: today' for --as-of",
        arguments: commands)
    func help(_ command: [String]) throws {
        let result = try CLI.run(command + ["--help"], environment: ["COLUMNS": ""])
        #expect(result.status == 0)
        let help = result.stdout
        for option in Self.foreignOptions[command.joined(separator: " ")] ?? [] {
            #expect(!help.contains(option + " "), "\(command): offers \(option)")
        }
        let examples = help.components(separatedBy: "Examples:\n").dropFirst().first?
            .split(separator: "\n").prefix { $0.hasPrefix("  ") }.filter {
                $0.hasPrefix("  threshold ") || $0.contains("| threshold ")
            }
        #expect((examples?.count ?? 0) >= 2, "\(command): \(help)")
        if command != ["rules"] {
            #expect(help.contains("Exit codes:\n  0   "), "\(command)")
            #expect(help.contains("  64  "), "\(command)")
        }
        if help.contains("--as-of") {
            #expect(help.unwrapped.contains("(default: today, on the local calendar)"))
            #expect(!help.contains("(default: 20"), "no date printed as the default")
        }
        // Not a terminal: wrapped to 100 columns (the usage line is argument parser's own).
        for line in help.split(separator: "\n") where !line.hasPrefix("USAGE:") {
            #expect(line.count <= 100, "\(command): \(line)")
        }
    }

    @Test("help wraps to COLUMNS when it is set, and to 100 columns on a pipe")
    func helpWidth() throws {
        let narrow = try CLI.run(["check", "--help"], environment: ["COLUMNS": "60"])
        let wide = try CLI.run(["check", "--help"], environment: ["COLUMNS": ""])
        let longest = { (text: String) in
            text.split(separator: "\n").filter { !$0.hasPrefix("USAGE:") }.map(\.count).max() ?? 0
        }
        #expect(longest(narrow.stdout) <= 60)
        #expect(longest(wide.stdout) > 80 && longest(wide.stdout) <= 100)
        // The command's own messages too.
        let message = try CLI.run(["check", helios, "--pack", "NOSUCH"], environment: ["COLUMNS": "60"])
        #expect(
            message.stderr.split(separator: "\n").allSatisfy { $0.count <= 60 || $0.hasPrefix("Usage:") },
            "\(message.stderr)")
        #expect(message.stderr.contains("\n       "), "continuation lines are indented under the message")
    }

    @Test("the top-level help documents every exit code")
    func exitCodeTable() throws {
        let help = try CLI.run(["--help"]).stdout
        for code in ["  0   ", "  1   ", "  2   ", "  64  ", "  66  ", "  73  ", "  130 "] {
            #expect(help.contains(code), "\(code)")
        }
    }
}
