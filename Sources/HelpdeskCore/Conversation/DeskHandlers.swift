import Foundation

/// The desk's per-intent answers: each turns one classified message into a `Reply` using the
/// services. Kept apart from `Desk.swift` (routing and state) so each file stays readable.
extension Desk {
    /// Answers `intent` into `out` (assigned in place: a returned `Reply` was copied at the merge
    /// of the switch's branches and the original destroyed).
    func answer(_ turn: Turn, _ cls: Classification, intent: IntentLabel, session: inout Session, into out: inout Reply) {
        let lang = session.lang
        let book = turn.book
        func reply(_ text: String, _ handler: String, _ outcome: Outcome = .answered, ticket: String? = nil, options: [String] = []) {
            out.fill(text: text, intent: intent, confidence: cls.confidence, lang: lang, handler: handler, outcome: outcome,
                     entities: cls.entities, ticket: ticket, options: options)
        }
        if intent != .registrationStatus && intent != .complaintStatus { session.awaiting = nil }
        if cls.confidence < Desk.minimumConfidence && intent == cls.intent && !Desk.isClearEnough(cls, turn.lowered) {
            out.fill(text: book.text(.fallback, lang), intent: cls.intent, confidence: cls.confidence, lang: lang,
                     handler: "fallback", outcome: .fallback, entities: cls.entities)
            return
        }
        switch intent {
        case .greeting:
            reply(book.text(.greeting, lang), "greeting")
        case .help:
            reply(book.text(.help, lang), "help")
        case .thanks:
            reply(book.text(.thanks, lang), "thanks")
        case .goodbye:
            session.dialog = nil
            reply(book.text(.goodbye, lang), "goodbye")
        case .outOfScope:
            reply(book.text(Desk.outOfScopeKey(turn.lowered), lang), "out_of_scope", .fallback)
        case .scheduleQuery:
            reply(turn.box.content.schedules.answer(lowered: turn.lowered, entities: cls.entities, today: Day(turn.now), lang: lang), "schedule")
        case .registrationStatus:
            let (text, outcome) = registration(turn, cls, session: &session)
            reply(text, "registration", outcome)
        case .complaintStatus:
            let (text, outcome) = complaintStatus(turn, cls, session: &session)
            reply(text, "complaint_status", outcome)
        case .complaintFile:
            let dialog = ComplaintDialog(first: turn.text, entities: cls.entities)
            session.dialog = dialog
            reply(dialog.prompt(book, lang), "complaint", .askedForMore)
        case .handoffHuman:
            guard handoff.supervisorsOnline > 0 else {
                reply(book.text(.handoffOffline, lang), "handoff", .answered, options: lang == .en ? ["complaint"] : ["aduan"])
                return
            }
            let position = handoff.enqueue(.init(user: turn.message.user, session: session.id, text: turn.text, at: turn.now))
            reply(book.text(.handoffQueued, lang, pairs: [("position", String(position))]), "handoff", .handedOff)
        }
    }

    func continueComplaint(_ turn: Turn, _ cls: Classification, _ dialog: inout ComplaintDialog, plain word: String,
                           session: inout Session, into out: inout Reply) {
        let lang = session.lang
        let book = turn.book
        func reply(_ text: String, _ outcome: Outcome = .askedForMore, ticket: String? = nil) {
            out.fill(text: text, intent: .complaintFile, confidence: cls.confidence, lang: lang, handler: "complaint",
                     outcome: outcome, entities: cls.entities, ticket: ticket)
        }
        let slot = dialog.next
        // `turn.text` is already trimmed, so `answer(_:entities:)` would trim and lowercase it again for nothing.
        switch dialog.answer(turn.text, plain: word, entities: cls.entities) {
        case .invalid:
            session.dialog = dialog
            switch slot {
            case .description: reply(book.text(.complaintDescriptionShort, lang))
            case .confirm: reply(book.text(.complaintConfirmAgain, lang))
            default: reply(dialog.prompt(book, lang))
            }
        case .filled:
            session.dialog = dialog
            reply(dialog.prompt(book, lang))
        case .declined:
            session.dialog = nil
            reply(book.text(.cancelled, lang), .answered)
        case .confirmed:
            let category = dialog.category ?? .other
            let data = turn.box.content.data
            let due = data.workingDays.adding(data.serviceLevels.days(for: category), to: Day(turn.now))
            let draft = ComplaintDraft(category: category, description: dialog.description ?? "", contact: dialog.contact,
                                       mode: dialog.mode ?? .normal, reporter: turn.message.user, channel: turn.message.channel, lang: lang)
            do {
                // An event loop holds the reply until the line is on disk (it goes on serving its
                // other connections meanwhile); any other caller waits here.
                let complaint: Complaint
                var durability: Reply.Durability?
                if turn.message.awaitsDurability {
                    let filed = try journal.fileDeferred(draft, at: turn.now, due: due)
                    complaint = filed.complaint
                    durability = Reply.Durability(pending: filed.pending, failureText: book.text(.complaintFailed, lang))
                } else {
                    complaint = try journal.file(draft, at: turn.now, due: due)
                }
                session.dialog = nil
                session.lastTicket = complaint.ticket
                let key: ReplyKey = category.isConfidential || complaint.mode != .normal ? .complaintFiledConfidential : .complaintFiled
                reply(book.text(key, lang, ["ticket": complaint.ticket, "due": DayWording.long(complaint.due, lang)]),
                            .complaintFiled, ticket: complaint.ticket)
                out.durability = durability
            } catch {
                Log.error(error.description)
                session.dialog = dialog
                reply(book.text(.complaintFailed, lang), .fallback)
            }
        }
    }

    private func registration(_ turn: Turn, _ cls: Classification, session: inout Session) -> (String, Outcome) {
        let lang = session.lang
        let book = turn.book
        let id = cls.entities.first(.registrationID) ?? Identifiers.registrationID(in: turn.text)
        let nip = cls.entities.first(.nip) ?? Identifiers.nip(in: turn.text)
        guard id != nil || nip != nil else {
            session.awaiting = .registration
            return (book.text(.registrationAsk, lang), .askedForMore)
        }
        session.awaiting = nil
        if let minutes = session.throttle.waitMinutes(now: turn.now) {
            return (book.text(.registrationLocked, lang, pairs: [("minutes", String(minutes))]), .answered)
        }
        let found = Registrations(data: turn.box.content.data).find(registrationID: id, nip: nip)
        guard !found.isEmpty else {
            session.throttle.recordFailure(now: turn.now)
            let query = id ?? "NIP " + String(repeating: "*", count: 14) + String((nip ?? "").suffix(4))
            return (book.text(.registrationNotFound, lang, pairs: [("query", query)]), .answered)
        }
        let texts = found.map { p in
            book.text(.registrationFound, lang, pairs: [
                ("id", p.registrationID), ("name", Participant.mask(p.name)), ("program", p.program),
                ("cohort", String(p.cohort)), ("status", book.text(Desk.statusKey(p.status), lang)),
            ])
        }
        return (texts.joined(separator: "\n\n"), .answered)
    }

    private func complaintStatus(_ turn: Turn, _ cls: Classification, session: inout Session) -> (String, Outcome) {
        let lang = session.lang
        let book = turn.book
        guard let ticket = cls.entities.first(.ticket) ?? Identifiers.ticket(in: turn.text) ?? session.lastTicket else {
            session.awaiting = .ticket
            return (book.text(.complaintStatusAsk, lang), .askedForMore)
        }
        session.awaiting = nil
        if let minutes = session.throttle.waitMinutes(now: turn.now) {
            return (book.text(.registrationLocked, lang, pairs: [("minutes", String(minutes))]), .answered)
        }
        guard let complaint = journal.complaint(ticket: ticket) else {
            session.throttle.recordFailure(now: turn.now)
            return (book.text(.complaintStatusNotFound, lang, pairs: [("ticket", ticket)]), .answered)
        }
        var text = book.text(.complaintStatusReply, lang, pairs: [
            ("ticket", complaint.ticket), ("category", ComplaintDialog.name(of: complaint.category, book, lang)),
            ("status", book.text(Desk.statusKey(complaint.status), lang)), ("due", DayWording.long(complaint.due, lang)),
        ])
        if let note = complaint.latestNote { text += "\n" + book.text(.complaintStatusNote, lang, pairs: [("note", note)]) }
        return (text, .answered)
    }

    static func statusKey(_ s: Participant.Status) -> ReplyKey {
        switch s {
        case .submitted: .statusSubmitted
        case .verified: .statusVerified
        case .accepted: .statusAccepted
        case .waitlisted: .statusWaitlisted
        case .rejected: .statusRejected
        }
    }

    static func statusKey(_ s: ComplaintStatus) -> ReplyKey {
        switch s {
        case .received: .complaintStatusReceived
        case .inProgress: .complaintStatusInProgress
        case .resolved: .complaintStatusResolved
        case .rejected: .complaintStatusRejected
        case .awaitingCitizen: .complaintStatusAwaitingCitizen
        case .closed: .complaintStatusClosed
        }
    }

    /// A weak classification still worth acting on: a complaint that names itself ("mau lapor",
    /// "aduan") however long the story after it, or an out-of-scope question that names the
    /// office it belongs to (KTP, BPJS, tax), which is more useful than "we did not understand".
    static func isClearEnough(_ cls: Classification, _ lowered: String) -> Bool {
        switch cls.intent {
        case .complaintFile:
            let words = Set(lowered.split(whereSeparator: { !$0.isLetter }).map(String.init))
            return !words.isDisjoint(with: complaintWords)
        case .outOfScope:
            let key = outOfScopeKey(lowered)
            return key != .outOfScope && key != .outOfScopeLapor
        default:
            return false
        }
    }

    static let complaintWords: Set<String> = ["komplain", "komplen", "keluhan", "aduan", "pengaduan", "mengadu", "ngadu",
                                              "lapor", "melapor", "complaint", "complain"]

    /// Where an out-of-scope question belongs, from a few telling words.
    static func outOfScopeKey(_ lowered: String) -> ReplyKey {
        let words = Set(lowered.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init))
        if !words.isDisjoint(with: ["ktp", "ektp", "kk", "akta", "dukcapil", "domisili", "kependudukan"]) || lowered.includes("kartu keluarga") { return .outOfScopeDukcapil }
        if words.contains("bpjs") || lowered.includes("jkn") { return .outOfScopeBPJS }
        if !words.isDisjoint(with: ["pajak", "npwp", "spt", "tax", "djp", "efiling"]) { return .outOfScopeTax }
        if !words.isDisjoint(with: ["lapor", "mengadu", "aduan", "complaint", "report"]) { return .outOfScopeLapor }
        return .outOfScope
    }
}
