import Foundation
import Testing
@testable import HelpdeskCore

/// The schedule replies filled at load (`ScheduleTexts`) against the per-answer fill they
/// replace, and whole schedule answers with and without them, on the shipped data and texts.
@Suite struct ScheduleTextsTests {
    static func load() throws -> (ServiceData, ReplyBook) {
        let data = try #require(ServiceData.load(directory: Fixtures.dataDirectory).data)
        let book = try #require(ReplyBook.load(directory: Fixtures.repliesDirectory).book)
        return (data, book)
    }

    @Test func everyCohortTextIsTheTemplateFilledWithItsValues() throws {
        let (data, book) = try Self.load()
        let texts = ScheduleTexts(data: data, book: book)
        let slow = Schedules(data: data, book: book)
        #expect(texts.cohortCount == data.cohorts.count)
        #expect(!data.cohorts.isEmpty)
        for (i, cohort) in data.cohorts.enumerated() {
            for lang in Lang.allCases {
                for key in ScheduleTexts.keys {
                    let want = book.text(key, lang, pairs: slow.values(cohort, lang))
                    #expect(texts.text(key, cohort: i, lang) == want, "\(key) \(lang) cohort \(i)")
                    #expect(!want.contains("{"), "\(key) left a slot unfilled")
                }
            }
        }
    }

    @Test func answersAreTheSameWithAndWithoutTheFilledTexts() throws {
        let (data, book) = try Self.load()
        let fast = Schedules(data: data, book: book, texts: ScheduleTexts(data: data, book: book))
        let slow = Schedules(data: data, book: book)
        #expect(fast.texts != nil)
        let program = data.cohorts.first?.program ?? ""
        let questions: [(String, [Entity])] = [
            ("kapan jadwal angkatan 3 pelatihan revolusi mental?", []), ("jadwal pelatihan bulan ini", []),
            ("what training is on next month?", []), ("minggu depan ada apa", []), ("angkatan berikutnya kapan ya", []),
            ("pelatihan revolusi mental sampai kapan", []), ("sampai kapan angkatan 2", []), ("jadwal", []),
            ("the next pka cohort", []), ("angkatan 99", []), ("jadwal latsar", []), ("cohort iv ends", []),
            ("jadwal", [Entity(kind: .month, value: "2026-03", text: "Maret")]),
            ("jadwal", [Entity(kind: .month, value: "2031-01", text: "Januari 2031")]),
            ("ada apa", [Entity(kind: .date, value: "2026-12-05", text: "5 desember")]),
            ("kapan", [Entity(kind: .program, value: program, text: "x"), Entity(kind: .cohort, value: "2", text: "angkatan 2")]),
            ("sampai kapan", [Entity(kind: .program, value: program, text: "x")]),
        ]
        for day in ["2026-11-22", "2025-01-01", "2030-06-30"] {
            let today = try #require(Day(iso: day))
            for (q, entities) in questions {
                for lang in Lang.allCases {
                    let want = slow.answer(q, entities: entities, today: today, lang: lang)
                    #expect(fast.answer(q, entities: entities, today: today, lang: lang) == want, "\(q) \(day) \(lang)")
                }
            }
        }
    }

    @Test func programFinderAgreesWithTheMatcherScan() throws {
        let (data, book) = try Self.load()
        let schedules = Schedules(data: data, book: book)
        var texts = data.programMatchers.map { " " + $0.lowered + " " }
        texts += data.programMatchers.map { " jadwal " + $0.lowered + "? " }
        texts += data.programMatchers.map { " x" + $0.lowered + "x " }
        texts += [" ", "  ", " kapan jadwal angkatan 3 pelatihan revolusi mental? ", " jdwl pelatihan kpn min ", " latsar? ",
                  " pka angkatan 2 ", " pkaa ", " pelatihan dasar cpns dan pka ", " é pka ü ", " when does the next pka cohort start? "]
        let finder = ProgramFinder(data.programMatchers)
        for t in texts {
            #expect(finder.find(in: t) == schedules.program(in: t), "\(t)")
        }
        // Short names, a tie between two names of one length, a name inside a longer one, an empty alias.
        let names = [("A", "ab"), ("B", "abc"), ("C", "xyz"), ("D", "abcdefg"), ("E", "bcdefgh"), ("F", ""), ("G", "abcdefgh")]
        let matchers = names.map { ProgramMatcher(canonical: $0.0, name: $0.1) }
        let small = ProgramFinder(matchers)
        for t in [" ab ", " ab? ", " xab ", " abc xyz ", " xyz? ab ", " abcdefgh ", "zabcdefgz", " bcdefgh abcdefg ", "  ", " abcdefg? ", ""] {
            var best: (String, Int)?
            for m in matchers where m.length > (best?.1 ?? 0) {
                if t.includes(m.spaced) || t.includes(m.questioned) || m.length > 5 && t.includes(m.lowered) { best = (m.canonical, m.length) }
            }
            #expect(small.find(in: t) == best?.0, "\(t)")
        }
    }
}
