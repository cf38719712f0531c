import Foundation

/// A calendar day in Asia/Jakarta (WIB, UTC+7, no daylight saving), as the helpdesk reasons
/// about schedules, holidays and due dates. A small value type over a day number, so date
/// arithmetic on the per-message path needs no `Calendar` or formatter.
public struct Day: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let ordinal: Int

    public init(ordinal: Int) { self.ordinal = ordinal }

    /// The WIB calendar day that `date` falls in.
    public init(_ date: Date) {
        let secs = date.timeIntervalSince1970 + Day.wibOffset
        self.ordinal = Int((secs / 86_400).rounded(.down))
    }

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Day.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.ordinal = Day.days(fromCivil: year, month, day)
    }

    /// Parses `YYYY-MM-DD`; nil for anything else or an impossible date.
    public init?(iso text: String) {
        // `YYYY-MM-DD` in ASCII digits (every date the engine gives) read from its bytes: the
        // split and three `Int` parses cost ~7k instructions. Anything else takes the general path.
        if let fields = Day.digitFields(text, dashes: 2) {
            self.init(year: fields.0, month: fields.1, day: fields.2)
            return
        }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The numbers of `YYYY-MM` (`dashes` 1) or `YYYY-MM-DD` (`dashes` 2) when `text` is exactly
    /// that in ASCII digits (day 0 for `YYYY-MM`); nil for any other text.
    static func digitFields(_ text: String, dashes: Int) -> (Int, Int, Int)? {
        let size = dashes == 2 ? 10 : 7
        let fields: (Int, Int, Int)?? = text.utf8.withContiguousStorageIfAvailable { u -> (Int, Int, Int)? in
            guard u.count == size, u[4] == 45, dashes == 1 || u[7] == 45 else { return nil }
            func digit(_ i: Int) -> Int? {
                let d = u[i] &- 48
                return d < 10 ? Int(d) : nil
            }
            guard let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3),
                  let m0 = digit(5), let m1 = digit(6) else { return nil }
            var day = 0
            if dashes == 2 {
                guard let d0 = digit(8), let d1 = digit(9) else { return nil }
                day = d0 * 10 + d1
            }
            return (((y0 * 10 + y1) * 10 + y2) * 10 + y3, m0 * 10 + m1, day)
        }
        return fields ?? nil
    }

    public static let wibOffset: TimeInterval = 7 * 3600

    public var civil: (year: Int, month: Int, day: Int) {
        let (y, m, d) = Timestamp.civil(fromDays: ordinal)
        return (y, m, d)
    }

    /// 0 = Sunday … 6 = Saturday.
    public var weekday: Int { ((ordinal + 4) % 7 + 7) % 7 }
    public var isWeekend: Bool { weekday == 0 || weekday == 6 }

    public func adding(days n: Int) -> Day { Day(ordinal: ordinal + n) }

    /// `YYYY-MM` of this day.
    public var monthKey: String {
        let c = civil
        return Timestamp.isoMonth(c.year, c.month)
    }

    public var description: String {
        let c = civil
        return Timestamp.isoDay(c.year, c.month, c.day)
    }

    /// The first day of the month after this one.
    public var startOfNextMonth: Day {
        let c = civil
        return c.month == 12 ? Day(year: c.year + 1, month: 1, day: 1)! : Day(year: c.year, month: c.month + 1, day: 1)!
    }

    public var startOfMonth: Day {
        let c = civil
        return Day(year: c.year, month: c.month, day: 1)!
    }

    /// The Monday that starts this day's week.
    public var startOfWeek: Day { adding(days: -((weekday + 6) % 7)) }

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Howard Hinnant's days-from-civil algorithm.
    static func days(fromCivil y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = m > 2 ? m - 3 : m + 9
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

/// Day and month names for replies ("26 Agustus 2021", "26 August 2021").
public enum DayWording {
    static let idMonths = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"]
    static let enMonths = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    public static func long(_ day: Day, _ lang: Lang) -> String {
        let c = day.civil
        let months = lang == .en ? enMonths : idMonths
        return "\(c.day) \(months[c.month - 1]) \(c.year)"
    }

    public static func month(_ key: String, _ lang: Lang) -> String {
        // `YYYY-MM` in ASCII digits read from its bytes (the split, parses and interpolation cost ~5k).
        if let (y, m, _) = Day.digitFields(key, dashes: 1), (1...12).contains(m) {
            return (lang == .en ? enMonths : idMonths)[m - 1] + " " + String(y)
        }
        let parts = key.split(separator: "-")
        guard parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m) else { return key }
        return "\((lang == .en ? enMonths : idMonths)[m - 1]) \(y)"
    }
}
