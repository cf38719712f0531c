/// The line a reply ends with when a question interrupted a complaint dialog ("\n\n" and
/// `complaintResume` filled with the dialog's prompt), made once per step and language when the
/// reply texts load. Every step but `.confirm` prompts with a fixed text, so its line is fixed;
/// `.confirm` (which shows the complaint itself) is filled per message as before.
struct ResumeTexts: Sendable {
    static let steps: [ComplaintDialog.Slot] = [.category, .description, .mode, .contact]
    /// `texts[step * 2 + lang]`, lang 0 for `.id` and 1 for `.en`.
    private let texts: [String]

    init(book: ReplyBook) {
        var texts: [String] = []
        for step in Self.steps {
            for lang in [Lang.id, Lang.en] {
                texts.append(Self.filled(book, lang, prompt: Self.prompt(step, book, lang)))
            }
        }
        self.texts = texts
    }

    /// The line for `dialog` in `lang` (from the table unless the dialog is at `.confirm`).
    func line(_ dialog: ComplaintDialog, _ book: ReplyBook, _ lang: Lang) -> String {
        guard let i = Self.steps.firstIndex(of: dialog.next) else {
            return Self.filled(book, lang, prompt: dialog.prompt(book, lang))
        }
        return texts[i * 2 + (lang == .id ? 0 : 1)]
    }

    /// What `Desk.route` appended before this table: built the same way for the table and for `.confirm`.
    static func filled(_ book: ReplyBook, _ lang: Lang, prompt: String) -> String {
        "\n\n" + book.text(.complaintResume, lang, pairs: [("prompt", prompt)])
    }

    /// The prompt of a dialog at `step` (a fixed text for every step in `steps`).
    private static func prompt(_ step: ComplaintDialog.Slot, _ book: ReplyBook, _ lang: Lang) -> String {
        switch step {
        case .category: book.text(.complaintAskCategory, lang)
        case .description: book.text(.complaintAskDescription, lang)
        case .mode: book.text(.complaintAskMode, lang)
        case .contact: book.text(.complaintAskContact, lang)
        case .confirm: ""
        }
    }
}
