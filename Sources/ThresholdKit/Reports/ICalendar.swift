// iCalendar (RFC 5545) output: a calendar a compliance team can subscribe to.

/// Writes iCalendar text as RFC 5545 requires: content lines ended by CRLF, folded so that no line
/// is longer than 75 octets (a continuation line starts with one space, and a fold never splits a
/// UTF-8 sequence), and TEXT values escaped.
///
/// ```swift
/// var calendar = ICalendarWriter()
/// calendar.property("BEGIN", "VCALENDAR")
/// calendar.text("SUMMARY", "Review; sign, file")   // SUMMARY:Review\; sign\, file
/// ```
package struct ICalendarWriter: Sendable {
    /// The most octets a content line may hold, CRLF not counted.
    package static let lineLimit = 75

    /// What has been written.
    package private(set) var output = ""

    /// An empty calendar text.
    package init() {}

    /// Writes `NAME:VALUE` (the name may carry parameters, `DTSTART;VALUE=DATE`), with the value as
    /// it is: for values that are not TEXT (dates, identifiers, fixed words).
    package mutating func property(_ name: String, _ value: String) {
        output += Self.fold(name + ":" + value)
    }

    /// Writes a TEXT property, its value escaped (``escape(_:)``).
    package mutating func text(_ name: String, _ value: String) {
        property(name, Self.escape(value))
    }

    /// A TEXT value escaped: backslash, semicolon and comma preceded by a backslash, a line break
    /// (LF, CR or CRLF) as `\n`. Other control characters, which TEXT may not hold, are shown as
    /// `\u{…}` (its backslash escaped in turn), as the other reports show them.
    package static func escape(_ text: String) -> String {
        var out = ""
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": if !previousWasCR { out += "\\n" }
            case "\r": out += "\\n"
            case "\t": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// One content line folded: at most ``lineLimit`` octets per line, each continuation line
    /// starting with a space (which counts toward its 75), cut only between UTF-8 sequences and
    /// never inside a TEXT escape; every line ended by CRLF.
    package static func fold(_ line: String) -> String {
        let bytes = Array(line.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 37 + 2)
        var start = 0
        var first = true
        repeat {
            let room = first ? lineLimit : lineLimit - 1
            var end = min(start + room, bytes.count)
            // Back off to the start of a UTF-8 sequence (continuation bytes are 10xxxxxx).
            while end < bytes.count && end > start && bytes[end] & 0xC0 == 0x80 { end -= 1 }
            // Keep an escape (`\,`, `\n`) on one line: the RFC allows a fold anywhere, but some
            // clients unescape line by line.
            if end < bytes.count {
                var backslashes = 0
                while end - backslashes > start && bytes[end - backslashes - 1] == UInt8(ascii: "\\") {
                    backslashes += 1
                }
                if backslashes % 2 == 1 { end -= 1 }
            }
            if !first { out.append(UInt8(ascii: " ")) }
            out += bytes[start..<end]
            out += [0x0D, 0x0A]
            start = end
            first = false
        } while start < bytes.count
        return String(decoding: out, as: UTF8.self)
    }

    /// `YYYYMMDD`, the form of a DATE value.
    package static func date(_ date: CalendarDate) -> String {
        date.description.replacingDashes
    }
}

extension String {
    fileprivate var replacingDashes: String { String(filter { $0 != "-" }) }
}

extension DeadlineList {
    /// The deadlines as an iCalendar document (RFC 5545): a `VCALENDAR` with an all-day `VEVENT`
    /// per deadline on its date.
    ///
    /// Each event's `UID` is ``Deadline/identifier`` followed by `@threshold`, the same on every
    /// run and machine, and `DTSTAMP` is the as-of date at midnight UTC, so that two runs on the same
    /// as-of date give the same bytes, and a calendar that subscribes to (or re-imports) the file
    /// updates its events instead of adding copies. `SEQUENCE` is the as-of date's day number, so
    /// that a later run's version of an event supersedes an earlier one.
    ///
    /// - Parameter productID: the `PRODID`, such as `-//Threshold//threshold 0.1.0//EN`.
    package func iCalendar(productID: String) -> String {
        var c = ICalendarWriter()
        c.property("BEGIN", "VCALENDAR")
        c.property("VERSION", "2.0")
        c.text("PRODID", productID)
        c.property("CALSCALE", "GREGORIAN")
        c.property("METHOD", "PUBLISH")
        c.text("X-WR-CALNAME", "Threshold deadlines")
        let stamp = ICalendarWriter.date(asOf) + "T000000Z"
        for d in deadlines {
            c.property("BEGIN", "VEVENT")
            c.property("UID", d.identifier + "@threshold")
            c.property("DTSTAMP", stamp)
            c.property("SEQUENCE", String(max(0, asOf.daysSinceEpoch)))
            c.property("DTSTART;VALUE=DATE", ICalendarWriter.date(d.date))
            c.property("DTEND;VALUE=DATE", ICalendarWriter.date(d.date.adding(days: 1)))
            c.text("SUMMARY", "\(d.headline): \(d.obligation) — \(d.subjectName)")
            c.text("DESCRIPTION", description(of: d))
            c.property("TRANSP", "TRANSPARENT")
            c.text("CATEGORIES", d.headline)
            c.property("END", "VEVENT")
        }
        c.property("END", "VCALENDAR")
        return c.output
    }

    /// The event's description: the title, the pack, the status and its dates, the citation, the
    /// profile.
    func description(of d: Deadline) -> String {
        var status = d.status.rawValue
        if let due = d.due { status += ", due \(due)" }
        if let since = d.overdueSince { status += ", overdue since \(since)" }
        if let late = d.lateByDays { status += ", met \(late == 1 ? "1 day" : "\(late) days") late" }
        if let until = d.validUntil { status += ", valid through \(until)" }
        if let expired = d.expiredOn { status += ", expired on \(expired)" }
        status += " (\(d.when(asOf: asOf)) as of \(asOf))"
        var lines = [d.title, "Pack: \(d.pack)", "Status: \(status)"]
        if let citation = d.citation { lines.append("Citation: \(citation)") }
        lines.append("Profile: \(d.profile)")
        return lines.joined(separator: "\n")
    }
}
