import Synchronization

/// The schedule replies that list several cohorts, kept once made: such a reply depends only on
/// which cohorts it lists and the language (the lines are the `ScheduleTexts` of those cohorts,
/// under the fixed heading, with the fixed "and N more" line), so the same question hands out
/// the same string instead of building the lines and joining them again (~2.9k instructions).
/// Belongs to one `ScheduleTexts`, so new data or reply texts start with an empty table. Holds
/// at most `capacity` lists per language; past that, lists are made per answer as before.
final class ScheduleLists: Sendable {
    static let capacity = 256

    private struct Table {
        var id: [UInt64: String] = [:]
        var en: [UInt64: String] = [:]
    }

    private let table = Mutex(Table())

    init() {}

    /// The list of the cohorts in `bits` in `lang` made before, if it was kept.
    func made(_ bits: UInt64, _ lang: Lang) -> String? {
        table.withLock { lang == .id ? $0.id[bits] : $0.en[bits] }
    }

    /// Keeps `text` as the list of the cohorts in `bits` in `lang` (unless `capacity` are kept).
    func keep(_ text: String, for bits: UInt64, _ lang: Lang) {
        table.withLock { t in
            if lang == .id {
                if t.id.count < ScheduleLists.capacity { t.id[bits] = text }
            } else if t.en.count < ScheduleLists.capacity {
                t.en[bits] = text
            }
        }
    }

    /// The list made before, else `make()` (kept).
    func text(for bits: UInt64, _ lang: Lang, make: () -> String) -> String {
        if let made = made(bits, lang) { return made }
        let text = make()
        keep(text, for: bits, lang)
        return text
    }

    /// How many lists are kept (for tests).
    var count: Int { table.withLock { $0.id.count + $0.en.count } }
}
