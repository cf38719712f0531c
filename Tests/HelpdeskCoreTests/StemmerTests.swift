import Testing
@testable import HelpdeskCore

@Suite struct StemmerTests {
    let stemmer = IndonesianStemmer(roots: ["daftar", "lapor", "sampai", "pilih", "kirim", "tanya", "cek", "ajar", "terima", "adu", "keluh", "renang", "kapan", "bulan", "jadwal"])

    @Test(arguments: ["mendaftar", "pendaftaran", "terdaftar", "daftarnya", "pendaftaranny", "didaftarkan", "daftarlah", "pendaftarannya"])
    func derivedFormsMeetAtDaftar(_ word: String) {
        #expect(stemmer.stem(word) == "daftar")
    }

    @Test func undoesMeNSoundChanges() {
        #expect(stemmer.stem("melaporkan") == "lapor")
        #expect(stemmer.stem("menyampaikan") == "sampai")
        #expect(stemmer.stem("memilih") == "pilih")
        #expect(stemmer.stem("mengirim") == "kirim")
        #expect(stemmer.stem("menanyakan") == "tanya")
        #expect(stemmer.stem("mengecek") == "cek")
        #expect(stemmer.stem("pengaduan") == "adu")
        #expect(stemmer.stem("keluhan") == "keluh")
        #expect(stemmer.stem("belajar") == "ajar")
        #expect(stemmer.stem("berenang") == "renang")
        #expect(stemmer.stem("diterima") == "terima")
    }

    @Test func leavesRootsAndUnknownWordsAlone() {
        #expect(stemmer.stem("kapan") == "kapan")   // looks like kap+an, but is a root
        #expect(stemmer.stem("bulan") == "bulan")
        #expect(stemmer.stem("sertifikatnya") == "sertifikat") // unknown: only the possessive goes
        #expect(stemmer.stem("menyebalkan") == "menyebalkan")
        #expect(stemmer.stem("di") == "di")
    }

    @Test func englishLightStemming() {
        #expect(EnglishStemmer.stem("registered") == "register")
        #expect(EnglishStemmer.stem("complaints") == "complaint")
        #expect(EnglishStemmer.stem("starting") == "start")
        #expect(EnglishStemmer.stem("status") == "status")
        #expect(EnglishStemmer.stem("cities") == "city")
    }
}
