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
