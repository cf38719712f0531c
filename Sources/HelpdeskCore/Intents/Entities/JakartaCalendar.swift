import Foundation

/// The entity extractors' view of Asia/Jakarta dates (WIB, UTC+7): year/month/day triples for
/// the dates people write. The arithmetic is `Day`'s (fixed offset, no time-zone database).
public struct JakartaCalendar: Sendable {
    public struct Day: Sendable, Equatable {
        public var year: Int, month: Int, day: Int
        public var iso: String { Timestamp.isoDay(year, month, day) }
        public var isoMonth: String { Timestamp.isoMonth(year, month) }

        init(year: Int, month: Int, day: Int) {
            self.year = year
            self.month = month
            self.day = day
        }

        init(_ d: HelpdeskCore.Day) {
            (year, month, day) = d.civil
        }
    }

    public init() {}

    public func day(_ date: Date) -> Day { Day(HelpdeskCore.Day(date)) }

    public func adding(days: Int, to date: Date) -> Day { Day(HelpdeskCore.Day(date).adding(days: days)) }

    /// Monday of the week `weeks` after the one containing `date`.
    public func mondayOfWeek(_ weeks: Int, from date: Date) -> Day {
        Day(HelpdeskCore.Day(date).startOfWeek.adding(days: 7 * weeks))
    }

    /// Whether a day exists ("31 Februari" does not).
    public func isValid(year: Int, month: Int, day: Int) -> Bool {
        HelpdeskCore.Day(year: year, month: month, day: day) != nil
    }
}
