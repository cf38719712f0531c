import Foundation

/// Calendar arithmetic in Asia/Jakarta (WIB, UTC+7, no daylight saving), the helpdesk's local
/// time for dates and working days. A fixed offset keeps results identical on machines with or
/// without time-zone data.
public struct JakartaCalendar: Sendable {
    public struct Day: Sendable, Equatable {
        public var year: Int, month: Int, day: Int
        public var iso: String { Timestamp.isoDay(year, month, day) }
        public var isoMonth: String { Timestamp.isoMonth(year, month) }
    }

    private let calendar: Calendar

    public init() {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(secondsFromGMT: 7 * 3600)!
        c.firstWeekday = 2
        calendar = c
    }

    public func day(_ date: Date) -> Day {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return Day(year: c.year!, month: c.month!, day: c.day!)
    }

    public func adding(days: Int, to date: Date) -> Day {
        day(calendar.date(byAdding: .day, value: days, to: date)!)
    }

    /// Monday of the week `weeks` after the one containing `date`.
    public func mondayOfWeek(_ weeks: Int, from date: Date) -> Day {
        let weekday = calendar.component(.weekday, from: date) // 1 = Sunday
        let sinceMonday = (weekday + 5) % 7
        return adding(days: 7 * weeks - sinceMonday, to: date)
    }

    /// Whether a day exists ("31 Februari" does not).
    public func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let c = DateComponents(year: year, month: month, day: 1)
        guard let first = calendar.date(from: c), let range = calendar.range(of: .day, in: .month, for: first) else { return false }
        return range.contains(day)
    }
}
