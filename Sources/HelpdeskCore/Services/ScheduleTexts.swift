/// The schedule replies that depend on one cohort only (`scheduleStarts`, `scheduleEnds`,
/// `scheduleItem`), filled once per cohort and language when the data or the reply texts are
/// loaded. A schedule answer then picks ready strings instead of building six values (two long
/// dates, the mode's wording) and filling a template per cohort per message. The texts are
/// exactly what `Schedules.values` and `ReplyBook.text(_:_:pairs:)` give (tested). Also holds
/// the data's compiled programme-name search. A class: a schedule answer takes it with one
/// retain (the struct's copy retained each of its arrays).
final class ScheduleTexts: Sendable {
    /// The keys held, in the order of a cohort's row.
    static let keys: [ReplyKey] = [.scheduleStarts, .scheduleEnds, .scheduleItem]
    /// `texts[(cohort * 2 + lang) * 3 + key]`, lang 0 for `.id` and 1 for `.en`.
    private let texts: [String]
    let cohortCount: Int
    let programs: ProgramFinder
    /// The cohorts' programme masks for selecting cohorts as a bit set (nil over 64 cohorts).
    let bits: CohortBits?
    /// The list replies made so far for this data and these texts.
    let lists = ScheduleLists()

    init(data: ServiceData, book: ReplyBook) {
        let schedules = Schedules(data: data, book: book, texts: nil)
        var texts: [String] = []
        texts.reserveCapacity(data.cohorts.count * 2 * Self.keys.count)
        for cohort in data.cohorts {
            for lang in [Lang.id, Lang.en] {
                let values = schedules.values(cohort, lang)
                for key in Self.keys { texts.append(book.text(key, lang, pairs: values)) }
            }
        }
        self.texts = texts
        self.cohortCount = data.cohorts.count
        self.programs = ProgramFinder(data.programMatchers)
        self.bits = CohortBits(data.cohorts)
    }

    /// The filled text of `key` (one of `keys`) for the cohort at `index` of the data it was built from.
    @inline(__always)
    func text(_ key: ReplyKey, cohort index: Int, _ lang: Lang) -> String {
        let k = key == .scheduleStarts ? 0 : key == .scheduleEnds ? 1 : 2
        return texts[(index * 2 + (lang == .id ? 0 : 1)) * 3 + k]
    }
}
