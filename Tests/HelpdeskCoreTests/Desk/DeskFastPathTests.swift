import Foundation
import Testing
@testable import HelpdeskCore

/// The desk's per-message fast paths (issue 7, fifth round) against the general forms they
/// replace: one-pass phrase search, the ASCII word split, and string validation in the parser.
@Suite struct DeskFastPathTests {
    static let texts = [
        "", "d", "data", "hapus data saya", "tolong HAPUS DATA SAYA ya", "mau lihat data saya dong", "hapus dataku!",
        "what data do you hold?", "erase my data", "remove my dat", "dadata apa yang disimpan", "anonim", "tanpa  nama",
        "tanpa nama", "saya mau rahasia", "confidential please", "anonymousx", "é hapus data saya ü", "data apa yang kalian simpa",
        "jadwal angkatan 3 pelatihan revolusi mental?", "ktp", "see my data", "show my data\n", "hapus semua data saya",
    ]

    @Test func phraseSetFindsWhatAByteSearchFinds() {
        let lists: [[String]] = [
            PrivacyRequest.Phrases.defaults.erase, PrivacyRequest.Phrases.defaults.access,
            ["anonim", "anonymous", "tanpa nama"], ["rahasia", "confidential"], ["a", "aa", "dat"], [],
            ["é", "ü h", "data saya ü"], ["data", "data apa"], ["", "zzz"],
        ]
        for list in lists {
            let set = PhraseSet(list)
            for text in Self.texts {
                let lowered = text.lowercased()
                #expect(set.found(in: lowered) == list.contains { lowered.includes($0) }, "\(list) in \(lowered)")
            }
        }
    }

    @Test func privacyMatchOnLoweredTextIsTheSame() {
        var phrases = PrivacyRequest.Phrases.defaults
        for text in Self.texts {
            #expect(phrases.match(lowered: text.lowercased()) == phrases.match(text))
        }
        #expect(phrases.match("Tolong HAPUS data saya") == .erase)
        #expect(phrases.match("lihat data saya, lalu hapus data saya") == .erase)
        #expect(phrases.match("Show my data") == .access)
        #expect(phrases.match("halo") == nil)
        // The compiled lists follow the lists when they change.
        phrases.erase = ["buang semua"]
        #expect(phrases.match("tolong buang semua") == .erase)
        #expect(phrases.match("hapus data saya") == nil)
    }

    /// The one-pass match (both lists in one `PhraseGroups`) against a byte search per list,
    /// erasure first, on lists that overlap, share prefixes, hold one-byte or empty phrases.
    @Test func privacyOnePassMatchesTheSearchPerList() {
        let pairs: [([String], [String])] = [
            (PrivacyRequest.Phrases.defaults.access, PrivacyRequest.Phrases.defaults.erase),
            (["data", "lihat data saya"], ["data saya", "hapus"]), (["d"], ["da"]), (["dat"], ["d"]),
            ([""], ["zzz"]), (["zzz"], [""]), ([], []), (["é hapus"], ["ü"]), (["data saya ü"], ["data saya"]),
        ]
        for (access, erase) in pairs {
            let phrases = PrivacyRequest.Phrases(access: access, erase: erase)
            for text in Self.texts + ["lihat data saya, lalu hapus data saya", "hapus data saya lalu lihat data saya", "z"] {
                let lowered = text.lowercased()
                let reference: PrivacyRequest? = erase.contains { lowered.includes($0) } ? .erase
                    : access.contains { lowered.includes($0) } ? .access : nil
                #expect(phrases.match(lowered: lowered) == reference, "\(access) \(erase) in \(lowered)")
            }
        }
    }

    @Test func complaintModeKeywords() {
        #expect(ComplaintDialog.mode(in: "saya mau anonim saja") == .anonymous)
        #expect(ComplaintDialog.mode(in: "tanpa nama") == .anonymous)
        #expect(ComplaintDialog.mode(in: "rahasia ya") == .confidential)
        #expect(ComplaintDialog.mode(in: "anonymous but confidential") == .anonymous)
        #expect(ComplaintDialog.mode(in: "tanpa  nama") == nil)
        #expect(ComplaintDialog.mode(in: "biasa") == nil)
    }

    @Test(arguments: [
        "angkatan 3", "jadwal angkatan-3 pelatihan?", "  batch  iv ", "akt.2,gelombang 5", "ANGKATAN 12",
        "cohort 3\r\nnext", "x_y 7", "a1b2 c3", "", "!!", "angkatan ké 3", "gelombang ③ dan 4", "ab\u{301}c 2",
    ])
    func asciiWordSplitMatchesTheCharacterSplit(text: String) {
        let reference = text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        #expect(Schedules.words(of: text) == reference)
        var t = text
        let ascii = t.withUTF8 { u in Schedules.asciiWords(u).map { $0.map { String(decoding: UnsafeBufferPointer(rebasing: u[$0]), as: UTF8.self) } } }
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            #expect(ascii == reference)
        } else {
            #expect(ascii == nil)
        }
    }

    @Test(arguments: [
        [UInt8]("\"halo\"".utf8), [UInt8]("\"caf\u{e9} \u{1F600}\"".utf8), [0x22, 0xEF, 0xBF, 0xBD, 0x22],   // a literal U+FFFD is valid
        [0x22, 0x68, 0xFF, 0x22], [0x22, 0xC3, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22],                      // bad byte, truncated, surrogate
        [0x22, 0xF0, 0x90, 0x80, 0x22], [0x22, 0xC0, 0xAF, 0x22], [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],    // 3 of 4 bytes, overlong, > U+10FFFF
        [0x22, 0xE2, 0x82, 0xAC, 0x22], [0x22, 0x5C, 0x6E, 0xE2, 0x82, 0x22],                               // euro sign; escape then truncated
    ])
    func stringValidationMatchesTheStandardLibrary(bytes: [UInt8]) {
        let content = bytes.dropFirst().dropLast().filter { $0 != 0x5C }.map { $0 == 0x6E ? 0x0A : $0 }
        let expected = String(validating: content, as: UTF8.self)
        let parsed = try? JSONParser.parse(bytes)
        #expect(parsed?.stringValue == expected)
        if expected == nil {
            #expect(throws: JSONParseError("invalid UTF-8 in string", at: 1)) { try JSONParser.parse(bytes) }
        }
    }
}

/// `ReplyBook` keeps its templates in a flat array indexed by `ReplyKey.ordinal`.
@Suite struct ReplyBookTableTests {
    @Test func ordinalsAreTheCasesInOrder() {
        #expect(ReplyKey.allCases.count == ReplyKey.count)
        #expect(ReplyKey.allCases.map(\.ordinal) == Array(0..<ReplyKey.count))
    }

    @Test func everyKeyIsFoundInItsLanguageOrTheOther() {
        var id: [String: String] = [:], en: [String: String] = [:]
        for (i, key) in ReplyKey.allCases.enumerated() {
            if i % 3 != 1 { id[key.rawValue] = "id \(key.rawValue) {x}" }
            if i % 3 != 2 { en[key.rawValue] = "en \(key.rawValue) {x}" }
        }
        let book = ReplyBook(texts: [.id: id, .en: en])
        for (i, key) in ReplyKey.allCases.enumerated() {
            let idText = i % 3 != 1 ? "id \(key.rawValue) 7" : "en \(key.rawValue) 7"
            let enText = i % 3 != 2 ? "en \(key.rawValue) 7" : "id \(key.rawValue) 7"
            #expect(book.text(key, .id, ["x": "7"]) == idText)
            #expect(book.text(key, .en, pairs: [("x", "7")]) == enText)
        }
        let empty = ReplyBook(texts: [:])
        #expect(empty.text(.scheduleItem, .en) == "[schedule_item]")
        // Literal runs with multi-byte text and unfilled slots come back unchanged.
        let one = ReplyBook(texts: [.id: ["greeting": "Halo {nama}, selamat datang ✓ {x}"]])
        #expect(one.text(.greeting, .en, ["x": "é"]) == "Halo {nama}, selamat datang ✓ é")
    }
}
