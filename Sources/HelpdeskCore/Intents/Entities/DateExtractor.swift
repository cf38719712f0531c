import Foundation

/// Finds dates and months in Indonesian and English: "26 Agustus 2021", "26 agt", "August 26",
/// "Aug 26, 2021", relative days ("hari ini", "besok", "lusa", "minggu depan", "bulan depan",
/// "today", "tomorrow", "next week") resolved against `now` in Asia/Jakarta to the first day of
/// the range (`YYYY-MM-DD`), and months ("bulan Maret", "in March", "Maret 2027", "bulan depan",
/// "this month") as kind `.month` (`YYYY-MM`, the next such month when no year is given), so a
/// question about a month is answered for the whole month, not its first day.
public struct DateExtractor: EntityExtracting {
    static let months: [String: Int] = [
        "januari": 1, "january": 1, "jan": 1, "februari": 2, "february": 2, "feb": 2, "pebruari": 2, "maret": 3, "march": 3, "mar": 3,
        "april": 4, "apr": 4, "mei": 5, "may": 5, "juni": 6, "june": 6, "jun": 6, "juli": 7, "july": 7, "jul": 7,
        "agustus": 8, "august": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8, "agst": 8, "september": 9, "sep": 9, "sept": 9,
        "oktober": 10, "october": 10, "okt": 10, "oct": 10, "november": 11, "nov": 11, "nopember": 11,
        "desember": 12, "december": 12, "des": 12, "dec": 12,
    ]
    /// Month words that may stand alone (full names, never "may" or abbreviations).
    static let standalone: Set<String> = ["januari", "january", "februari", "february", "pebruari", "maret", "march", "april", "mei",
        "juni", "june", "juli", "july", "agustus", "august", "september", "oktober", "october", "november", "nopember", "desember", "december"]

    static let relativeWords: Set<String> = ["hari", "hr", "today", "besok", "bsk", "tomorrow", "esok", "lusa", "kemarin", "kemaren",
        "yesterday", "minggu", "pekan", "mgg", "next", "this", "bulan", "bln", "tahun"]
    private let calendar = JakartaCalendar()
    public init() {}

    public func extract(_ input: EntityInput, now: Date) -> [EntityMatch] {
        guard input.roles & (EntityInput.month | EntityInput.relativeDay) != 0 else { return [] }
        let w = input.words
        var out = [EntityMatch]()
        func add(_ kind: Entity.Kind, _ value: String, _ a: Int, _ b: Int) {
            out.append(EntityMatch(entity: Entity(kind: kind, value: value, text: input.surface(w[a].start, w[b].end)), start: w[a].start, end: w[b].end))
        }
        func year(_ k: Int) -> Int? {
            guard k < w.count, let y = EntityInput.digitValue(input.text(w[k])), y >= 1990, y <= 2100, input.text(w[k]).utf8.count == 4 else { return nil }
            return y
        }
        var cachedToday: JakartaCalendar.Day?
        var today: JakartaCalendar.Day {
            get {
                if let t = cachedToday { return t }
                let t = calendar.day(now); cachedToday = t; return t
            }
        }
        var i = 0
        while i < w.count {
            let nextIsMonth = i + 1 < w.count && w[i + 1].role & EntityInput.month != 0
            guard w[i].role != 0 || nextIsMonth else { i += 1; continue }
            let t = input.text(w[i])
            let next = i + 1 < w.count ? input.text(w[i + 1]) : ""
            // day month [year]
            if let d = EntityInput.digitValue(t), d >= 1, d <= 31, let m = Self.months[next] {
                let y = year(i + 2) ?? today.year
                if calendar.isValid(year: y, month: m, day: d) {
                    let end = year(i + 2) != nil ? i + 2 : i + 1
                    add(.date, JakartaCalendar.Day(year: y, month: m, day: d).iso, i, end)
                    i = end + 1; continue
                }
            }
            if let m = Self.months[t] {
                // month day [year] (English order)
                if let d = EntityInput.digitValue(next), d >= 1, d <= 31, next.utf8.count <= 2 {
                    let y = year(i + 2) ?? today.year
                    if calendar.isValid(year: y, month: m, day: d) {
                        let end = year(i + 2) != nil ? i + 2 : i + 1
                        add(.date, JakartaCalendar.Day(year: y, month: m, day: d).iso, i, end)
                        i = end + 1; continue
                    }
                }
                let prev = i > 0 ? input.text(w[i - 1]) : ""
                let cue = prev == "bulan" || prev == "in" || prev == "bln" || prev == "during" || prev == "until" || prev == "sampai"
                if let y = year(i + 1) {
                    add(.month, JakartaCalendar.Day(year: y, month: m, day: 1).isoMonth, cue ? i - 1 : i, i + 1)
                    i += 2; continue
                }
                if cue || Self.standalone.contains(t) {
                    let y = m >= today.month ? today.year : today.year + 1
                    add(.month, JakartaCalendar.Day(year: y, month: m, day: 1).isoMonth, cue ? i - 1 : i, i)
                    i += 1; continue
                }
            }
            if let (kind, value, span) = relative(t, next, now: now) {
                add(kind, value, i, i + span - 1)
                i += span; continue
            }
            i += 1
        }
        return out
    }

    private enum Relative { case days(Int), week(Int), nextMonth, thisMonth, nextYear }

    private func relative(_ t: String, _ next: String, now: Date) -> (Entity.Kind, String, Int)? {
        guard Self.relativeWords.contains(t) else { return nil }
        let found: (Relative, Int)
        switch (t, next) {
        case ("hari", "ini"), ("hr", "ini"): found = (.days(0), 2)
        case ("today", _): found = (.days(0), 1)
        case ("besok", _), ("bsk", _), ("tomorrow", _), ("esok", _): found = (.days(1), 1)
        case ("lusa", _): found = (.days(2), 1)
        case ("kemarin", _), ("kemaren", _), ("yesterday", _): found = (.days(-1), 1)
        case ("minggu", "depan"), ("pekan", "depan"), ("mgg", "depan"), ("next", "week"): found = (.week(1), 2)
        case ("minggu", "ini"), ("pekan", "ini"), ("this", "week"): found = (.week(0), 2)
        case ("bulan", "depan"), ("bln", "depan"), ("next", "month"): found = (.nextMonth, 2)
        case ("bulan", "ini"), ("this", "month"): found = (.thisMonth, 2)
        case ("tahun", "depan"), ("next", "year"): found = (.nextYear, 2)
        default: return nil
        }
        let today = calendar.day(now)
        switch found.0 {
        case .days(let n): return (.date, n == 0 ? today.iso : calendar.adding(days: n, to: now).iso, found.1)
        case .week(let n): return (.date, calendar.mondayOfWeek(n, from: now).iso, found.1)
        case .nextMonth:
            let m = today.month == 12 ? 1 : today.month + 1
            return (.month, JakartaCalendar.Day(year: today.month == 12 ? today.year + 1 : today.year, month: m, day: 1).isoMonth, found.1)
        case .thisMonth: return (.month, JakartaCalendar.Day(year: today.year, month: today.month, day: 1).isoMonth, found.1)
        case .nextYear: return (.date, JakartaCalendar.Day(year: today.year + 1, month: 1, day: 1).iso, found.1)
        }
    }
}
