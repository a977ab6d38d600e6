// `threshold deadlines`: every dated duty across profiles and packs, overdue first.

/// One dated duty: one obligation of one pack, for one profile and (for a per-model obligation) one
/// model, with the date by which it must be, or had to be, done.
package struct Deadline: Sendable, Hashable {
    /// What the date is.
    package enum Kind: String, Sendable, Hashable, CaseIterable {
        /// It applies, it is past its due date (``Deadline/date``), and nothing on file meets it.
        case overdue
        /// The last record's validity ran out: its last valid day (``Deadline/date``) has passed
        /// and no newer record counts.
        case expired
        /// It is not yet met and falls due on ``Deadline/date`` (pending, or indeterminate: it
        /// may apply).
        case due
        /// It is met by a record valid through ``Deadline/date``: a new one is due by then.
        case renewal
    }

    /// What the date is.
    package var kind: Kind
    /// The deadline: the due date (``Kind/overdue``, ``Kind/due``), the last day the current record
    /// counts (``Kind/renewal``), or the last day the expired one counted (``Kind/expired``).
    package var date: CalendarDate
    /// The profile's path, as named.
    package var profile: String
    /// The organisation's name.
    package var organization: String?
    /// The pack's id.
    package var pack: String
    /// The obligation's id.
    package var obligation: String
    /// The obligation's title.
    package var title: String
    /// The model, for a per-model obligation; nil for the organisation's.
    package var model: String?
    /// The status on the as-of date.
    package var status: ObligationStatus
    /// The due date, when one is known.
    package var due: CalendarDate?
    /// For an overdue duty, the first overdue day.
    package var overdueSince: CalendarDate?
    /// For a duty met late, by how many days.
    package var lateByDays: Int?
    /// The last day the record that meets it counts.
    package var validUntil: CalendarDate?
    /// For an expired duty, the first day the last record no longer counted.
    package var expiredOn: CalendarDate?
    /// The article or section.
    package var citation: String?

    /// Whether the deadline has passed with the duty undone (``Kind/overdue`` or ``Kind/expired``).
    package var isOverdue: Bool { kind == .overdue || kind == .expired }

    /// An identifier that is the same on every run and every machine for the same duty and date:
    /// the FNV-1a 64-bit hash of the profile path, pack, obligation, model and ``date``, in 16
    /// hexadecimal digits. A duty that falls overdue keeps it (its date is still the due date), so
    /// a calendar updates the event rather than adding another.
    package var identifier: String {
        var hash = FNV1a64()
        for field in [profile, pack, obligation, model ?? "", date.description] { hash.combineField(field) }
        return hash.hexDigits
    }

    /// Creates a deadline.
    package init(
        kind: Kind, date: CalendarDate, profile: String, organization: String?, pack: String, obligation: String,
        title: String, model: String?, status: ObligationStatus, due: CalendarDate? = nil,
        overdueSince: CalendarDate? = nil, lateByDays: Int? = nil, validUntil: CalendarDate? = nil,
        expiredOn: CalendarDate? = nil, citation: String? = nil
    ) {
        self.kind = kind
        self.date = date
        self.profile = profile
        self.organization = organization
        self.pack = pack
        self.obligation = obligation
        self.title = title
        self.model = model
        self.status = status
        self.due = due
        self.overdueSince = overdueSince
        self.lateByDays = lateByDays
        self.validUntil = validUntil
        self.expiredOn = expiredOn
        self.citation = citation
    }

    /// When the deadline stands relative to `asOf`: `172 days overdue`, `expired 3 days ago`,
    /// `today`, `in 45 days`, `12 days ago` (an undecided duty whose date has passed).
    package func when(asOf: CalendarDate) -> String {
        func days(_ n: Int) -> String { n == 1 ? "1 day" : "\(n) days" }
        switch kind {
        case .overdue:
            return "\(days(date.days(to: asOf))) overdue"
        case .expired:
            let since = (expiredOn ?? date.adding(days: 1)).days(to: asOf)
            return since == 0 ? "expired today" : "expired \(days(since)) ago"
        case .due, .renewal:
            let ahead = asOf.days(to: date)
            return ahead == 0 ? "today" : ahead > 0 ? "in \(days(ahead))" : "\(days(-ahead)) ago"
        }
    }

    /// The word for the deadline in reports and calendars: `OVERDUE`, `EXPIRED`, `DUE`,
    /// `POSSIBLY DUE` (indeterminate: it may not apply), `RENEW`.
    package var headline: String {
        switch kind {
        case .overdue: return "OVERDUE"
        case .expired: return "EXPIRED"
        case .due: return status == .indeterminate ? "POSSIBLY DUE" : "DUE"
        case .renewal: return "RENEW"
        }
    }

    /// `Helios AI Labs (model helios-4)`: the organisation (or the profile's path), and the model.
    package var subjectName: String {
        (organization ?? profile) + (model.map { " (model \($0))" } ?? "")
    }
}

/// The dated duties of a set of verdicts, in the order to act on them: overdue first (the oldest
/// first), then the rest by date.
///
/// ```swift
/// let list = DeadlineList(asOf: asOf, verdicts: verdicts)
/// print(list.within(CalendarPeriod(days: 90)).text())
/// ```
package struct DeadlineList: Sendable, Hashable {
    /// The evaluation date.
    package var asOf: CalendarDate
    /// The deadlines, in order.
    package private(set) var deadlines: [Deadline] = []
    /// The end of the window ``within(_:)`` kept, when one was applied.
    package private(set) var windowEnd: CalendarDate?

    /// A list of `deadlines`, put in order.
    package init(asOf: CalendarDate, deadlines: [Deadline] = []) {
        self.asOf = asOf
        self.deadlines = deadlines.sorted(by: Self.order)
    }

    /// The dated duties of `verdicts` (see ``deadlines(in:)``), in order.
    package init(asOf: CalendarDate, verdicts: some Sequence<Verdict>) {
        self.init(asOf: asOf, deadlines: verdicts.flatMap(Self.deadlines(in:)))
    }

    /// Adds a verdict's dated duties, keeping the order.
    package mutating func add(_ verdict: Verdict) {
        deadlines = (deadlines + Self.deadlines(in: verdict)).sorted(by: Self.order)
    }

    /// The verdict's dated duties, one per pack, obligation and model that applies (or may) and has
    /// a date: overdue (unmet past its due date), expired, due (pending or indeterminate, with a
    /// due date) and renewals (met, with a record valid through a date). A duty met for good, or
    /// without any date, has none. An invalid verdict has none.
    package static func deadlines(in verdict: Verdict) -> [Deadline] {
        let asOf = verdict.asOf
        var out: [Deadline] = []
        for pack in verdict.packs where pack.inForce {
            for o in pack.obligations {
                let parts: [(model: String?, s: ObligationResult.SubjectResult)]
                if o.subjects.isEmpty {
                    parts = [
                        (
                            nil,
                            ObligationResult.SubjectResult(
                                subject: "organization", applies: o.applies, status: o.status, because: o.because,
                                due: o.due,
                                lateByDays: o.lateByDays, overdueSince: o.overdueSince, validUntil: o.validUntil,
                                expiredOn: o.expiredOn, notes: [])
                        )
                    ]
                } else {
                    parts = o.subjects.map { s in
                        (s.subject.hasPrefix("model:") ? String(s.subject.dropFirst(6)) : nil, s)
                    }
                }
                for (model, s) in parts where s.applies != .no && s.status != .notRequired {
                    guard let (kind, date) = dated(s, asOf: asOf) else { continue }
                    out.append(
                        Deadline(
                            kind: kind, date: date, profile: verdict.profile ?? "<input>",
                            organization: verdict.organization,
                            pack: pack.pack, obligation: o.id, title: o.title, model: model, status: s.status,
                            due: s.due, overdueSince: s.overdueSince, lateByDays: s.lateByDays,
                            validUntil: s.validUntil, expiredOn: s.expiredOn, citation: o.citation))
                }
            }
        }
        return out
    }

    /// What a subject's date is, and the date; nil when it has none to act on.
    static func dated(_ s: ObligationResult.SubjectResult, asOf: CalendarDate) -> (Deadline.Kind, CalendarDate)? {
        switch s.status {
        case .expired:
            return s.expiredOn.map { (.expired, $0.adding(days: -1)) }
        case .unmet:
            if let due = s.due { return (due < asOf ? .overdue : .due, due) }
            return s.overdueSince.map { (.overdue, $0.adding(days: -1)) }
        case .met, .late:
            return s.validUntil.map { (.renewal, $0) }
        case .pending, .indeterminate:
            return s.due.map { (.due, $0) }
        case .notRequired:
            return nil
        }
    }

    /// Overdue first, the oldest first; then by date; then by profile (byte order), pack,
    /// obligation and model, so that the order never depends on the order files were read in.
    static func order(_ a: Deadline, _ b: Deadline) -> Bool {
        if a.isOverdue != b.isOverdue { return a.isOverdue }
        if a.date != b.date { return a.date < b.date }
        if a.profile != b.profile { return FileWalker.pathOrder(a.profile, b.profile) }
        if a.pack != b.pack { return a.pack < b.pack }
        if a.obligation != b.obligation { return a.obligation < b.obligation }
        return (a.model ?? "") < (b.model ?? "")
    }

    /// The overdue deadlines, and the others that fall from the as-of date to the as-of date plus
    /// `period`, inclusive.
    package func within(_ period: CalendarPeriod) -> DeadlineList {
        var copy = self
        let end = asOf.adding(period)
        copy.deadlines = deadlines.filter { $0.isOverdue || (asOf <= $0.date && $0.date <= end) }
        copy.windowEnd = end
        return copy
    }

    /// How many deadlines have passed.
    package var overdueCount: Int { deadlines.filter(\.isOverdue).count }

    /// `12 dated duties, 9 overdue, as of 2026-11-29` (with the window's end, when there is one).
    package var headline: String {
        let count = deadlines.count
        var text = "\(count == 0 ? "No" : String(count)) dated \(count == 1 ? "duty" : "duties")"
        if count > 0 { text += ", \(overdueCount) overdue" }
        text += ", as of \(asOf)"
        if let windowEnd { text += " (overdue, and due through \(windowEnd))" }
        return text
    }

    // MARK: - Formats

    /// A table for a terminal: the headline, then a row per deadline.
    package func text() -> String {
        var out = headline + "\n"
        guard !deadlines.isEmpty else { return out }
        let header = ["DATE", "WHEN", "DEADLINE", "STATUS", "PACK", "OBLIGATION", "MODEL", "ORGANIZATION", "PROFILE"]
        let rows = deadlines.map { d in
            [
                d.date.description, d.when(asOf: asOf), d.kind.rawValue, d.status.rawValue, d.pack, d.obligation,
                (d.model ?? "—").controlCharactersEscaped, (d.organization ?? "—").controlCharactersEscaped,
                d.profile.controlCharactersEscaped,
            ]
        }
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        for row in [header] + rows {
            let line = row.enumerated().map { i, cell in i == row.count - 1 ? cell : cell.padded(widths[i]) }.joined(
                separator: "  ")
            out += line.trailingSpacesTrimmed + "\n"
        }
        return out
    }

    /// The field names of the JSON objects and the CSV columns, in order.
    package static let fields = [
        "profile", "organization", "pack", "obligation", "title", "model", "status", "due",
        "overdue_since", "late_by_days", "valid_until", "expired_on", "citation", "date",
        "deadline", "uid",
    ]

    /// One JSON document: an array with an object per deadline (``fields``; dates `YYYY-MM-DD`,
    /// absent values null).
    package func json() -> String {
        var w = JSONWriter(pretty: true)
        w.array { w in
            for d in deadlines {
                w.object { w in
                    w.member("profile", d.profile)
                    w.member("organization", d.organization)
                    w.member("pack", d.pack)
                    w.member("obligation", d.obligation)
                    w.member("title", d.title)
                    w.member("model", d.model)
                    w.member("status", d.status.rawValue)
                    w.member("due", date: d.due)
                    w.member("overdue_since", date: d.overdueSince)
                    w.member("late_by_days", d.lateByDays)
                    w.member("valid_until", date: d.validUntil)
                    w.member("expired_on", date: d.expiredOn)
                    w.member("citation", d.citation)
                    w.member("date", date: d.date)
                    w.member("deadline", d.kind.rawValue)
                    w.member("uid", d.identifier)
                }
            }
        }
        return w.output + "\n"
    }

    /// RFC 4180 CSV: a header row (``fields``), then a row per deadline; CRLF line ends, fields
    /// quoted when they must be.
    package func csv() -> String {
        var out = CSVReporter.row(Self.fields)
        for d in deadlines {
            out += CSVReporter.row([
                d.profile, d.organization ?? "", d.pack, d.obligation, d.title, d.model ?? "",
                d.status.rawValue, d.due?.description ?? "", d.overdueSince?.description ?? "",
                d.lateByDays.map(String.init) ?? "", d.validUntil?.description ?? "",
                d.expiredOn?.description ?? "", d.citation ?? "", d.date.description, d.kind.rawValue,
                d.identifier,
            ])
        }
        return out
    }

    /// GitHub-flavoured Markdown: a heading, the headline, and a table.
    package func markdown() -> String {
        var out = "# Threshold deadlines\n\n" + headline + "\n"
        guard !deadlines.isEmpty else { return out }
        out += "\n| Date | When | Deadline | Status | Pack | Obligation | Model | Organization | Profile |\n"
        out += "|---|---|---|---|---|---|---|---|---|\n"
        for d in deadlines {
            let kind = d.isOverdue ? "**\(d.kind.rawValue)**" : d.kind.rawValue
            out +=
                "| \(d.date) | \(d.when(asOf: asOf)) | \(kind) | \(d.status.rawValue) | `\(d.pack)` | "
                + "`\(d.obligation)` | "
            out +=
                "\(d.model.map(Markdown.escape) ?? "—") | \(d.organization.map(Markdown.escape) ?? "—") | "
                + "`\(Markdown.escapeCode(d.profile))` |\n"
        }
        return out
    }
}

/// The 64-bit FNV-1a hash (Fowler–Noll–Vo): small, fast, the same on every platform and every run
/// (unlike Swift's `Hasher`, which is seeded per process). Not a cryptographic hash.
package struct FNV1a64: Sendable, Hashable {
    /// The hash of what has been combined so far.
    package private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    /// A hash of nothing yet.
    package init() {}

    /// Mixes in bytes.
    package mutating func combine(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01B3
        }
    }

    /// Mixes in a string as one field: its length in UTF-8 bytes (eight bytes, little-endian), then
    /// its bytes, so that `("ab", "c")` and `("a", "bc")` hash differently.
    package mutating func combineField(_ text: String) {
        let count = UInt64(text.utf8.count)
        combine((0..<8).map { UInt8(truncatingIfNeeded: count >> (8 * $0)) })
        combine(text.utf8)
    }

    /// The hash in 16 lower-case hexadecimal digits.
    package var hexDigits: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

/// The formats of `threshold deadlines`.
package enum DeadlineFormat: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// A table for a terminal (``DeadlineList/text()``).
    case text
    /// One JSON document, an array of objects (``DeadlineList/json()``).
    case json
    /// RFC 4180 CSV with a header row (``DeadlineList/csv()``).
    case csv
    /// A Markdown table (``DeadlineList/markdown()``).
    case markdown
    /// An iCalendar file (RFC 5545) to subscribe to (``DeadlineList/iCalendar(productID:)``).
    case ics

    /// The extensions ``init(fileName:)`` knows, as messages list them.
    package static let fileExtensions = ".txt .json .csv .md .ics"

    /// The format a file name's extension implies: `.txt`, `.json`, `.csv`, `.md` (or `.markdown`),
    /// `.ics` (or `.ical`, `.ifb`); nil for others.
    package init?(fileName: String) {
        guard
            let format = ReportTargets.format(
                ofFile: fileName,
                in: [
                    (".txt", .text), (".json", .json), (".csv", .csv), (".md", .markdown),
                    (".markdown", .markdown), (".ics", .ics), (".ical", .ics), (".ifb", .ics),
                ] as [(suffix: String, format: DeadlineFormat)])
        else { return nil }
        self = format
    }

    /// The identifier.
    package var description: String { rawValue }
}

extension DeadlineList {
    /// The list in `format`; `productID` is the iCalendar `PRODID`.
    package func rendered(as format: DeadlineFormat, productID: String) -> String {
        switch format {
        case .text: return text()
        case .json: return json()
        case .csv: return csv()
        case .markdown: return markdown()
        case .ics: return iCalendar(productID: productID)
        }
    }
}
