import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Profiles the audit tests write into temporary trees.
enum AuditCorpus {
    static let helios = """
        organization: {name: Helios AI Labs, ai_revenue: 620M USD, ai_rnd_spend: 1.4B USD}
        models:
          - {name: helios-4, training_compute: 3.2e25 FLOP, status: deployed, released: 2026-03-01}

        """
    static let compliant = """
        organization: {name: Compliant Co, ai_revenue: 900M USD}
        models:
          - {name: c-1, training_compute: 3e25 FLOP, status: deployed, released: 2026-03-01}
        assessments:
          - {obligation: safety-assessment, model: c-1, assessor: Example Assurance LLP, independent: true, completed: \
        2026-06-01, outcome: acceptable}

        """
    static let blocked = """
        organization: {name: Blocked Inc, ai_revenue: 900M USD}
        models:
          - {name: b-1, training_compute: 3e25 FLOP, status: deployed, released: 2026-03-01}
        assessments:
          - {obligation: safety-assessment, model: b-1, independent: true, completed: 2026-06-01, outcome: high-risk}

        """
    static let quiet = """
        organization: {name: Quiet Lab}
        models:
          - {name: q, training_compute: 1e22 FLOP, status: deployed, released: 2026-03-01}

        """
    static let small = """
        organization: {name: "Small | Pipe & <Co>, \\"Quoted\\"", ai_revenue: 10M USD}
        models:
          - {name: s, training_compute: 1e22 FLOP, status: deployed, released: 2026-03-01}

        """
    /// Invalid: `FLOPS` is refused at line 3, column 40.
    static let bad = """
        organization: {name: Bad}
        models:
          - {name: b, training_compute: 3.2e25 FLOPS}

        """
    /// Invalid: an unknown key at line 1, column 1.
    static let unknownKey = """
        organisation: {name: Typo}

        """

    /// The fixed rule pack the golden files are made with.
    static var goldenPack: String {
        CLI.packageRoot.appendingPathComponent("Tests/ThresholdCLITests/Golden/audit-pack.yaml").path
    }

    /// Writes files (relative path → text) under `root`.
    static func write(_ files: [String: String], under root: URL) throws {
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: false, encoding: .utf8)
        }
    }

    /// The corpus of the golden files and the format tests: five valid profiles (unmet, met, blocked,
    /// indeterminate, out of scope) and one invalid, under `corpus/`.
    static func golden(in directory: URL) throws {
        try write(
            [
                "corpus/labs/helios.yaml": helios,
                "corpus/labs/compliant.yaml": compliant,
                "corpus/labs/blocked.yaml": blocked,
                "corpus/labs/nested/quiet.yaml": quiet,
                "corpus/labs/small.yml": small,
                "corpus/bad.yaml": bad,
            ], under: directory)
    }

    /// A tree with every kind of thing a walk meets, under `tree/`:
    /// - valid profiles nested two folders deep, one `.yml`;
    /// - `notes.txt` and `draft.yaml.bak` (not included), `drafts/` and `skip-me.yaml` (excluded by the tests);
    /// - `.hidden/secret.yaml` and `labs/.dot.yaml` (hidden);
    /// - `bad.yaml` (invalid); `dir.yaml/inside.yaml` (a folder whose name matches: walked, not read);
    /// - `labs/loop` → `..` (a symbolic-link loop), `dangling.yaml` → nowhere (unreadable when
    ///   followed: the tests run as root, so `chmod 000` would not stop a read), `pipe.yaml` (a FIFO).
    static func tree(in directory: URL) throws {
        try write(
            [
                "tree/labs/helios.yaml": helios,
                "tree/labs/small.yml": small,
                "tree/labs/nested/deep/quiet.yaml": quiet,
                "tree/labs/notes.txt": "not a profile\n",
                "tree/labs/draft.yaml.bak": "not: [a profile\n",
                "tree/labs/skip-me.yaml": bad,
                "tree/drafts/wip.yaml": bad,
                "tree/.hidden/secret.yaml": helios,
                "tree/labs/.dot.yaml": helios,
                "tree/bad.yaml": bad,
                "tree/dir.yaml/inside.yaml": compliant,
            ], under: directory)
        let tree = directory.appendingPathComponent("tree")
        try FileManager.default.createSymbolicLink(
            atPath: tree.appendingPathComponent("labs/loop").path, withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(
            atPath: tree.appendingPathComponent("dangling.yaml").path, withDestinationPath: "nowhere/missing.yaml")
        #expect(mkfifo(tree.appendingPathComponent("pipe.yaml").path, 0o644) == 0)
    }

    /// The `profile` of each verdict in a JSON Lines report.
    static func profiles(jsonl: String) throws -> [String] {
        try jsonl.split(separator: "\n").map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return try #require(object["profile"] as? String)
        }
    }

    static let asOf = ["--as-of", "2026-11-29"]
    static let goldenRules: [String] = ["--no-builtin", "--rules", goldenPack]
}

/// Parses RFC 4180 CSV: quoted fields with doubled quotes, commas and line breaks inside quotes.
func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = [], row: [String] = [], field = ""
    var quoted = false, afterQuote = false
    var iterator = Array(text.unicodeScalars).makeIterator()
    var pending: Unicode.Scalar? = nil
    func next() -> Unicode.Scalar? {
        if let p = pending { pending = nil; return p }
        return iterator.next()
    }
    while let c = next() {
        if quoted {
            if c == "\"" {
                if let n = next() {
                    if n == "\"" {
                        field.unicodeScalars.append("\"")
                    } else {
                        quoted = false; afterQuote = true; pending = n
                    }
                } else {
                    quoted = false
                }
            } else {
                field.unicodeScalars.append(c)
            }
            continue
        }
        switch c {
        case "\"" where field.isEmpty && !afterQuote: quoted = true
        case ",": row.append(field); field = ""; afterQuote = false
        case "\r":
            if let n = next(), n != "\n" { pending = n }
            row.append(field); rows.append(row); row = []; field = ""; afterQuote = false
        case "\n": row.append(field); rows.append(row); row = []; field = ""; afterQuote = false
        default: field.unicodeScalars.append(c)
        }
    }
    if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
    return rows
}

/// Collects a JUnit document's structure with `XMLParser`.
final class JUnitCollector: NSObject, XMLParserDelegate {
    struct Suite { var name: String; var attributes: [String: String]; var cases: [Case] = [] }
    struct Case { var classname: String; var name: String; var outcome = "pass"; var message = ""; var body = "" }
    var suites: [Suite] = []
    var root: [String: String] = [:]
    var text = ""
    var error: Error?

    func parser(
        _ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        text = ""
        switch element {
        case "testsuites": root = attributes
        case "testsuite": suites.append(Suite(name: attributes["name"] ?? "", attributes: attributes))
        case "testcase":
            suites[suites.count - 1].cases.append(
                Case(classname: attributes["classname"] ?? "", name: attributes["name"] ?? ""))
        case "failure", "error", "skipped":
            suites[suites.count - 1].cases[suites[suites.count - 1].cases.count - 1].outcome = element
            suites[suites.count - 1].cases[suites[suites.count - 1].cases.count - 1].message =
                attributes["message"] ?? ""
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        if element == "failure" || element == "error" {
            suites[suites.count - 1].cases[suites[suites.count - 1].cases.count - 1].body = text
        }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }

    static func parse(_ xml: String) throws -> JUnitCollector {
        let collector = JUnitCollector()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = collector
        let ok = parser.parse()
        if let error = collector.error { throw error }
        #expect(ok)
        return collector
    }
}

@Suite("threshold audit")
struct AuditTests {
    // MARK: Walking

    @Test("a tree: nested folders walked, excluded, hidden, non-matching and special files skipped, problems reported")
    func walkTree() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try AuditCorpus.tree(in: dir)
        let run = try CLI.run(
            ["audit", "tree", "--exclude", "drafts", "--exclude", "skip-*", "--format", "jsonl"] + AuditCorpus.asOf,
            in: dir)
        #expect(run.status == 2, "an invalid profile makes the exit code 2")
        let profiles = try AuditCorpus.profiles(jsonl: run.stdout)
        #expect(
            profiles == [
                "tree/bad.yaml", "tree/dir.yaml/inside.yaml", "tree/labs/helios.yaml",
                "tree/labs/nested/deep/quiet.yaml", "tree/labs/small.yml",
            ])
        #expect(run.stderr.contains("warning: tree/pipe.yaml: a FIFO (named pipe); skipped without opening it"))
        #expect(run.stderr.contains("tree/bad.yaml:3:40: error: models[0].training_compute"))
        #expect(run.stderr.contains("2 symbolic links not followed"))
        // The compliant profile's record names an obligation of the golden pack, which this audit
        // does not load: an error at the record's line, never a record silently ignored.
        #expect(
            run.stderr.contains(
                "tree/dir.yaml/inside.yaml:5:18: error: assessments[0].obligation: no loaded rule pack defines an "
                    + "obligation 'safety-assessment'"
            ))
        #expect(run.stderr.contains("5 profiles"))
        #expect(run.stderr.contains("3 valid, 2 invalid"))
    }

    @Test("--follow-symlinks: a loop is detected and reported, a dangling link is reported as unreadable")
    func followSymlinks() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try AuditCorpus.tree(in: dir)
        let run = try CLI.run(
            ["audit", "tree", "--exclude", "drafts", "--exclude", "skip-*", "--follow-symlinks", "--format", "jsonl"]
                + AuditCorpus.asOf, in: dir)
        #expect(run.status == 2)
        let profiles = try AuditCorpus.profiles(jsonl: run.stdout)
        #expect(
            profiles == [
                "tree/bad.yaml", "tree/dangling.yaml", "tree/dir.yaml/inside.yaml", "tree/labs/helios.yaml",
                "tree/labs/nested/deep/quiet.yaml", "tree/labs/small.yml",
            ], "the loop adds no profile twice")
        #expect(
            run.stderr.contains("warning: tree/labs/loop: a symbolic link back to a directory already being walked"))
        #expect(run.stderr.contains("tree/dangling.yaml:1:1: error: cannot open the file: no such file or directory"))
        let dangling = try #require(run.stdout.split(separator: "\n").first { $0.contains("tree/dangling.yaml") })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(dangling.utf8)) as? [String: Any])
        #expect((object["packs"] as? [Any])?.isEmpty == true)
        let errors = try #require(object["errors"] as? [[String: Any]])
        #expect((errors.first?["message"] as? String)?.contains("cannot open the file") == true)
    }

    @Test("--hidden walks hidden files and folders")
    func hidden() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try AuditCorpus.tree(in: dir)
        let run = try CLI.run(
            [
                "audit", "tree", "--hidden", "--exclude", "drafts", "--exclude", "skip-*", "--exclude", "bad.yaml",
                "--format", "jsonl", "--allow-invalid",
            ] + AuditCorpus.asOf, in: dir)
        let profiles = try AuditCorpus.profiles(jsonl: run.stdout)
        #expect(profiles.contains("tree/.hidden/secret.yaml"))
        #expect(profiles.contains("tree/labs/.dot.yaml"))
        #expect(!profiles.contains("tree/bad.yaml"))
    }

    @Test("--include replaces the defaults; a pattern with a slash matches the path below the folder walked")
    func includePatterns() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try AuditCorpus.tree(in: dir)
        var run = try CLI.run(["audit", "tree", "--include", "*.yml", "--format", "jsonl"] + AuditCorpus.asOf, in: dir)
        #expect(try AuditCorpus.profiles(jsonl: run.stdout) == ["tree/labs/small.yml"])
        run = try CLI.run(
            ["audit", "tree", "--include", "labs/**/*.yaml", "--exclude", "skip-*", "--format", "jsonl"]
                + AuditCorpus.asOf, in: dir)
        #expect(
            try AuditCorpus.profiles(jsonl: run.stdout) == [
                "tree/labs/helios.yaml", "tree/labs/nested/deep/quiet.yaml",
            ])
    }

    @Test(
        "exit codes: 2 for invalid input, unless --allow-invalid; then 1 for unmet obligations; 0 with --fail-on never")
    func exitCodes() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try AuditCorpus.golden(in: dir)
        let base = ["audit", "corpus", "--format", "jsonl"] + AuditCorpus.asOf + AuditCorpus.goldenRules
        #expect(try CLI.run(base, in: dir).status == 2)
        #expect(try CLI.run(base + ["--allow-invalid"], in: dir).status == 1)
        #expect(try CLI.run(base + ["--allow-invalid", "--fail-on", "never"], in: dir).status == 0)
        #expect(
            try CLI.run(
                ["audit", "corpus/labs/compliant.yaml", "corpus/labs/small.yml", "--format", "jsonl"]
                    + AuditCorpus.asOf + AuditCorpus.goldenRules, in: dir
            ).status == 0)
        #expect(
            try CLI.run(
                ["audit", "corpus/labs/compliant.yaml", "corpus/labs/nested/quiet.yaml", "--fail-on", "indeterminate"]
                    + AuditCorpus.asOf + AuditCorpus.goldenRules, in: dir
            ).status == 1)
        // Usage errors: 64.
        #expect(try CLI.run(["audit"], in: dir).status == 64)
        #expect(try CLI.run(["audit", "corpus", "--format", "yaml"], in: dir).status == 64)
        #expect(try CLI.run(["audit", "corpus", "--output", "report.pdf"], in: dir).status == 64)
        #expect(try CLI.run(["audit", "corpus", "--jobs", "0"], in: dir).status == 64)
        #expect(try CLI.run(["audit", "corpus", "--format", "json", "--format", "csv"], in: dir).status == 64)
    }

    @Test("--files-from reads a list of paths (one per line, or NUL-separated); a missing path is reported, not fatal")
    func filesFrom() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try AuditCorpus.golden(in: dir)
        try "corpus/labs/helios.yaml\r\n\ncorpus/labs/nested\ncorpus/vanished.yaml\n".write(
            to: dir.appendingPathComponent("list.txt"), atomically: false, encoding: .utf8)
        var run = try CLI.run(
            ["audit", "--files-from", "list.txt", "--format", "jsonl"] + AuditCorpus.asOf + AuditCorpus.goldenRules,
            in: dir)
        #expect(
            try AuditCorpus.profiles(jsonl: run.stdout) == [
                "corpus/labs/helios.yaml", "corpus/labs/nested/quiet.yaml", "corpus/vanished.yaml",
            ])
        #expect(run.stderr.contains("corpus/vanished.yaml:1:1: error: cannot open the file"))
        #expect(run.status == 2)

        run = try CLI.run(
            ["audit", "--files-from", "-", "-0", "--format", "jsonl"] + AuditCorpus.asOf + AuditCorpus.goldenRules,
            stdin: "corpus/labs/small.yml\0corpus/labs/compliant.yaml\0", in: dir)
        #expect(try AuditCorpus.profiles(jsonl: run.stdout) == ["corpus/labs/compliant.yaml", "corpus/labs/small.yml"])
        #expect(run.status == 0)
    }

    // MARK: Formats

    /// Runs the golden corpus once, writing every format to a file.
    static func allFormats(in dir: URL, extra: [String] = []) throws -> (CLI.Result, [String: String]) {
        try AuditCorpus.golden(in: dir)
        let names = ["r.txt", "r.json", "r.jsonl", "r.csv", "r.sarif", "r.xml", "r.md"]
        let run = try CLI.run(
            ["audit", "corpus"] + names.flatMap { ["--output", "out/\($0)"] } + AuditCorpus.asOf
                + AuditCorpus.goldenRules + extra,
            in: dir)
        var files: [String: String] = [:]
        for name in names {
            files[name] = try String(contentsOf: dir.appendingPathComponent("out/\(name)"), encoding: .utf8)
        }
        return (run, files)
    }

    @Test(
        "several reports in one run, each format from its extension; nothing on stdout; no temporary files left"
    )
    func severalOutputs() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("out"), withIntermediateDirectories: true)
        let (run, files) = try Self.allFormats(in: dir)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("wrote out/r.txt (text), out/r.json (json)"))
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("out").path).sorted()
        #expect(left == ["r.csv", "r.json", "r.jsonl", "r.md", "r.sarif", "r.txt", "r.xml"])
        #expect(files["r.txt"]?.hasPrefix("PROFILE") == true)
        #expect(files["r.md"]?.hasPrefix("# Threshold audit") == true)
        #expect(files["r.xml"]?.hasPrefix("<?xml") == true)
    }

    @Test(
        "json: one document, verdicts exactly the contract's objects (as `check --format json` gives them), a summary"
    )
    func jsonFormat() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try AuditCorpus.golden(in: dir)
        let run = try CLI.run(
            ["audit", "corpus", "--format", "json"] + AuditCorpus.asOf + AuditCorpus.goldenRules, in: dir)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(document["schema"] as? String == "threshold.audit/1")
        let verdicts = try #require(document["verdicts"] as? [[String: Any]])
        #expect(verdicts.count == 6)
        #expect(
            verdicts.map { $0["profile"] as? String } == [
                "corpus/bad.yaml", "corpus/labs/blocked.yaml", "corpus/labs/compliant.yaml",
                "corpus/labs/helios.yaml", "corpus/labs/nested/quiet.yaml", "corpus/labs/small.yml",
            ])
        for verdict in verdicts {
            #expect(verdict["schema"] as? String == "threshold.verdict/1")
            #expect(verdict["as_of"] as? String == "2026-11-29")
            #expect(verdict["packs"] is [Any] && verdict["errors"] is [Any])
        }
        // The same object `check` prints.
        let check = try CLI.run(
            ["check", "corpus/labs/helios.yaml", "--format", "json"] + AuditCorpus.asOf + AuditCorpus.goldenRules,
            in: dir)
        let checked = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? NSDictionary)
        #expect(NSDictionary(dictionary: verdicts[3]) == checked)
        // The invalid one: no packs, the error with its line and column.
        let errors = try #require(verdicts[0]["errors"] as? [[String: Any]])
        #expect(errors.first?["line"] as? Int == 3 && errors.first?["column"] as? Int == 40)
        #expect((verdicts[0]["packs"] as? [Any])?.isEmpty == true)
        // The summary.
        let summary = try #require(document["summary"] as? [String: Any])
        #expect(summary["profiles"] as? Int == 6 && summary["invalid"] as? Int == 1 && summary["failing"] as? Int == 2)
        let packs = try #require(summary["packs"] as? [[String: Any]])
        #expect(packs.count == 1)
        #expect(packs[0]["pack"] as? String == "golden-statute")
        #expect(packs[0]["in_scope"] as? Int == 3 && packs[0]["unmet"] as? Int == 2 && packs[0]["blocked"] as? Int == 1)
    }

    @Test("jsonl: one verdict object per line, each exactly Verdict.jsonLine()")
    func jsonlFormat() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try AuditCorpus.golden(in: dir)
        let run = try CLI.run(
            ["audit", "corpus", "--format", "jsonl"] + AuditCorpus.asOf + AuditCorpus.goldenRules, in: dir)
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 7 && lines.last == "", "six lines, each ending in a newline")
        let check = try CLI.run(
            ["check", "corpus/labs/blocked.yaml", "--format", "jsonl"] + AuditCorpus.asOf + AuditCorpus.goldenRules,
            in: dir)
        #expect(check.stdout == String(lines[1]) + "\n", "the line check --format jsonl writes for the same file")
        for line in lines.dropLast() {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(Set(object.keys) == ["schema", "profile", "organization", "as_of", "packs", "errors"])
        }
    }

    @Test(
        "csv: RFC 4180, a header, a row per profile × pack × obligation, quotes doubled, invalid files with position"
    )
    func csvFormat() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try AuditCorpus.golden(in: dir)
        let run = try CLI.run(
            ["audit", "corpus", "--format", "csv"] + AuditCorpus.asOf + AuditCorpus.goldenRules, in: dir)
        #expect(run.stdout.contains("\r\n"))
        let rows = parseCSV(run.stdout)
        let header = try #require(rows.first)
        #expect(
            header == [
                "profile", "organization", "as_of", "pack", "pack_in_force", "obligation", "title", "applies", "status",
                "because", "due", "deployment", "error", "error_line", "error_column",
            ])
        #expect(rows.allSatisfy { $0.count == header.count })
        // 5 valid profiles × 1 pack × 2 obligations + 1 invalid row.
        #expect(rows.count == 1 + 5 * 2 + 1)
        let column = Dictionary(uniqueKeysWithValues: header.enumerated().map { ($1, $0) })
        let small = rows.filter { $0[column["profile"]!] == "corpus/labs/small.yml" }
        #expect(small.count == 2)
        #expect(small.first?[column["organization"]!] == "Small | Pipe & <Co>, \"Quoted\"")
        let invalid = try #require(rows.first { $0[column["profile"]!] == "corpus/bad.yaml" })
        #expect(invalid[column["error_line"]!] == "3" && invalid[column["error_column"]!] == "40")
        #expect(invalid[column["error"]!].contains("FLOPS"))
        let helios = try #require(
            rows.first {
                $0[column["profile"]!] == "corpus/labs/helios.yaml" && $0[column["obligation"]!] == "safety-assessment"
            })
        #expect(
            helios[column["status"]!] == "unmet" && helios[column["applies"]!] == "yes"
                && helios[column["because"]!] == "big-compute big-revenue")
    }

    // Each rule carries its citation.
    @Test(
        "sarif: what GitHub code scanning requires; a rule per obligation and threshold; results at the triggering line"
    )
    func sarifFormat() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try AuditCorpus.golden(in: dir)
        let run = try CLI.run(
            ["audit", "corpus", "--format", "sarif"] + AuditCorpus.asOf + AuditCorpus.goldenRules, in: dir)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        #expect((log["$schema"] as? String)?.contains("sarif-2.1.0") == true)
        let runs = try #require(log["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        let driver = try #require((runs[0]["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "threshold")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let ruleIDs = rules.compactMap { $0["id"] as? String }
        #expect(
            ruleIDs == [
                "golden-statute/safety-assessment", "golden-statute/deployment-gate",
                "golden-statute/threshold/big-compute",
                "golden-statute/threshold/big-revenue", "threshold/invalid-profile",
            ])
        #expect(Set(ruleIDs).count == ruleIDs.count)
        for rule in rules {
            let help = try #require((rule["help"] as? [String: Any])?["text"] as? String)
            #expect(!help.isEmpty)
            #expect((rule["shortDescription"] as? [String: Any])?["text"] is String)
        }
        let compute = try #require(rules.first { $0["id"] as? String == "golden-statute/threshold/big-compute" })
        #expect(
            ((compute["help"] as? [String: Any])?["text"] as? String)?.contains("The Golden Statute, § 1(a)") == true)
        #expect(compute["helpUri"] as? String == "https://example.org/golden-statute")

        let results = try #require(runs[0]["results"] as? [[String: Any]])
        #expect(!results.isEmpty)
        for result in results {
            let ruleID = try #require(result["ruleId"] as? String)
            #expect(ruleIDs.contains(ruleID))
            if let index = result["ruleIndex"] as? Int { #expect(ruleIDs[index] == ruleID) }
            #expect(((result["message"] as? [String: Any])?["text"] as? String)?.isEmpty == false)
            #expect(["error", "warning", "note"].contains(result["level"] as? String ?? ""))
            let location = try #require(
                (result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            let uri = try #require((location["artifactLocation"] as? [String: Any])?["uri"] as? String)
            #expect(uri.hasPrefix("corpus/"))
            let startLine = try #require((location["region"] as? [String: Any])?["startLine"] as? Int)
            #expect(startLine >= 1)
        }
        func region(_ result: [String: Any]) -> (String?, Int?, Int?) {
            let location = (result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
            let region = location?["region"] as? [String: Any]
            return (
                (location?["artifactLocation"] as? [String: Any])?["uri"] as? String, region?["startLine"] as? Int,
                region?["startColumn"] as? Int
            )
        }
        // The invalid file: an error at the error's position.
        let invalid = try #require(results.first { $0["ruleId"] as? String == "threshold/invalid-profile" })
        #expect(invalid["level"] as? String == "error")
        #expect(region(invalid) == ("corpus/bad.yaml", 3, 40))
        // Helios's unmet assessment: an error at its training_compute (line 3, column 40), the first threshold that
        // triggered it.
        let unmet = try #require(
            results.first {
                $0["ruleId"] as? String == "golden-statute/safety-assessment"
                    && region($0).0 == "corpus/labs/helios.yaml"
            })
        #expect(unmet["level"] as? String == "error")
        #expect(region(unmet) == ("corpus/labs/helios.yaml", 3, 40))
        // Quiet Lab's undecided one: a warning.
        #expect(
            results.contains {
                $0["ruleId"] as? String == "golden-statute/safety-assessment"
                    && region($0).0 == "corpus/labs/nested/quiet.yaml" && $0["level"] as? String == "warning"
            })
        // The compliant lab has no error.
        #expect(!results.contains { region($0).0 == "corpus/labs/compliant.yaml" && $0["level"] as? String == "error" })
        // Blocked: the gate is an error too.
        #expect(
            results.contains {
                $0["ruleId"] as? String == "golden-statute/deployment-gate"
                    && region($0).0 == "corpus/labs/blocked.yaml" && $0["level"] as? String == "error"
            })
    }

    @Test("junit: a suite per pack, a case per profile × obligation; unmet is a failure, invalid an error; XML escaped")
    func junitFormat() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try AuditCorpus.golden(in: dir)
        let run = try CLI.run(
            ["audit", "corpus", "--format", "junit"] + AuditCorpus.asOf + AuditCorpus.goldenRules, in: dir)
        let junit = try JUnitCollector.parse(run.stdout)
        #expect(junit.suites.count == 1)
        let suite = junit.suites[0]
        #expect(suite.name == "golden-statute")
        #expect(suite.cases.count == 5 * 2 + 1)
        #expect(suite.attributes["tests"] == "11")
        let failures = suite.cases.filter { $0.outcome == "failure" },
            errors = suite.cases.filter { $0.outcome == "error" }
        #expect(
            suite.attributes["failures"] == String(failures.count) && suite.attributes["errors"] == String(errors.count)
        )
        #expect(junit.root["tests"] == "11")
        // helios: safety unmet; blocked: safety unmet (high-risk) and the gate.
        #expect(
            Set(failures.map { "\($0.classname) \($0.name)" }) == [
                "corpus/labs/helios.yaml safety-assessment",
                "corpus/labs/blocked.yaml safety-assessment",
                "corpus/labs/blocked.yaml deployment-gate",
            ])
        #expect(errors.count == 1 && errors[0].classname == "corpus/bad.yaml")
        #expect(errors[0].message.contains("corpus/bad.yaml:3:40"))
        #expect(
            suite.cases.first { $0.classname == "corpus/labs/nested/quiet.yaml" && $0.name == "safety-assessment" }?
                .outcome == "skipped")
        // Escaping: the organisation's name survives the round trip through the XML parser.
        #expect(run.stdout.contains("Small | Pipe &amp; &lt;Co&gt;"))

        let strict = try CLI.run(
            ["audit", "corpus/labs/nested", "--format", "junit", "--fail-on", "indeterminate"] + AuditCorpus.asOf
                + AuditCorpus.goldenRules, in: dir)
        #expect(
            try JUnitCollector.parse(strict.stdout).suites[0].cases.first { $0.name == "safety-assessment" }?.outcome
                == "failure")
    }

    @Test("check --format wires to the same reporters")
    func checkFormats() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try AuditCorpus.golden(in: dir)
        let sarif = try CLI.run(
            ["check", "corpus/labs/helios.yaml", "--format", "sarif"] + AuditCorpus.asOf + AuditCorpus.goldenRules,
            in: dir)
        #expect(sarif.status == 1)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let csv = try CLI.run(
            ["check", "corpus/labs/helios.yaml", "corpus/labs/small.yml", "--format", "csv"] + AuditCorpus.asOf
                + AuditCorpus.goldenRules, in: dir)
        #expect(parseCSV(csv.stdout).count == 1 + 2 * 2)
        let junit = try CLI.run(
            ["check", "corpus/bad.yaml", "--format", "junit"] + AuditCorpus.asOf + AuditCorpus.goldenRules, in: dir)
        #expect(junit.status == 2)
        #expect(try JUnitCollector.parse(junit.stdout).suites[0].cases.first?.outcome == "error")
        // text, json and markdown keep their per-profile reports.
        let text = try CLI.run(
            ["check", "corpus/labs/helios.yaml"] + AuditCorpus.asOf + AuditCorpus.goldenRules, in: dir)
        #expect(text.stdout.hasPrefix("Helios AI Labs — corpus/labs/helios.yaml"))
    }

    // MARK: Golden files

    /// Compares `actual` with a golden file; `THRESHOLD_UPDATE_GOLDEN=1` rewrites it.
    func expectGolden(_ actual: String, _ name: String) throws {
        let url = CLI.packageRoot.appendingPathComponent("Tests/ThresholdCLITests/Golden/\(name)")
        if ProcessInfo.processInfo.environment["THRESHOLD_UPDATE_GOLDEN"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "differs from Golden/\(name); rerun with THRESHOLD_UPDATE_GOLDEN=1 to accept")
    }

    @Test("text: the golden table; standard output is the report alone, the summary is on standard error once")
    func textGolden() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try AuditCorpus.golden(in: dir)
        let run = try CLI.run(
            ["audit", "corpus", "--format", "text", "--output", "r.txt"] + AuditCorpus.asOf + AuditCorpus.goldenRules,
            in: dir)
        #expect(run.status == 2)
        try expectGolden(run.stdout, "audit.txt")
        #expect(!run.stdout.contains("failing"), "no totals on standard output")
        #expect(
            run.stderr.components(separatedBy: "failing (--fail-on unmet)").count == 2, "one summary: \(run.stderr)")
        #expect(
            run.stderr.contains(
                "5 valid, 1 invalid, 2 failing (--fail-on unmet); as of 2026-11-29\n  golden-statute  in scope 3, "
                    + "unmet 2, late 1, indeterminate 1, blocked 1\n"
            ), "\(run.stderr)")
        // A report file is read later, without the terminal: it keeps its totals.
        let file = try String(contentsOf: dir.appendingPathComponent("r.txt"), encoding: .utf8)
        #expect(file.hasPrefix(run.stdout))
        #expect(
            file.hasSuffix(
                "\n6 profiles, 1 invalid, 2 failing (--fail-on unmet); as of 2026-11-29\n"
                    + "PACK            IN FORCE  IN SCOPE  UNMET  LATE  PENDING  INDETERMINATE  BLOCKED\n"
                    + "golden-statute  yes       3         2      1     0        1              1\n"), "\(file)")
    }

    @Test("markdown: the golden report")
    func markdownGolden() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try AuditCorpus.golden(in: dir)
        let run = try CLI.run(
            ["audit", "corpus", "--format", "markdown"] + AuditCorpus.asOf + AuditCorpus.goldenRules, in: dir)
        try expectGolden(run.stdout, "audit.md")
    }

    // MARK: Determinism, memory, interruption

    @Test("--jobs 1 and --jobs 2 give byte-identical reports in every format")
    func jobsDeterminism() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var files: [String: String] = [:]
        let kinds = [
            AuditCorpus.helios, AuditCorpus.compliant, AuditCorpus.blocked, AuditCorpus.quiet, AuditCorpus.small,
            AuditCorpus.bad, AuditCorpus.unknownKey,
        ]
        for index in 0..<120 {
            files["corpus/d\(index % 7)/p\(index).yaml"] = kinds[(index * 5) % kinds.count]
        }
        try AuditCorpus.write(files, under: dir)
        var outputs: [[String: String]] = []
        for jobs in ["1", "2"] {
            let out = "out\(jobs)"
            try FileManager.default.createDirectory(
                at: dir.appendingPathComponent(out), withIntermediateDirectories: true)
            let formats = ReportFormats.all
            let run = try CLI.run(
                ["audit", "corpus", "--jobs", jobs, "--format", "jsonl"] + formats.map { "--output=\(out)/r.\($0)" }
                    + AuditCorpus.asOf + AuditCorpus.goldenRules, in: dir)
            #expect(run.status == 2)
            var produced = ["stdout": run.stdout]
            for format in formats {
                produced[format] = try String(
                    contentsOf: dir.appendingPathComponent("\(out)/r.\(format)"), encoding: .utf8)
            }
            outputs.append(produced)
        }
        #expect(outputs[0].keys.sorted() == outputs[1].keys.sorted())
        for key in outputs[0].keys.sorted() {
            #expect(outputs[0][key] == outputs[1][key], "\(key) differs between --jobs 1 and --jobs 2")
        }
        #expect(try AuditCorpus.profiles(jsonl: outputs[0]["stdout"]!).count == 120)
        // JSON Lines on standard output and in r.jsonl share one rendering per verdict.
        for output in outputs { #expect(output["stdout"] == output["jsonl"]) }
    }

    @Test("memory stays flat: ten times the profiles does not take ten times the memory")
    func flatMemory() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        func peak(_ count: Int) throws -> Double {
            let corpus = "corpus\(count)"
            var files: [String: String] = [:]
            for index in 0..<count {
                files["\(corpus)/p\(index).yaml"] = index % 2 == 0 ? AuditCorpus.helios : AuditCorpus.blocked
            }
            try AuditCorpus.write(files, under: dir)
            let run = try CLI.run(
                [
                    "audit", corpus, "--jobs", "2", "--output", "\(corpus).json", "--output", "\(corpus).xml",
                    "--output", "\(corpus).sarif",
                ]
                    + AuditCorpus.asOf + AuditCorpus.goldenRules, in: dir)
            let line = try #require(run.stderr.split(separator: "\n").first { $0.contains("peak memory") })
            let after = try #require(line.range(of: "peak memory "))
            return try #require(Double(line[after.upperBound...].prefix { $0.isNumber || $0 == "." }))
        }
        let small = try peak(100), large = try peak(1000)
        #expect(large < small * 1.5 + 4, "peak memory \(small) MiB for 100 profiles, \(large) MiB for 1000")
    }

    @Test("Ctrl-C removes the temporary report files, leaves an existing report whole, and exits 130")
    func interrupt() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try AuditCorpus.golden(in: dir)
        try "the previous report\n".write(
            to: dir.appendingPathComponent("report.json"), atomically: false, encoding: .utf8)
        let process = Process()
        process.executableURL = CLI.executable
        // --files-from - with standard input left open: the audit waits for its list, with its
        // report files already created.
        process.arguments =
            ["audit", "--files-from", "-", "--output", "report.json", "--output", "report.sarif"] + AuditCorpus.asOf
        process.currentDirectoryURL = dir
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data("corpus/labs/helios.yaml\n".utf8))
        var temporary: [String] = []
        for _ in 0..<200 {
            temporary = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter {
                $0.hasPrefix(".report.")
            }
            if temporary.count == 2 { break }
            usleep(25_000)
        }
        #expect(temporary.count == 2, "the temporary files exist while the audit runs: \(temporary)")
        process.interrupt()
        for _ in 0..<400 where process.isRunning { usleep(25_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            Issue.record("the audit did not stop within 10 seconds of SIGINT")
        }
        process.waitUntilExit()
        try? input.fileHandleForWriting.close()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 130)
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(left == ["corpus", "report.json"])
        #expect(
            try String(contentsOf: dir.appendingPathComponent("report.json"), encoding: .utf8)
                == "the previous report\n")
    }

    @Test("an unwritable report fails before the walk, with exit code 73 (EX_CANTCREAT)")
    func unwritableOutput() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try AuditCorpus.golden(in: dir)
        let run = try CLI.run(
            ["audit", "corpus", "--output", "missing-folder/r.json"] + AuditCorpus.asOf + AuditCorpus.goldenRules,
            in: dir)
        #expect(run.status == 73)
        #expect(run.stderr.unwrapped == "threshold: cannot write missing-folder/r.json: no such file or directory")
        // --format FMT:FILE names the format explicitly.
        let named = try CLI.run(
            ["audit", "corpus", "--format", "sarif:scan.out", "--allow-invalid"] + AuditCorpus.asOf
                + AuditCorpus.goldenRules, in: dir)
        #expect(named.status == 1)
        let data = try Data(contentsOf: dir.appendingPathComponent("scan.out"))
        #expect((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["version"] as? String == "2.1.0")
    }

    @Test("progress: --progress always draws done/total on standard error; never (and auto on a pipe) does not")
    func progress() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try AuditCorpus.golden(in: dir)
        let always = try CLI.run(
            ["audit", "corpus", "--progress", "always", "--format", "jsonl"] + AuditCorpus.asOf
                + AuditCorpus.goldenRules, in: dir)
        #expect(always.stderr.contains("6/6 100%"))
        #expect(always.stderr.contains("\r"))
        let auto = try CLI.run(
            ["audit", "corpus", "--format", "jsonl"] + AuditCorpus.asOf + AuditCorpus.goldenRules, in: dir)
        #expect(!auto.stderr.contains("6/6"))
        let never = try CLI.run(
            ["audit", "corpus", "--progress", "never", "-q", "--format", "jsonl"] + AuditCorpus.asOf
                + AuditCorpus.goldenRules, in: dir)
        #expect(!never.stderr.contains("6/6"))
        #expect(!never.stderr.contains("threshold audit:"), "--quiet drops the summary")
    }

    // MARK: Inputs named directly, empty audits, patterns, lists

    @Test(
        "a FIFO named directly is read (as check reads it); one met in the walk is still skipped",
        .timeLimit(.minutes(3)))
    func namedFIFO() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try AuditCorpus.golden(in: dir)
        let fifo = dir.appendingPathComponent("corpus/labs/piped.yaml").path
        #expect(mkfifo(fifo, 0o644) == 0)
        // The writer opens the FIFO only once the audit has opened it for reading (a non-blocking
        // open for writing fails until then), however long the audit takes to start on a busy
        // machine, and stops trying once the audit has ended: nothing can hang.
        let ended = NSLock()
        nonisolated(unsafe) var auditEnded = false
        let writer = Thread {
            while !ended.withLock({ auditEnded }) {
                let fd = open(fifo, O_WRONLY | O_NONBLOCK)
                if fd >= 0 {
                    var text = AuditCorpus.blocked
                    text.withUTF8 { _ = write(fd, $0.baseAddress, $0.count) }
                    close(fd)
                    return
                }
                if errno == ENOENT { return }
                usleep(10_000)
            }
        }
        writer.start()
        let named = try CLI.run(
            ["audit", "corpus/labs/piped.yaml", "corpus/labs/helios.yaml", "--format", "jsonl"]
                + AuditCorpus.asOf + AuditCorpus.goldenRules, in: dir)
        ended.withLock { auditEnded = true }
        #expect(named.status == 1, "both profiles are read and fail: \(named.stderr)")
        #expect(try AuditCorpus.profiles(jsonl: named.stdout) == ["corpus/labs/helios.yaml", "corpus/labs/piped.yaml"])
        #expect(named.stdout.contains("\"organization\":\"Blocked Inc\""))
        #expect(!named.stderr.contains("skipped"))

        // In a walk, the FIFO (now without a writer) is not opened.
        let walked = try CLI.run(
            ["audit", "corpus/labs", "--format", "jsonl"] + AuditCorpus.asOf + AuditCorpus.goldenRules, in: dir)
        #expect(
            walked.stderr.contains("warning: corpus/labs/piped.yaml: a FIFO (named pipe); skipped without opening it"))
        #expect(try AuditCorpus.profiles(jsonl: walked.stdout).count == 5)
        try FileManager.default.removeItem(atPath: fifo)
    }

    @Test("one report file named twice in different spellings is a usage error, as an exact repeat is")
    func sameReportTwice() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try AuditCorpus.golden(in: dir)
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("out"), withIntermediateDirectories: true)
        let base = ["audit", "corpus"] + AuditCorpus.asOf + AuditCorpus.goldenRules
        let exact = try CLI.run(base + ["-o", "same.json", "--format", "json:same.json"], in: dir)
        #expect(exact.status == 64)
        #expect(exact.stderr.contains("The report same.json is named twice."))
        for (first, second) in [
            ("./same.json", "same.json"), ("out/../same.json", "same.json"),
            ("out/r.csv", dir.appendingPathComponent("out/r.csv").path),
        ] {
            let run = try CLI.run(base + ["-o", first, "--format", "csv:\(second)"], in: dir)
            #expect(run.status == 64, "\(first) and \(second)")
            #expect(
                run.stderr.unwrapped.contains("The reports \(second) and \(first) are the same file, named twice."),
                "--format is read first")
        }
        #expect(
            !FileManager.default.fileExists(atPath: dir.appendingPathComponent("same.json").path), "nothing is written")
        // Different files in one folder are fine.
        let two = try CLI.run(base + ["-o", "out/r.json", "--format", "csv:./out/r.csv", "--allow-invalid"], in: dir)
        #expect(two.status == 1)
    }

    @Test("an audit that finds no profile is an error (exit 66, EX_NOINPUT), said on standard error even with -q")
    func noProfiles() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try AuditCorpus.golden(in: dir)
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("empty"), withIntermediateDirectories: true)
        let empty = try CLI.run(
            ["audit", "empty", "-q", "--format", "jsonl"] + AuditCorpus.asOf + AuditCorpus.goldenRules, in: dir)
        #expect(empty.status == 66)
        #expect(empty.stdout.isEmpty)
        #expect(empty.stderr == "error: no profiles found under empty (include: *.yaml, *.yml)\n")
        let typo = try CLI.run(
            ["audit", "corpus", "-q", "--include", "*.yamll", "--exclude", "drafts", "--output", "r.sarif"]
                + AuditCorpus.asOf + AuditCorpus.goldenRules, in: dir)
        #expect(typo.status == 66)
        #expect(typo.stderr == "error: no profiles found under corpus (include: *.yamll; exclude: drafts)\n")
        // The report says so too: no results.
        let log = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("r.sarif")))
                as? [String: Any])
        #expect(((log["runs"] as? [[String: Any]])?.first?["results"] as? [Any])?.isEmpty == true)
        let emptyList = try CLI.run(
            ["audit", "--files-from", "-", "-q"] + AuditCorpus.asOf + AuditCorpus.goldenRules, stdin: "\n", in: dir)
        #expect(emptyList.status == 66)
        #expect(emptyList.stderr.contains("error: no profiles found: the list on standard input names no paths"))
    }

    @Test("brace globs: '*.{yml,yaml}' matches either; an unbalanced brace is a usage error")
    func braceGlobs() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try AuditCorpus.golden(in: dir)
        let both = try CLI.run(
            [
                "audit", "corpus/labs", "--include", "*.{yml,yaml}", "--exclude", "{helios,blocked}.yaml", "--format",
                "jsonl",
            ]
                + AuditCorpus.asOf + AuditCorpus.goldenRules, in: dir)
        #expect(
            try AuditCorpus.profiles(jsonl: both.stdout) == [
                "corpus/labs/compliant.yaml", "corpus/labs/nested/quiet.yaml", "corpus/labs/small.yml",
            ])
        for (option, pattern) in [("--include", "*.{yml,yaml"), ("--exclude", "drafts}")] {
            let run = try CLI.run(
                ["audit", "corpus", option, pattern] + AuditCorpus.asOf + AuditCorpus.goldenRules, in: dir)
            #expect(run.status == 64)
            #expect(run.stderr.contains("\(option) '\(pattern)': a '"))
        }
    }

    @Test("--files-from reads at most 64 MiB: a larger list is refused without being read whole")
    func filesFromLimit() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A sparse file one byte over the limit (`/dev/zero` is the endless case of the same read).
        let list = dir.appendingPathComponent("list.txt")
        #expect(FileManager.default.createFile(atPath: list.path, contents: nil))
        let handle = try FileHandle(forWritingTo: list)
        try handle.truncate(atOffset: 64 << 20 + 1)
        try handle.close()
        let run = try CLI.run(["audit", "--files-from", "list.txt"] + AuditCorpus.asOf, in: dir)
        #expect(run.status == 2)
        #expect(
            run.stderr == "list.txt:1:1: error: the list of paths is larger than the limit of 67108864 bytes (64 MiB); "
                + "split it over several audits, or name the folders that hold the files\n")
    }

    // MARK: Reports: SARIF limits, CSV on a terminal

    @Test(
        "sarif: more results than GitHub code scanning accepts in a run is warned about, with the count and the limit")
    func sarifResultLimit() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // 125 profiles of 100 models, every model over the threshold: per profile a note for the
        // revenue, and per model a note for the compute and an error for the assessment.
        let models = (0..<100).map {
            "  - {name: m\($0), training_compute: 3e25 FLOP, status: deployed, released: 2026-03-01}\n"
        }.joined()
        var files: [String: String] = [:]
        for index in 0..<125 {
            files["big/p\(index).yaml"] = "organization: {name: Big, ai_revenue: 900M USD}\nmodels:\n" + models
        }
        try AuditCorpus.write(files, under: dir)
        let run = try CLI.run(
            ["audit", "big", "--output", "r.sarif", "--output", "r.json"] + AuditCorpus.asOf + AuditCorpus.goldenRules,
            in: dir)
        #expect(run.status == 1)
        #expect(
            run.stderr.contains(
                "warning: the SARIF report r.sarif holds 25125 results; GitHub code scanning rejects a run of more "
                    + "than 25000"
            ))
        #expect(
            run.stderr.split(separator: "\n").filter { $0.contains("SARIF") }.count == 1,
            "one warning, for the one SARIF report")
        // Counted in the bytes: parsed, 25 MB of JSON would swell this process, and the `ru_maxrss`
        // that the memory test's audits inherit from it when they are spawned.
        let sarif = try Data(contentsOf: dir.appendingPathComponent("r.sarif"))
        let opening = Data(#"{"ruleId":"#.utf8)
        var results = 0, from = sarif.startIndex
        while let found = sarif.range(of: opening, in: from..<sarif.endIndex) {
            results += 1
            from = found.upperBound
        }
        #expect(results == 125 * (1 + 100 * 2))
        // Below the limit: no warning; with -q: none either.
        try AuditCorpus.golden(in: dir)
        #expect(
            !(try CLI.run(
                ["audit", "corpus", "--format", "sarif"] + AuditCorpus.asOf + AuditCorpus.goldenRules, in: dir)).stderr
                .contains("SARIF"))
        #expect(
            !(try CLI.run(
                ["audit", "big", "-q", "--format", "sarif"] + AuditCorpus.asOf + AuditCorpus.goldenRules, in: dir))
                .stderr.contains("SARIF"))
    }

    /// Whether `script(1)` (util-linux) is there to give a run a terminal.
    static let canRunOnTerminal = FileManager.default.isExecutableFile(atPath: "/usr/bin/script")

    @Test(
        "csv: control characters are escaped on a terminal, and written exactly to a pipe",
        .enabled(if: canRunOnTerminal, "needs /usr/bin/script (util-linux) to run the audit on a terminal"))
    func csvOnTerminal() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try AuditCorpus.write(
            [
                "labs/evil.yaml":
                    "organization: {name: \"Evil\\e[31mRed\\a Co\\tTabbed\"}\nmodels:\n  - {name: m, "
                    + "training_compute: 1e22 FLOP}\n"
            ],
            under: dir)
        let arguments = ["audit", "labs", "--format", "csv", "-q"] + AuditCorpus.asOf + AuditCorpus.goldenRules
        let piped = try CLI.run(arguments, in: dir)
        #expect(piped.stdout.contains("Evil\u{1B}[31mRed\u{07} Co\tTabbed"), "a pipe gets the data exactly")
        // script(1) runs the audit on a pseudo-terminal and copies what it shows.
        let command = ([CLI.executable.path] + arguments).map {
            "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }.joined(separator: " ")
        let terminal = try Self.runProcess("/usr/bin/script", ["-q", "-e", "-c", command, "/dev/null"], in: dir)
        #expect(terminal.status == 0)
        #expect(!terminal.stdout.contains("\u{1B}") && !terminal.stdout.contains("\u{07}"))
        #expect(terminal.stdout.contains("Evil\\u{1b}[31mRed\\u{7} Co\tTabbed"))
    }

    // MARK: Unreadable inputs

    /// Whether the audit can be run as an unprivileged user: the tests run as root (which reads
    /// every file whatever its mode), and `setpriv` drops to `nobody`.
    static let canRunUnprivileged = getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")

    @Test(
        "an unreadable file and folder are reported by path, the rest audited; exit 2; SARIF's run not successful",
        .enabled(
            if: canRunUnprivileged,
            "needs root and /usr/bin/setpriv, to run the audit as nobody (root can read a chmod 000 file)"),
        .enabled(
            if: temporaryDirectoryIsReachable,
            "nobody cannot reach the temporary directory (TMPDIR): set it to a folder others can search"))
    func unreadableInputs() throws {
        let dir = try CLI.temporaryDirectory()
        defer {
            chmod(dir.appendingPathComponent("tree/locked").path, 0o755)
            try? FileManager.default.removeItem(at: dir)
        }
        try AuditCorpus.write(
            [
                "tree/ok.yaml": AuditCorpus.compliant, "tree/secret.yaml": AuditCorpus.helios,
                "tree/locked/hidden-away.yaml": AuditCorpus.helios,
            ], under: dir)
        for (path, mode) in [
            ("", 0o755), ("tree", 0o755), ("tree/ok.yaml", 0o644), ("tree/locked/hidden-away.yaml", 0o644),
            ("tree/secret.yaml", 0o000), ("tree/locked", 0o000),
        ] as [(String, mode_t)] {
            #expect(chmod(dir.appendingPathComponent(path).path, mode) == 0)
        }
        // `nobody` cannot reach a checkout in a private directory (root's home is mode 700): the
        // executable and the pack it reads are staged in the test's own directory.
        try Self.stageForNobody(in: dir)
        let rules = ["--no-builtin", "--rules", "staged/audit-pack.yaml"]
        let jsonl = try runUnprivileged(["audit", "tree", "--format", "jsonl"] + AuditCorpus.asOf + rules, in: dir)
        #expect(jsonl.status == 2)
        #expect(try AuditCorpus.profiles(jsonl: jsonl.stdout) == ["tree/ok.yaml", "tree/secret.yaml"])
        #expect(jsonl.stderr.contains("error: tree/locked: cannot list the directory: permission denied"))
        #expect(jsonl.stderr.contains("tree/secret.yaml:1:1: error: cannot open the file: permission denied"))
        #expect(jsonl.stderr.contains("1 valid, 1 invalid"))

        let sarif = try runUnprivileged(["audit", "tree", "--format", "sarif"] + AuditCorpus.asOf + rules, in: dir)
        #expect(sarif.status == 2)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        let invocation = try #require(
            ((log["runs"] as? [[String: Any]])?.first?["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == false)
        let notification = try #require((invocation["toolExecutionNotifications"] as? [[String: Any]])?.first)
        #expect(notification["level"] as? String == "error")
        #expect((notification["descriptor"] as? [String: Any])?["id"] as? String == "unreadable-directory")
    }

    /// Whether `nobody` can reach the temporary directory: every folder on its path must be
    /// searchable by others (a `TMPDIR` inside root's home is not).
    static let temporaryDirectoryIsReachable: Bool = {
        var url = FileManager.default.temporaryDirectory.resolvingSymlinksInPath()
        while true {
            var info = stat()
            guard stat(url.path, &info) == 0, info.st_mode & 0o001 != 0 else { return false }
            if url.path == "/" { return true }
            url.deleteLastPathComponent()
        }
    }()

    /// Copies the `threshold` executable and the golden pack into `directory/staged` (mode 755), so
    /// that `nobody` can run and read them wherever the checkout lives.
    static func stageForNobody(in directory: URL) throws {
        let staged = directory.appendingPathComponent("staged")
        try FileManager.default.createDirectory(at: staged, withIntermediateDirectories: true)
        let executable = staged.appendingPathComponent("threshold")
        try FileManager.default.copyItem(at: CLI.executable.resolvingSymlinksInPath(), to: executable)
        try FileManager.default.copyItem(
            at: URL(fileURLWithPath: AuditCorpus.goldenPack), to: staged.appendingPathComponent("audit-pack.yaml"))
        for (url, mode) in [
            (staged, 0o755), (executable, 0o755), (staged.appendingPathComponent("audit-pack.yaml"), 0o644),
        ] as [(URL, mode_t)] {
            #expect(chmod(url.path, mode) == 0)
        }
    }

    /// Runs the staged `threshold ARGS` (see ``stageForNobody(in:)``) as `nobody` through `setpriv`.
    func runUnprivileged(_ arguments: [String], in directory: URL) throws -> CLI.Result {
        let executable = directory.appendingPathComponent("staged/threshold").path
        return try Self.runProcess(
            "/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", executable] + arguments,
            in: directory)
    }

    /// Runs a program (one that runs `threshold`) with standard input empty; standard output and
    /// error go to files, so that a full pipe cannot stall it.
    static func runProcess(_ executable: String, _ arguments: [String], in directory: URL) throws -> CLI.Result {
        let outputs = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: outputs) }
        let out = outputs.appendingPathComponent("stdout"), err = outputs.appendingPathComponent("stderr")
        #expect(
            FileManager.default.createFile(atPath: out.path, contents: nil)
                && FileManager.default.createFile(atPath: err.path, contents: nil))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ["PATH": "/usr/bin:/bin", "NO_COLOR": "1", "TERM": "xterm"]
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return CLI.Result(
            status: process.terminationStatus, stdout: try String(contentsOf: out, encoding: .utf8),
            stderr: try String(contentsOf: err, encoding: .utf8))
    }
}

/// The file extensions of every format.
enum ReportFormats {
    static let all = ["txt", "json", "jsonl", "csv", "sarif", "xml", "md"]
}
