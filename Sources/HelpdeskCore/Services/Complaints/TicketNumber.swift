import Foundation

/// Complaint tickets: `ADU-YYYYMMDD-NNNN`, the WIB date the complaint was filed and a daily
/// sequence of at least 4 digits (up to `maxPerDay`). People may type them lowercase or with spaces; `Identifiers.ticket(in:)`
/// normalises those.
public enum TicketNumber {
    /// Tickets a day can hold: six digits of sequence.
    public static let maxPerDay = 999_999

    static func format(day: String, sequence: Int) -> String {
        "ADU-\(day)-" + String(format: "%04d", sequence)
    }

    /// The date part (`YYYYMMDD`) and sequence of a canonical ticket.
    public static func parts(_ ticket: String) -> (day: String, sequence: Int)? {
        let p = ticket.split(separator: "-")
        guard p.count == 3, p[0] == "ADU", p[1].count == 8, (4...6).contains(p[2].count), Int(p[1]) != nil,
              let n = Int(p[2]) else { return nil }
        return (String(p[1]), n)
    }
}

/// Reads back the UTC timestamps `Timestamp.iso8601` writes (`2026-11-22T10:15:00.123Z`).
enum TimestampParser {
    static func parse(_ text: String) -> Date? {
        let u = Array(text.utf8)
        guard u.count == 24, u[4] == 45, u[7] == 45, u[10] == 84, u[13] == 58, u[16] == 58, u[19] == 46, u[23] == 90 else { return nil }
        func num(_ a: Int, _ b: Int) -> Int? { Int(String(decoding: u[a..<b], as: UTF8.self)) }
        guard let y = num(0, 4), let mo = num(5, 7), let d = num(8, 10), let h = num(11, 13), let mi = num(14, 16),
              let s = num(17, 19), let ms = num(20, 23), let day = Day(year: y, month: mo, day: d) else { return nil }
        let secs = Double(day.ordinal) * 86_400 + Double(h * 3600 + mi * 60 + s) + Double(ms) / 1000
        return Date(timeIntervalSince1970: secs)
    }
}
