// Calendar dates without Foundation's Calendar or time zones (so a seed gives the same dates
// everywhere): days since 1970-01-01 to and from "YYYYMMDD" (Hinnant's civil algorithms).

struct CivilDate: Sendable, Equatable {
    var year: Int
    var month: Int
    var day: Int

    init(year: Int, month: Int, day: Int) { self.year = year; self.month = month; self.day = day }

    init(daysSinceEpoch z0: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// DICOM DA: "YYYYMMDD".
    var dicom: String {
        func pad(_ v: Int, _ n: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, n - s.count)) + s
        }
        return pad(year, 4) + pad(month, 2) + pad(day, 2)
    }
}

extension CivilDate {
    /// From DICOM DA "YYYYMMDD"; nil unless it is a real calendar date.
    init?(dicom text: String) {
        guard text.count == 8, text.allSatisfy({ $0.isASCII && $0.isNumber }),
              let year = Int(text.prefix(4)), let month = Int(text.dropFirst(4).prefix(2)), let day = Int(text.suffix(2)),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        let date = CivilDate(year: year, month: month, day: day)
        // Round trip: 20250230 becomes March 2nd and is refused.
        guard CivilDate(daysSinceEpoch: date.daysSinceEpoch) == date else { return nil }
        self = date
    }
}
