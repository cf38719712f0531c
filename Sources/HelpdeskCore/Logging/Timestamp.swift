import Foundation

/// UTC timestamps with milliseconds (`2026-11-22T10:15:00.123Z`), formatted by hand: faster than
/// `ISO8601DateFormatter` and free of its thread-safety caveats on Linux.
public enum Timestamp {
    public static func iso8601(_ date: Date) -> String {
        let t = date.timeIntervalSince1970
        let secs = Int64(t.rounded(.down))
        let millis = Int((t - Double(secs)) * 1000)
        let (y, m, d) = civil(fromDays: Int(floorDiv(secs, 86_400)))
        let sod = Int(secs - floorDiv(secs, 86_400) * 86_400)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", y, m, d, sod / 3600, sod / 60 % 60, sod % 60, millis)
    }

    /// `YYYY-MM-DD` of the UTC day `date` falls in.
    public static func day(_ date: Date) -> String {
        let secs = Int64(date.timeIntervalSince1970.rounded(.down))
        let (y, m, d) = civil(fromDays: Int(floorDiv(secs, 86_400)))
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : (a - b + 1) / b
    }

    /// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian calendar).
    static func civil(fromDays z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}
