import Foundation
import Testing
@testable import HelpdeskCore

/// `PhraseGroups` (several phrase lists in one pass) against a byte search per phrase, on lists
/// that share phrases, prefixes, first bytes, empty and one-byte phrases, and non-ASCII text.
@Suite struct PhraseGroupsTests {
    static let lists: [[String]] = [
        ["minggu depan", "next week", "pekan depan", "mgg depan", "minggu ini", "this week", "pekan ini"],
        ["bulan depan", "next month", "bulan berikutnya"], ["bulan ini", "this month", "bln ini"],
        ["minggu depan", "next week", "pekan depan", "mgg depan"], ["minggu ini", "this week", "pekan ini"],
        [" next ", "berikut", "selanjutnya", "terdekat", "upcoming", "akan datang", "yang akan", "coming", "mendatang"],
        ["sampai kapan", "sampe kapan", "until when", "selesai", "berakhir", "kapan beres", "end ", "ends", "finish"],
        ["anonim", "anonymous", "tanpa nama"], ["rahasia", "confidential"], ["a", "aa", "é"], [], ["", "zzz"], ["ü h", "data saya ü"],
    ]
    static let texts = DeskFastPathTests.texts + [
        " jadwal minggu depan ", " next week? ", " bulan depan ada apa ", " what is on this month ", " next ", "next",
        " angkatan berikutnya kapan ya ", " sampai kapan ", " when does it end ", "ends", " kapan beres? ", " bln ini ",
        " pekan ini dan bulan berikutnya ", " mgg depan ", " upcoming cohorts ", " yang akan datang ", " anonim tanpa nama rahasia ",
        "confidentia", "anonymou", " ü h é ", "a", "", " ",
    ]

    @Test func eachBitIsWhatAByteSearchPerPhraseFinds() {
        let groups = PhraseGroups(Self.lists)
        for text in Self.texts {
            let mask = groups.found(in: text)
            for (g, list) in Self.lists.enumerated() {
                let want = list.contains { text.includes($0) }
                #expect((mask >> UInt64(g)) & 1 == (want ? 1 : 0), "list \(g) in \(text)")
                #expect(PhraseSet(list).found(in: text) == want)
            }
            #expect(mask >> UInt64(Self.lists.count) == 0)
        }
    }

    @Test func complaintModeWordsInOnePass() {
        #expect(ComplaintDialog.mode(in: "rahasia tapi anonim") == .anonymous)
        #expect(ComplaintDialog.mode(in: "confidential") == .confidential)
        #expect(ComplaintDialog.mode(in: "biasa saja") == nil)
        #expect(ComplaintDialog.mode(answer: "yang rahasia dong") == .confidential)
        #expect(ComplaintDialog.mode(answer: "pilih 2") == .confidential)
        #expect(ComplaintDialog.mode(answer: "3 aja") == .anonymous)
        #expect(ComplaintDialog.mode(answer: "saya mau 2 tapi") == nil)
        #expect(ComplaintDialog.mode(answer: "tanpa aja nama") == .anonymous)
    }
}
