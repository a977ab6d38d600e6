/// A span of calendar time as statutes write it — `1 year`, `3 months`, `30 days` — added to a
/// date by the calendar, not as a count of seconds: 2027-03-01 plus one year is 2028-03-01, and
/// 2024-02-29 plus one year is 2025-02-28 (the last day of the shorter month).
///
/// A record completed on day D with a validity period P counts through D + P, inclusive.
public struct CalendarPeriod: Sendable, Hashable, CustomStringConvertible {
    /// Whole years.
    public var years: Int
    /// Whole months.
    public var months: Int
    /// Whole days.
    public var days: Int

    /// The longest period a pack may state: 100 years, far past any statute's clock.
    static let maximumDays = 36_525

    /// A period of `years`, `months` and `days` (each zero or more).
    public init(years: Int = 0, months: Int = 0, days: Int = 0) {
        self.years = years
        self.months = months
        self.days = days
    }

    /// Parses `1 year`, `2 years`, `3 months`, `90 days`, `1 week`, or a combination joined by
    /// spaces or `and` (`1 year 6 months`); nil for anything else, for a zero period, or for one
    /// longer than a hundred years.
    public init?(_ text: some StringProtocol) {
        var words = String(text).split(whereSeparator: { (c: Character) in c == " " || c == "," }).map(String.init)
            .filter { $0 != "and" }
        guard !words.isEmpty, words.count % 2 == 0 else { return nil }
        var period = CalendarPeriod()
        while !words.isEmpty {
            let number = words.removeFirst(), unit = words.removeFirst()
            guard number.allSatisfy({ $0.isASCII && $0.isNumber }), number.count <= 6, let n = Int(number) else {
                return nil
            }
            switch unit {
            case "year", "years": period.years += n
            case "month", "months": period.months += n
            case "week", "weeks": period.days += 7 * n
            case "day", "days": period.days += n
            default: return nil
            }
        }
        let approximateDays = period.years * 366 + period.months * 31 + period.days
        guard approximateDays > 0, approximateDays <= Self.maximumDays else { return nil }
        self = period
    }

    /// Parses the compact spelling command-line options use: a count and one letter, `90d` (days),
    /// `12w` (weeks), `6m` (months) or `1y` (years); nil for anything else or for a period longer
    /// than a hundred years. `0d` is the empty period.
    ///
    /// ```swift
    /// CalendarPeriod(compact: "6m")   // 6 months
    /// CalendarPeriod(compact: "90")   // nil: no unit
    /// ```
    package init?(compact text: some StringProtocol) {
        let text = String(text)
        guard let unit = text.last, text.count >= 2, text.count <= 7 else { return nil }
        let digits = text.dropLast()
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(digits) else { return nil }
        switch unit {
        case "d": self.init(days: n)
        case "w": self.init(days: 7 * n)
        case "m": self.init(months: n)
        case "y": self.init(years: n)
        default: return nil
        }
        guard years * 366 + months * 31 + days <= Self.maximumDays else { return nil }
    }

    /// `1 year`, `3 months`, `1 year 6 months`, `30 days`.
    public var description: String {
        var parts: [String] = []
        func part(_ n: Int, _ unit: String) { if n != 0 { parts.append("\(n) \(unit)\(n == 1 ? "" : "s")") } }
        part(years, "year")
        part(months, "month")
        part(days, "day")
        return parts.isEmpty ? "0 days" : parts.joined(separator: " ")
    }
}

extension CalendarDate {
    /// This date plus a calendar period: years and months first, the day clamped to the last day
    /// of a shorter month, then days.
    public func adding(_ period: CalendarPeriod) -> CalendarDate {
        // No period (`before-deployment`: due on release) moves a day of the calendar nowhere; a
        // day past it (moved by `adding(days:)`) is brought back by the general path below.
        if period.years == 0 && period.months == 0 && period.days == 0 && (1...9999).contains(year) { return self }
        let totalMonths = (year * 12 + (month - 1)) + period.years * 12 + period.months
        let newYear = min(max(totalMonths / 12, 1), 9999)
        let newMonth = totalMonths % 12 + 1
        let newDay = min(day, CalendarDate.daysIn(month: newMonth, year: newYear))
        let moved = CalendarDate(year: newYear, month: newMonth, day: newDay) ?? self
        return moved.adding(days: period.days)
    }
}
