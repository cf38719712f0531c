import Foundation
import Testing
@testable import HelpdeskCore

/// `CohortBits` (the cohorts a schedule question selects, as a bit set) against
/// `Schedules.matchIndices` (the index arrays it replaced), and the kept list replies
/// (`ScheduleLists`) against lists made per answer.
@Suite struct CohortBitsTests {
    /// Three programmes (one named twice with different cases), repeated cohort numbers,
    /// overlapping and equal dates, and two rows equal in everything but the location.
    static func cohorts() throws -> [Cohort] {
        func day(_ s: String) throws -> Day { try #require(Day(iso: s)) }
        let rows: [(String, Int, String, String, String)] = [
            ("Alpha", 1, "2026-01-05", "2026-01-20", "Jakarta"), ("Beta", 1, "2026-01-05", "2026-02-01", "Bogor"),
            ("Alpha", 2, "2026-03-01", "2026-03-10", "Jakarta"), ("Gamma", 1, "2026-03-01", "2026-05-01", "Online"),
            ("Alpha", 3, "2026-11-20", "2026-12-05", "Jakarta"), ("Beta", 2, "2026-11-23", "2026-11-30", "Bogor"),
            ("alpha", 1, "2026-12-01", "2026-12-02", "Depok"), ("Gamma", 2, "2027-01-10", "2027-02-10", "Online"),
            ("Alpha", 1, "2027-01-05", "2027-01-20", "Jakarta"), ("Alpha", 1, "2027-01-05", "2027-01-20", "Bandung"),
            ("Beta", 3, "2027-06-01", "2027-06-30", "Bogor"),
        ]
        return try rows.map { Cohort(program: $0.0, cohort: $0.1, start: try day($0.2), end: try day($0.3), mode: "online", location: $0.4) }
            .sorted { ($0.start, $0.program) < ($1.start, $1.program) }
    }

    static func queries(programs: [String], days: [Day]) -> [Schedules.Query] {
        var ranges: [ClosedRange<Day>?] = [nil]
        for (i, a) in days.enumerated() { for b in days[i...] { ranges.append(a...b) } }
        var out: [Schedules.Query] = []
        for program in [nil] + programs.map(Optional.some) + ["Zeta"] {
            for cohort in [nil, 1, 2, 3, 9] {
                for range in ranges {
                    for next in [false, true] {
                        out.append(Schedules.Query(program: program, cohort: cohort, range: range, rangeLabel: nil, next: next, untilWhen: false))
                    }
                }
            }
        }
        return out
    }

    @Test func selectsTheCohortsTheIndexFiltersSelect() throws {
        let shipped = try #require(ServiceData.load(directory: Fixtures.dataDirectory).data)
        let synthetic = ServiceData(cohorts: try Self.cohorts(), participants: [], holidays: [])
        let book = try #require(ReplyBook.load(directory: Fixtures.repliesDirectory).book)
        var compared = 0
        for data in [shipped, synthetic, ServiceData.empty] {
            let bits = try #require(CohortBits(data.cohorts))
            let schedules = Schedules(data: data, book: book)
            let days = try ["2025-12-31", "2026-01-05", "2026-01-20", "2026-03-05", "2026-11-22", "2026-11-30", "2027-01-10", "2028-01-01"]
                .map { try #require(Day(iso: $0)) }
            let programs = Array(Set(data.cohorts.map(\.program))).sorted()
            for q in Self.queries(programs: programs, days: Array(days.prefix(5))) {
                for today in days {
                    let want = schedules.matchIndices(q, today: today)
                    #expect(CohortBits.indices(bits.matches(q, today: today, cohorts: data.cohorts)) == want,
                            "\(q) on \(today)")
                    compared += 1
                }
            }
        }
        #expect(compared > 10_000)
    }

    @Test func moreThan64CohortsFallBackToTheReference() throws {
        let one = try #require(try Self.cohorts().first)
        let many = (1...65).map { n in Cohort(program: one.program, cohort: n, start: one.start, end: one.end, mode: one.mode, location: one.location) }
        #expect(CohortBits(many) == nil)
        #expect(CohortBits(Array(many.prefix(64))) != nil)
        let data = ServiceData(cohorts: many, participants: [], holidays: [])
        let book = try #require(ReplyBook.load(directory: Fixtures.repliesDirectory).book)
        let texts = ScheduleTexts(data: data, book: book)
        #expect(texts.bits == nil)
        let fast = Schedules(data: data, book: book, texts: texts)
        let slow = Schedules(data: data, book: book)
        let today = try #require(Day(iso: "2026-01-01"))
        #expect(fast.answer("jadwal", entities: [], today: today, lang: .id) == slow.answer("jadwal", entities: [], today: today, lang: .id))
    }

    @Test func keptListsAreTheListsMadePerAnswer() throws {
        let data = ServiceData(cohorts: try Self.cohorts(), participants: [], holidays: [])
        let book = try #require(ReplyBook.load(directory: Fixtures.repliesDirectory).book)
        let texts = ScheduleTexts(data: data, book: book)
        let fast = Schedules(data: data, book: book, texts: texts)
        let slow = Schedules(data: data, book: book)
        let questions = ["jadwal", "jadwal bulan ini", "angkatan 1", "angkatan berikutnya", "jadwal minggu depan", "alpha", "beta angkatan 1"]
        for day in ["2025-12-01", "2026-01-10", "2026-11-22"] {
            let today = try #require(Day(iso: day))
            for round in 0..<2 {
                for q in questions {
                    for lang in Lang.allCases {
                        #expect(fast.answer(q, entities: [], today: today, lang: lang) == slow.answer(q, entities: [], today: today, lang: lang),
                                "\(q) \(day) \(lang) round \(round)")
                    }
                }
            }
        }
        #expect(texts.lists.count > 0)
        #expect(texts.lists.count <= ScheduleLists.capacity * 2)
    }

    @Test func listsAreKeptUpToTheCapacity() {
        let lists = ScheduleLists()
        for bits in 0..<UInt64(ScheduleLists.capacity + 10) {
            #expect(lists.text(for: bits, .id) { "list \(bits)" } == "list \(bits)")
        }
        #expect(lists.count == ScheduleLists.capacity)
        #expect(lists.text(for: 3, .id) { "made again" } == "list 3")
        #expect(lists.text(for: 3, .en) { "english" } == "english")
        #expect(lists.text(for: UInt64(ScheduleLists.capacity + 5), .id) { "not kept" } == "not kept")
    }
}
