import Foundation
import Testing
@testable import HelpdeskCore

/// The review queue's grouping and the catalog additions it leads to.
@Suite struct ReviewQueueTests {
    static func candidate(_ text: String, _ minute: Int, intent: String = "out_of_scope", confidence: Double = 0.8) -> ReviewQueue.Candidate {
        ReviewQueue.Candidate(text: text, intent: intent, confidence: confidence, outcome: "fallback", session: "s\(minute)",
                              arrived: Fixtures.date("2026-11-22", hour: 10, minute: minute))
    }

    static func words(_ text: String) -> Set<String> { Set(Normalizer.words(text).map(\.single)) }

    @Test func similarMessagesShareAGroupAndTheBiggestComesFirst() {
        let items = [
            Self.candidate("ngopi bareng admin yuk", 1),
            Self.candidate("passcode orientasi berapa", 2),
            Self.candidate("berapa passcode orientasi ya", 3),
            Self.candidate("passcode orientasi", 4),
            Self.candidate("cuaca jakarta hari ini", 5),
        ]
        let groups = ReviewQueue.group(items, stems: Self.words)
        #expect(groups.map(\.count) == [3, 1, 1])
        #expect(groups[0].representative.text == "passcode orientasi berapa")   // the oldest member
        #expect(groups[0].members.map(\.text) == ["passcode orientasi berapa", "berapa passcode orientasi ya", "passcode orientasi"])
        #expect(groups[1].representative.text == "cuaca jakarta hari ini")       // ties by text
        // Deterministic: the input order does not matter.
        #expect(ReviewQueue.group(items.reversed(), stems: Self.words) == groups)
    }

    @Test func jaccardAndWhatNeedsReview() {
        #expect(ReviewQueue.jaccard(["a", "b"], ["b", "c"]) == 1.0 / 3.0)
        #expect(ReviewQueue.jaccard([], []) == 0)
        #expect(ReviewQueue.needsReview(intent: "schedule.query", confidence: 0.45, outcome: "answered"))
        #expect(ReviewQueue.needsReview(intent: "out_of_scope", confidence: 0.9, outcome: "answered"))
        #expect(ReviewQueue.needsReview(intent: "help", confidence: 0.9, outcome: "fallback"))
        #expect(!ReviewQueue.needsReview(intent: "schedule.query", confidence: 0.5, outcome: "answered"))
    }

    @Test func privacyAndErasedLinesAreNotCandidates() {
        func record(_ message: String, handler: String) -> TranscriptRecord {
            TranscriptRecord(session: "s", channel: "tcp", user: "u", arrived: Fixtures.today, replied: Fixtures.today, latencyMicros: 5,
                             intent: "out_of_scope", confidence: 0.2, lang: "id", handler: handler, outcome: "fallback",
                             message: message, reply: "r")
        }
        #expect(ReviewQueue.Candidate(record("passcode orientasi berapa", handler: "fallback")) != nil)
        #expect(ReviewQueue.Candidate(record(ComplaintJournal.erasedMark, handler: "fallback")) == nil)
        #expect(ReviewQueue.Candidate(record("hapus data saya", handler: "privacy")) == nil)
        #expect(ReviewQueue.Candidate(record("   ", handler: "fallback")) == nil)
    }

    /// A catalog folder with two small intents.
    static func catalog() throws -> String {
        let dir = Fixtures.temporaryDirectory()
        try "# jadwal\nkapan jadwal pelatihan\n".write(toFile: dir + "/schedule.query.txt", atomically: true, encoding: .utf8)
        try "halo".write(toFile: dir + "/greeting.txt", atomically: true, encoding: .utf8)   // no final newline
        return dir
    }

    @Test func addingAnExampleAppendsItUnderACommentAndRebuilds() throws {
        let dir = try Self.catalog()
        let additions = CatalogAdditions(intentsDirectory: dir, evalFile: dir + "/eval/review-eval.tsv")
        var rebuilt: [String] = []
        let added = try additions.add("  passcode orientasi berapa ", intent: .scheduleQuery, target: .examples, now: Fixtures.today) {
            rebuilt.append($0)
        }
        #expect(rebuilt == [dir])
        #expect(added == .init(path: dir + "/schedule.query.txt", line: 4))
        let text = try String(contentsOfFile: dir + "/schedule.query.txt", encoding: .utf8)
        #expect(text == "# jadwal\nkapan jadwal pelatihan\n# added from review on 2026-11-22\npasscode orientasi berapa\n")

        let greeting = try additions.add("selamat pagi", intent: .greeting, target: .examples, now: Fixtures.today) { _ in }
        #expect(greeting.line == 3)
        #expect(try String(contentsOfFile: dir + "/greeting.txt", encoding: .utf8) == "halo\n# added from review on 2026-11-22\nselamat pagi\n")

        let eval = try additions.add("link zoom pembukaan mana", intent: .scheduleQuery, target: .eval, now: Fixtures.today) { _ in
            Issue.record("eval additions need no rebuild")
        }
        #expect(eval.line == 1)
        let tsv = try String(contentsOfFile: dir + "/eval/review-eval.tsv", encoding: .utf8)
        #expect(tsv == "schedule.query\tlink zoom pembukaan mana\n")
        #expect(try Evaluation.parse(tsv, path: "review-eval.tsv").first?.intent == .scheduleQuery)
    }

    @Test func aFailedRebuildOrABadLineLeavesTheFileAsItWas() throws {
        let dir = try Self.catalog()
        let path = dir + "/schedule.query.txt"
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let additions = CatalogAdditions(intentsDirectory: dir, evalFile: dir + "/review-eval.tsv")
        struct Broken: Error {}
        #expect(throws: CatalogAdditions.Refusal.self) {
            try additions.add("kapan mulai", intent: .scheduleQuery, target: .examples, now: Fixtures.today) { _ in throw Broken() }
        }
        for bad in ["", "# komentar", "dua\nbaris", "keywords: jadwal", "kapan jadwal pelatihan", String(repeating: "a ", count: 300)] {
            #expect(throws: CatalogAdditions.Refusal.self, "\(bad.prefix(20))") {
                try additions.add(bad, intent: .scheduleQuery, target: .examples, now: Fixtures.today) { _ in }
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func theSwappableClassifierAnswersWithTheModelInService() {
        let box = SwappableClassifier(KeywordClassifier())
        #expect(box.classify("passcode orientasi berapa", now: Fixtures.today).intent == .outOfScope)
        box.swap(KeywordClassifier(exact: ["passcode orientasi berapa": Classification(intent: .scheduleQuery, confidence: 0.9)]))
        #expect(box.classify("passcode orientasi berapa", now: Fixtures.today).intent == .scheduleQuery)
    }
}
