import Foundation
import Testing
@testable import HelpdeskCore

/// Tests against the real catalog in `Intents/` (found from this file's path).
@Suite struct IntentModelTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let model: IntentModel = try! IntentModel.load(directory: root.appendingPathComponent("Intents").path, programs: [
        ProgramName(canonical: "Pelatihan Kepemimpinan Administrator", aliases: ["PKA"]),
    ])
    let now = Date(timeIntervalSince1970: 1_795_316_400)

    @Test(arguments: [
        ("sy udh daftar tp blm ada kabar", IntentLabel.registrationStatus),
        ("jdwl pelatihan kpn min", .scheduleQuery),
        ("mau komplen dong", .complaintFile),
        ("pendaftaranny", .registrationStatus),
        ("kapan angkatan III mulai?", .scheduleQuery),
        ("berapa harga cabai hari ini?", .outOfScope),
        ("haloooo", .greeting),
        ("makasiiih min", .thanks),
        ("when does the next cohort start?", .scheduleQuery),
        ("status tiket ADU-20261122-0007", .complaintStatus),
        ("xkqzvw pqrtz", .outOfScope),
    ])
    func classifiesTypicalMessages(_ text: String, _ expected: IntentLabel) {
        let c = Self.model.classify(text, now: now)
        #expect(c.intent == expected, "\(text) → \(c.intent) \(c.ranked)")
        #expect(c.confidence >= 0 && c.confidence <= 1)
    }

    @Test func returnsEntitiesLanguageAndRanking() {
        let c = Self.model.classify("kapan jadwal PKA angkatan 2 bulan depan?", now: now)
        #expect(c.entities.first(.cohort) == "2")
        #expect(c.entities.first(.program) == "Pelatihan Kepemimpinan Administrator")
        #expect(c.entities.first(.month) == "2026-12")
        #expect(c.lang == .id)
        #expect(c.ranked.count == 3 && c.ranked[0].intent == c.intent)
        #expect(Self.model.classify("when is my training", now: now).lang == .en)
    }

    @Test func clearMatchesAreMoreConfidentThanVagueOnes() {
        let clear = Self.model.classify("kapan jadwal pelatihan angkatan 3 dimulai?", now: now)
        let vague = Self.model.classify("pelatihan", now: now)
        #expect(clear.confidence > vague.confidence)
        #expect(clear.confidence > 0.8)
    }

    @Test func emptyOrPunctuationOnlyIsOutOfScope() {
        #expect(Self.model.classify("", now: now).intent == .outOfScope)
        #expect(Self.model.classify("?!... 🙂", now: now).intent == .outOfScope)
    }

    @Test func isDeterministic() {
        let a = Self.model.classify("gmn status pendaftran sy", now: now)
        let b = Self.model.classify("gmn status pendaftran sy", now: now)
        #expect(a == b)
    }

    /// The held-out set (Tests/eval/eval.tsv, never used to build the model): fails when
    /// accuracy drops below the level reached when this bar was set (95.0% on 340 lines), minus two points.
    @Test func heldOutAccuracyStaysAboveTheBar() throws {
        let path = Self.root.appendingPathComponent("Tests/eval/eval.tsv").path
        let items = try Evaluation.parse(try String(contentsOfFile: path, encoding: .utf8), path: path)
        #expect(items.count >= 300)
        let result = Evaluation.run(items, with: Self.model, now: now)
        #expect(result.accuracy >= 0.93, "accuracy \(result.accuracy)")
        #expect(result.macroF1 >= 0.93, "macro F1 \(result.macroF1)")
        #expect(result.recall(of: .outOfScope) >= 0.88)
    }
}
