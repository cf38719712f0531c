/// Answers schedule questions ("when does cohort 3 start", "what is on this month", "the next
/// PKA", "until when") from the cohorts in `ServiceData`, against the day the message arrived
/// (WIB). Uses the engine's entities (program, cohort, date, month) and falls back to reading
/// the few relative phrases itself ("minggu depan", "bulan ini", "next").
public struct Schedules: Sendable {
    public let data: ServiceData
    public let book: ReplyBook
    /// The per-cohort texts filled at load (nil: filled per answer, as `ScheduleTexts` is built).
    let texts: ScheduleTexts?
    /// At most this many cohorts are listed in one reply.
    public static let listLimit = 5

    public init(data: ServiceData, book: ReplyBook) {
        self.init(data: data, book: book, texts: nil)
    }

    init(data: ServiceData, book: ReplyBook, texts: ScheduleTexts?) {
        self.data = data
        self.book = book
        self.texts = texts.flatMap { $0.cohortCount == data.cohorts.count ? $0 : nil }
    }

    /// The text of `key` (a per-cohort schedule key) for the cohort at `index`.
    @inline(__always)
    private func cohortText(_ key: ReplyKey, _ index: Int, _ lang: Lang) -> String {
        if let texts { return texts.text(key, cohort: index, lang) }
        return book.text(key, lang, pairs: values(data.cohorts[index], lang))
    }

    struct Query {
        var program: String?
        var cohort: Int?
        var range: ClosedRange<Day>?
        var rangeLabel: String?
        var next = false
        var untilWhen = false
    }

    public func answer(_ text: String, entities: [Entity], today: Day, lang: Lang) -> String {
        answer(lowered: text.lowercased(), entities: entities, today: today, lang: lang)
    }

    /// The same for a question already lowercased (the desk lowercases each message once).
    func answer(lowered: String, entities: [Entity], today: Day, lang: Lang) -> String {
        let q = query(lowered: lowered, entities: entities, today: today, lang: lang)
        // With the data's `CohortBits` (filled at load) the cohorts are selected as a bit set;
        // otherwise by the reference, `matchIndices`. Same cohorts, same order (tested).
        if let texts, let bits = texts.bits {
            let selected = bits.matches(q, today: today, cohorts: data.cohorts)
            if selected == 0 { return none(q, today: today, lang: lang) }
            if selected.nonzeroBitCount == 1 {
                return texts.text(q.untilWhen ? .scheduleEnds : .scheduleStarts, cohort: selected.trailingZeroBitCount, lang)
            }
            // A list depends on the cohorts and the language only: made once, then handed out.
            // (Not through a closure: it captured a copy of `self`.)
            if let made = texts.lists.made(selected, lang) { return made }
            let text = list(CohortBits.indices(selected), lang)
            texts.lists.keep(text, for: selected, lang)
            return text
        }
        let matches = matchIndices(q, today: today)
        if matches.isEmpty { return none(q, today: today, lang: lang) }
        if matches.count == 1, let c = matches.first {
            return cohortText(q.untilWhen ? .scheduleEnds : .scheduleStarts, c, lang)
        }
        return list(matches, lang)
    }

    /// The indices of the cohorts that answer `q` on `today`, ascending (the reference for `CohortBits`).
    func matchIndices(_ q: Query, today: Day) -> [Int] {
        // The cohorts are narrowed down by index: filtering copies of `Cohort` (several strings
        // each) cost a retain and a release per string per step.
        let cohorts = data.cohorts
        var matches = cohorts.indices.filter { i in
            (q.program == nil || cohorts[i].program == q.program) && (q.cohort == nil || cohorts[i].cohort == q.cohort)
        }
        if let r = q.range {
            matches = matches.filter { cohorts[$0].start <= r.upperBound && cohorts[$0].end >= r.lowerBound }
        }
        if q.next || (q.range == nil && q.cohort == nil) {
            let upcoming = matches.filter { cohorts[$0].start >= today }
            if q.next {
                matches = q.program == nil ? firstPerProgram(upcoming, of: cohorts) : Array(upcoming.prefix(1))
            } else {
                let current = matches.filter { cohorts[$0].end >= today }
                matches = current.isEmpty ? Array(matches.suffix(1)) : current
            }
        } else if q.cohort != nil && q.range == nil && matches.count > 1 {
            let current = matches.filter { cohorts[$0].end >= today }
            if !current.isEmpty { matches = current }
            else if let latest = matches.last {
                matches = matches.filter { cohorts[$0].program != cohorts[latest].program || cohorts[$0] == cohorts[latest] }
            }
        }
        return matches
    }

    /// The reply listing several cohorts (at most `listLimit`, then how many more).
    private func list(_ matches: [Int], _ lang: Lang) -> String {
        var lines: [String] = []
        lines.reserveCapacity(Schedules.listLimit + 2)
        lines.append(book.text(.scheduleFound, lang))
        for i in matches.prefix(Schedules.listLimit) { lines.append(cohortText(.scheduleItem, i, lang)) }
        if matches.count > Schedules.listLimit {
            lines.append(book.text(.scheduleMore, lang, pairs: [("count", String(matches.count - Schedules.listLimit))]))
        }
        return Schedules.joinedLines(lines)
    }

    private func none(_ q: Query, today: Day, lang: Lang) -> String {
        var parts: [String] = []
        if let p = q.program { parts.append(p) }
        if let n = q.cohort { parts.append((lang == .en ? "cohort " : "angkatan ") + String(n)) }
        if let l = q.rangeLabel { parts.append(l) }
        let label = parts.isEmpty ? (lang == .en ? "your question" : "pertanyaan Anda") : "\"" + parts.joined(separator: ", ") + "\""
        var lines = [book.text(.scheduleNone, lang, pairs: [("query", label)])]
        let cohorts = data.cohorts
        let pool = cohorts.indices.filter { q.program == nil || cohorts[$0].program == q.program }
        var nearest = pool.filter { cohorts[$0].end >= today }
        if nearest.isEmpty { nearest = Array(pool.suffix(3)) }
        if nearest.isEmpty { nearest = cohorts.indices.filter { cohorts[$0].end >= today } }
        for i in nearest.prefix(3) { lines.append(cohortText(.scheduleItem, i, lang)) }
        return Schedules.joinedLines(lines)
    }

    /// `lines.joined(separator: "\n")`, each line copied into one string of the right size:
    /// the generic `joined` cost ~4k instructions for a six-line schedule reply, `String.append`
    /// ~350 per piece.
    static func joinedLines(_ lines: [String]) -> String {
        guard lines.count > 1 else { return lines.first ?? "" }
        var total = lines.count - 1
        for line in lines { total += line.utf8.count }
        return String(unsafeUninitializedCapacity: total) { out in
            var at = 0
            for (i, line) in lines.enumerated() {
                if i > 0 {
                    out[at] = 0x0A
                    at += 1
                }
                var piece = line
                piece.withUTF8 { u in
                    if let base = u.baseAddress, !u.isEmpty { (out.baseAddress! + at).initialize(from: base, count: u.count) }
                    at += u.count
                }
            }
            return at
        }
    }

    private func firstPerProgram(_ indices: [Int], of cohorts: [Cohort]) -> [Int] {
        var seen = Set<String>()
        return indices.filter { seen.insert(cohorts[$0].program).inserted }
    }

    func values(_ c: Cohort, _ lang: Lang) -> [(String, String)] {
        let mode: String
        switch c.mode.lowercased() {
        case "online", "daring": mode = book.text(.modeOnline, lang)
        case "blended", "hybrid", "campuran": mode = book.text(.modeBlended, lang)
        case "classroom", "klasikal", "tatap muka": mode = book.text(.modeClassroom, lang)
        default: mode = c.mode
        }
        return [("program", c.program), ("cohort", String(c.cohort)), ("start", DayWording.long(c.start, lang)),
                ("end", DayWording.long(c.end, lang)), ("mode", mode), ("location", c.location)]
    }
}
