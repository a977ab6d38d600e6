import Foundation
import Testing

@testable import ThresholdKit

@Suite("Walking and auditing")
struct AuditorTests {
    @Test("the walker lists files in the bytes' order of their paths, directories and links to them included")
    func walkerOrder() throws {
        let dir = try ReporterFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let names = [
            "a.yaml", "a/x.yaml", "a0.yaml", "a-b/c.yaml", "b.yaml", "a/b/c.yaml", "a/b.yaml", "a/b0.yaml", "é.yaml",
            "Z/z.yaml", "a/b/c/d/e.yaml", "a/b-c.yaml", "m/a.yaml",
        ]
        for name in names { try ReporterFixtures.write(ReporterFixtures.helios, name, in: dir) }
        // A followed link to a directory sorts as a directory: "l/…" after "l.yaml", before "l0.yaml".
        try ReporterFixtures.write(ReporterFixtures.helios, "l.yaml", in: dir)
        try ReporterFixtures.write(ReporterFixtures.helios, "l0.yaml", in: dir)
        try FileManager.default.createSymbolicLink(
            atPath: dir.appendingPathComponent("l").path, withDestinationPath: "m")
        let root = dir.path
        let all = (names + ["l.yaml", "l0.yaml", "l/a.yaml"]).map { root + "/" + $0 }
        let bytewise = all.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        #expect(Array(FileWalker(followSymlinks: true).walk([root]).files) == bytewise)
        // Several roots that overlap: merged in the same order, each file once.
        let overlapping = FileWalker(followSymlinks: true).walk([root + "/a", root, root + "/a.yaml", root + "/m"])
        #expect(Array(overlapping.files) == bytewise)
        // A directory of more entries than the walker holds at once is listed again for each batch:
        // the same files in the same order, however small the batches.
        for limit in [1, 2, 3, 5] {
            var walker = FileWalker(followSymlinks: true)
            walker.listingLimit = limit
            #expect(Array(walker.walk([root]).files) == bytewise, "listing limit \(limit)")
            #expect(Array(walker.files([root + "/a", root, root + "/a.yaml", root + "/m"])) == bytewise)
        }
    }

    @Test("a large directory is walked in batches: the files of a full listing, in order, and no notice twice")
    func walkerBatches() throws {
        let dir = try ReporterFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var expected: [String] = []
        // Names around a directory's slash ("d", "d-x.yaml", "d.yaml", "d/…", "d0.yaml"), names
        // that are not ASCII, and links that are not followed: each noticed once.
        for index in 0..<30 {
            let name = index % 7 == 0 ? "é\(index).yaml" : "f\(index).yaml"
            try ReporterFixtures.write(ReporterFixtures.quiet, name, in: dir)
            expected.append(dir.path + "/" + name)
        }
        for name in ["d-x.yaml", "d.yaml", "d/in.yaml", "d/deep/in.yml", "d0.yaml"] {
            try ReporterFixtures.write(ReporterFixtures.quiet, name, in: dir)
            expected.append(dir.path + "/" + name)
        }
        for index in 0..<4 {
            try FileManager.default.createSymbolicLink(
                atPath: dir.appendingPathComponent("link\(index).yaml").path, withDestinationPath: "f1.yaml")
        }
        try ReporterFixtures.write("not a profile", "notes.txt", in: dir)
        expected.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let whole = FileWalker().walk([dir.path])
        #expect(Array(whole.files) == expected)
        #expect(whole.notices.map(\.kind) == Array(repeating: .symlinkNotFollowed, count: 4))
        for limit in [1, 4, 7, 64] {
            var walker = FileWalker()
            walker.listingLimit = limit
            #expect(walker.walk([dir.path]) == whole, "listing limit \(limit)")
            let survey = walker.survey([dir.path])
            #expect(survey.count == expected.count && survey.notices == whole.notices)
            #expect(survey.longestPath == expected.map(\.count).max())
            #expect(Array(survey.files) == expected)
        }
    }

    @Test("the walker: recursive, sorted by bytes, hidden and excluded skipped, special files noticed, loops detected")
    func walker() throws {
        let dir = try ReporterFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for path in [
            "a/b.yaml", "a-b.yaml", "a/deep/er/c.yml", "a/.hidden.yaml", ".git/x.yaml", "skip/x.yaml", "a/readme.md",
        ] {
            try ReporterFixtures.write(ReporterFixtures.helios, path, in: dir)
        }
        #expect(mkfifo(dir.appendingPathComponent("a/fifo.yaml").path, 0o600) == 0)
        try FileManager.default.createSymbolicLink(
            atPath: dir.appendingPathComponent("a/deep/up").path, withDestinationPath: "../..")
        let root = dir.path
        var result = FileWalker(exclude: ["skip/"]).walk([root])
        #expect(result.files == ["\(root)/a-b.yaml", "\(root)/a/b.yaml", "\(root)/a/deep/er/c.yml"])
        #expect(
            result.notices.map(\.kind) == [.symlinkNotFollowed, .specialFile], "sorted by path: a/deep/up, a/fifo.yaml")
        result = FileWalker(exclude: ["skip/"], followSymlinks: true).walk([root])
        #expect(result.files.count == 3)
        #expect(result.notices.map(\.kind) == [.symlinkLoop, .specialFile])
        #expect(result.notices[0].path == "\(root)/a/deep/up")
        result = FileWalker(includeHidden: true).walk([root])
        #expect(
            result.files.contains("\(root)/.git/x.yaml") && result.files.contains("\(root)/a/.hidden.yaml")
                && result.files.contains("\(root)/skip/x.yaml"))
        // A file named directly is taken whatever its name; duplicates are dropped.
        result = FileWalker().walk(["\(root)/a/readme.md", "\(root)/a/readme.md", "\(root)/nothing-here.yaml"])
        #expect(result.files == ["\(root)/a/readme.md", "\(root)/nothing-here.yaml"])
        #expect(result.streams.isEmpty)
    }

    @Test(
        "a FIFO or device named directly is listed as a stream, never opened; one met in the walk is noticed"
    )
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

    @Test(
        "unreadable files become invalid verdicts: missing, a folder named *.yaml, a FIFO (never waited on), too large"
    )
    func unreadable() throws {
        let dir = try ReporterFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(
            at: dir.appendingPathComponent("folder.yaml"), withIntermediateDirectories: true)
        #expect(mkfifo(dir.appendingPathComponent("fifo.yaml").path, 0o600) == 0)
        try ReporterFixtures.write(String(repeating: "# padding\n", count: 200), "large.yaml", in: dir)
        var limits = LoadOptions.default
        limits.yaml.maxFileBytes = 1000
        let auditor = Auditor(
            book: try ReporterFixtures.book(), asOf: ReporterFixtures.asOf, loadOptions: limits, jobs: 1)
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

    @Test("the files a walk finds as it goes give the results of the walk's list, whatever the jobs and batches")
    func walkedAsItGoes() throws {
        let dir = try ReporterFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let paths = try Self.corpus(15, in: dir.appendingPathComponent("a")) + Self.corpus(4, in: dir)
        let book = try ReporterFixtures.book()
        let held = FileWalker().walk([dir.path]).files
        #expect(Set(held) == Set(paths))
        var expected: [AuditResult] = []
        Auditor(book: book, asOf: ReporterFixtures.asOf, jobs: 1).evaluate(held) { expected.append($0) }
        for (jobs, window, limit) in [(1, nil, 3), (2, nil, 7), (3, 2, 1)] as [(Int, Int?, Int)] {
            var walker = FileWalker()
            walker.listingLimit = limit
            let auditor = Auditor(book: book, asOf: ReporterFixtures.asOf, jobs: jobs, window: window)
            var results: [AuditResult] = []
            auditor.evaluate(walker.files([dir.path])) { results.append($0) }
            #expect(results == expected, "jobs \(jobs), batches of \(limit)")
        }
        var walker = FileWalker()
        walker.listingLimit = 4
        var lines: [String] = []
        Auditor(book: book, asOf: ReporterFixtures.asOf, jobs: 2).evaluate(
            walker.files([dir.path]), render: { $0.jsonLine() }
        ) { result, line in
            #expect(result.verdict.jsonLine() == line)
            lines.append(line)
        }
        #expect(lines == expected.map { $0.verdict.jsonLine() })
        // Stopped early: the error comes back once the workers have stopped.
        struct Stop: Error {}
        var seen = 0
        #expect(throws: Stop.self) {
            try Auditor(book: book, asOf: ReporterFixtures.asOf, jobs: 2).evaluate(FileWalker().files([dir.path])) {
                _ in
                seen += 1
                if seen == 3 { throw Stop() }
            }
        }
        #expect(seen == 3)
    }

    @Test(
        "rendering where the verdict was made: each result with its own rendering, in order, on jobs threads at most"
    )
    func renderOnWorkers() throws {
        let dir = try ReporterFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let paths = try Self.corpus(40, in: dir)
        let book = try ReporterFixtures.book()
        for jobs in [1, 2, 3] {
            var lines: [String] = []
            var threads: [UInt] = []
            Auditor(book: book, asOf: ReporterFixtures.asOf, jobs: jobs, window: 2).evaluate(
                paths,
                render: { verdict in (verdict.jsonLine(), UInt(bitPattern: Int(bitPattern: pthread_self()))) }
            ) { result, rendered in
                #expect(rendered.0 == result.verdict.jsonLine(), "the rendering of this result, not another's")
                #expect(result.index == lines.count)
                lines.append(rendered.0)
                if !threads.contains(rendered.1) { threads.append(rendered.1) }
            }
            #expect(lines.count == 40)
            // One job works on the calling thread alone; more share the files with the caller.
            #expect(jobs == 1 ? threads == [UInt(bitPattern: Int(bitPattern: pthread_self()))] : threads.count <= jobs)
        }
        // Every reporter writes the same bytes from its prerendered text as from the verdict, for
        // a valid and an invalid profile, first and later in the report; the formats that must see
        // the verdicts together prerender nothing.
        let verdicts = [
            try ReporterFixtures.verdict(ReporterFixtures.helios, path: "labs/helios.yaml"),
            try ReporterFixtures.verdict(ReporterFixtures.bad, path: "labs/bad.yaml"),
            try ReporterFixtures.verdict(ReporterFixtures.quiet, path: "labs/quiet.yaml"),
        ]
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
                    if let text {
                        fromText.add(prerendered: text, into: &b)
                    } else {
                        fromText.add(verdict, into: &b)
                    }
                }
                let summary = AuditSummary(
                    book: try ReporterFixtures.book(), asOf: ReporterFixtures.asOf, failurePolicy: .unmet)
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
        let root = Support.packageRoot.appendingPathComponent("Examples/labs/helios.yaml")
        let profile = try LabProfile(contentsOf: root.path)
        #expect(
            copy.evaluate(profile, asOf: ReporterFixtures.asOf) == book.evaluate(profile, asOf: ReporterFixtures.asOf))
        func address(_ text: String) -> UnsafeRawPointer? {
            var text = text
            return text.withUTF8 { UnsafeRawPointer($0.baseAddress) }
        }
        var compared = 0
        for (original, detached) in zip(book.packs, copy.packs) {
            var pairs = [(original.title, detached.title)]
            pairs += zip(original.thresholds, detached.thresholds).compactMap { a, b in
                a.citation.flatMap { x in b.citation.map { (x, $0) } }
            }
            pairs += zip(original.obligations, detached.obligations).map { ($0.title, $1.title) }
            for (a, b) in pairs where a.utf8.count > 15 {
                #expect(a == b)
                #expect(address(a) != address(b), "\(a) is a copy, not the same storage")
                compared += 1
            }
        }
        #expect(compared > 20)

        // The record vocabulary too, and a worker's auditor checks records against its own.
        #expect(copy.records == book.records)
        let ids = zip(book.records.allObligations, copy.records.allObligations).filter { $0.0.utf8.count > 15 }
        #expect(ids.count > 10 && ids.allSatisfy { $0 == $1 && address($0) != address($1) })
        let auditor = Auditor(book: book, asOf: ReporterFixtures.asOf, jobs: 2)
        let worker = auditor.detached()
        let records = try #require(worker.loadOptions.records)
        #expect(records == book.records)
        #expect(
            zip(book.records.allObligations, records.allObligations).allSatisfy {
                $0.utf8.count <= 15 || address($0) != address($1)
            })
    }

    @Test("a throwing consumer stops the workers and its error comes back")
    func throwingConsumer() throws {
        struct Stop: Error {}
        let dir = try ReporterFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let paths = try Self.corpus(30, in: dir)
        var seen = 0
        #expect(throws: Stop.self) {
            try Auditor(book: try ReporterFixtures.book(), asOf: ReporterFixtures.asOf, jobs: 2).evaluate(paths) {
                (_: AuditResult) throws(Stop) in
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
        let evaluate: @Sendable (String) -> Verdict = { path in
            var copy = verdict
            copy.profile = path
            return copy
        }
        let pipeline = Pipeline(paths: PathCollection(paths), window: 4, evaluate: evaluate)
        pipeline.start(workers: 3)
        for index in paths.indices {
            if index % 20 == 0 { usleep(2_000) }
            let taken = pipeline.take(index, helping: evaluate)
            #expect(taken?.0 == paths[index] && taken?.1.profile == paths[index])
        }
        // Past the last path: nothing, at once.
        #expect(pipeline.take(paths.count, helping: evaluate) == nil)
        pipeline.waitForWorkers()
        #expect(pipeline.peakBufferedCount <= 4)
        #expect(pipeline.peakBufferedCount >= 1)
    }

    @Test("a consumer that finds the next result not ready makes the next ones itself, and still takes them in order")
    func consumerHelps() {
        let paths = PathCollection(["0", "1", "2", "3"])
        let claimed = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        // The one worker claims the first file and holds it until the consumer has made the rest.
        let pipeline = Pipeline<String>(
            paths: paths, window: 4,
            evaluate: { path in
                claimed.signal()
                release.wait()
                return "worker " + path
            })
        #expect(pipeline.start(workers: 1) == 1)
        claimed.wait()
        var made: [String] = []
        let taken = (0..<4).map { index in
            pipeline.take(index) { path in
                made.append(path)
                if path == "3" { release.signal() }
                return "consumer " + path
            }?.1
        }
        pipeline.waitForWorkers()
        #expect(made == ["1", "2", "3"])
        #expect(taken == ["worker 0", "consumer 1", "consumer 2", "consumer 3"])
        #expect(pipeline.peakBufferedCount <= 4)
    }

    @Test("a batch made stage by stage gives each file the verdict it gets alone, in order, whatever the batch")
    func batchStages() throws {
        let dir = try ReporterFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var paths = try Self.corpus(20, in: dir)
        // Files that fail at each stage: not there, a directory, not YAML, not a profile.
        try ReporterFixtures.write("organization: [unclosed", "broken.yaml", in: dir)
        try ReporterFixtures.write("organization: {name: L}\nmodels: 3\n", "wrong.yaml", in: dir)
        paths.insert(dir.appendingPathComponent("missing.yaml").path, at: 1)
        paths.insert(dir.path, at: 4)
        paths.insert(dir.appendingPathComponent("broken.yaml").path, at: 9)
        paths.insert(dir.appendingPathComponent("wrong.yaml").path, at: 15)
        // Files large enough that a batch takes them in runs of at most `Auditor.batchBytes`.
        let padding = "# " + String(repeating: "x", count: Auditor.batchBytes * 2 / 5) + "\n"
        for name in ["large-1.yaml", "large-2.yaml", "large-3.yaml"] {
            try ReporterFixtures.write(padding + ReporterFixtures.helios, name, in: dir)
        }
        paths.insert(dir.appendingPathComponent("large-1.yaml").path, at: 2)
        paths.insert(dir.appendingPathComponent("large-2.yaml").path, at: 3)
        paths.insert(dir.appendingPathComponent("large-3.yaml").path, at: 6)
        let auditor = Auditor(book: try ReporterFixtures.book(), asOf: ReporterFixtures.asOf, jobs: 1)
        let alone = paths.map(auditor.verdict(forFileAt:))
        #expect(alone.filter(\.isInvalid).count == 4 + 6)
        for size in [1, 3, Auditor.batch, paths.count] {
            let batched = stride(from: 0, to: paths.count, by: size).flatMap { start in
                auditor.verdicts(forFilesAt: Array(paths[start..<min(start + size, paths.count)]))
            }
            #expect(batched == alone, "batches of \(size)")
            #expect(batched.map { $0.jsonLine() } == alone.map { $0.jsonLine() }, "batches of \(size)")
        }
        #expect(auditor.verdicts(forFilesAt: []).isEmpty)
    }

    @Test(
        "workers and a helping consumer claim consecutive files in growing batches, within the window, in order")
    func batches() {
        let paths = (0..<103).map(String.init)
        final class Claims: @unchecked Sendable {
            let lock = NSLock()
            var batches: [[String]] = []
            func record(_ batch: [String]) { lock.lock(); batches.append(batch); lock.unlock() }
        }
        let claims = Claims()
        var remaining = paths.makeIterator()
        let pipeline = Pipeline<String>(
            next: { remaining.next() }, window: 10, batch: 4,
            worker: {
                { batch, put in
                    claims.record(batch)
                    // A full batch in two runs, as a worker hands on a batch of large files: the
                    // next claim takes as many files as the first run held.
                    let first = batch.count == 4 ? 1 : batch.count
                    put(batch.prefix(first).map { "made " + $0 })
                    if first < batch.count { put(batch.dropFirst(first).map { "made " + $0 }) }
                }
            })
        pipeline.start(workers: 2)
        for index in paths.indices {
            if index % 25 == 0 { usleep(2_000) }
            let taken = pipeline.take(index) { (batch: [String], put: ([String]) -> Void) in
                claims.record(batch)
                put(batch.map { "made " + $0 })
            }
            #expect(taken?.0 == paths[index] && taken?.1 == "made " + paths[index])
        }
        #expect(
            pipeline.take(paths.count, helping: { (batch: [String], put: ([String]) -> Void) in put(batch) }) == nil)
        pipeline.waitForWorkers()
        #expect(pipeline.peakBufferedCount <= 10)
        // Every file claimed once, in batches of at most four consecutive files.
        #expect(claims.batches.flatMap { $0 }.sorted { Int($0)! < Int($1)! } == paths)
        for batch in claims.batches {
            #expect(!batch.isEmpty && batch.count <= 4)
            #expect(batch.map { Int($0)! } == Array(Int(batch[0])!..<Int(batch[0])! + batch.count))
        }
        #expect(claims.batches.contains { $0.count == 4 })
        // Claims start with one file and grow while the runs hold whole batches.
        #expect(claims.batches.contains { $0 == ["0"] })
        #expect(claims.batches.contains { $0.count == 2 })
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
        for (yaml, path) in [
            (ReporterFixtures.helios, "h.yaml"), (ReporterFixtures.quiet, "q.yaml"), (ReporterFixtures.bad, "b.yaml"),
        ] {
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
