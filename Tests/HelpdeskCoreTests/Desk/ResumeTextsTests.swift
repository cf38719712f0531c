import Foundation
import Testing
@testable import HelpdeskCore

/// The complaint dialog's resume lines filled at load against the fill per message they
/// replace, for a dialog at every step (the confirmation, with the complaint in it, still
/// filled per message) in both languages.
@Suite struct ResumeTextsTests {
    static func dialogs() -> [ComplaintDialog] {
        var d = ComplaintDialog(first: "", entities: [])
        d.category = nil
        var out = [d]
        d.category = .lms; out.append(d)
        d.description = "LMS tidak bisa dibuka sejak kemarin {mode} \"kutip\""; out.append(d)
        d.mode = .confidential; out.append(d)
        d.contactAsked = true; out.append(d)
        d.contact = "ani@example.id"; out.append(d)
        var anonymous = d
        anonymous.mode = .anonymous; anonymous.contactAsked = false; anonymous.contact = nil; out.append(anonymous)
        return out
    }

    @Test func everyStepReadsAsTheFillPerMessage() throws {
        let book = try #require(ReplyBook.load(directory: Fixtures.repliesDirectory).book)
        let texts = ResumeTexts(book: book)
        let dialogs = Self.dialogs()
        #expect(Set(dialogs.map { "\($0.next)" }).count == 5)
        for dialog in dialogs {
            for lang in Lang.allCases {
                let want = "\n\n" + book.text(.complaintResume, lang, ["prompt": dialog.prompt(book, lang)])
                #expect(texts.line(dialog, book, lang) == want, "\(dialog.next) \(lang)")
            }
        }
    }
}
