import Foundation

/// The records' view of Asia/Jakarta time (WIB, UTC+7): which local day and hour a moment
/// falls in, and day numbers for date ranges and retention. The calendar arithmetic itself is
/// `Day`'s; this adds the string and hour forms the transcript files use.
public enum JakartaTime {
    public static let offsetSeconds: Double = HelpdeskCore.Day.wibOffset

    /// `YYYY-MM-DD` of the Jakarta day `date` falls in.
    public static func day(_ date: Date) -> String {
        Timestamp.day(date.addingTimeInterval(offsetSeconds))
    }

    /// The number of the Jakarta day `date` falls in, by the same arithmetic as `day(_:)`
    /// (two moments have the same `dayIndex` exactly when they have the same `day`).
    static func dayIndex(_ date: Date) -> Int64 {
        let secs = Int64(date.addingTimeInterval(offsetSeconds).timeIntervalSince1970.rounded(.down))
        return secs >= 0 ? secs / 86_400 : (secs - 86_399) / 86_400
    }

    /// The Jakarta hour of day (0–23).
    public static func hour(_ date: Date) -> Int {
        let local = Int64((date.timeIntervalSince1970 + offsetSeconds).rounded(.down))
        return Int(((local % 86_400) + 86_400) % 86_400 / 3600)
    }

    /// Days since 1970-01-01 of a `YYYY-MM-DD` string, or nil if it is not a real date.
    public static func dayNumber(_ text: String) -> Int? { HelpdeskCore.Day(iso: text)?.ordinal }

    public static func dayString(_ number: Int) -> String { HelpdeskCore.Day(ordinal: number).description }

    /// The day number of `date` in Jakarta.
    public static func dayNumber(of date: Date) -> Int { HelpdeskCore.Day(date).ordinal }

    /// Midnight in Jakarta starting day `number`, as a moment.
    public static func startOfDay(_ number: Int) -> Date {
        Date(timeIntervalSince1970: Double(number) * 86_400 - offsetSeconds)
    }
}
