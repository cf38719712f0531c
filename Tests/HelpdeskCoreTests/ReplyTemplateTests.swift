import Testing
@testable import HelpdeskCore

/// The compiled reply templates, the byte substring search and the hand-padded dates that
/// replaced Foundation calls on the per-message path: same results as before.
@Suite struct ReplyTemplateTests {
    @Test func fillsEverySlotAndKeepsUnknownOnes() {
        let t = ReplyTemplate("Tiket {ticket} ({status}), batas {due}. {unknown}")
        #expect(t.filled(["ticket": "ADU-20261122-0007", "status": "diproses", "due": "1 Des"])
                == "Tiket ADU-20261122-0007 (diproses), batas 1 Des. {unknown}")
        #expect(t.filled([:]) == "Tiket {ticket} ({status}), batas {due}. {unknown}")
    }

    @Test func aValueIsNotSearchedForFurtherSlots() {
        let t = ReplyTemplate("{a}-{b}")
        #expect(t.filled(["a": "{b}", "b": "x"]) == "{b}-x")
    }

    @Test func bracesWithoutASlotStayText() {
        #expect(ReplyTemplate("{{name}}").filled(["name": "Ani"]) == "{Ani}")
        #expect(ReplyTemplate("open { only").filled(["only": "x"]) == "open { only")
        #expect(ReplyTemplate("plain text\nline two").filled(["x": "y"]) == "plain text\nline two")
        #expect(ReplyTemplate("{}").filled(["": "empty"]) == "empty")
    }

    @Test func bookUsesTheOtherLanguageWhenAKeyIsMissing() {
        let book = ReplyBook(texts: [.id: ["greeting": "Halo {name}"], .en: ["thanks": "You're welcome"]])
        #expect(book.text(.greeting, .en, ["name": "Budi"]) == "Halo Budi")
        #expect(book.text(.thanks, .id) == "You're welcome")
        #expect(book.text(.goodbye, .id) == "[goodbye]")
    }

    @Test func byteSearchFindsPhrasesLikeContains() {
        let text = " kapan jadwal angkatan berikutnya? "
        for phrase in ["kapan", "berikut", " angkatan ", "nya?", " "] {
            #expect(text.includes(phrase))
        }
        for phrase in ["bulan depan", "kapan  jadwal", "berikutnya?!", "x"] {
            #expect(!text.includes(phrase))
        }
        #expect(PhraseSet(["delete my data", "hapus data saya"]).found(in: "hapus data saya ya"))
        #expect(!"".includes("a"))
        #expect("é café".includes("café"))
    }

    @Test func paddedDatesMatchPrintfWidths() {
        #expect(Timestamp.isoDay(2026, 3, 7) == "2026-03-07")
        #expect(Timestamp.isoDay(987, 12, 31) == "0987-12-31")
        #expect(Timestamp.isoMonth(2026, 11) == "2026-11")
        #expect(JakartaTime.dayString(0) == "1970-01-01")
    }

    @Test func transcriptLineEscapingKeepsUTF8AndEscapesControls() {
        #expect(JSONLineWriter.quoted("say \"hi\"\\ \n\r\t\u{01}\u{1f} é😀") == #""say \"hi\"\\ \n\r\t\u0001\u001f é😀""#)
        #expect(JSONLineWriter.quoted("plain") == "\"plain\"")
    }
}
