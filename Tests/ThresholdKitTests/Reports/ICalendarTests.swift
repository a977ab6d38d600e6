import Foundation
import Testing
import ThresholdKit
import ThresholdTestSupport

@Suite("iCalendar (RFC 5545)")
struct ICalendarTests {
    // MARK: Escaping

    @Test("TEXT escapes backslash, semicolon, comma and line breaks, and reads back exactly")
    func escaping() {
        #expect(ICalendarWriter.escape(#"a\b;c,d"#) == #"a\\b\;c\,d"#)
        #expect(ICalendarWriter.escape("one\ntwo\r\nthree\rfour") == #"one\ntwo\nthree\nfour"#)
        #expect(ICalendarWriter.escape("tab\tkept: colon \"quotes\"") == "tab\tkept: colon \"quotes\"")
        #expect(
            ICalendarWriter.escape("esc\u{1B}[2J") == #"esc\\u{1b}[2J"#, "a control character is shown, not written")
        for text in [#"C:\path; a, b"#, "line\nbreak", "Zürich — Ω, 😀; \\n literally"] {
            #expect(ICSReader.unescape(ICalendarWriter.escape(text)) == text)
        }
    }

    // MARK: Folding

    @Test("a line of 75 octets is not folded; one of 76 is, the continuation starting with a space")
    func foldingAtTheLimit() throws {
        let exact = "SUMMARY:" + String(repeating: "a", count: 67)
        #expect(exact.utf8.count == 75)
        #expect(ICalendarWriter.fold(exact) == exact + "\r\n")
        let over = exact + "b"
        #expect(ICalendarWriter.fold(over) == exact + "\r\n b\r\n")
        let long = "DESCRIPTION:" + String(repeating: "x", count: 400)
        let folded = ICalendarWriter.fold(long)
        #expect(try ICSReader.unfold(folded) == [long])
        let lines = try ICSReader.physicalLines(folded)
        #expect(lines.first?.count == 75)
        #expect(lines.dropFirst().dropLast().allSatisfy { $0.count == 75 && $0.first == 0x20 })
    }

    @Test("a fold never separates an escape's backslash from the character it escapes")
    func foldingEscapes() throws {
        for offset in 0..<4 {
            let value = String(repeating: "a", count: offset) + String(repeating: "x, y; z\\ w\n", count: 30)
            let folded = ICalendarWriter.fold("DESCRIPTION:" + ICalendarWriter.escape(value))
            for line in try ICSReader.physicalLines(folded) {
                let trailing = line.reversed().prefix { $0 == UInt8(ascii: "\\") }.count
                #expect(trailing % 2 == 0, "offset \(offset): a line ends inside an escape")
            }
            let unfolded = try ICSReader.unfold(folded)
            #expect(
                unfolded.count == 1 && ICSReader.unescape(String(unfolded[0].dropFirst("DESCRIPTION:".count))) == value)
        }
    }

    @Test(
        "a fold never splits UTF-8: a character of 2, 3 or 4 octets across the 75th octet moves whole to the next line",
        arguments: ["é", "€", "😀"])
    func foldingMultibyte(_ character: String) throws {
        let width = character.utf8.count
        // The character's first octet is the 75th: it would straddle the boundary.
        let line = "SUMMARY:" + String(repeating: "a", count: 66) + character + "tail"
        #expect("SUMMARY:".utf8.count + 66 == 74)
        let folded = ICalendarWriter.fold(line)
        let lines = try ICSReader.physicalLines(folded)
        #expect(lines.count == 2)
        #expect(lines[0].count == 74, "the line ends before the \(width)-octet character")
        #expect(lines[1] == [0x20] + Array((character + "tail").utf8))
        #expect(try ICSReader.unfold(folded) == [line])
        // And at every other offset, over a long run of them.
        for offset in 0..<8 {
            let text = "X:" + String(repeating: "b", count: offset) + String(repeating: character, count: 90)
            let result = ICalendarWriter.fold(text)
            #expect(try ICSReader.unfold(result) == [text], "offset \(offset)")
            for physical in try ICSReader.physicalLines(result) {
                #expect(physical.count <= 75)
                #expect(String(validating: physical, as: UTF8.self) != nil, "offset \(offset): a split sequence")
            }
        }
    }

    // MARK: Deadlines as a calendar

    static let asOf = CalendarDate("2026-11-29")!

    static func deadline(
        _ kind: Deadline.Kind, _ date: String, model: String? = "m-1", organization: String? = "Helios AI Labs",
        obligation: String = "biological-weapons-assessment", profile: String = "labs/helios.yaml",
        status: ObligationStatus = .unmet
    ) -> Deadline {
        Deadline(
            kind: kind, date: CalendarDate(date)!, profile: profile, organization: organization,
            pack: "frontier-ai-proposal-2026",
            obligation: obligation, title: "Independent biological-weapons assessment", model: model, status: status,
            due: CalendarDate(date), citation: "§ 3(b); see § 4, \"renewal\"")
    }

    @Test(
        "a calendar: the header, an all-day event per deadline, CRLF, folded, escaped; identical bytes on a second run")
    func calendar() throws {
        let list = DeadlineList(
            asOf: Self.asOf,
            deadlines: [
                Self.deadline(.due, "2027-01-20", status: .pending),
                Self.deadline(.overdue, "2026-06-10", organization: "Smith, Jones; & Co \\ Zürich — Ω"),
            ])
        let text = list.iCalendar(productID: "-//Threshold//threshold 0.1.0//EN")
        #expect(text == list.iCalendar(productID: "-//Threshold//threshold 0.1.0//EN"))
        let properties = try ICSReader.properties(text)
        #expect(
            properties.prefix(4).map { "\($0.name):\($0.value)" } == [
                "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Threshold//threshold 0.1.0//EN", "CALSCALE:GREGORIAN",
            ])
        #expect(properties.last.map { "\($0.name):\($0.value)" } == "END:VCALENDAR")
        let events = try ICSReader.events(text)
        #expect(events.count == 2)
        let overdue = events[0]
        #expect(
            overdue["SUMMARY"]?.value
                == "OVERDUE: biological-weapons-assessment — Smith, Jones; & Co \\ Zürich — Ω (model m-1)")
        #expect(overdue["DTSTART"] == ICSProperty(name: "DTSTART", parameters: ["VALUE=DATE"], value: "20260610"))
        #expect(overdue["DTEND"] == ICSProperty(name: "DTEND", parameters: ["VALUE=DATE"], value: "20260611"))
        #expect(overdue["DTSTAMP"]?.value == "20261129T000000Z")
        let description = try #require(overdue["DESCRIPTION"]?.value).split(separator: "\n").map(String.init)
        #expect(
            description == [
                "Independent biological-weapons assessment", "Pack: frontier-ai-proposal-2026",
                "Status: unmet, due 2026-06-10 (172 days overdue as of 2026-11-29)",
                "Citation: § 3(b); see § 4, \"renewal\"", "Profile: labs/helios.yaml",
            ])
        #expect(events[1]["SUMMARY"]?.value == "DUE: biological-weapons-assessment — Helios AI Labs (model m-1)")
        #expect(events[1]["DTEND"]?.value == "20270121")
        // The raw text escapes what TEXT must.
        #expect(text.replacingOccurrences(of: "\r\n ", with: "").contains(#"Smith\, Jones\; & Co \\ Z"#))
    }

    @Test("UIDs: the same for the same duty and date on every run, different for every other")
    func identifiers() throws {
        let a = Self.deadline(.due, "2027-01-20", status: .pending)
        #expect(a.identifier == Self.deadline(.due, "2027-01-20", status: .pending).identifier)
        #expect(a.identifier.count == 16 && a.identifier.allSatisfy(\.isHexDigit))
        // A duty that falls overdue keeps its event: same date, same UID.
        #expect(Self.deadline(.overdue, "2027-01-20").identifier == a.identifier)
        let others = [
            Self.deadline(.due, "2027-01-21"), Self.deadline(.due, "2027-01-20", model: "m-2"),
            Self.deadline(.due, "2027-01-20", model: nil),
            Self.deadline(.due, "2027-01-20", obligation: "cybersecurity-assessment"),
            Self.deadline(.due, "2027-01-20", profile: "labs/other.yaml"),
            Self.deadline(.due, "2027-01-20", profile: "labs/helios.yam"),
        ]
        #expect(Set(others.map(\.identifier) + [a.identifier]).count == others.count + 1)
        // Fields are length-prefixed: moving a character from one field to the next changes the hash.
        var one = FNV1a64(), two = FNV1a64()
        one.combineField("ab"); one.combineField("c")
        two.combineField("a"); two.combineField("bc")
        #expect(one.value != two.value)
        // The published FNV-1a 64 test vector.
        var vector = FNV1a64()
        vector.combine("a".utf8)
        #expect(vector.hexDigits == "af63dc4c8601ec8c")
        let text = DeadlineList(asOf: Self.asOf, deadlines: others + [a]).iCalendar(productID: "-//T//EN")
        let uids = try ICSReader.events(text).compactMap { $0["UID"]?.value }
        #expect(uids.count == 7 && Set(uids).count == 7)
        #expect(uids.allSatisfy { $0.hasSuffix("@threshold") })
    }

    // MARK: Which duties are dated

    static let pack = """
        pack: deadline-statute
        title: The Deadline Statute (a test fixture)
        status: enacted
        effective: 2026-01-01
        thresholds:
          - {id: big-compute, subject: model, fact: training_compute, greater_than: 1e25 FLOP, citation: "§ 1"}
          - {id: big-revenue, subject: organization, fact: ai_revenue, greater_than: 500M USD, citation: "§ 2"}
        obligations:
          - {id: safety-assessment, title: Independent safety assessment, kind: third-party-assessment, per: model,
             when: big-compute, due: before-deployment, valid_for: 1 year, citation: "§ 3"}
          - {id: annual-filing, title: Annual filing, kind: report, per: organization, when: big-revenue, due: \
        2027-03-01, citation: "§ 5"}
        """

    static func profile(_ yaml: String, _ path: String) throws -> LabProfile {
        try LabProfile(yaml: yaml, path: path)
    }

    @Test(
        "overdue, expired, due and renewal rows from verdicts, overdue first; none for duties met for good or undated"
    )
    func fromVerdicts() throws {
        let book = try RuleBook(yaml: Self.pack, path: "pack.yaml")
        let verdicts = try [
            // Deployed 2026-03-01 with nothing on file: overdue since 2026-03-02. Revenue over the line: the filing is
            // due 2027-03-01.
            (
                "o.yaml",
                "organization: {name: Overdue, ai_revenue: 600M USD}\nmodels: [{name: o-1, training_compute: 3e25, "
                    + "status: deployed, released: 2026-03-01}]\n"
            ),
            // A record valid through 2027-01-15: renew by then.
            (
                "r.yaml",
                """
                organization: {name: Renewal, ai_revenue: 1M USD}
                models: [{name: r-1, training_compute: 3e25, status: deployed, released: 2026-02-01}]
                assessments: [{obligation: safety-assessment, model: r-1, assessor: A, independent: true, completed: \
                2026-01-15, outcome: acceptable}]

                """
            ),
            // A record that counted through 2026-06-01: expired on 2026-06-02.
            (
                "e.yaml",
                """
                organization: {name: Expired, ai_revenue: 1M USD}
                models: [{name: e-1, training_compute: 3e25, status: deployed, released: 2025-06-01}]
                assessments: [{obligation: safety-assessment, model: e-1, assessor: A, independent: true, completed: \
                2025-06-01, outcome: acceptable}]

                """
            ),
            // Below every line: nothing.
            (
                "s.yaml",
                "organization: {name: Small, ai_revenue: 1M USD}\nmodels: [{name: s-1, training_compute: 1e20, "
                    + "status: deployed, released: 2026-03-01}]\n"
            ),
            // In training, no release date: pending, but no date.
            (
                "t.yaml",
                "organization: {name: Training, ai_revenue: 1M USD}\nmodels: [{name: t-1, training_compute: 3e25, "
                    + "status: in-training}]\n"
            ),
        ].map { path, yaml in book.evaluate(try Self.profile(yaml, path), asOf: Self.asOf) }
        let list = DeadlineList(asOf: Self.asOf, verdicts: verdicts)
        let rows = list.deadlines.map {
            "\($0.kind) \($0.date) \($0.profile) \($0.obligation) \($0.model ?? "-") \($0.status)"
        }
        #expect(
            rows == [
                "overdue 2026-03-01 o.yaml safety-assessment o-1 unmet",
                "expired 2026-06-01 e.yaml safety-assessment e-1 expired",
                "renewal 2027-01-15 r.yaml safety-assessment r-1 met",
                "due 2027-03-01 o.yaml annual-filing - pending",
            ])
        let expired = list.deadlines[1]
        #expect(
            expired.expiredOn == CalendarDate("2026-06-02") && expired.when(asOf: Self.asOf) == "expired 180 days ago")
        #expect(list.deadlines[0].when(asOf: Self.asOf) == "273 days overdue")
        #expect(
            list.deadlines[2].validUntil == CalendarDate("2027-01-15")
                && list.deadlines[2].when(asOf: Self.asOf) == "in 47 days")
        #expect(list.overdueCount == 2)
        // The window keeps the overdue rows and what falls due through its end, inclusive.
        #expect(list.within(CalendarPeriod(days: 47)).deadlines.map(\.kind) == [.overdue, .expired, .renewal])
        #expect(list.within(CalendarPeriod(days: 46)).deadlines.map(\.kind) == [.overdue, .expired])
        #expect(list.within(CalendarPeriod(months: 6)).deadlines.count == 4)
        // The expired record's renewal and its expiry are one event: the same date, the same UID.
        let renewalOfExpired = Deadline(
            kind: .renewal, date: expired.date, profile: "e.yaml", organization: "Expired", pack: "deadline-statute",
            obligation: "safety-assessment", title: expired.title, model: "e-1", status: .met)
        #expect(renewalOfExpired.identifier == expired.identifier)
    }

    @Test("compact periods for --within: 90d, 12w, 6m, 1y; anything else is refused")
    func compactPeriods() {
        #expect(CalendarPeriod(compact: "90d") == CalendarPeriod(days: 90))
        #expect(CalendarPeriod(compact: "12w") == CalendarPeriod(days: 84))
        #expect(CalendarPeriod(compact: "6m") == CalendarPeriod(months: 6))
        #expect(CalendarPeriod(compact: "1y") == CalendarPeriod(years: 1))
        #expect(CalendarPeriod(compact: "0d") == CalendarPeriod())
        for bad in ["90", "d", "-1d", "1.5y", "3x", "90 d", "1Y", "101y", "", "１d"] {
            #expect(CalendarPeriod(compact: bad) == nil, "\(bad)")
        }
    }

    @Test("dates that do not exist say why")
    func dateProblems() {
        #expect(CalendarDate.problem(parsing: "2026-13-01") == "month 13 does not exist")
        #expect(CalendarDate.problem(parsing: "2026-02-30") == "February 2026 has 28 days")
        #expect(CalendarDate.problem(parsing: "2024-02-30") == "February 2024 has 29 days")
        #expect(CalendarDate.problem(parsing: "2026-09-31") == "September 2026 has 30 days")
        #expect(CalendarDate.problem(parsing: "2026/01/01") == "expected YYYY-MM-DD")
        #expect(CalendarDate.problem(parsing: "26-01-01") == "expected YYYY-MM-DD")
        #expect(CalendarDate.problem(parsing: "0000-01-01") == "year 0 does not exist (the years are 1 to 9999)")
        #expect(CalendarDate.problem(parsing: "2026-01-00") == "day 0 does not exist")
        #expect(CalendarDate.problem(parsing: "2026-02-28") == nil)
        #expect(CalendarDate.problem(parsing: "2024-02-29") == nil)
    }
}
