import Foundation

/// How a citizen wants to be known in a complaint. `confidential` keeps the identity for
/// supervisors only; `anonymous` stores no identity and no contact at all, only a pseudonym.
public enum ComplaintMode: String, Sendable, Codable, CaseIterable {
    case normal
    case confidential
    case anonymous
}

/// Where a complaint stands. The citizen sees it in a `complaint.status` reply.
public enum ComplaintStatus: String, Sendable, Codable, CaseIterable {
    case received
    case inProgress = "in_progress"
    case resolved
    case rejected
    /// A follow-up asked the citizen something; closed after `ComplaintClocks.closeUnanswered` working days without an answer.
    case awaitingCitizen = "awaiting_citizen"
    /// Closed without a resolution (the citizen did not answer a follow-up).
    case closed

    /// Whether the complaint is still being handled (erasure must wait until it is not).
    public var isOpen: Bool { self == .received || self == .inProgress || self == .awaitingCitizen }
}

/// What the dialog collected before a complaint is filed; the journal turns it into a record.
public struct ComplaintDraft: Sendable, Equatable {
    public var category: ComplaintCategory
    public var description: String
    public var contact: String?
    public var mode: ComplaintMode
    /// The conversation's user key; dropped for anonymous reports.
    public var reporter: String?
    public var channel: String?
    public var lang: Lang

    public init(category: ComplaintCategory, description: String, contact: String? = nil, mode: ComplaintMode = .normal,
                reporter: String? = nil, channel: String? = nil, lang: Lang = .id) {
        self.category = category
        self.description = description
        self.contact = contact
        self.mode = mode
        self.reporter = reporter
        self.channel = channel
        self.lang = lang
    }
}

/// A complaint as it stands after replaying its journal records: the filing plus every status
/// change. Supervisors read all of it; a citizen's status reply shows only the status, the
/// latest note and the due date.
public struct Complaint: Sendable, Equatable {
    public struct Update: Sendable, Equatable {
        public var status: ComplaintStatus
        public var note: String
        public var at: Date
    }

    public var ticket: String
    public var filed: Date
    public var category: ComplaintCategory
    public var mode: ComplaintMode
    public var description: String
    public var contact: String?
    public var reporter: String?
    public var pseudonym: String?
    public var channel: String?
    public var lang: Lang
    public var due: Day
    public var status: ComplaintStatus
    public var updates: [Update]

    /// The latest note meant for the citizen, if a supervisor wrote one.
    public var latestNote: String? { updates.last(where: { !$0.note.isEmpty })?.note }
}

/// One line of `complaints.jsonl`. Filings and updates are both appended records; only erasure
/// and retention rewrite a line (personal fields become `[dihapus]`, the chain is recomputed and
/// the rewrite is written to the audit log). `seq` and `prev` chain the lines (see `HashChain`).
/// Anonymous filings carry no `reporter`, `contact` or `channel`, and their description is
/// redacted (NIK, NIP, phone, e-mail masked): the constructor enforces it, not the caller.
struct ComplaintRecord: Codable, Equatable {
    var v: Int = 1
    var type: String
    var ticket: String
    var at: String
    var category: ComplaintCategory?
    var mode: ComplaintMode?
    var description: String?
    var contact: String?
    var reporter: String?
    var pseudonym: String?
    var channel: String?
    var lang: Lang?
    var due: String?
    var status: ComplaintStatus?
    var note: String?
    var prev: String?
    var seq: Int?

    static func filing(_ draft: ComplaintDraft, ticket: String, at: Date, due: Day, pseudonym: String) -> ComplaintRecord {
        let anonymous = draft.mode == .anonymous
        return ComplaintRecord(
            type: "filed", ticket: ticket, at: Timestamp.iso8601(at), category: draft.category, mode: draft.mode,
            description: anonymous ? Redaction.identities(in: Redactor().redact(draft.description)) : draft.description,
            contact: anonymous ? nil : draft.contact, reporter: anonymous ? nil : draft.reporter,
            pseudonym: pseudonym, channel: anonymous ? nil : draft.channel, lang: draft.lang,
            due: due.description, status: .received)
    }

    static func update(ticket: String, status: ComplaintStatus, note: String, at: Date) -> ComplaintRecord {
        ComplaintRecord(type: "update", ticket: ticket, at: Timestamp.iso8601(at), status: status, note: note)
    }
}

/// Masks identity numbers, phone numbers and e-mail addresses in free text (anonymous reports
/// must not carry who wrote them).
public enum Redaction {
    public static func identities(in text: String) -> String {
        var out = ""
        var run = ""
        func flush() {
            let digits = run.filter(\.isNumber).count
            if digits >= 8 {
                let tail = run.reversed().prefix(while: { !$0.isNumber })
                out += "••••" + String(tail.reversed())
            } else {
                out += run
            }
            run = ""
        }
        for ch in text {
            if ch.isNumber || ((ch == " " || ch == "-" || ch == "+") && !run.isEmpty) || (ch == "+" && run.isEmpty) {
                run.append(ch)
            } else {
                flush()
                out.append(ch)
            }
        }
        flush()
        return out.split(separator: " ", omittingEmptySubsequences: false).map { word in
            word.contains("@") && word.contains(".") ? "[email]" : String(word)
        }.joined(separator: " ")
    }
}
