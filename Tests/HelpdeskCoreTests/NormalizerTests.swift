import Testing
@testable import HelpdeskCore

@Suite struct NormalizerTests {
    func singles(_ s: String) -> [String] { Normalizer.words(s).map(\.single) }

    @Test func foldsCaseDiacriticsAndPunctuation() {
        #expect(singles("Pendaftarán, SAYA?!") == ["pendaftaran", "saya"])
        #expect(singles("Café—résumé") == ["cafe", "resume"])
        #expect(singles("gak'pa") == ["gakpa"])
    }

    @Test func collapsesElongationKeepingADoubleAlternative() {
        let w = Normalizer.words("haloooo maaaaf")
        #expect(w[0].single == "halo")
        #expect(w[1].single == "maf")
        #expect(w[1].double == "maaf")
        #expect(singles("angkatan III") == ["angkatan", "iii"])
    }

    @Test func collapsesReduplication() {
        #expect(singles("jadwal2 pelatihan") == ["jadwal", "pelatihan"])
        #expect(singles("jadwal-jadwal") == ["jadwal"])
        #expect(singles("berkali-kali") == ["berkali"])
        #expect(singles("tanya-jawab") == ["tanya", "jawab"])
        #expect(singles("angkatan ke-3") == ["angkatan", "ke", "3"])
    }

    @Test func analyzerExpandsSlangAndCorrectsTypos() {
        let analyzer = TextAnalyzer(lexicon: SlangLexicon(entries: ["sy": ["saya"], "udh": ["sudah"], "gmn": ["bagaimana"]]),
                                    roots: ["daftar", "saya", "sudah"], vocabulary: ["pendaftaran": 5, "pelatihan": 4, "jadwal": 3])
        let t = analyzer.analyze("sy udh mendaftar, gmn pendaftran jadwl")
        #expect(t.map(\.word) == ["saya", "sudah", "mendaftar", "bagaimana", "pendaftaran", "jadwal"])
        #expect(t.map(\.stem)[2] == "daftar")
        #expect(t[4].corrected && t[4].stem == "daftar")
        #expect(t[5].corrected)
    }

    @Test func guessesLanguageFromFunctionWords() {
        #expect(LanguageGuess.guess(singles("kapan jadwal pelatihan saya")) == .id)
        #expect(LanguageGuess.guess(singles("when does my training start")) == .en)
        #expect(LanguageGuess.guess(singles("REG-2026-00042")) == nil)
        #expect(LanguageGuess.guess(singles("ok")) == nil)
    }
}
