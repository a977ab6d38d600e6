import Foundation
import Testing

@testable import ThresholdKit

/// An audit as `threshold audit` runs it: workers render and count each verdict, and hand the
/// writing thread the verdict itself only where it needs it.
@Suite("Audit session")
struct AuditSessionTests {
    /// The verdicts of the files in order, evaluated one at a time (the reference).
    static func verdicts(_ paths: [String], book: RuleBook) -> [Verdict] {
        let auditor = Auditor(book: book, asOf: ReporterFixtures.asOf, jobs: 1)
        return paths.map { auditor.verdict(forFileAt: $0) }
    }

    /// jsonl, json and csv are rendered on the workers, which then keep the verdicts; SARIF only
    /// with all the verdicts, so with it every verdict reaches the writing thread whole. Each run
    /// with the first set is made twice: from a walk whose paths are all held, and from a survey
    /// whose files are found again as the audit goes (in batches of 7, as a directory larger than
    /// the walker's batch is), as `threshold audit` runs.
    @Test(
        "every report and the totals are what the reporters make of the verdicts one by one, whatever the jobs",
        arguments: [1, 2, 3], [[ReportFormat.jsonl, .json, .csv], [.jsonl, .sarif]])
    func reportsEqualTheReporters(jobs: Int, formats: [ReportFormat]) throws {
        for surveyed in formats.contains(.sarif) ? [false] : [false, true] {
            try reportsEqualTheReporters(jobs: jobs, formats: formats, surveyed: surveyed)
        }
    }

    func reportsEqualTheReporters(jobs: Int, formats: [ReportFormat], surveyed: Bool) throws {
        let dir = try ReporterFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let labs = dir.appendingPathComponent("labs")
        let paths = try AuditorTests.corpus(45, in: labs)
        let book = try ReporterFixtures.book()
        let verdicts = Self.verdicts(paths, book: book)
        let reports = try ReportFiles(
            ReportTargets.resolve(
                formats: formats.map { "\($0):\(dir.path)/report.\($0)" } + ["text"], outputs: [],
                catalog: .reportFormats))
        let context = ReportContext(book: book, asOf: ReporterFixtures.asOf, profileColumnWidth: 30)
        let session = AuditSession(reports: reports, context: context)
        var standardOutput = ""
        var invalid: [String?] = []
        var counts: [Int] = []
        let auditor = Auditor(book: book, asOf: ReporterFixtures.asOf, jobs: jobs)
        var walker = FileWalker()
        walker.listingLimit = 7
        let summary =
            surveyed
            ? session.run(
                walker.survey([labs.path]), auditor: auditor, into: &standardOutput,
                willReportInvalid: { invalid.append($0.profile) }, didReport: { counts.append($0) })
            : session.run(
                FileWalker().walk([labs.path]), auditor: auditor, into: &standardOutput,
                willReportInvalid: { invalid.append($0.profile) }, didReport: { counts.append($0) })
        #expect(reports.commit().isEmpty)

        var expected = AuditSummary(book: book, asOf: ReporterFixtures.asOf)
        for verdict in verdicts { expected.add(verdict) }
        #expect(summary == expected)
        #expect(summary.profiles == 45 && summary.invalid == 15 && summary.packs.first?.inScope == 15)
        #expect(invalid == verdicts.filter(\.isInvalid).map(\.profile))
        #expect(counts == Array(1...45))
        for format in formats {
            let written = try String(contentsOfFile: "\(dir.path)/report.\(format)", encoding: .utf8)
            #expect(written == (try ReporterFixtures.render(format, verdicts, context: context)), "\(format)")
        }
        var standardContext = context
        standardContext.includesTotals = false
        #expect(standardOutput == (try ReporterFixtures.render(.text, verdicts, context: standardContext)))
    }

    @Test("a verdict's entry counts as the verdict does; a pack the totals do not know gets a tally of its own")
    func entries() throws {
        let fixture = try ReporterFixtures.book()
        let builtIn = try RuleBook.builtIn()
        let profile = try LabProfile(yaml: ReporterFixtures.helios, path: "h.yaml")
        let verdict = builtIn.evaluate(profile, asOf: ReporterFixtures.asOf)

        // Against the fixture's one pack, the built-in packs are unknown: no entry, and adding the
        // verdict appends a tally for each, in the verdict's order.
        var summary = AuditSummary(book: fixture, asOf: ReporterFixtures.asOf)
        #expect(summary.entry(for: verdict) == nil)
        summary.add(verdict)
        #expect(summary.packs.map(\.pack) == [fixture.packs[0].id] + builtIn.packs.map(\.id))
        #expect(summary.packs.dropFirst().allSatisfy { $0.evaluated == 1 })
        #expect(summary.packs[0].evaluated == 0)

        // Against the built-in book, the entry adds exactly what the verdict does.
        var byVerdict = AuditSummary(book: builtIn, asOf: ReporterFixtures.asOf)
        var byEntry = byVerdict
        let entry = try #require(byEntry.entry(for: verdict))
        #expect(entry.packs.map(\.index) == Array(builtIn.packs.indices))
        byVerdict.add(verdict)
        byEntry.add(entry)
        #expect(byEntry == byVerdict)
        #expect(byEntry.packs.contains { $0.inForce && $0.inScope == 1 })
        #expect(byEntry.packs.contains { !$0.inForce && $0.inForceReason != nil })

        // A detached summary (a worker's) is equal, and gives the same entry.
        let template = AuditSummary(book: builtIn, asOf: ReporterFixtures.asOf)
        #expect(template.detached() == template)
        #expect(template.detached().entry(for: verdict) == entry)

        // An invalid verdict counts as invalid and nothing else.
        let bad = try ReporterFixtures.verdict(ReporterFixtures.bad, path: "b.yaml")
        let invalid = try #require(byEntry.entry(for: bad))
        byEntry.add(invalid)
        #expect(byEntry.profiles == 2 && byEntry.invalid == 1 && byEntry.packs.allSatisfy { $0.evaluated == 1 })
    }
}
