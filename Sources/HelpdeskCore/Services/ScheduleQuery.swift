/// How `Schedules` reads a question: the programme, the cohort number, the date range and
/// the "next" / "until when" phrases, from the engine's entities and the lowered text.
extension Schedules {
    /// `" " + text + " "`, copied into one string of the right size (two `String.append`s
    /// cost ~1.1k instructions a question).
    static func spaced(_ text: String) -> String {
        text.withUTF8Bytes { u in
            String(unsafeUninitializedCapacity: u.count + 2) { out in
                out[0] = 0x20
                if let base = u.baseAddress, !u.isEmpty { (out.baseAddress! + 1).initialize(from: base, count: u.count) }
                out[u.count + 1] = 0x20
                return u.count + 2
            }
        }
    }

    func query(_ text: String, entities: [Entity], today: Day, lang: Lang) -> Query {
        query(lowered: text.lowercased(), entities: entities, today: today, lang: lang)
    }

    func query(lowered text: String, entities: [Entity], today: Day, lang: Lang) -> Query {
        let lowered = Schedules.spaced(text)
        var q = Query()
        q.program = entities.first(.program).flatMap { name in
            texts?.programs.entityProgram(name) ?? ProgramFinder.entityProgram(name, data.programMatchers)
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
        let ascii: Int?? = text.withUTF8 { u in Schedules.asciiCohortNumber(u) }
        if let found = ascii { return found }
        let words = Schedules.words(of: lowered)
        for (i, w) in words.enumerated() where Schedules.cohortWords.contains(w) && i + 1 < words.count {
            if let n = CohortNumber.parse(words[i + 1]) { return n }
        }
        return nil
    }

    /// The number after the first cohort word followed by one, in ASCII `u`, read word by word
    /// as `asciiWords` splits it (without building the list of words); nil when `u` is not all
    /// ASCII, `.some(nil)` when no cohort word is followed by a number.
    static func asciiCohortNumber(_ u: UnsafeBufferPointer<UInt8>) -> Int?? {
        var high: UInt8 = 0
        for b in u { high |= b }
        guard high < 0x80 else { return nil }
        let n = u.count
        var i = 0
        var afterCohortWord = false
        while i < n {
            while i < n, !isASCIIWordByte(u[i]) { i += 1 }
            guard i < n else { break }
            let start = i
            while i < n, isASCIIWordByte(u[i]) { i += 1 }
            let word = UnsafeBufferPointer(rebasing: u[start..<i])
            if afterCohortWord, let number = CohortWord.number(word) { return .some(number) }
            afterCohortWord = isCohortWord(word)
        }
        return .some(nil)
    }

    /// An ASCII letter or digit (a byte of a word for `asciiWords`).
    @inline(__always)
    private static func isASCIIWordByte(_ b: UInt8) -> Bool {
        (b | 0x20) &- UInt8(ascii: "a") < 26 || b &- UInt8(ascii: "0") < 10
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
