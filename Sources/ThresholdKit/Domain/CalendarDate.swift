import ThresholdPlatform

/// A calendar day (proleptic Gregorian), as statutes and filings write dates: `2026-06-10`.
///
/// Pure value arithmetic with no time zone and no Foundation, so evaluation stays deterministic.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    /// The year, e.g. 2026.
    public let year: Int
    /// The month, 1–12.
    public let month: Int
    /// The day of the month, 1–31.
    public let day: Int

    /// A date from its parts, or nil when the day does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...CalendarDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`; nil for anything else or a day that does not exist.
    public init?(_ text: some StringProtocol) {
        let parsed =
            text.utf8.withContiguousStorageIfAvailable { CalendarDate(utf8: $0) }
            ?? Array(text.utf8).withUnsafeBufferPointer { CalendarDate(utf8: $0) }
        guard let parsed else { return nil }
        self = parsed
    }

    /// Parses `YYYY-MM-DD` from UTF-8 bytes where they lie (a scalar in a YAML document).
    package init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Why `text` is not a date `YYYY-MM-DD`, in a few words, or nil when it is one:
    /// `expected YYYY-MM-DD` (`2026/01/01`), `month 13 does not exist` (`2026-13-01`),
    /// `February 2026 has 28 days` (`2026-02-30`), `day 0 does not exist`, `year 0 does not exist`
    /// (the years are 1 to 9999).
    ///
    /// ```swift
    /// CalendarDate.problem(parsing: "2026-02-30")   // "February 2026 has 28 days"
    /// CalendarDate.problem(parsing: "2026-02-28")   // nil
    /// ```
    package static func problem(parsing text: some StringProtocol) -> String? {
        let bytes = Array(text.utf8)
        let digit = { (byte: UInt8) in byte >= 0x30 && byte <= 0x39 }
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[0..<4].allSatisfy(digit), bytes[5..<7].allSatisfy(digit), bytes[8..<10].allSatisfy(digit)
        else {
            return shapeProblem
        }
        func number(_ range: Range<Int>) -> Int { bytes[range].reduce(0) { $0 * 10 + Int($1 - 0x30) } }
        let year = number(0..<4), month = number(5..<7), day = number(8..<10)
        if year == 0 { return "year 0 does not exist (the years are 1 to 9999)" }
        if !(1...12).contains(month) { return "month \(month) does not exist" }
        if day == 0 { return "day 0 does not exist" }
        let days = daysIn(month: month, year: year)
        if day > days { return "\(monthNames[month - 1]) \(year) has \(days) days" }
        return nil
    }

    /// Why text shaped like a date (`YYYY-MM-DD`) is not one, as a loader words it:
    /// `2027-02-30` → "2027-02-30 is not a date: February 2027 has 28 days"; nil for text of
    /// another shape, or for a real date. The problem is ``problem(parsing:)``'s.
    package static func problem(with text: some StringProtocol) -> String? {
        guard let problem = problem(parsing: text), problem != shapeProblem else { return nil }
        return "\(text) is not a date: \(problem)"
    }

    /// ``problem(parsing:)``'s answer for text not shaped `YYYY-MM-DD`.
    static let shapeProblem = "expected YYYY-MM-DD"

    /// Today's date on the local calendar: the time zone the environment names (`TZ`), else the
    /// system's. A user in Auckland and one in Honolulu see the date on their own wall calendars.
    public static func today() -> CalendarDate {
        var now = time(nil)
        var parts = tm()
        guard localtime_r(&now, &parts) != nil,
            let date = CalendarDate(
                year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
        else {
            return CalendarDate(daysSinceEpoch: Int(now) / 86_400)
        }
        return date
    }

    /// The months' English names, January first.
    package static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    ]

    /// The number of days since 1970-01-01.
    package var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date `daysSinceEpoch` days after 1970-01-01.
    package init(daysSinceEpoch z0: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        month = m
        day = d
    }

    /// This date plus `days` days. Steps beyond ±4,000,000 days (more than the years 1–9999 span)
    /// are clamped there, so that no count of days can overflow.
    public func adding(days: Int) -> CalendarDate {
        CalendarDate(daysSinceEpoch: daysSinceEpoch + min(max(days, -4_000_000), 4_000_000))
    }

    /// The number of days from this date to `other` (negative when `other` is earlier).
    public func days(to other: CalendarDate) -> Int { other.daysSinceEpoch - daysSinceEpoch }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Whether `a` is an earlier day than `b`.
    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        guard (1...9999).contains(year) else {
            // A date moved past the calendar's years by `adding(days:)`.
            var bytes: [UInt8] = []
            appendDescription(to: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        }
        // Ten bytes, written in place: a string this short is stored inline, with no allocation.
        return String(unsafeUninitializedCapacity: 10) { text in
            writeText(into: UnsafeMutableRawBufferPointer(text))
            return 10
        }
    }

    /// Writes `YYYY-MM-DD`, ten bytes, at the start of `bytes`; for a year of the calendar's
    /// (1 to 9999), so that the year takes four digits.
    private func writeText(into bytes: UnsafeMutableRawBufferPointer) {
        func put(_ value: Int, digits: Int, at offset: Int) {
            var rest = value
            for index in (offset..<(offset + digits)).reversed() {
                bytes[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
        }
        put(year, digits: 4, at: 0)
        bytes[4] = UInt8(ascii: "-")
        put(month, digits: 2, at: 5)
        bytes[7] = UInt8(ascii: "-")
        put(day, digits: 2, at: 8)
    }

    /// Appends ``description`` as UTF-8: the year padded to four digits, the month and day to two.
    func appendDescription<Sink: ByteSink & ~Copyable>(to sink: inout Sink) {
        guard (1...9999).contains(year) else {
            // A date moved past the calendar's years by `adding(days:)`: any number of digits.
            sink.appendDecimal(year, width: 4)
            sink.append(UInt8(ascii: "-"))
            sink.appendDecimal(month, width: 2)
            sink.append(UInt8(ascii: "-"))
            sink.appendDecimal(day, width: 2)
            return
        }
        // The ten bytes laid out on the stack and appended as one block (a report writes a date
        // for nearly every duty of every model).
        var text: (UInt64, UInt16) = (0, 0)
        withUnsafeMutableBytes(of: &text) { writeText(into: $0) }
        withUnsafeBytes(of: &text) { sink.append(bytes: UnsafeRawBufferPointer(rebasing: $0[0..<10])) }
    }

    /// Decodes a date from a single `YYYY-MM-DD` string, as ``init(_:)`` reads it.
    ///
    /// - Throws: `DecodingError.dataCorrupted` when the string is not a valid date.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = CalendarDate(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "expected a date YYYY-MM-DD, found '\(text)'"))
        }
        self = date
    }

    /// Encodes the date as a single `YYYY-MM-DD` string, its ``description``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
