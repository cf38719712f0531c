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
        if (0...9999).contains(y), (0...999).contains(millis) {
            // The common case, written as 24 bytes straight into the string.
            return String(unsafeUninitializedCapacity: 24) { b in
                let p = b.baseAddress!
                writeSecond(y, m, d, secondOfDay: sod, to: p)
                putDigits(millis, 3, at: p + 20); p[23] = 90
                return 24
            }
        }
        var out = ""
        out.reserveCapacity(24)
        pad(y, 4, &out); out += "-"; pad(m, 2, &out); out += "-"; pad(d, 2, &out); out += "T"
        pad(sod / 3600, 2, &out); out += ":"; pad(sod / 60 % 60, 2, &out); out += ":"; pad(sod % 60, 2, &out)
        out += "."; pad(millis, 3, &out); out += "Z"
        return out
    }

    /// Writes `YYYY-MM-DDTHH:MM:SS.` (20 bytes) at `b`; the year must be 0...9999.
    static func writeSecond(_ y: Int, _ m: Int, _ d: Int, secondOfDay sod: Int, to b: UnsafeMutablePointer<UInt8>) {
        putDigits(y, 4, at: b); b[4] = 45; putDigits(m, 2, at: b + 5); b[7] = 45; putDigits(d, 2, at: b + 8); b[10] = 84
        putDigits(sod / 3600, 2, at: b + 11); b[13] = 58; putDigits(sod / 60 % 60, 2, at: b + 14); b[16] = 58
        putDigits(sod % 60, 2, at: b + 17); b[19] = 46
    }

    /// `n` as exactly `width` decimal digits (zero-padded) at `b`.
    @inline(__always) static func putDigits(_ n: Int, _ width: Int, at b: UnsafeMutablePointer<UInt8>) {
        var n = n
        for i in stride(from: width - 1, through: 0, by: -1) {
            b[i] = UInt8(truncatingIfNeeded: 48 + n % 10); n /= 10
        }
    }

    /// `YYYY-MM-DD` of the UTC day `date` falls in.
    public static func day(_ date: Date) -> String {
        let secs = Int64(date.timeIntervalSince1970.rounded(.down))
        let (y, m, d) = civil(fromDays: Int(floorDiv(secs, 86_400)))
        return isoDay(y, m, d)
    }

    /// `YYYY-MM-DD` (as `%04d-%02d-%02d` would print it, without `String(format:)`'s cost).
    public static func isoDay(_ y: Int, _ m: Int, _ d: Int) -> String {
        var out = ""
        out.reserveCapacity(10)
        pad(y, 4, &out); out += "-"; pad(m, 2, &out); out += "-"; pad(d, 2, &out)
        return out
    }

    /// `YYYY-MM` (as `%04d-%02d`).
    public static func isoMonth(_ y: Int, _ m: Int) -> String {
        var out = ""
        out.reserveCapacity(7)
        pad(y, 4, &out); out += "-"; pad(m, 2, &out)
        return out
    }

    /// Appends `n` zero-padded to `width` digits, like `%0Nd` (a minus sign counts in the width).
    static func pad(_ n: Int, _ width: Int, _ out: inout String) {
        let digits = String(n.magnitude)
        if n < 0 { out += "-" }
        let count = digits.utf8.count + (n < 0 ? 1 : 0)
        if count < width { out += String(repeating: "0", count: width - count) }
        out += digits
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
