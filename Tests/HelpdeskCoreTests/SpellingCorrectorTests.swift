import Foundation
import Testing
@testable import HelpdeskCore

@Suite struct SpellingCorrectorTests {
    let corrector = SpellingCorrector(vocabulary: ["pendaftaran": 10, "pelatihan": 8, "jadwal": 6, "kapan": 5, "sertifikat": 3, "tiket": 2, "angkatan": 4])

    @Test func correctsOneEditInMediumWords() {
        #expect(corrector.correct("jadwl") == "jadwal")     // deletion
        #expect(corrector.correct("kapna") == "kapan")      // transposition
        #expect(corrector.correct("tikey") == "tiket")      // substitution
    }

    @Test func correctsTwoEditsInLongWords() {
        #expect(corrector.correct("pendaftran") == "pendaftaran")
        #expect(corrector.correct("pelatihn") == "pelatihan")
        #expect(corrector.correct("sertifkta") == "sertifikat")
        #expect(corrector.correct("angktn") == nil) // six letters: only one edit allowed, this is two
    }

    @Test func neverCorrectsShortOrKnownWordsOrFarWords() {
        #expect(corrector.correct("tkt") == nil)
        #expect(corrector.correct("jadwal") == nil)
        #expect(corrector.correct("cabai") == nil)
        #expect(corrector.correct("pemilu") == nil)
    }

    @Test func damerauDistance() {
        #expect(SpellingCorrector.distance(Array("kapan".utf8), Array("kapna".utf8)) == 1)
        #expect(SpellingCorrector.distance(Array("abc".utf8), Array("".utf8)) == 3)
        #expect(SpellingCorrector.distance(Array("pendaftaran".utf8), Array("pendftaran".utf8)) == 1)
    }
}

@Suite struct RobustnessTests {
    @Test func junkAndHugeInputNeverCrashOrStall() throws {
        let model = IntentModelTests.model
        var generator = SplitMix(seed: 42)
        let pieces = ["a", "z", "0", "9", " ", "-", "+", "@", ".", "/", "'", "é", "🙂", "中", "reg", "adu", "angkatan", "maret", "62", "08", "iii", "ke-"]
        for _ in 0..<500 {
            let n = Int(generator.next() % 30)
            let text = (0..<n).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            let c = model.classify(text, now: Date(timeIntervalSince1970: 0))
            #expect(c.confidence >= 0 && c.confidence <= 1)
        }
        let longWord = (0..<3000).map { _ in String(UnicodeScalar(UInt8(97 + generator.next() % 26))) }.joined()
        #expect(model.classify(longWord, now: Date()).intent == .outOfScope)
        #expect(model.classify(String(repeating: "0812 ", count: 2000), now: Date()).confidence <= 1)
    }
}

/// A tiny deterministic generator so the junk is the same on every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
