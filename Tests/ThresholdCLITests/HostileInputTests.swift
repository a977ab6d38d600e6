import Foundation
import Testing
import ThresholdKit

/// Hostile input through the `threshold` binary: every file here must be refused with exit code 2
/// and a short, escaped `path:line:column` diagnostic — never a crash, a hang, a flood of output or
/// raw terminal escapes — and an audit of a folder that holds them all still audits the valid
/// profiles beside them. Inputs are generated in a temporary folder; none is stored.
@Suite("hostile input") struct HostileInputTests {
    static let escape = "\u{1B}"

    /// The classic "billion laughs" as a profile: nine levels of nine aliases, 9^9 strings expanded.
    static let billionLaughs: String = {
        var text = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for (previous, name) in zip(names, names.dropFirst()) {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
        }
        return text
    }()

    static let valid = """
        organization: {name: Valid Lab, ai_revenue: 900M USD}
        models:
          - {name: v-1, training_compute: 3e25 FLOP}

        """
    static let validToo = """
        organization: {name: Second Valid Lab}
        models:
          - {name: w-1, training_compute: 1e22 FLOP}

        """
    /// A profile whose names hold terminal escapes (quoted, so that they are valid YAML): an
    /// OSC that would retitle the window and a CSI that would clear the screen.
    static let escapesInNames = """
        organization: {name: "Evil \\e]0;pwned\\u0007 Lab \\e[2J"}
        models:
          - {name: "m\\e[31m-red", training_compute: 3e25 FLOP}

        """
    /// An unknown key that holds terminal escapes, and a name that does too.
    static let escapeInUnknownKey = """
        organization: {name: "Lab \\e[2J", "colour\\e[31m": red}

        """

    /// The hostile files, by name. `dir.yaml` is made a folder separately.
    static func hostileFiles() -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        files["laughs.yaml"] = Array(billionLaughs.utf8)
        files["deep-flow.yaml"] = Array(
            (String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n").utf8)
        files["deep-block.yaml"] = Array((String(repeating: "- ", count: 10_000) + "x\n").utf8)
        files["invalid-utf8.yaml"] = Array("organization: {name: ".utf8) + [0xFF, 0xFE] + Array(" Lab}\n".utf8)
        files["nul.yaml"] = Array("organization:".utf8) + [0x00] + Array(" {name: Lab}\n".utf8)
        files["raw-escape.yaml"] = Array("organization: {name: Lab ".utf8) + [0x1B] + Array("[2J}\n".utf8)
        files["empty.yaml"] = []
        files["dashes.yaml"] = Array("---\n".utf8)
        files["escape-key.yaml"] = Array(escapeInUnknownKey.utf8)
        return files
    }

    static func write(_ bytes: [UInt8], to url: URL) throws {
        try Data(bytes).write(to: url)
    }

    /// Checks a refusal: exit 2, `name:line:column: error:` on standard error, short, no raw ESC.
    static func expectRefused(
        _ run: CLI.Result, file name: String, containing phrase: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(
            run.status == 2, "exit \(run.status) for \(name): \(run.stderr.prefix(400))", sourceLocation: sourceLocation
        )
        let pattern = try! Regex("\(NSRegularExpression.escapedPattern(for: name)):[0-9]+:[0-9]+: error: ")
        #expect(
            run.stderr.contains(pattern), "no path:line:column for \(name): \(run.stderr.prefix(400))",
            sourceLocation: sourceLocation)
        #expect(
            run.stderr.contains(phrase), "'\(phrase)' not in: \(run.stderr.prefix(600))", sourceLocation: sourceLocation
        )
        #expect(
            !run.stderr.contains(escape) && !run.stdout.contains(escape), "a raw ESC in the output for \(name)",
            sourceLocation: sourceLocation)
        #expect(
            run.stderr.utf8.count < 2_000, "\(run.stderr.utf8.count) bytes of diagnostics for \(name)",
            sourceLocation: sourceLocation)
    }

    // MARK: Limits

    @Test("a billion laughs: refused in under 100 ms (timed in the library), exit 2 naming --max-alias-expansion")
    func billionLaughs() throws {
        let bytes = Array(Self.billionLaughs.utf8)
        func load() -> (YAMLError?, Duration) {
            var caught: YAMLError?
            let elapsed = ContinuousClock().measure {
                do { _ = try LabProfile(bytes: bytes, path: "laughs.yaml") } catch { caught = error as? YAMLError }
            }
            return (caught, elapsed)
        }
        _ = load()  // warm up: the first call pays for one-time initialisation
        // The best of three, so that a busy machine's scheduling does not fail the test.
        let runs = (0..<3).map { _ in load() }
        let fastest = runs.map(\.1).min()!
        #expect(runs.allSatisfy { $0.0?.kind == .limit })
        #expect(fastest < .milliseconds(100), "refusing a billion laughs took \(fastest)")

        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.write(bytes, to: dir.appendingPathComponent("laughs.yaml"))
        let run = try CLI.run(["check", "laughs.yaml"], in: dir)
        Self.expectRefused(
            run, file: "laughs.yaml",
            containing:
                "laughs.yaml:6:8: error: aliases expand to more than the limit of 100000 nodes (raise it with "
                + "--max-alias-expansion)"
        )
    }

    @Test("10,000-deep nesting, in flow and in block style: exit 2 naming --max-depth")
    func deepNesting() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = Self.hostileFiles()
        for name in ["deep-flow.yaml", "deep-block.yaml"] {
            try Self.write(files[name]!, to: dir.appendingPathComponent(name))
            let run = try CLI.run(["check", name], in: dir)
            Self.expectRefused(
                run, file: name,
                containing: "nesting is deeper than the limit of 256 levels (raise it with --max-depth)")
        }
    }

    @Test(
        "a 20 MB scalar: exit 2 naming --max-file-size, then --max-scalar-length once that limit is raised; excerpt cut"
    )
    func hugeScalar() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var bytes = Array("organization: {name: ".utf8)
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "a"), count: 20 << 20))
        bytes.append(contentsOf: Array("}\n".utf8))
        try Self.write(bytes, to: dir.appendingPathComponent("huge.yaml"))
        let run = try CLI.run(["check", "huge.yaml"], in: dir)
        Self.expectRefused(run, file: "huge.yaml", containing: "--max-file-size")
        let raised = try CLI.run(["check", "huge.yaml", "--max-file-size", "30000000"], in: dir)
        Self.expectRefused(
            raised, file: "huge.yaml",
            containing: "is longer than the limit of 1048576 bytes (raise it with --max-scalar-length)")
        #expect(raised.stderr.contains("…"), "the 20 MB line is cut in the excerpt")
    }

    // MARK: Broken files

    @Test("invalid UTF-8, a NUL byte and a raw ESC: exit 2 at the byte, shown escaped")
    func brokenBytes() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = Self.hostileFiles()
        let expected = [
            ("invalid-utf8.yaml", "invalid-utf8.yaml:1:22: error: invalid leading UTF-8 octet (byte 0xFF)"),
            ("nul.yaml", "nul.yaml:1:14: error: control characters are not allowed (#x0)"),
            ("raw-escape.yaml", "raw-escape.yaml:1:26: error: control characters are not allowed (#x1B)"),
        ]
        for (name, phrase) in expected {
            try Self.write(files[name]!, to: dir.appendingPathComponent(name))
            let run = try CLI.run(["check", name], in: dir)
            Self.expectRefused(run, file: name, containing: phrase)
        }
        // The excerpt shows the offending characters as escapes.
        let nul = try CLI.run(["check", "nul.yaml"], in: dir)
        #expect(nul.stderr.contains("organization:\\u{0} {name: Lab}"))
        let esc = try CLI.run(["check", "raw-escape.yaml"], in: dir)
        #expect(esc.stderr.contains("organization: {name: Lab \\u{1B}[2J}"))
    }

    @Test(
        "an empty file or a lone '---': exit 2 with a position; a folder: exit 66, no position, the command reading one"
    )
    func emptyAndNotAFile() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = Self.hostileFiles()
        try Self.write(files["empty.yaml"]!, to: dir.appendingPathComponent("empty.yaml"))
        try Self.write(files["dashes.yaml"]!, to: dir.appendingPathComponent("dashes.yaml"))
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("dir.yaml"), withIntermediateDirectories: true)
        Self.expectRefused(
            try CLI.run(["check", "empty.yaml"], in: dir), file: "empty.yaml",
            containing: "empty.yaml:1:1: error: the stream is empty: expected a YAML document")
        Self.expectRefused(
            try CLI.run(["check", "dashes.yaml"], in: dir), file: "dashes.yaml",
            containing: "expected a lab profile (a mapping with 'organization', 'models', …), found null")
        let folder = try CLI.run(["check", "dir.yaml"], in: dir)
        #expect(folder.status == 66)
        #expect(folder.stdout.isEmpty)
        #expect(
            folder.stderr.unwrapped
                == "threshold: dir.yaml: is a directory; to check every profile under it, run: threshold audit dir.yaml"
        )
    }

    // MARK: Terminal escapes

    @Test("terminal escapes in an unknown key and a name: the diagnostic shows them escaped")
    func escapesInDiagnostics() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.write(Array(Self.escapeInUnknownKey.utf8), to: dir.appendingPathComponent("escape-key.yaml"))
        let run = try CLI.run(["check", "escape-key.yaml"], in: dir)
        Self.expectRefused(run, file: "escape-key.yaml", containing: "organization: unknown key 'colour\\u{1B}[31m'")
        for format in ["json", "jsonl", "csv", "sarif", "junit", "markdown"] {
            let other = try CLI.run(["check", "escape-key.yaml", "--format", format], in: dir)
            #expect(other.status == 2)
            #expect(
                !other.stderr.contains(Self.escape) && !other.stdout.contains(Self.escape),
                "a raw ESC with --format \(format)")
        }
    }

    @Test("terminal escapes in the names of a valid profile: every report shows them escaped")
    func escapesInReports() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.write(Array(Self.escapesInNames.utf8), to: dir.appendingPathComponent("names.yaml"))
        // Not csv: it carries values exactly as written, by design (see CSVReporter); JSON, SARIF and
        // JUnit escape control characters in their own syntax.
        for format in ["text", "json", "jsonl", "sarif", "junit", "markdown"] {
            let run = try CLI.run(
                ["check", "names.yaml", "--format", format, "--explain", "--as-of", "2027-01-01"], in: dir)
            #expect(
                run.status == 0 || run.status == 1,
                "exit \(run.status) with --format \(format): \(run.stderr.prefix(300))")
            #expect(
                !run.stdout.contains(Self.escape) && !run.stderr.contains(Self.escape),
                "a raw ESC with --format \(format)")
            #expect(!run.stdout.contains("\u{7}"), "a raw BEL with --format \(format)")
        }
        let text = try CLI.run(["check", "names.yaml", "--explain", "--as-of", "2027-01-01"], in: dir)
        #expect(text.stdout.contains("Evil \\u{1B}]0;pwned\\u{7} Lab \\u{1B}[2J"))
        #expect(text.stdout.contains("model:m\\u{1B}[31m-red"))
        let audit = try CLI.run(["audit", ".", "--format", "text", "--as-of", "2027-01-01"], in: dir)
        #expect(
            !audit.stdout.contains(Self.escape) && !audit.stderr.contains(Self.escape), "a raw ESC in the audit table")
        let markdown = try CLI.run(["audit", ".", "--format", "markdown", "--as-of", "2027-01-01"], in: dir)
        #expect(!markdown.stdout.contains(Self.escape), "a raw ESC in the audit's Markdown")
    }

    @Test("file names with terminal escapes: an invalid profile, a FIFO and a dangling link are reported escaped")
    func escapesInFileNames() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let tree = dir.appendingPathComponent("tree")
        try FileManager.default.createDirectory(at: tree, withIntermediateDirectories: true)
        try Self.write(Array(Self.escapeInUnknownKey.utf8), to: tree.appendingPathComponent("bad\u{1B}[2J.yaml"))
        try Self.write(Array(Self.valid.utf8), to: tree.appendingPathComponent("ok\u{1B}]0;x\u{7}.yaml"))
        #expect(mkfifo(tree.appendingPathComponent("pipe\u{1B}[31m.yaml").path, 0o644) == 0)
        try FileManager.default.createSymbolicLink(
            atPath: tree.appendingPathComponent("link\u{1B}[5m.yaml").path, withDestinationPath: "nowhere")
        for format in ["text", "jsonl", "markdown", "json"] {
            let run = try CLI.run(["audit", "tree", "--format", format, "--as-of", "2027-01-01"], in: dir)
            #expect(run.status == 2, "exit \(run.status) with --format \(format)")
            #expect(
                !run.stdout.contains(Self.escape) && !run.stderr.contains(Self.escape),
                "a raw ESC with --format \(format)")
            #expect(!run.stdout.contains("\u{7}") && !run.stderr.contains("\u{7}"), "a raw BEL with --format \(format)")
        }
        let check = try CLI.run(["check", "tree/bad\u{1B}[2J.yaml"], in: dir)
        Self.expectRefused(check, file: "tree/bad\\u{1B}[2J.yaml", containing: "unknown key 'colour\\u{1B}[31m'")
    }

    // MARK: An audit of all of them

    @Test("an audit of a folder holding every hostile file and two valid profiles audits the valid ones")
    func auditSurvives() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let tree = dir.appendingPathComponent("tree")
        try FileManager.default.createDirectory(at: tree, withIntermediateDirectories: true)
        for (name, bytes) in Self.hostileFiles() { try Self.write(bytes, to: tree.appendingPathComponent(name)) }
        var huge = Array("organization: {name: ".utf8)
        huge.append(contentsOf: repeatElement(UInt8(ascii: "a"), count: 20 << 20))
        try Self.write(huge + Array("}\n".utf8), to: tree.appendingPathComponent("huge.yaml"))
        try Self.write(Array(Self.escapesInNames.utf8), to: tree.appendingPathComponent("names.yaml"))
        try FileManager.default.createDirectory(
            at: tree.appendingPathComponent("dir.yaml"), withIntermediateDirectories: true)
        try Self.write(Array(Self.valid.utf8), to: tree.appendingPathComponent("valid.yaml"))
        try Self.write(Array(Self.validToo.utf8), to: tree.appendingPathComponent("valid-too.yml"))

        let run = try CLI.run(["audit", "tree", "--format", "jsonl", "--as-of", "2027-01-01", "--jobs", "2"], in: dir)
        #expect(run.status == 2, "invalid files make the exit code 2: \(run.stderr.prefix(500))")
        #expect(!run.stdout.contains(Self.escape) && !run.stderr.contains(Self.escape))
        var verdicts: [String: [String: Any]] = [:]
        for line in run.stdout.split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            verdicts[URL(fileURLWithPath: object["profile"] as? String ?? "").lastPathComponent] = object
        }
        let expectedInvalid = Self.hostileFiles().keys.sorted() + ["huge.yaml"]
        for name in expectedInvalid {
            let errors = verdicts[name]?["errors"] as? [[String: Any]] ?? []
            #expect(!errors.isEmpty, "\(name) is reported invalid")
        }
        for (name, organization) in [("valid.yaml", "Valid Lab"), ("valid-too.yml", "Second Valid Lab")] {
            let verdict = try #require(verdicts[name], "no verdict for \(name)")
            #expect(verdict["organization"] as? String == organization)
            #expect((verdict["errors"] as? [Any])?.isEmpty == true)
            #expect(((verdict["packs"] as? [Any])?.count ?? 0) > 0, "\(name) was evaluated against the packs")
        }
        // Each invalid file has its diagnostic on standard error, in the order of the paths.
        for name in expectedInvalid {
            #expect(run.stderr.contains("tree/\(name):"), "no diagnostic for \(name)")
        }
        #expect(run.stderr.utf8.count < 20_000, "\(run.stderr.utf8.count) bytes of diagnostics")
    }

    // MARK: Files

    @Test("--output never truncates an existing report when the run fails; nothing is left beside it")
    func outputKeptOnFailure() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.write(Array(Self.valid.utf8), to: dir.appendingPathComponent("labs/valid.yaml").creatingParent())
        try Self.write(Array("pack: [broken\n".utf8), to: dir.appendingPathComponent("broken-rules.yaml"))
        let old = "the previous report\n"
        for name in ["report.json", "report.md", "report.jsonl"] {
            try old.write(to: dir.appendingPathComponent(name), atomically: false, encoding: .utf8)
        }
        let before = try Self.listing(dir)
        // An invalid rules file: exit 2 before anything is written.
        let badRules = try CLI.run(
            ["audit", "labs", "--rules", "broken-rules.yaml", "--output", "report.json", "--output", "report.md"],
            in: dir)
        #expect(badRules.status == 2)
        #expect(badRules.stderr.contains("broken-rules.yaml:"))
        // An unwritable second report: the first is not written either.
        let unwritable = try CLI.run(
            ["audit", "labs", "--output", "report.jsonl", "--output", "missing/r.json"], in: dir)
        #expect(unwritable.status == 73)
        // A hostile rules file (a billion laughs).
        try Self.write(Array(Self.billionLaughs.utf8), to: dir.appendingPathComponent("laughs-rules.yaml"))
        let laughs = try CLI.run(["audit", "labs", "--rules", "laughs-rules.yaml", "--output", "report.json"], in: dir)
        #expect(laughs.status == 2)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("laughs-rules.yaml"))
        #expect(try Self.listing(dir) == before, "no file was added, removed or changed")
        for name in ["report.json", "report.md", "report.jsonl"] {
            #expect(try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8) == old)
        }
    }

    @Test("an audit writes nothing inside the audited tree and leaves its files as they were")
    func auditTreeUntouched() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let tree = dir.appendingPathComponent("tree")
        try Self.write(Array(Self.valid.utf8), to: tree.appendingPathComponent("labs/valid.yaml").creatingParent())
        try Self.write(
            Array(Self.validToo.utf8), to: tree.appendingPathComponent("labs/nested/valid-too.yaml").creatingParent())
        try Self.write(Array(Self.escapeInUnknownKey.utf8), to: tree.appendingPathComponent("bad.yaml"))
        // Read-only inputs (the audit opens them O_RDONLY; as root, the mode alone would not stop a write).
        for path in ["labs/valid.yaml", "labs/nested/valid-too.yaml", "bad.yaml"] {
            try FileManager.default.setAttributes(
                [.posixPermissions: 0o444], ofItemAtPath: tree.appendingPathComponent(path).path)
        }
        let before = try Self.listing(tree)
        let run = try CLI.run(
            ["audit", "tree", "--output", "out/report.json", "--output", "out/report.csv", "--format", "jsonl"],
            in: dir.creatingDirectory("out"))
        #expect(run.status == 2)
        #expect(try Self.listing(tree) == before, "the audited tree is exactly as it was")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/report.json").path))
    }

    @Test("Ctrl-C during a large audit leaves no temporary file and the old report whole")
    func interruptLargeAudit() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let tree = dir.appendingPathComponent("tree")
        try FileManager.default.createDirectory(at: tree, withIntermediateDirectories: true)
        for index in 0..<3_000 {
            let text =
                "organization: {name: Lab \(index), ai_revenue: \(index)M USD}\nmodels:\n  - {name: m, "
                + "training_compute: \(index)e22 FLOP}\n"
            try Self.write(Array(text.utf8), to: tree.appendingPathComponent("lab-\(index).yaml"))
        }
        let old = "the previous report\n"
        // Several rounds, each interrupted the moment the first temporary file appears — while the
        // second is being created, the window in which a cleanup can miss a file.
        for round in 0..<12 {
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) where name != "tree" {
                try FileManager.default.removeItem(at: dir.appendingPathComponent(name))
            }
            try old.write(to: dir.appendingPathComponent("report.json"), atomically: false, encoding: .utf8)
            let process = Process()
            process.executableURL = CLI.executable
            process.arguments = [
                "audit", "tree", "--jobs", "1", "--output", "report.json", "--output", "report.csv", "--format",
                "jsonl",
            ]
            process.currentDirectoryURL = dir
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Interrupt as soon as a temporary file exists (or the audit has finished).
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline {
                let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
                if names.contains(where: { $0.hasPrefix(".report.") }) || !process.isRunning { break }
                usleep(round.isMultiple(of: 2) ? 100 : 5_000)
            }
            process.interrupt()
            process.waitUntilExit()
            let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
            #expect(!left.contains { $0.hasPrefix(".") }, "round \(round): temporary files left: \(left)")
            if left.contains("report.csv") {
                // The audit finished before the signal: then both reports are complete.
                #expect(left == ["report.csv", "report.json", "tree"])
                let data = try Data(contentsOf: dir.appendingPathComponent("report.json"))
                #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "a complete JSON report")
            } else {
                let reason = process.terminationReason == .exit ? "exit" : "signal"
                #expect(
                    process.terminationReason == .exit && process.terminationStatus == 130,
                    "round \(round) interrupted: exit \(process.terminationStatus) (\(reason))")
                #expect(left == ["report.json", "tree"], "round \(round)")
                #expect(try String(contentsOf: dir.appendingPathComponent("report.json"), encoding: .utf8) == old)
            }
            if left.contains(where: { $0.hasPrefix(".") }) { break }
        }
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: tree.path).count == 3_000,
            "nothing written into the tree")
    }

    // MARK: The YAML test suite

    static let suite = ProcessInfo.processInfo.environment["THRESHOLD_YAML_TEST_SUITE"]

    @Test(
        "every YAML test suite case through `threshold check`: no crash, no hang, exit 2 for what is not a profile",
        .enabled(if: suite != nil, "THRESHOLD_YAML_TEST_SUITE is not set"), .timeLimit(.minutes(3)))
    func yamlTestSuite() throws {
        let root = URL(fileURLWithPath: try #require(Self.suite))
        var files: [String] = []
        let enumerator = try #require(FileManager.default.enumerator(atPath: root.path))
        for case let path as String in enumerator where path.hasSuffix("/in.yaml") || path == "in.yaml" {
            files.append(root.appendingPathComponent(path).path)
        }
        files.sort()
        try #require(files.count > 300, "expected the suite's 400-odd in.yaml files at \(root.path)")
        // A few launches of `threshold check f1 f2 …`, a JSON line per file.
        let batch = 120
        var lines = 0
        for start in stride(from: 0, to: files.count, by: batch) {
            let chunk = Array(files[start..<min(start + batch, files.count)])
            let process = Process()
            process.executableURL = CLI.executable
            process.arguments = ["check", "--format", "jsonl", "--as-of", "2027-01-01"] + chunk
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let (outData, errData) = CLI.drain(out, err)
            process.waitUntilExit()
            #expect(
                process.terminationReason == .exit,
                "a crash in files \(start)..<\(start + chunk.count): signal \(process.terminationStatus)")
            #expect([0, 1, 2].contains(process.terminationStatus), "exit \(process.terminationStatus)")
            let produced = String(decoding: outData, as: UTF8.self).split(separator: "\n")
            #expect(produced.count == chunk.count, "a verdict per file: \(produced.count) of \(chunk.count)")
            lines += produced.count
            let stderr = String(decoding: errData, as: UTF8.self)
            #expect(!stderr.contains(Self.escape), "a raw ESC in the diagnostics")
            #expect(!stderr.contains("Fatal error"), "\(stderr.prefix(500))")
        }
        #expect(lines == files.count)
    }

    // MARK: Helpers

    /// Every file and folder under `root` (hidden ones included) with its size, mode and
    /// modification time.
    static func listing(_ root: URL) throws -> [String] {
        var out: [String] = []
        let enumerator = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil))
        for case let url as URL in enumerator {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            let relative = String(url.path.dropFirst(root.path.count))
            out.append(
                "\(relative) \(attributes[.size] ?? 0) \(attributes[.posixPermissions] ?? 0) "
                    + "\(attributes[.modificationDate] ?? "")"
            )
        }
        return out.sorted()
    }
}

extension URL {
    /// The URL, after creating its parent folder.
    fileprivate func creatingParent() throws -> URL {
        try FileManager.default.createDirectory(at: deletingLastPathComponent(), withIntermediateDirectories: true)
        return self
    }

    /// A folder below this one, created; returns this URL (to run a command in it).
    fileprivate func creatingDirectory(_ name: String) throws -> URL {
        try FileManager.default.createDirectory(at: appendingPathComponent(name), withIntermediateDirectories: true)
        return self
    }
}
