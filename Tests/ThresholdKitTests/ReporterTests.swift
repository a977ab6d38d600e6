import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import ThresholdKit

/// A fixed pack and profiles for the reporter and auditor tests.
enum ReporterFixtures {
    static let pack = """
        pack: fixture-pack
        title: A fixture pack
        status: enacted
        jurisdiction: none
        effective: 2026-01-01
        sources:
          - {id: statute, title: The Fixture Statute, url: "https://example.org/statute"}
        thresholds:
          - {id: big-compute, subject: model, fact: training_compute, greater_than: 1e25 FLOP, cite: statute, citation: § 1}
          - {id: big-revenue, subject: organization, fact: ai_revenue, greater_than: 500M USD, cite: statute, citation: § 2}
        obligations:
          - {id: assessment, title: Independent assessment, kind: third-party-assessment, per: model,
             when: {any: [big-compute, big-revenue]}, due: before-deployment, cite: statute, citation: § 3}
          - {id: report, title: Annual report, kind: report, per: organization, when: big-revenue, cite: statute}

        """
    static let helios = """
        organization: {name: Helios AI Labs, ai_revenue: 620M USD}
        models:
          - {name: helios-4, training_compute: 3.2e25 FLOP, status: deployed, released: 2026-03-01}

        """
    static let quiet = """
        organization: {name: Quiet Lab}
        models:
          - {name: q, training_compute: 1e22 FLOP, status: deployed, released: 2026-03-01}

        """
    static let bad = """
        organization: {name: Bad}
        models:
          - {name: b, training_compute: 3.2e25 FLOPS}

        """
    static let asOf = CalendarDate("2026-11-29")!

    static func book() throws -> RuleBook { try RuleBook(yaml: pack, path: "fixture-pack.yaml") }

    static func verdict(_ yaml: String, path: String) throws -> Verdict {
        let book = try book()
        do {
            return book.evaluate(try LabProfile(yaml: yaml, path: path), asOf: asOf)
        } catch let error as YAMLError {
            return Verdict(profile: path, organization: nil, asOf: asOf, packs: [], errors: [error])
        }
    }

    static func context() throws -> ReportContext {
        ReportContext(book: try book(), asOf: asOf, profileColumnWidth: 20)
    }

    /// Renders verdicts with a format's reporter.
    static func render(_ format: ReportFormat, _ verdicts: [Verdict], context: ReportContext? = nil) throws -> String {
        let context = try context ?? Self.context()
        var reporter = format.makeReporter(context: context)
        var summary = AuditSummary(book: context.book, asOf: asOf, failurePolicy: context.failurePolicy)
        var out = ""
        reporter.begin(into: &out)
        for verdict in verdicts {
            summary.add(verdict)
            reporter.add(verdict, into: &out)
        }
        reporter.end(summary, into: &out)
        return out
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("threshold-reporter-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ text: String, _ path: String, in root: URL) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: false, encoding: .utf8)
    }
}

@Suite("Glob patterns")
struct AuditGlobTests {
    @Test("fnmatch-style matching", arguments: [
        ("*.yaml", "helios.yaml", true), ("*.yaml", "helios.yml", false), ("*.y?ml", "a.yaml", true),
        ("*.yaml", ".hidden.yaml", true), ("lab-[0-9].yaml", "lab-7.yaml", true), ("lab-[!0-9].yaml", "lab-7.yaml", false),
        ("lab-[^0-9].yaml", "lab-x.yaml", true), ("[abc]", "b", true), ("[]]", "]", true), ("[a-", "[a-", true),
        ("\\*.yaml", "*.yaml", true), ("\\*.yaml", "a.yaml", false), ("*", "", true), ("?", "", false),
        ("draft*", "drafts", true), ("*.YAML", "a.yaml", false), ("é?.yaml", "éa.yaml", true),
    ])
    func names(pattern: String, name: String, expected: Bool) {
        #expect(Glob(pattern).matches(name) == expected)
    }

    @Test("paths: '*' stays within a folder, '**' spans any number of them", arguments: [
        ("labs/*.yaml", "labs/a.yaml", true), ("labs/*.yaml", "labs/x/a.yaml", false),
        ("labs/**/*.yaml", "labs/a.yaml", true), ("labs/**/*.yaml", "labs/x/y/a.yaml", true),
        ("**/a.yaml", "a.yaml", true), ("**/a.yaml", "x/y/a.yaml", true), ("labs/**", "labs/x/y", true),
        ("labs/**", "other/x", false), ("**", "any/thing/at/all", true), ("a**b", "axxb", true), ("a**b", "ax/b", false),
    ])
    func paths(pattern: String, path: String, expected: Bool) {
        #expect(Glob(pattern).matches(path) == expected)
    }

    @Test("braces: '{a,b}' matches either alternative; groups nest; escaped and bracketed braces are characters", arguments: [
        ("*.{yml,yaml}", "a.yml", true), ("*.{yml,yaml}", "a.yaml", true), ("*.{yml,yaml}", "a.json", false),
        ("*.{yml,yaml}", "a.", false), ("{a,b{c,d}}.yaml", "bd.yaml", true), ("{a,b{c,d}}.yaml", "b.yaml", false),
        ("{,x}y", "y", true), ("{,x}y", "xy", true), ("{}", "", true), ("{*.yml,labs/**}", "labs/x/y", true),
        ("\\{a,b}", "{a,b}", true), ("\\{a,b}", "a", false), ("[{]a", "{a", true), ("{[,]x,y}", ",x", true),
        ("lab-{[0-9],x}.yaml", "lab-7.yaml", true), ("lab-{[0-9],x}.yaml", "lab-y.yaml", false),
        // Unbalanced: the brace is an ordinary character.
        ("*.{yml", "a.{yml", true), ("*.{yml", "a.yml", false), ("a}", "a}", true), ("{a,{b}", "{a,b", true),
    ])
    func braces(pattern: String, text: String, expected: Bool) {
        #expect(Glob(pattern).matches(text) == expected)
    }

    @Test("init(validating:) refuses an unbalanced brace and accepts everything else")
    func validating() throws {
        for pattern in ["*.{yml", "a}", "{a,{b}", "{{a}"] {
            #expect(throws: Glob.SyntaxError.self, "\(pattern)") { try Glob(validating: pattern) }
        }
        for pattern in ["*.{yml,yaml}", "\\{", "\\}", "[{]", "[}]", "{a,{b,c}}", "plain", "[a-"] {
            #expect(try Glob(validating: pattern).pattern == pattern)
        }
        let error = try #require(throws: Glob.SyntaxError.self) { try Glob(validating: "*.{yml,yaml") }
        #expect(error.description == "'*.{yml,yaml': a '{' is not closed by a '}' (write '\\{' for the character itself)")
    }

    @Test("hostile patterns neither crash nor take long: deep nesting, many groups")
    func hostileBraces() {
        let deep = String(repeating: "{a,", count: 200) + "b" + String(repeating: "}", count: 200)
        #expect(Glob(deep).matches("b") && Glob(deep).matches("a") && !Glob(deep).matches("ab"))
        let many = String(repeating: "{a,b,}", count: 40)
        #expect(Glob(many).matches(String(repeating: "ab", count: 20)))
        #expect(!Glob(many + "c").matches(String(repeating: "ab", count: 20) + "d"))
        #expect(!Glob(String(repeating: "{", count: 2000)).matches("x"))
    }

    @Test("a pattern without '/' matches the name, with '/' the relative path; a trailing '/' means folders only")
    func scope() {
        #expect(Glob("*.yaml").matches(name: "a.yaml", relativePath: "x/a.yaml"))
        #expect(!Glob("x/*.yaml").matches(name: "a.yaml", relativePath: "y/a.yaml"))
        #expect(Glob("./x/*.yaml").matches(name: "a.yaml", relativePath: "x/a.yaml"))
        #expect(Glob("drafts/").matches(name: "drafts", relativePath: "a/drafts", isDirectory: true))
        #expect(!Glob("drafts/").matches(name: "drafts", relativePath: "a/drafts", isDirectory: false))
    }
}

@Suite("Walking and auditing")
struct AuditorTests {
    @Test("the walker: recursive, sorted by bytes, hidden and excluded skipped, special files noticed, loops detected")
    func walker() throws {
        let dir = try ReporterFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for path in ["a/b.yaml", "a-b.yaml", "a/deep/er/c.yml", "a/.hidden.yaml", ".git/x.yaml", "skip/x.yaml", "a/readme.md"] {
            try ReporterFixtures.write(ReporterFixtures.helios, path, in: dir)
        }
        #expect(mkfifo(dir.appendingPathComponent("a/fifo.yaml").path, 0o600) == 0)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("a/deep/up").path, withDestinationPath: "../..")
        let root = dir.path
        var result = FileWalker(exclude: ["skip/"]).walk([root])
        #expect(result.files == ["\(root)/a-b.yaml", "\(root)/a/b.yaml", "\(root)/a/deep/er/c.yml"])
        #expect(result.notices.map(\.kind) == [.symlinkNotFollowed, .specialFile], "sorted by path: a/deep/up, a/fifo.yaml")
        result = FileWalker(exclude: ["skip/"], followSymlinks: true).walk([root])
        #expect(result.files.count == 3)
        #expect(result.notices.map(\.kind) == [.symlinkLoop, .specialFile])
        #expect(result.notices[0].path == "\(root)/a/deep/up")
        result = FileWalker(includeHidden: true).walk([root])
        #expect(result.files.contains("\(root)/.git/x.yaml") && result.files.contains("\(root)/a/.hidden.yaml") && result.files.contains("\(root)/skip/x.yaml"))
        // A file named directly is taken whatever its name; duplicates are dropped.
        result = FileWalker().walk(["\(root)/a/readme.md", "\(root)/a/readme.md", "\(root)/nothing-here.yaml"])
        #expect(result.files == ["\(root)/a/readme.md", "\(root)/nothing-here.yaml"])
        #expect(result.streams.isEmpty)
    }

    @Test("a FIFO or device named directly is collected and listed as a stream, never opened; one met in the walk is noticed")
    func namedStreams() throws {
        let dir = try ReporterFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try ReporterFixtures.write(ReporterFixtures.helios, "a.yaml", in: dir)
        let fifo = dir.appendingPathComponent("fifo.yaml").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // Opening the FIFO here would block: the walk returning at all shows it was not opened.
        let named = FileWalker().walk([fifo, "/dev/null", dir.appendingPathComponent("a.yaml").path, fifo])
        #expect(named.files == ["/dev/null", dir.appendingPathComponent("a.yaml").path, fifo])
        #expect(named.streams == ["/dev/null", fifo])
        #expect(named.notices.isEmpty)
        let walked = FileWalker().walk([dir.path])
        #expect(walked.files == [dir.appendingPathComponent("a.yaml").path])
        #expect(walked.streams.isEmpty)
        #expect(walked.notices.map(\.kind) == [.specialFile])
    }

    @Test("files that cannot be read become invalid verdicts: missing, a folder named *.yaml, a FIFO (never waited on), too large")
    func unreadable() throws {
        let dir = try ReporterFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("folder.yaml"), withIntermediateDirectories: true)
        #expect(mkfifo(dir.appendingPathComponent("fifo.yaml").path, 0o600) == 0)
        try ReporterFixtures.write(String(repeating: "# padding\n", count: 200), "large.yaml", in: dir)
        var limits = LoadOptions.default
        limits.yaml.maxFileBytes = 1000
        let auditor = Auditor(book: try ReporterFixtures.book(), asOf: ReporterFixtures.asOf, loadOptions: limits, jobs: 1)
        func problem(_ name: String) -> String? {
            let verdict = auditor.verdict(forFileAt: dir.appendingPathComponent(name).path)
            #expect(verdict.isInvalid && verdict.packs.isEmpty)
            #expect(verdict.errors.first?.file == dir.appendingPathComponent(name).path)
            return verdict.errors.first?.message
        }
        #expect(problem("missing.yaml")?.contains("cannot open the file") == true)
        #expect(problem("folder.yaml")?.contains("is a directory") == true)
        #expect(problem("fifo.yaml")?.contains("not a regular file") == true)
        #expect(problem("large.yaml")?.contains("larger than the limit of 1000 bytes") == true)
    }

    static func corpus(_ count: Int, in dir: URL) throws -> [String] {
        let kinds = [ReporterFixtures.helios, ReporterFixtures.quiet, ReporterFixtures.bad]
        var paths: [String] = []
        for index in 0..<count {
            let name = "p\(1000 + index).yaml"
            try ReporterFixtures.write(kinds[index % 3], name, in: dir)
            paths.append(dir.appendingPathComponent(name).path)
        }
        return paths
    }

    @Test("results come in the order of the paths whatever the number of jobs, and equal a sequential run")
    func order() throws {
        let dir = try ReporterFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let paths = try Self.corpus(60, in: dir)
        let book = try ReporterFixtures.book()
        var sequential: [Verdict] = []
        Auditor(book: book, asOf: ReporterFixtures.asOf, jobs: 1).evaluate(paths) { sequential.append($0.verdict) }
        for (jobs, window) in [(2, nil), (4, 3), (3, 1)] as [(Int, Int?)] {
            var indices: [Int] = [], verdicts: [Verdict] = []
            Auditor(book: book, asOf: ReporterFixtures.asOf, jobs: jobs, window: window).evaluate(paths) { result in
                indices.append(result.index)
                #expect(result.path == paths[result.index])
                verdicts.append(result.verdict)
            }
            #expect(indices == Array(0..<60))
            #expect(verdicts == sequential)
        }
        #expect(sequential.filter(\.isInvalid).count == 20)
    }

    @Test("rendering on the workers: each result comes with its own rendering, in order, made off the calling thread")
    func renderOnWorkers() throws {
        let dir = try ReporterFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let paths = try Self.corpus(40, in: dir)
        let book = try ReporterFixtures.book()
        let caller = pthread_self()
        for jobs in [1, 2, 3] {
            var lines: [String] = []
            var offThread = 0
            Auditor(book: book, asOf: ReporterFixtures.asOf, jobs: jobs, window: 2).evaluate(paths, render: { verdict in
                (verdict.jsonLine(), pthread_equal(pthread_self(), caller) == 0)
            }) { result, rendered in
                #expect(rendered.0 == result.verdict.jsonLine(), "the rendering of this result, not another's")
                #expect(result.index == lines.count)
                lines.append(rendered.0)
                if rendered.1 { offThread += 1 }
            }
            #expect(lines.count == 40)
            // One job works on the calling thread; more work only on their own threads.
            #expect(offThread == (jobs == 1 ? 0 : 40), "\(jobs) jobs")
        }
        // Every reporter writes the same bytes from its prerendered text as from the verdict, for
        // a valid and an invalid profile, first and later in the report; the formats that must see
        // the verdicts together prerender nothing.
        let verdicts = [try ReporterFixtures.verdict(ReporterFixtures.helios, path: "labs/helios.yaml"),
                        try ReporterFixtures.verdict(ReporterFixtures.bad, path: "labs/bad.yaml"),
                        try ReporterFixtures.verdict(ReporterFixtures.quiet, path: "labs/quiet.yaml")]
        for color in [false, true] {
            var context = try ReporterFixtures.context()
            context.color = color
            for format in ReportFormat.allCases {
                let texts = verdicts.map { format.reporterType.prerender($0, context: context) }
                switch format {
                case .text, .json, .jsonl, .csv, .markdown: #expect(texts.allSatisfy { $0 != nil }, "\(format)")
                case .sarif, .junit, .html: #expect(texts.allSatisfy { $0 == nil }, "\(format)")
                }
                var fromVerdict = format.makeReporter(context: context)
                var fromText = format.makeReporter(context: context)
                var a = "", b = ""
                fromVerdict.begin(into: &a)
                fromText.begin(into: &b)
                for (verdict, text) in zip(verdicts, texts) {
                    fromVerdict.add(verdict, into: &a)
                    if let text { fromText.add(verdict, prerendered: text, into: &b) } else { fromText.add(verdict, into: &b) }
                }
                let summary = AuditSummary(book: try ReporterFixtures.book(), asOf: ReporterFixtures.asOf, failurePolicy: .unmet)
                fromVerdict.end(summary, into: &a)
                fromText.end(summary, into: &b)
                #expect(a == b, "\(format), colour \(color)")
            }
        }
    }

    @Test("a detached rule book is equal, evaluates alike, and shares no text with the original")
    func detachedBook() throws {
        let book = try RuleBook.builtIn()
        let copy = book.detached()
        #expect(copy.packs == book.packs)
        let root = FuzzRegressionTests.packageRoot.appendingPathComponent("Examples/labs/helios.yaml")
        let profile = try LabProfile(contentsOf: root.path)
        #expect(copy.evaluate(profile, asOf: ReporterFixtures.asOf) == book.evaluate(profile, asOf: ReporterFixtures.asOf))
        func address(_ text: String) -> UnsafeRawPointer? {
            var text = text
            return text.withUTF8 { UnsafeRawPointer($0.baseAddress) }
        }
        var compared = 0
        for (original, detached) in zip(book.packs, copy.packs) {
            var pairs = [(original.title, detached.title)]
            pairs += zip(original.thresholds, detached.thresholds).compactMap { a, b in a.citation.flatMap { x in b.citation.map { (x, $0) } } }
            pairs += zip(original.obligations, detached.obligations).map { ($0.title, $1.title) }
            for (a, b) in pairs where a.utf8.count > 15 {
                #expect(a == b)
                #expect(address(a) != address(b), "\(a) is a copy, not the same storage")
                compared += 1
            }
        }
        #expect(compared > 20)
    }

    @Test("a throwing consumer stops the workers and its error comes back")
    func throwingConsumer() throws {
        struct Stop: Error {}
        let dir = try ReporterFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let paths = try Self.corpus(30, in: dir)
        var seen = 0
        #expect(throws: Stop.self) {
            try Auditor(book: try ReporterFixtures.book(), asOf: ReporterFixtures.asOf, jobs: 2).evaluate(paths) { (_: AuditResult) throws(Stop) in
                seen += 1
                if seen == 5 { throw Stop() }
            }
        }
        #expect(seen == 5)
    }

    @Test("memory is bounded: no more than the window of verdicts waits for a slow consumer")
    func bounded() throws {
        let paths = (0..<200).map { "p\($0).yaml" }
        let verdict = Verdict(profile: nil, organization: nil, asOf: ReporterFixtures.asOf, packs: [])
        let pipeline = Pipeline(paths: paths, window: 4, evaluate: { path in
            var copy = verdict
            copy.profile = path
            return copy
        })
        pipeline.start(workers: 3)
        for index in paths.indices {
            if index % 20 == 0 { usleep(2_000) }
            #expect(pipeline.take(index)?.profile == paths[index])
        }
        pipeline.waitForWorkers()
        #expect(pipeline.peakBufferedCount <= 4)
        #expect(pipeline.peakBufferedCount >= 1)
    }

    @Test("an AsyncSequence of results, in order; breaking out early stops the workers")
    func asyncResults() async throws {
        let dir = try ReporterFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let paths = try Self.corpus(40, in: dir)
        let auditor = Auditor(book: try ReporterFixtures.book(), asOf: ReporterFixtures.asOf, jobs: 3, window: 5)
        var indices: [Int] = []
        for await result in auditor.results(for: paths) {
            indices.append(result.index)
            #expect(result.verdict.profile == paths[result.index])
        }
        #expect(indices == Array(0..<40))
        var count = 0
        for await _ in auditor.results(for: paths) {
            count += 1
            if count == 3 { break }
        }
        #expect(count == 3)
        var empty = 0
        for await _ in auditor.results(for: []) { empty += 1 }
        #expect(empty == 0)
    }

    @Test("the summary counts profiles, invalid ones, failing ones, and per pack those in scope and unmet")
    func summary() throws {
        let book = try ReporterFixtures.book()
        var summary = AuditSummary(book: book, asOf: ReporterFixtures.asOf)
        for (yaml, path) in [(ReporterFixtures.helios, "h.yaml"), (ReporterFixtures.quiet, "q.yaml"), (ReporterFixtures.bad, "b.yaml")] {
            summary.add(try ReporterFixtures.verdict(yaml, path: path))
        }
        summary.add([WalkNotice(path: "x", kind: .unreadableDirectory, message: "cannot list")])
        #expect(summary.profiles == 3 && summary.invalid == 1 && summary.valid == 2 && summary.failing == 1)
        #expect(summary.packs.count == 1)
        #expect(summary.packs[0].inScope == 1 && summary.packs[0].unmet == 1 && summary.packs[0].unmetObligations == 2)
        #expect(summary.packs[0].indeterminate == 1)
        #expect(summary.hasInvalidInput && summary.walkErrors == 1)
    }
}

@Suite("Reporters")
struct ReporterTests {
    static func verdicts() throws -> [Verdict] {
        [try ReporterFixtures.verdict(ReporterFixtures.bad, path: "labs/bad.yaml"),
         try ReporterFixtures.verdict(ReporterFixtures.helios, path: "labs/helios.yaml"),
         try ReporterFixtures.verdict(ReporterFixtures.quiet, path: "labs/quiet.yaml")]
    }

    @Test("each format is chosen by its identifier, and by a file's extension")
    func formats() {
        for format in ReportFormat.allCases {
            #expect(ReportFormat(identifier: format.rawValue) == format)
            #expect(format.reporterType.identifier == format.rawValue)
            #expect(ReportFormat(fileName: "out/report." + format.fileExtension) == format)
        }
        #expect(ReportFormat(fileName: "scan.sarif.json") == .sarif)
        #expect(ReportFormat(fileName: "r.NDJSON") == .jsonl)
        #expect(ReportFormat(fileName: "r.pdf") == nil)
        #expect(ReportFormat(fileName: ".json") == nil)
    }

    @Test("the string API: begin, add and end each return their text")
    func stringAPI() throws {
        var reporter = JSONLinesReporter(context: try ReporterFixtures.context())
        #expect(reporter.begin().isEmpty)
        let verdict = try Self.verdicts()[1]
        #expect(reporter.add(verdict) == verdict.jsonLine() + "\n")
        #expect(reporter.end(AuditSummary(book: try ReporterFixtures.book(), asOf: ReporterFixtures.asOf)).isEmpty)
    }

    @Test("json parses back: the verdicts (exactly jsonLine's objects) and the summary")
    func json() throws {
        let verdicts = try Self.verdicts()
        let text = try ReporterFixtures.render(.json, verdicts)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let objects = try #require(document["verdicts"] as? [NSDictionary])
        #expect(objects.count == 3)
        for (object, verdict) in zip(objects, verdicts) {
            let line = try #require(try JSONSerialization.jsonObject(with: Data(verdict.jsonLine().utf8)) as? NSDictionary)
            #expect(object == line)
        }
        let summary = try #require(document["summary"] as? [String: Any])
        #expect(summary["profiles"] as? Int == 3 && summary["invalid"] as? Int == 1)
        // No verdicts is still a document.
        let empty = try ReporterFixtures.render(.json, [])
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(empty.utf8)) as? [String: Any])
        #expect((parsed["verdicts"] as? [Any])?.isEmpty == true)
    }

    @Test("csv quoting follows RFC 4180")
    func csvQuoting() {
        #expect(CSVReporter.field("plain") == "plain")
        #expect(CSVReporter.field("a,b") == "\"a,b\"")
        #expect(CSVReporter.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVReporter.field("two\nlines") == "\"two\nlines\"")
        #expect(CSVReporter.field("cr\r") == "\"cr\r\"")
        #expect(CSVReporter.row(["a", "b,c", ""]) == "a,\"b,c\",\r\n")
    }

    @Test("XML escaping: markup characters, quotes in attributes, and characters XML cannot hold")
    func xmlEscaping() {
        #expect(XML.text("a < b && c > d") == "a &lt; b &amp;&amp; c &gt; d")
        #expect(XML.attribute("\"quoted\" 'single'\nnext") == "&quot;quoted&quot; &apos;single&apos;&#10;next")
        #expect(XML.text("bell\u{07}nul\u{0}") == "bell\u{FFFD}nul\u{FFFD}")
        #expect(XML.text("emoji 🛰 ok") == "emoji 🛰 ok")
    }

    @Test("junit parses back with XMLParser, even with hostile names and thousands of cases spooled to disk")
    func junitLarge() throws {
        let base = try ReporterFixtures.verdict(ReporterFixtures.helios, path: "labs/helios.yaml")
        var verdicts: [Verdict] = []
        for index in 0..<1500 {
            var verdict = base
            // Multi-byte characters everywhere, so that spooled chunks are cut inside them.
            verdict.profile = "labs/é-\(index)-🛰.yaml"
            verdict.organization = "Org \u{01}<\(index)> & \"ü\""
            verdicts.append(verdict)
        }
        verdicts.append(try ReporterFixtures.verdict(ReporterFixtures.bad, path: "labs/bad.yaml"))
        let xml = try ReporterFixtures.render(.junit, verdicts)
        #expect(xml.utf8.count > 200_000)
        let parser = XMLParser(data: Data(xml.utf8))
        final class Counter: NSObject, XMLParserDelegate {
            var cases = 0, failures = 0, errors = 0, suites: [[String: String]] = [], classnames = Set<String>()
            func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
                switch element {
                case "testsuite": suites.append(attributes)
                case "testcase": cases += 1; classnames.insert(attributes["classname"] ?? "")
                case "failure": failures += 1
                case "error": errors += 1
                default: break
                }
            }
        }
        let counter = Counter()
        parser.delegate = counter
        #expect(parser.parse(), "\(String(describing: parser.parserError))")
        #expect(counter.suites.count == 1)
        #expect(counter.cases == 1500 * 2 + 1)
        #expect(counter.failures == 1500 * 2)
        #expect(counter.errors == 1)
        #expect(counter.suites[0]["tests"] == "3001" && counter.suites[0]["failures"] == "3000" && counter.suites[0]["errors"] == "1")
        #expect(counter.classnames.contains("labs/é-1499-🛰.yaml"))
    }

    @Test("sarif: rules for every obligation and threshold with citations; URIs percent-encoded; absolute paths as file URIs")
    func sarif() throws {
        var helios = try ReporterFixtures.verdict(ReporterFixtures.helios, path: "./dir with space/é.yaml")
        var text = try ReporterFixtures.render(.sarif, [helios])
        var log = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        #expect(rules.compactMap { $0["id"] as? String } == ["fixture-pack/assessment", "fixture-pack/report", "fixture-pack/threshold/big-compute",
                                                             "fixture-pack/threshold/big-revenue", "threshold/invalid-profile"])
        #expect((rules[2]["help"] as? [String: Any])?["text"] as? String == "Source: The Fixture Statute, § 1. https://example.org/statute")
        let results = try #require(run["results"] as? [[String: Any]])
        let artifact = try #require((((results.first?["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"]) as? [String: Any])
        #expect(artifact["uri"] as? String == "dir%20with%20space/%C3%A9.yaml")
        #expect(artifact["uriBaseId"] as? String == "%SRCROOT%")
        // The organisation's report is located at ai_revenue (line 1), the model's assessment at its compute (line 3).
        let report = try #require(results.first { $0["ruleId"] as? String == "fixture-pack/report" })
        let reportRegion = (((report["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"]) as? [String: Any]
        #expect(reportRegion?["startLine"] as? Int == 1)
        let assessment = try #require(results.first { $0["ruleId"] as? String == "fixture-pack/assessment" })
        let assessmentRegion = (((assessment["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"]) as? [String: Any]
        #expect(assessmentRegion?["startLine"] as? Int == 3)

        helios.profile = "/srv/filings/helios.yaml"
        text = try ReporterFixtures.render(.sarif, [helios])
        log = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(text.contains("\"uri\":\"file:///srv/filings/helios.yaml\""))
    }

    @Test("the text table lines up although it is streamed, and escapes control characters")
    func textTable() throws {
        var verdicts = try Self.verdicts()
        verdicts[2].organization = "Evil\u{1B}[31m Corp"
        let text = try ReporterFixtures.render(.text, verdicts)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let header = try #require(lines.first)
        let packColumn = try #require(header.range(of: "PACK")).lowerBound.utf16Offset(in: header)
        for line in lines.dropFirst().prefix(3) {
            #expect(line.dropFirst(packColumn).hasPrefix("fixture-pack") || line.dropFirst(packColumn).hasPrefix("—"), "\(line)")
        }
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("Evil\\u{1b}[31m Corp"))
        #expect(text.contains("3 profiles, 1 invalid, 1 failing"))
    }

    @Test("markdown escapes table-breaking characters from profiles")
    func markdown() throws {
        var verdicts = try Self.verdicts()
        verdicts[1].organization = "Pipe | Co *bold*"
        let text = try ReporterFixtures.render(.markdown, verdicts)
        #expect(text.contains("Pipe \\| Co \\*bold\\*"))
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| labs/") }
        #expect(rows.count == 3)
        for row in rows {
            var pipes = 0, previous: Character = " "
            for character in row {
                if character == "|" && previous != "\\" { pipes += 1 }
                previous = character
            }
            #expect(pipes == 9, "eight cells: \(row)")
        }
    }
}

@Suite("Report files", .serialized)
struct ReporterFileTests {
    @Test("commit writes the whole report and renames it into place; nothing else is left")
    func commit() throws {
        let dir = try ReporterFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("report.jsonl").path
        try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
        let file = try ReportFile(path: path)
        #expect(file.temporaryPath.hasPrefix(dir.path + "/.report.jsonl."))
        let big = String(repeating: "x", count: 100_000)
        file.write(big)
        file.write("\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n", "the old report stays whole until commit")
        try file.commit()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == big + "\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["report.jsonl"])
    }

    @Test("discard, deinit and removeTemporaryFiles leave no temporary file and the destination untouched")
    func discard() throws {
        let dir = try ReporterFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("r.csv").path
        let first = try ReportFile(path: path)
        first.write("partial")
        first.discard()
        do {
            let second = try ReportFile(path: path)
            second.write("partial")
        }
        let third = try ReportFile(path: path)
        ReportFile.removeTemporaryFiles()
        #expect(!FileManager.default.fileExists(atPath: third.temporaryPath))
        third.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
        #expect(throws: ReportFile.Failure.self) { try ReportFile(path: dir.appendingPathComponent("no/such/dir.csv").path) }
    }
}
