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
        if matches.isEmpty { return none(q, today: today, lang: lang) }
        if matches.count == 1, let c = matches.first {
            return cohortText(q.untilWhen ? .scheduleEnds : .scheduleStarts, c, lang)
        }
        var lines: [String] = []
        lines.reserveCapacity(Schedules.listLimit + 2)
        lines.append(book.text(.scheduleFound, lang))
        for i in matches.prefix(Schedules.listLimit) { lines.append(cohortText(.scheduleItem, i, lang)) }
        if matches.count > Schedules.listLimit {
            lines.append(book.text(.scheduleMore, lang, ["count": String(matches.count - Schedules.listLimit)]))
        }
        return Schedules.joinedLines(lines)
    }

    private func none(_ q: Query, today: Day, lang: Lang) -> String {
        var parts: [String] = []
        if let p = q.program { parts.append(p) }
        if let n = q.cohort { parts.append((lang == .en ? "cohort " : "angkatan ") + String(n)) }
        if let l = q.rangeLabel { parts.append(l) }
        let label = parts.isEmpty ? (lang == .en ? "your question" : "pertanyaan Anda") : "\"" + parts.joined(separator: ", ") + "\""
        var lines = [book.text(.scheduleNone, lang, ["query": label])]
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

    func query(_ text: String, entities: [Entity], today: Day, lang: Lang) -> Query {
        query(lowered: text.lowercased(), entities: entities, today: today, lang: lang)
    }

    func query(lowered text: String, entities: [Entity], today: Day, lang: Lang) -> Query {
        let lowered = " " + text + " "
        var q = Query()
        q.program = entities.first(.program).flatMap { name in
            let wanted = name.lowercased()
            return data.programMatchers.first { $0.isCanonical && $0.lowered == wanted }?.canonical
        } ?? (texts.map { $0.programs.find(in: lowered) } ?? program(in: lowered))
        q.cohort = entities.first(.cohort).flatMap(CohortWord.number) ?? cohortNumber(in: lowered)
        // A week phrase comes before a date entity: the engine gives "minggu depan" as the week's
        // Monday, but the question is about the whole week.
        // Every phrase list in one pass over the question (the tests below are pure, so finding
        // them all up front gives the same answers).
        let found = Phrases.groups.found(in: lowered)
        let week = found & Phrases.week != 0
        if let m = entities.first(.month), let first = Day(iso: m + "-01") {
            q.range = first...first.startOfNextMonth.adding(days: -1)
            q.rangeLabel = DayWording.month(m, lang)
        } else if !week, let d = entities.first(.date).flatMap(Day.init(iso:)) {
            q.range = d...d
            q.rangeLabel = DayWording.long(d, lang)
        } else if found & Phrases.nextMonth != 0 {
            let first = today.startOfNextMonth
            q.range = first...first.startOfNextMonth.adding(days: -1)
            q.rangeLabel = DayWording.month(first.monthKey, lang)
        } else if found & Phrases.thisMonth != 0 {
            q.range = today.startOfMonth...today.startOfNextMonth.adding(days: -1)
            q.rangeLabel = DayWording.month(today.monthKey, lang)
        } else if found & Phrases.nextWeek != 0 {
            let monday = today.startOfWeek.adding(days: 7)
            q.range = monday...monday.adding(days: 6)
            q.rangeLabel = lang == .en ? "next week" : "minggu depan"
        } else if found & Phrases.thisWeek != 0 {
            q.range = today.startOfWeek...today.startOfWeek.adding(days: 6)
            q.rangeLabel = lang == .en ? "this week" : "minggu ini"
        }
        q.next = found & Phrases.next != 0 && q.range == nil
        q.untilWhen = found & Phrases.untilWhen != 0
        return q
    }

    /// The programme `lowered` names, by scanning every matcher (`ProgramFinder` is its compiled form).
    func program(in lowered: String) -> String? {
        var best: (String, Int)?
        var text = lowered
        // The matchers are read in place (a copy of each retained and released its five strings).
        text.withUTF8 { hay in
            data.programMatchers.withUnsafeBufferPointer { matchers in
                for i in matchers.indices where matchers[i].length > (best?.1 ?? 0) {
                    if ByteSearch.includes(hay, matchers[i].spaced) || ByteSearch.includes(hay, matchers[i].questioned)
                        || matchers[i].length > 5 && ByteSearch.includes(hay, matchers[i].lowered) {
                        best = (matchers[i].canonical, matchers[i].length)
                    }
                }
            }
        }
        return best?.0
    }

    private static let cohortWords = ["angkatan", "cohort", "batch", "gelombang", "akt", "angk"]
    private static let cohortWordSet = PhraseSet(cohortWords)

    private func cohortNumber(in lowered: String) -> Int? {
        // A word equal to a cohort word contains it: most messages skip the word split.
        guard Schedules.cohortWordSet.found(in: lowered) else { return nil }
        var text = lowered
        let ascii: Int?? = text.withUTF8 { u in
            guard let words = Schedules.asciiWords(u) else { return nil }
            for (i, w) in words.enumerated() where i + 1 < words.count && Schedules.isCohortWord(UnsafeBufferPointer(rebasing: u[w])) {
                if let n = CohortWord.number(UnsafeBufferPointer(rebasing: u[words[i + 1]])) { return .some(n) }
            }
            return .some(nil)
        }
        if let found = ascii { return found }
        let words = Schedules.words(of: lowered)
        for (i, w) in words.enumerated() where Schedules.cohortWords.contains(w) && i + 1 < words.count {
            if let n = CohortNumber.parse(words[i + 1]) { return n }
        }
        return nil
    }

    private static let cohortWordBytes = cohortWords.map { Array($0.utf8) }

    private static func isCohortWord(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        cohortWordBytes.contains { $0.count == word.count && $0.elementsEqual(word) }
    }

    /// The words of `text` (runs of letters and digits), split by `Character.isLetter`/`isNumber`.
    static func words(of text: String) -> [String] {
        text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }

    /// The byte ranges of the words of ASCII `u` (runs of ASCII letters and digits: what
    /// `words(of:)` gives on ASCII text); nil when `u` is not all ASCII.
    static func asciiWords(_ u: UnsafeBufferPointer<UInt8>) -> [Range<Int>]? {
        var words: [Range<Int>] = []
        var start = -1
        for i in 0..<u.count {
            let b = u[i]
            guard b < 0x80 else { return nil }
            let isWord = (b | 0x20) &- UInt8(ascii: "a") < 26 || b &- UInt8(ascii: "0") < 10
            if isWord {
                if start < 0 { start = i }
            } else if start >= 0 {
                words.append(start..<i)
                start = -1
            }
        }
        if start >= 0 { words.append(start..<u.count) }
        return words
    }

    /// The phrase lists `query` looks for, compiled once into one `PhraseGroups`; each constant
    /// is its list's bit in what `groups.found(in:)` returns.
    private enum Phrases {
        static let week: UInt64 = 1, nextMonth: UInt64 = 2, thisMonth: UInt64 = 4, nextWeek: UInt64 = 8
        static let thisWeek: UInt64 = 16, next: UInt64 = 32, untilWhen: UInt64 = 64
        static let groups = PhraseGroups(lists)
        /// In bit order.
        static let lists: [[String]] = [
            ["minggu depan", "next week", "pekan depan", "mgg depan", "minggu ini", "this week", "pekan ini"],
            ["bulan depan", "next month", "bulan berikutnya"],
            ["bulan ini", "this month", "bln ini"],
            ["minggu depan", "next week", "pekan depan", "mgg depan"],
            ["minggu ini", "this week", "pekan ini"],
            [" next ", "berikut", "selanjutnya", "terdekat", "upcoming", "akan datang", "yang akan", "coming", "mendatang"],
            ["sampai kapan", "sampe kapan", "until when", "selesai", "berakhir", "kapan beres", "end ", "ends", "finish"],
        ]
    }
}
