import Foundation

/// The desk's public-service duties around each answer: the privacy notice on a conversation's
/// first reply, data-rights requests (seen before classification), the satisfaction survey
/// (asked after a resolved complaint's status check or a goodbye/thanks, and answered only by a
/// message starting with 1-4: anything else is handled as usual).
extension Desk {
    static let surveyServices: [String: String] = [
        "schedule": "schedule", "registration": "registration", "complaint": "complaint",
        "complaint_status": "complaint", "handoff": "handoff",
    ]

    /// `surveyServices[handler]` as a switch: the dictionary hashed the handler on every reply.
    static func surveyService(of handler: String) -> String? {
        switch handler {
        case "schedule": "schedule"
        case "registration": "registration"
        case "complaint", "complaint_status": "complaint"
        case "handoff": "handoff"
        default: nil
        }
    }

    /// Answers a message owed to a duty (a survey answer, a data-rights request) into `out`;
    /// false (and `out` untouched) to route as usual.
    func dutyReply(_ turn: Turn, session: inout Session, into out: inout Reply) -> Bool {
        let lang = session.lang
        if let service = session.surveyFor {
            session.surveyFor = nil
            if let answer = SurveyAnswer.parse(turn.text) {
                do {
                    try duties?.surveys?.record(answer, service: service, at: turn.now)
                } catch {
                    Log.error("survey: \(error.description)")
                }
                out.fill(text: turn.book.text(.surveyThanks, lang, pairs: [("score", String(answer.score))]), intent: .thanks,
                         confidence: 1, lang: lang, handler: "survey", outcome: .answered)
                return true
            }
        }
        guard let request = turn.content.privacy.match(lowered: turn.lowered) else { return false }
        let text = request == .access ? dataHeld(turn, session: session) : erase(turn, session: &session)
        out.fill(text: text, intent: .help, confidence: 1, lang: lang, handler: "privacy", outcome: .answered)
        return true
    }

    /// Adds the privacy notice and the survey question where they are due (to the reply in place:
    /// a copy of it retained and released its strings); remembers the service.
    func withDuties(_ out: inout Reply, _ turn: Turn, session: inout Session) {
        let book = turn.book
        let handler = out.handler
        if let service = Desk.surveyService(of: handler) { session.lastService = service }
        if duties?.surveys != nil, !session.surveyAsked, !Desk.inDialog(session), handler != "survey" {
            var service: String?
            if handler == "goodbye" || handler == "thanks" {
                service = session.lastService ?? "general"
            } else if handler == "complaint_status", let ticket = Identifiers.ticket(in: turn.text),
                      journal.complaint(ticket: ticket)?.status == .resolved {
                service = "complaint"
            }
            if let service {
                out.text += "\n\n" + book.text(.surveyAsk, session.lang)
                session.surveyFor = service
                session.surveyAsked = true
            }
        }
        if !session.noticeGiven {
            out.text += "\n\n" + book.text(.privacyNotice, session.lang)
            session.noticeGiven = true
        }
    }

    private func dataHeld(_ turn: Turn, session: Session) -> String {
        let lang = session.lang
        let book = turn.book
        let user = turn.message.user
        let mine = journal.complaints(reporter: user)
        let complaints = mine.isEmpty ? book.text(.privacyAccessNone, lang) : mine.map { c in
            book.text(.privacyAccessComplaint, lang, [
                "ticket": c.ticket, "status": book.text(Desk.statusKey(c.status), lang),
                "mode": ComplaintDialog.name(of: c.mode, book, lang),
            ])
        }.joined(separator: "; ")
        let pseudonym = duties?.pseudonym.of(user)
        let lines = pseudonym.map { duties?.eraser.transcriptLines(of: $0) ?? 0 } ?? 0
        return book.text(.privacyAccess, lang, [
            "transcripts": String(lines), "pseudonym": pseudonym ?? "-", "complaints": complaints,
            "lang": lang == .en ? "English" : "Bahasa Indonesia",
        ])
    }

    private func erase(_ turn: Turn, session: inout Session) -> String {
        let lang = session.lang
        let book = turn.book
        let user = turn.message.user
        session.dialog = nil
        session.awaiting = nil
        guard let duties else {
            let open = journal.complaints(reporter: user).map(\.ticket)
            Desk.queue(.init(user: user, openTickets: open, at: turn.now), in: erasures)
            return book.text(.privacyEraseQueued, lang, ["tickets": open.joined(separator: ", "), "lines": "0"])
        }
        do {
            let result = try duties.eraser.erase(user: user, pseudonym: duties.pseudonym.of(user), who: "citizen", at: turn.now)
            duties.erased(user)
            if !result.openComplaints.isEmpty {
                guard Desk.queue(.init(user: user, openTickets: result.openComplaints, at: turn.now), in: duties.erasures) else {
                    return book.text(.privacyEraseNotSaved, lang, ["lines": String(result.transcriptLines)])
                }
                return book.text(.privacyEraseQueued, lang, [
                    "tickets": result.openComplaints.joined(separator: ", "), "lines": String(result.transcriptLines),
                ])
            }
            do {
                try duties.erasures.remove(user: user)
            } catch {
                Log.error("erasure queue: \(error.description)")
            }
            return book.text(.privacyErased, lang, [
                "lines": String(result.transcriptLines), "complaints": String(result.erasedComplaints.count),
            ])
        } catch {
            Log.error("erasure: \(error.description)")
            guard Desk.queue(.init(user: user, openTickets: [], at: turn.now), in: duties.erasures) else {
                return book.text(.privacyEraseNotSaved, lang, ["lines": "0"])
            }
            return book.text(.privacyEraseFailed, lang)
        }
    }

    /// Queues an erasure request; returns false when it could not be saved. The request then
    /// stays queued in memory (supervisors see it until a restart), the failure is logged, and
    /// the citizen is told it was not saved and asked to repeat it, never that it is queued.
    @discardableResult
    private static func queue(_ entry: ErasureQueue.Entry, in erasures: ErasureQueue) -> Bool {
        do {
            try erasures.add(entry)
            return true
        } catch {
            Log.error("erasure queue: \(error.description)")
            return false
        }
    }
}
