import Foundation
import Testing
@testable import HelpdeskCore

/// The eighth round's byte-level shortcuts on the desk's path against the code they stand in
/// for: `MessageText` (lowercasing, ends, joining), `Day(iso:)` and `DayWording.month` on digit
/// fields, `Identifiers.nip`'s digit count, `Schedules.spaced`, `Desk.inDialog`.
@Suite struct DeskTextFastPathTests {
    static let texts: [String] = DeskFastPathTests.texts + PhraseGroupsTests.texts + [
        "Halo Min", "HALO", "kapan JADWAL angkatan 3 Pelatihan Revolusi Mental?", "@[`{", "AZaz", "Z", "A",
        "ÉCOLE", "İstanbul", "STRASSE ß", "ΣΑΣ", "Ǆemal", "hello ﬁ", "ok 👍 OK", "\u{301}A", "A\u{301}",
        "a very long message in lower case that is well past the small string size",
        "A VERY LONG MESSAGE IN UPPER CASE THAT IS WELL PAST THE SMALL STRING SIZE", " x ", "\n", "\tTab\t",
        String(decoding: (0..<128).map { UInt8($0) }, as: UTF8.self),
        String(repeating: "Ab", count: 40), "123456789012345", "1234567890123456",
    ]

    @Test func loweredIsLowercased() {
        for text in Self.texts + Self.texts.map(\.localizedUppercase) {
            #expect(MessageText.lowered(text) == text.lowercased(), "\(text)")
            #expect(Array(MessageText.lowered(text).utf8) == Array(text.lowercased().utf8), "\(text)")
        }
    }

    @Test func endsAreTheFirstAndLastUTF8Bytes() {
        for text in Self.texts {
            let ends = MessageText.ends(text)
            #expect(ends?.first == text.utf8.first && ends?.last == text.utf8.last, "\(text)")
            #expect((ends == nil) == text.isEmpty)
        }
    }

    @Test func joinedIsConcatenation() {
        let pieces = ["", "a", "\n\n(kembali ke aduan Anda)", "é", "👍 ok"] + Array(Self.texts.prefix(12))
        for a in pieces {
            for b in pieces {
                #expect(Array(MessageText.joined(a, b).utf8) == Array((a + b).utf8), "\(a) + \(b)")
            }
        }
    }

    @Test func spacedIsTheTextBetweenSpaces() {
        for text in Self.texts {
            #expect(Array(Schedules.spaced(text).utf8) == Array((" " + text + " ").utf8), "\(text)")
        }
    }

    /// `Day(iso:)` as it parsed before the digit shortcut.
    static func referenceDay(_ text: String) -> Day? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        return Day(year: y, month: m, day: d)
    }

    /// `DayWording.month` as it worked before the digit shortcut.
    static func referenceMonth(_ key: String, _ lang: Lang) -> String {
        let parts = key.split(separator: "-")
        guard parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m) else { return key }
        return "\((lang == .en ? DayWording.enMonths : DayWording.idMonths)[m - 1]) \(y)"
    }

    @Test func isoDaysAndMonthsAsTheSplitParseReadsThem() {
        var days = ["2026-11-22", "2024-02-29", "2026-02-29", "2026-13-01", "2026-00-10", "2026-12-31", "2026-12-32",
                    "0000-01-01", "0001-01-01", "9999-12-31", "2026-1-01", "2026-01-1", "+026-01-01", "2026-+1-01",
                    "2026-01-+1", "2026-01-01 ", " 2026-01-01", "2026/01/01", "2026-01-0a", "２０２６-01-01", "2026-01-01-",
                    "", "2026", "2026-11", "-2026-11", "2026--11", "2026-1é-01", "20260-1-01"]
        for y in [1999, 2026, 2031] {
            for m in 0...13 {
                for d in [0, 1, 28, 29, 30, 31, 32] {
                    days.append(String(format: "%04d-%02d-%02d", y, m, d))
                }
            }
        }
        for text in days {
            #expect(Day(iso: text) == Self.referenceDay(text), "\(text)")
            let month = String(text.prefix(7))
            for key in [text, month] {
                for lang in Lang.allCases {
                    #expect(DayWording.month(key, lang) == Self.referenceMonth(key, lang), "\(key)")
                }
            }
        }
    }

    @Test func nipIsWhatTheExtractorFinds() {
        let nip = "198703152010011002"
        let texts = Self.texts + [
            nip, "NIP \(nip)", "nip 19870315 201001 1 002", "status 1987031520100110", "17 digits 19870315201001100",
            "19 digits 1987031520100110021", "reg REG-2026-00042 nip \(nip)", "NIK 3201 2345 6789 0123",
            "hp 0812-3456-7890 dan 1234", "é \(nip)", "１９８７０３１５２０１００１１００２", "\(nip)é", "1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8",
        ]
        for text in texts {
            let want = IdentityNumberExtractor().extract(EntityInput(text), now: Date(timeIntervalSince1970: 0))
                .first { $0.entity.kind == .nip }?.entity.value
            #expect(Identifiers.nip(in: text) == want, "\(text)")
        }
        #expect(Identifiers.nip(in: "NIP \(nip)") == nip)
    }

    @Test func fillersAreFoundByTheirPackedBytes() {
        var words = Array(ComplaintDialog.choiceFillers) + ["", "a", "aj", "ajaa", "Aja", "saja ", "sajA", "optio", "options",
                                                            "nomorr", "dongé", "é", "yaa", "y", "the1", "one\u{0}", "\u{0}one"]
        words += ComplaintDialog.choiceFillers.flatMap { f in [String(f.dropLast()), f + "s", "x" + f, f.uppercased()] }
        for filler in ComplaintDialog.choiceFillers { #expect((2...6).contains(filler.utf8.count)) }
        for word in words {
            let bytes = Array(word.utf8)
            let found = bytes.withUnsafeBufferPointer { ComplaintDialog.isFiller($0) }
            #expect(found == ComplaintDialog.choiceFillers.contains(word), "\(word)")
        }
    }

    /// `Schedules.cohortNumber`'s ASCII reading as it was: the word list, then the word after each cohort word.
    static func referenceCohortNumber(_ text: String) -> Int?? {
        var text = text
        return text.withUTF8 { u in
            guard let words = Schedules.asciiWords(u) else { return nil }
            let cohortWords = ["angkatan", "cohort", "batch", "gelombang", "akt", "angk"]
            for (i, w) in words.enumerated() where i + 1 < words.count && cohortWords.contains(String(decoding: UnsafeBufferPointer(rebasing: u[w]), as: UTF8.self)) {
                if let n = CohortWord.number(UnsafeBufferPointer(rebasing: u[words[i + 1]])) { return .some(n) }
            }
            return .some(nil)
        }
    }

    @Test func cohortNumberWordByWordAsFromTheWordList() {
        let texts = Self.texts.map { $0.lowercased() } + [
            " angkatan 3 ", "angkatan", "angkatan iv", "angkatan angkatan 2", "cohort x batch 7", "akt.5", "angk-12?",
            "gelombang ke 2", "angkatan ke-3", "batch 0", "batch 1000", "angkatan 2 dan angkatan 3", "3 angkatan",
            "angkatané 3", "é angkatan 3", "angkatan\t4", "angkatan 03", "angkatan xiv", "kapan jadwal angkatan 3 pelatihan revolusi mental?",
        ]
        for text in texts {
            var copy = text
            let fast = copy.withUTF8 { Schedules.asciiCohortNumber($0) }
            #expect(fast == Self.referenceCohortNumber(text), "\(text)")
        }
    }

    @Test func entityProgramsAsTheMatcherScanFindsThem() throws {
        let data = try #require(ServiceData.load(directory: Fixtures.dataDirectory).data)
        let aliases = ["Alpha": ["alp"], "ALPHA": ["a2"], "Beta": []]
        let synthetic = ServiceData(cohorts: ["Alpha", "ALPHA", "Beta", "Éclair"].enumerated().map { i, p in
            Cohort(program: p, cohort: i + 1, start: Day(ordinal: 20_000 + i), end: Day(ordinal: 20_010 + i), mode: "online", location: "x")
        }, participants: [], holidays: [], aliases: aliases)
        for d in [data, synthetic] {
            let finder = ProgramFinder(d.programMatchers)
            let names = d.programs.map(\.canonical) + d.programs.flatMap(\.aliases) + ["alpha", "Zeta", "", "E\u{301}clair", "éclair"]
            for name in names {
                let reference = d.programMatchers.first { $0.isCanonical && $0.lowered == name.lowercased() }?.canonical
                #expect(ProgramFinder.entityProgram(name, d.programMatchers) == reference, "\(name)")
                if let known = finder.entityProgram(name) {
                    #expect(known == reference, "\(name)")
                }
                if d.programs.contains(where: { $0.canonical == name }) { #expect(finder.entityProgram(name) != nil, "\(name)") }
            }
        }
    }

    @Test func inDialogIsWhetherADialogIsOpen() {
        var session = Session(id: "s", lastSeen: Date(timeIntervalSince1970: 0))
        #expect(!Desk.inDialog(session))
        session.dialog = ComplaintDialog()
        #expect(Desk.inDialog(session))
        session.dialog = nil
        #expect(!Desk.inDialog(session))
    }
}
