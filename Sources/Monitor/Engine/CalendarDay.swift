// A civil date as a day number (Hinnant's days-from-civil), enough for ISO weeks and months without a
// Calendar per exam: a million exams are bucketed in milliseconds.

public struct CalendarDay: Sendable, Hashable, Comparable, Codable {
    /// Days since 1970-01-01.
    public var day: Int

    public init(day: Int) { self.day = day }

    public init(year: Int, month: Int, dayOfMonth: Int) {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + dayOfMonth - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        day = era * 146_097 + doe - 719_468
    }

    /// "YYYYMMDD" (a DICOM DA); nil when malformed.
    public init?(yyyymmdd text: String) {
        let utf8 = Array(text.utf8)
        guard utf8.count == 8, utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + Int(utf8[$1] - 48) } }
        let year = number(0..<4), month = number(4..<6), dayOfMonth = number(6..<8)
        guard (1...12).contains(month), dayOfMonth >= 1, dayOfMonth <= Self.daysIn(year: year, month: month) else { return nil }
        self.init(year: year, month: month, dayOfMonth: dayOfMonth)
    }

    public var components: (year: Int, month: Int, day: Int) {
        let z = day + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Monday of this day's ISO week (1970-01-01 was a Thursday).
    public var mondayOfWeek: CalendarDay {
        let weekday = ((day % 7) + 7 + 3) % 7  // 0 = Monday
        return CalendarDay(day: day - weekday)
    }

    public var firstOfMonth: CalendarDay {
        let c = components
        return CalendarDay(year: c.year, month: c.month, dayOfMonth: 1)
    }

    public var lastOfMonth: CalendarDay {
        let c = components
        return CalendarDay(year: c.year, month: c.month, dayOfMonth: Self.daysIn(year: c.year, month: c.month))
    }

    /// "YYYY-MM-DD".
    public var isoText: String {
        let c = components
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))"
    }

    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool { a.day < b.day }
}
