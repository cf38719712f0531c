import Foundation
import Synchronization

/// The real `Responder`: classifies each message, keeps the person's conversation state, and
/// routes to the schedule, registration, complaint and hand-off services. A functional core:
/// time comes only from `Message.arrived`, and the only I/O is the complaint journal. Safe to
/// call from many connections at once: sessions sit in a `Mutex` table, and the service data
/// and reply texts are immutable values swapped whole by `reload()`.
public final class Desk: Responder {
    /// What a `Desk` reads its data and texts from, so `reload()` can read them again.
    public struct Sources: Sendable {
        public var dataDirectory: String
        public var repliesDirectory: String
        public init(dataDirectory: String = "Data", repliesDirectory: String = "Intents/replies") {
            self.dataDirectory = dataDirectory
            self.repliesDirectory = repliesDirectory
        }
    }

    /// Start-up failed: the data or the reply texts could not be loaded at all.
    public struct StartupFailure: Error, CustomStringConvertible {
        public var problems: [Problem]
        public var description: String { problems.map(\.description).joined(separator: "\n") }
    }

    struct Content: Sendable {
        var data: ServiceData { didSet { schedules = Content.schedules(data, book) } }
        var book: ReplyBook {
            didSet {
                schedules = Content.schedules(data, book)
                resumeTexts = ResumeTexts(book: book)
            }
        }
        var privacy = PrivacyRequest.Phrases.defaults
        /// The schedule service with its per-cohort replies (`ScheduleTexts`), made whenever
        /// `data` or `book` changes: a schedule question no longer builds a `Schedules` (a copy
        /// of every field of `ServiceData`) to answer.
        private(set) var schedules: Schedules
        /// The complaint dialog's resume lines, filled whenever `book` changes.
        private(set) var resumeTexts: ResumeTexts

        init(data: ServiceData, book: ReplyBook, privacy: PrivacyRequest.Phrases = .defaults) {
            self.data = data
            self.book = book
            self.privacy = privacy
            self.schedules = Content.schedules(data, book)
            self.resumeTexts = ResumeTexts(book: book)
        }

        private static func schedules(_ data: ServiceData, _ book: ReplyBook) -> Schedules {
            Schedules(data: data, book: book, texts: ScheduleTexts(data: data, book: book))
        }
    }

    let classifier: any Classifying
    public let journal: ComplaintJournal
    public let handoff: HandoffQueue
    let sessions: SessionStore
    let sources: Sources?
    /// Records for the public-service duties (erasure, survey); nil answers without them.
    public let duties: DutyRecords?
    /// Erasure requests waiting for a supervisor (open complaints, or no eraser configured).
    public let erasures: ErasureQueue
    /// Holds one `Content` so that taking the current one under the lock is a single retain
    /// (every message takes it; copying the struct's many references inside the lock made
    /// connections wait on each other).
    final class ContentBox: Sendable {
        let content: Content
        init(_ content: Content) { self.content = content }
    }

    private let content: Mutex<ContentBox>
    /// Below this confidence the desk says it did not understand instead of guessing.
    public static let minimumConfidence = 0.4

    public convenience init(classifier: any Classifying, data: ServiceData, book: ReplyBook, journal: ComplaintJournal,
                            handoff: HandoffQueue = HandoffQueue(), sessionTimeout: TimeInterval = 30 * 60, duties: DutyRecords? = nil) {
        self.init(classifier: classifier, content: Content(data: data, book: book), sources: nil, journal: journal,
                  handoff: handoff, sessionTimeout: sessionTimeout, duties: duties)
    }

    /// Loads `Data/` and the reply texts; fails only when one of them cannot be used at all.
    /// Row-level problems are logged as warnings and the good rows are served.
    public convenience init(classifier: any Classifying, sources: Sources, journal: ComplaintJournal,
                            handoff: HandoffQueue = HandoffQueue(), sessionTimeout: TimeInterval = 30 * 60,
                            duties: DutyRecords? = nil) throws(StartupFailure) {
        let (data, dataProblems) = ServiceData.load(directory: sources.dataDirectory)
        let (book, bookProblems) = ReplyBook.load(directory: sources.repliesDirectory)
        let (privacy, privacyProblems) = PrivacyRequest.Phrases.load(directory: sources.repliesDirectory)
        guard let data, let book else { throw StartupFailure(problems: dataProblems + bookProblems) }
        for p in dataProblems + bookProblems + privacyProblems { Log.warning(p.description) }
        self.init(classifier: classifier, content: Content(data: data, book: book, privacy: privacy), sources: sources,
                  journal: journal, handoff: handoff, sessionTimeout: sessionTimeout, duties: duties)
    }

    private init(classifier: any Classifying, content: Content, sources: Sources?, journal: ComplaintJournal,
                 handoff: HandoffQueue, sessionTimeout: TimeInterval, duties: DutyRecords?) {
        self.duties = duties
        self.erasures = duties?.erasures ?? ErasureQueue()
        self.classifier = classifier
        self.journal = journal
        self.handoff = handoff
        self.sessions = SessionStore(timeout: sessionTimeout)
        self.sources = sources
        self.content = Mutex(ContentBox(content))
    }

    /// Re-reads the data folder and reply texts. Whatever loads replaces the old value whole;
    /// whatever fails keeps the last good one. Returns every problem found. Connections and
    /// conversations are untouched.
    public func reload() -> [Problem] {
        guard let sources else { return [] }
        let (data, dataProblems) = ServiceData.load(directory: sources.dataDirectory)
        let (book, bookProblems) = ReplyBook.load(directory: sources.repliesDirectory)
        let (privacy, privacyProblems) = PrivacyRequest.Phrases.load(directory: sources.repliesDirectory)
        content.withLock { box in
            var c = box.content
            if let data, dataProblems.isEmpty { c.data = data }
            if let book, bookProblems.isEmpty { c.book = book }
            if privacyProblems.isEmpty { c.privacy = privacy }
            box = ContentBox(c)
        }
        return dataProblems + bookProblems + privacyProblems
    }

    /// The data now being served (for `programNames` and supervisors).
    public var serviceData: ServiceData { current.data }
    var current: Content { currentBox.content }
    /// The current content's box: one retain, where copying `Content` out retained each of its fields.
    var currentBox: ContentBox { content.withLock { $0 } }

    // MARK: Responder

    public func language(of user: String) -> Lang { sessions.language(of: user) ?? .id }

    public func setLanguage(_ lang: Lang, of user: String) { sessions.setLanguage(lang, of: user, now: Date()) }

    public func endConversation(of user: String) {
        sessions.remove(user)
        handoff.remove(user: user)
    }

    public func respond(to message: Message) -> Reply {
        let now = message.arrived
        let key = SessionStore.Key(message.user)
        var session = sessions.checkout(key, now: now)
        session.lastSeen = now
        let text = Desk.trimmed(message.text)
        let turn = Turn(message: message, text: text, lowered: MessageText.lowered(text), box: currentBox, now: now)
        // One `Reply` filled in place by whichever handler answers (`into:`): a `Reply` returned
        // up the chain was copied (its strings retained) and the original destroyed at each
        // `return` that merged several branches, four times a message.
        var reply = Reply.blank
        if !dutyReply(turn, session: &session, into: &reply) { route(turn, session: &session, into: &reply) }
        withDuties(&reply, turn, session: &session)
        reply.session = session.id
        sessions.save(swapping: &session, for: key)
        return reply
    }

    /// One message being answered, with what every handler needs.
    struct Turn {
        var message: Message
        var text: String
        /// `text.lowercased()`, worked out once per message for every phrase test that needs it.
        var lowered: String
        let box: ContentBox
        var now: Date
        var content: Content { box.content }
        var book: ReplyBook { box.content.book }
    }

    /// Answers a message no duty took, into `out`.
    private func route(_ turn: Turn, session: inout Session, into out: inout Reply) {
        guard !turn.text.isEmpty else {
            out.fill(text: turn.book.text(.emptyMessage, session.lang), intent: .help, confidence: 1, lang: session.lang, handler: "conversation", outcome: .askedForMore)
            return
        }
        // The message as a bare word ("Batal!" -> "batal"), for the cancel and yes tests and the dialog.
        let word = ComplaintDialog.plain(lowered: turn.lowered)
        if Desk.isCancelWord(word) {
            let had = Desk.inDialog(session) || session.awaiting != nil
            session.dialog = nil
            session.awaiting = nil
            out.fill(text: turn.book.text(had ? .cancelled : .nothingToCancel, session.lang), intent: .complaintFile,
                     confidence: 1, lang: session.lang, handler: "conversation", outcome: .answered)
            return
        }
        if !Desk.inDialog(session), Desk.isBareYesWord(word) {
            // "ya" with nothing pending is a nod, not a goodbye: invite the question.
            out.fill(text: turn.book.text(.emptyMessage, session.lang), intent: .help, confidence: 1, lang: session.lang,
                     handler: "conversation", outcome: .askedForMore)
            return
        }
        let cls = classifier.classify(turn.text, now: turn.now)
        if !session.langPinned, let lang = cls.lang { session.lang = lang }

        if var dialog = session.dialog {
            let otherTopic = cls.intent != .complaintFile && cls.confidence >= 0.7 && Desk.isTopic(cls.intent) && !dialog.accepts(turn.text, plain: word)
            if !otherTopic {
                continueComplaint(turn, cls, &dialog, plain: word, session: &session, into: &out)
                return
            }
            session.awaiting = nil
            answer(turn, cls, intent: cls.intent, session: &session, into: &out)
            // Filled at load for every step but the confirmation (`ResumeTexts`).
            out.text = MessageText.joined(out.text, turn.box.content.resumeTexts.line(dialog, turn.book, session.lang))
            return
        }
        answer(turn, cls, intent: effectiveIntent(turn, cls, session: session), session: &session, into: &out)
    }

    /// The intent to act on: identifiers and pending questions win over a weak classification.
    private func effectiveIntent(_ turn: Turn, _ cls: Classification, session: Session) -> IntentLabel {
        // "hi, what trainings are there next week?": a greeting wrapped around a question is the
        // question, when the model rates it nearly as high as the greeting.
        if cls.intent == .greeting, cls.ranked.count > 1, Desk.isTopic(cls.ranked[1].intent),
           cls.ranked[1].score >= 0.8 * cls.ranked[0].score {
            return cls.ranked[1].intent
        }
        if cls.confidence < 0.8 || cls.intent == .outOfScope {
            // Looked up only here: a confident classification never needs the identifier scan.
            let hasTicket = cls.entities.first(.ticket) != nil || Identifiers.ticket(in: turn.text) != nil
            let hasRegistration = cls.entities.first(.registrationID) != nil || cls.entities.first(.nip) != nil
                || Identifiers.registrationID(in: turn.text) != nil || Identifiers.nip(in: turn.text) != nil
            if hasTicket || (session.awaiting == .ticket && cls.confidence < Desk.minimumConfidence) { return .complaintStatus }
            if hasRegistration || (session.awaiting == .registration && cls.confidence < Desk.minimumConfidence) { return .registrationStatus }
        }
        return cls.intent
    }

    /// The text without surrounding whitespace; most messages have none, and skipping
    /// Foundation's trim for them saves a UTF-16 round trip per message.
    static func trimmed(_ text: String) -> String {
        if let (first, last) = MessageText.ends(text), first > 0x20, first < 0x80, last > 0x20, last < 0x80 {
            return text
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static let bareYes: Set<String> = ["ya", "iya", "y", "yes", "ya kirim", "iya kirim", "yes send", "yup", "yap"]
    static let cancelWords: Set<String> = ["batal", "cancel", "/batal", "/cancel", "stop", "gak jadi", "ga jadi", "tidak jadi",
                                                   "nggak jadi", "batalkan", "abort", "never mind", "nevermind"]

    /// `session.dialog != nil`, by its case: the comparison with `nil` went through `Equatable`
    /// on `ComplaintDialog?` (a copy of the dialog and a generic destroy of the pair each time).
    @inline(__always)
    static func inDialog(_ session: Session) -> Bool {
        if case .some = session.dialog { return true }
        return false
    }

    /// Intents that may interrupt a complaint dialog. Not `out_of_scope`: an answer the dialog does
    /// not understand ("-", "ya" at the wrong step) is re-asked, not sent to another office. A
    /// switch: a set hashed the label on every message.
    static func isTopic(_ intent: IntentLabel) -> Bool {
        switch intent {
        case .scheduleQuery, .registrationStatus, .complaintStatus, .help, .handoffHuman: true
        default: false
        }
    }

    /// The longest cancel or bare-yes word in bytes: a longer message is neither, without hashing it.
    static let longestShortWord = cancelWords.union(bareYes).map(\.utf8.count).max() ?? 0

    /// `cancelWords.contains(word)`, skipping the hash for words longer than any of them.
    static func isCancelWord(_ word: String) -> Bool {
        word.utf8.count <= longestShortWord && cancelWords.contains(word)
    }

    /// `bareYes.contains(word)`, skipping the hash for words longer than any of them.
    static func isBareYesWord(_ word: String) -> Bool {
        word.utf8.count <= longestShortWord && bareYes.contains(word)
    }

    static func isBareYes(_ text: String) -> Bool {
        isBareYesWord(ComplaintDialog.plain(text))
    }

    static func isCancel(_ text: String) -> Bool {
        isCancelWord(ComplaintDialog.plain(text))
    }
}
