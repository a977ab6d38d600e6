import Foundation
import Testing
import ThresholdTestSupport

/// The corpus the `deadlines` tests write: a fixed pack (so the built-in packs can change without
/// breaking these tests) and profiles with one of each kind of dated duty.
enum DeadlineCorpus {
    static let pack = """
        pack: deadline-statute
        title: The Deadline Statute (a test fixture)
        status: enacted
        effective: 2026-01-01
        thresholds:
          - {id: big-compute, subject: model, fact: training_compute, greater_than: 1e25 FLOP, citation: "§ 1"}
          - {id: big-revenue, subject: organization, fact: ai_revenue, greater_than: 500M USD, citation: "§ 2"}
        obligations:
          - {id: safety-assessment, title: "Independent safety assessment; renewed, yearly", kind: \
        third-party-assessment,
             per: model, when: big-compute, due: before-deployment, valid_for: 1 year, citation: "§ 3(a), (b); Annex \
        \\\\ I"}
          - {id: annual-filing, title: Annual filing, kind: report, per: organization, when: big-revenue, due: \
        2027-03-01, citation: "§ 5"}

        """

    static let files: [String: String] = [
        "rules/deadline-statute.yaml": pack,
        // Overdue since 2026-03-02; the filing due 2027-03-01 (in 92 days). A name with a comma, a
        // semicolon and characters of two, three and four octets, long enough to be folded.
        "labs/overdue.yaml": """
        organization: {name: "Überlingen Systems, Inc.; Forschung — Ω Labs 😀 Zürich Ärger Öl Straße", ai_revenue: 600M \
        USD}
        models: [{name: o-1, training_compute: 3e25, status: deployed, released: 2026-03-01}]

        """,
        // Met by a record valid through 2027-01-15 (in 47 days): renew by then.
        "labs/renewal.yaml": """
        organization: {name: Renewal Co, ai_revenue: 1M USD}
        models: [{name: r-1, training_compute: 3e25, status: deployed, released: 2026-02-01}]
        assessments: [{obligation: safety-assessment, model: r-1, assessor: A, independent: true, completed: \
        2026-01-15, outcome: acceptable}]

        """,
        // A record that counted through 2026-06-01: expired.
        "labs/nested/expired.yaml": """
        organization: {name: Expired Co, ai_revenue: 1M USD}
        models: [{name: e-1, training_compute: 3e25, status: deployed, released: 2025-06-01}]
        assessments: [{obligation: safety-assessment, model: e-1, assessor: A, independent: true, completed: \
        2025-06-01, outcome: acceptable}]

        """,
        // Released after the as-of date: due on 2027-06-01 (in 184 days).
        "labs/later.yaml": """
        organization: {name: Later Co, ai_revenue: 1M USD}
        models: [{name: l-1, training_compute: 3e25, status: deployed, released: 2027-06-01}]

        """,
        // Below every line: no row.
        "labs/small.yaml": """
        organization: {name: Small Co, ai_revenue: 1M USD}
        models: [{name: s-1, training_compute: 1e20, status: deployed, released: 2026-03-01}]

        """,
    ]

    /// Invalid at line 3, column 16.
    static let bad = "organization:\n  name: Bad\n  ai_revenue: 1,000,000 USD\n"

    static func write(in directory: URL, withBad: Bool = false) throws {
        try AuditCorpus.write(files.merging(withBad ? ["labs/bad.yaml": bad] : [:]) { $1 }, under: directory)
    }

    static let options = ["--as-of", "2026-11-29", "--no-builtin", "--rules", "rules/deadline-statute.yaml"]
}

@Suite("threshold deadlines")
struct DeadlinesTests {
    /// The expected rows, in order: (kind, date, obligation, model, profile).
    static let expected: [(String, String, String, String, String)] = [
        ("overdue", "2026-03-01", "safety-assessment", "o-1", "labs/overdue.yaml"),
        ("expired", "2026-06-01", "safety-assessment", "e-1", "labs/nested/expired.yaml"),
        ("renewal", "2027-01-15", "safety-assessment", "r-1", "labs/renewal.yaml"),
        ("due", "2027-03-01", "annual-filing", "", "labs/overdue.yaml"),
        ("due", "2027-06-01", "safety-assessment", "l-1", "labs/later.yaml"),
    ]

    static func json(_ text: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    @Test("json: one array, overdue first (oldest first), then by date; every field; exit 0")
    func jsonOrder() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try DeadlineCorpus.write(in: dir)
        let run = try CLI.run(["deadlines", "labs", "--format", "json"] + DeadlineCorpus.options, in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        let rows = try Self.json(run.stdout)
        #expect(
            rows.map {
                "\($0["deadline"]!) \($0["date"]!) \($0["obligation"]!) \($0["model"] as? String ?? "") "
                    + "\($0["profile"]!)"
            }
                == Self.expected.map { "\($0.0) \($0.1) \($0.2) \($0.3) \($0.4)" })
        let overdue = rows[0]
        #expect(
            Set(overdue.keys) == [
                "profile", "organization", "pack", "obligation", "title", "model", "status", "due", "overdue_since",
                "late_by_days", "valid_until", "expired_on", "citation", "date", "deadline", "uid",
            ])
        #expect(overdue["status"] as? String == "unmet" && overdue["due"] as? String == "2026-03-01")
        #expect(overdue["overdue_since"] as? String == "2026-03-02" && overdue["late_by_days"] is NSNull)
        #expect(
            overdue["organization"] as? String
                == "Überlingen Systems, Inc.; Forschung — Ω Labs 😀 Zürich Ärger Öl Straße")
        #expect(overdue["citation"] as? String == #"§ 3(a), (b); Annex \ I"#)
        #expect(rows[1]["expired_on"] as? String == "2026-06-02" && rows[1]["status"] as? String == "expired")
        #expect(rows[2]["valid_until"] as? String == "2027-01-15" && rows[2]["status"] as? String == "met")
        #expect(rows[3]["model"] is NSNull && rows[3]["status"] as? String == "pending")
    }

    @Test("--within keeps what falls due in the window (inclusive) and always the overdue rows; 12w, 6m and 1y too")
    func within() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try DeadlineCorpus.write(in: dir)
        func dates(_ window: String) throws -> [String] {
            let run = try CLI.run(
                ["deadlines", "labs", "--format", "json", "--within", window] + DeadlineCorpus.options, in: dir)
            #expect(run.status == 0, "\(run.stderr)")
            return try Self.json(run.stdout).map { $0["date"] as! String }
        }
        let overdue = ["2026-03-01", "2026-06-01"]
        #expect(try dates("0d") == overdue)
        #expect(try dates("46d") == overdue)
        #expect(try dates("47d") == overdue + ["2027-01-15"], "the window's last day is in it")
        #expect(try dates("12w") == overdue + ["2027-01-15"])
        #expect(try dates("90d") == overdue + ["2027-01-15"])
        #expect(try dates("92d") == overdue + ["2027-01-15", "2027-03-01"])
        #expect(try dates("6m") == overdue + ["2027-01-15", "2027-03-01"])
        #expect(try dates("1y") == overdue + ["2027-01-15", "2027-03-01", "2027-06-01"])
    }

    @Test(
        "ics: parses back; folded at 75 octets, never inside a character; escaped; UIDs unique, the same when run again"
    )
    func iCalendar() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try DeadlineCorpus.write(in: dir)
        let first = try CLI.run(["deadlines", "labs", "--format", "ics"] + DeadlineCorpus.options, in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        let second = try CLI.run(["deadlines", "labs", "--output", "cal.ics"] + DeadlineCorpus.options, in: dir)
        #expect(second.status == 0)
        let file = try String(contentsOf: dir.appendingPathComponent("cal.ics"), encoding: .utf8)
        #expect(file == first.stdout, "two runs on one as-of date: byte-identical")
        #expect(second.stderr.contains("wrote cal.ics (ics)"))

        let lines = try ICSReader.physicalLines(file)
        #expect(lines.contains { $0.count == 75 }, "some line is long enough to be folded")
        #expect(lines.contains { $0.first == 0x20 })
        let calendar = try ICSReader.properties(file)
        let header = calendar.prefix(4).map { "\($0.name):\($0.value)" }
        #expect(
            header == [
                "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Threshold//threshold 0.1.0//EN", "CALSCALE:GREGORIAN",
            ])
        let events = try ICSReader.events(file)
        #expect(events.count == Self.expected.count)
        for (event, expected) in zip(events, Self.expected) {
            let start = expected.1.replacingOccurrences(of: "-", with: "")
            #expect(event["DTSTART"]?.parameters == ["VALUE=DATE"] && event["DTSTART"]?.value == start)
            #expect(event["DTEND"]?.parameters == ["VALUE=DATE"])
            #expect(event["DTSTAMP"]?.value == "20261129T000000Z")
            #expect(event["DESCRIPTION"]?.value.contains("Profile: \(expected.4)") == true)
            #expect(event["DESCRIPTION"]?.value.contains("Pack: deadline-statute") == true)
        }
        // The day after each start.
        #expect(events.map { $0["DTEND"]?.value } == ["20260302", "20260602", "20270116", "20270302", "20270602"])
        #expect(
            events[0]["SUMMARY"]?.value
                == "OVERDUE: safety-assessment — Überlingen Systems, Inc.; Forschung — Ω Labs 😀 Zürich Ärger Öl "
                + "Straße (model o-1)"
        )
        #expect(events[1]["SUMMARY"]?.value == "EXPIRED: safety-assessment — Expired Co (model e-1)")
        #expect(events[2]["SUMMARY"]?.value == "RENEW: safety-assessment — Renewal Co (model r-1)")
        #expect(
            events[3]["SUMMARY"]?.value
                == "DUE: annual-filing — Überlingen Systems, Inc.; Forschung — Ω Labs 😀 Zürich Ärger Öl Straße")
        let description = try #require(events[0]["DESCRIPTION"]?.value)
        #expect(
            description.split(separator: "\n").map(String.init) == [
                "Independent safety assessment; renewed, yearly", "Pack: deadline-statute",
                "Status: unmet, due 2026-03-01, overdue since 2026-03-02 (273 days overdue as of 2026-11-29)",
                #"Citation: § 3(a), (b); Annex \ I"#, "Profile: labs/overdue.yaml",
            ])
        // Escaped in the raw text: comma, semicolon, backslash.
        #expect(file.replacingOccurrences(of: "\r\n ", with: "").contains(#"Überlingen Systems\, Inc.\; Forschung"#))
        #expect(file.replacingOccurrences(of: "\r\n ", with: "").contains(#"Annex \\ I"#))

        let uids = events.compactMap { $0["UID"]?.value }
        #expect(uids.count == events.count && Set(uids).count == uids.count, "unique per event")
        #expect(uids.allSatisfy { $0.hasSuffix("@threshold") && $0.count == 16 + "@threshold".count })
        // Another run, on another day: the UIDs of duties whose dates did not move are the same, so a
        // subscribed calendar updates them rather than adding copies.
        let later = try CLI.run(
            ["deadlines", "labs", "--format", "ics"]
                + DeadlineCorpus.options.map { $0 == "2026-11-29" ? "2026-12-20" : $0 }, in: dir)
        let laterUIDs = try ICSReader.events(later.stdout).compactMap { $0["UID"]?.value }
        #expect(laterUIDs == uids)
        #expect(try ICSReader.events(later.stdout).first?["DTSTAMP"]?.value == "20261220T000000Z")
        // A duty named through another path spelling is another duty: the path is part of the UID.
        let elsewhere = try CLI.run(
            ["deadlines", "./labs/renewal.yaml", "--format", "ics"] + DeadlineCorpus.options, in: dir)
        let renewal = try #require(try ICSReader.events(elsewhere.stdout).first?["UID"]?.value)
        #expect(renewal != uids[2])
    }

    @Test("text, csv and markdown: the same rows in the same order")
    func otherFormats() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try DeadlineCorpus.write(in: dir)
        let text = try CLI.run(["deadlines", "labs"] + DeadlineCorpus.options, in: dir)
        #expect(text.status == 0)
        let lines = text.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0] == "5 dated duties, 2 overdue, as of 2026-11-29")
        #expect(lines[1].hasPrefix("DATE        WHEN"))
        #expect(lines.count == 7)
        // Cells are separated by at least two spaces.
        let cells = lines.map {
            $0.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        #expect(
            cells[1] == [
                "DATE", "WHEN", "DEADLINE", "STATUS", "PACK", "OBLIGATION", "MODEL", "ORGANIZATION", "PROFILE",
            ])
        #expect(
            cells[2].prefix(7) == [
                "2026-03-01", "273 days overdue", "overdue", "unmet", "deadline-statute", "safety-assessment", "o-1",
            ])
        #expect(cells[3].prefix(4) == ["2026-06-01", "expired 180 days ago", "expired", "expired"])
        #expect(cells[4].prefix(4) == ["2027-01-15", "in 47 days", "renewal", "met"])
        #expect(
            cells[5].prefix(7) == [
                "2027-03-01", "in 92 days", "due", "pending", "deadline-statute", "annual-filing", "—",
            ])
        #expect(cells[6].prefix(4) == ["2027-06-01", "in 184 days", "due", "pending"])
        #expect(zip(lines.dropFirst(2), Self.expected).allSatisfy { $0.contains($1.4) && $0.contains($1.2) })

        let csv = try CLI.run(["deadlines", "labs", "--format", "csv"] + DeadlineCorpus.options, in: dir)
        #expect(csv.stdout.contains("\r\n"))
        let records = parseCSV(csv.stdout)
        #expect(
            records.first == [
                "profile", "organization", "pack", "obligation", "title", "model", "status", "due", "overdue_since",
                "late_by_days", "valid_until", "expired_on", "citation", "date", "deadline", "uid",
            ])
        #expect(records.count == 6)
        #expect(
            records.dropFirst().map { "\($0[14]) \($0[13]) \($0[3]) \($0[5]) \($0[0])" }
                == Self.expected.map { "\($0.0) \($0.1) \($0.2) \($0.3) \($0.4)" })
        #expect(
            records[1][1] == "Überlingen Systems, Inc.; Forschung — Ω Labs 😀 Zürich Ärger Öl Straße",
            "a comma, quoted and read back")
        #expect(records[1][12] == #"§ 3(a), (b); Annex \ I"#)

        let markdown = try CLI.run(["deadlines", "labs", "--format", "markdown"] + DeadlineCorpus.options, in: dir)
        let table = markdown.stdout.split(separator: "\n").filter { $0.hasPrefix("| 20") }
        #expect(markdown.stdout.hasPrefix("# Threshold deadlines\n\n5 dated duties, 2 overdue, as of 2026-11-29\n"))
        #expect(table.count == 5)
        #expect(
            table[0].hasPrefix(
                "| 2026-03-01 | 273 days overdue | **overdue** | unmet | `deadline-statute` | `safety-assessment` | "
                    + "o-1 |"
            ))
        #expect(table.map { String($0.prefix(12)) } == Self.expected.map { "| \($0.1)" })

        // Every format from its file's extension, in one run; nothing on standard output.
        let all = try CLI.run(
            ["deadlines", "labs", "-o", "d.txt", "-o", "d.json", "-o", "d.csv", "-o", "d.md", "-o", "d.ics", "-q"]
                + DeadlineCorpus.options, in: dir)
        #expect(all.status == 0 && all.stdout.isEmpty && all.stderr.isEmpty, "\(all.stderr)")
        for (name, format) in [
            ("d.txt", "text"), ("d.json", "json"), ("d.csv", "csv"), ("d.md", "markdown"), ("d.ics", "ics"),
        ] {
            let written = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            let shown = try CLI.run(["deadlines", "labs", "--format", format] + DeadlineCorpus.options, in: dir).stdout
            #expect(written == shown, "\(name)")
        }
    }

    @Test("an invalid profile is reported on standard error at its position, the rest still listed, exit 2")
    func invalidProfile() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try DeadlineCorpus.write(in: dir, withBad: true)
        let run = try CLI.run(["deadlines", "labs", "--format", "json"] + DeadlineCorpus.options, in: dir)
        #expect(run.status == 2)
        #expect(
            run.stderr.hasPrefix("labs/bad.yaml:3:16: error: organization.ai_revenue: commas are not accepted"),
            "\(run.stderr)")
        #expect(try Self.json(run.stdout).count == Self.expected.count)
    }

    @Test("nothing dated: an empty list, and a calendar with no event")
    func nothingDated() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try DeadlineCorpus.write(in: dir)
        let text = try CLI.run(["deadlines", "labs/small.yaml"] + DeadlineCorpus.options, in: dir)
        #expect(text.status == 0 && text.stdout == "No dated duties, as of 2026-11-29\n")
        #expect(
            try Self.json(
                try CLI.run(["deadlines", "labs/small.yaml", "--format", "json"] + DeadlineCorpus.options, in: dir)
                    .stdout
            ).isEmpty)
        let ics = try CLI.run(["deadlines", "labs/small.yaml", "--format", "ics"] + DeadlineCorpus.options, in: dir)
            .stdout
        #expect(try ICSReader.events(ics).isEmpty)
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\n") && ics.hasSuffix("END:VCALENDAR\r\n"))
    }
}
