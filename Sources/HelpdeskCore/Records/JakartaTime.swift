import Foundation

/// Calendar arithmetic in Asia/Jakarta (WIB, UTC+7, no daylight saving): which local day and
/// hour a moment falls in, and day numbers for date ranges and retention. Fixed-offset
/// arithmetic by hand, so it needs no time-zone database and no `Calendar` locking.
public enum JakartaTime {
    public static let offsetSeconds: Double = 7 * 3600

    /// `YYYY-MM-DD` of the Jakarta day `date` falls in.
    public static func day(_ date: Date) -> String {
        Timestamp.day(date.addingTimeInterval(offsetSeconds))
    }

    /// The Jakarta hour of day (0–23).
    public static func hour(_ date: Date) -> Int {
        let local = Int64((date.timeIntervalSince1970 + offsetSeconds).rounded(.down))
        return Int(((local % 86_400) + 86_400) % 86_400 / 3600)
    }

    /// Days since 1970-01-01 of a `YYYY-MM-DD` string, or nil if it is not a real date.
    public static func dayNumber(_ text: String) -> Int? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), (1...31).contains(d) else { return nil }
        let n = daysFromCivil(y, m, d)
        return dayString(n) == text ? n : nil
    }

    public static func dayString(_ number: Int) -> String {
        let (y, m, d) = Timestamp.civil(fromDays: number)
        return Timestamp.isoDay(y, m, d)
    }

    /// The day number of `date` in Jakarta.
    public static func dayNumber(of date: Date) -> Int {
        Int(((date.timeIntervalSince1970 + offsetSeconds) / 86_400).rounded(.down))
    }

    /// Midnight in Jakarta starting day `number`, as a moment.
    public static func startOfDay(_ number: Int) -> Date {
        Date(timeIntervalSince1970: Double(number) * 86_400 - offsetSeconds)
    }

    /// Howard Hinnant's days-from-civil algorithm (proleptic Gregorian calendar).
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
