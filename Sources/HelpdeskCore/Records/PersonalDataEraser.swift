import Foundation

/// Carries out a citizen's right to erasure (UU 27/2022) across every file that holds them: the
/// complaint journal (closed complaints: personal fields become `[dihapus]`; open ones are left
/// and reported so the caller can queue the request) and the transcripts (every line of the
/// user's pseudonym: `user`, `message`, `reply` and entities become `[dihapus]`). Rewritten
/// files are re-chained, and so is every later file of the series whose first `prev` pointed at
/// the old chain; an audit entry names each file, its lines and its old and new chain heads, so
/// `helpdesk verify` still passes and the erasure itself is evidence. The audit entry names an
/// erasure id, never the pseudonym.
public struct PersonalDataEraser: Sendable {
    public struct Result: Sendable, Equatable {
        public var id: String
        public var transcriptLines = 0
        public var erasedComplaints: [String] = []
        public var openComplaints: [String] = []
        public var changes: [ChainRewriter.Change] = []
    }

    public let transcripts: URL
    public let journal: ComplaintJournal?
    public let audit: AuditLog
    /// The live writer, paused while its files are rewritten (nil when none runs).
    public let writer: TranscriptWriter?

    public init(transcripts: URL, journal: ComplaintJournal?, audit: AuditLog, writer: TranscriptWriter? = nil) {
        self.transcripts = transcripts
        self.journal = journal
        self.audit = audit
        self.writer = writer
    }

    /// How many transcript lines carry `pseudonym` (for a data-access answer).
    public func transcriptLines(of pseudonym: String) -> Int {
        let needle = "\"user\":" + JSONLineWriter.quoted(pseudonym)
        var count = 0
        for (_, url) in TranscriptFiles.list(transcripts) {
            guard let data = FileManager.default.contents(atPath: url.path) else { continue }
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where line.contains(needle) { count += 1 }
        }
        return count
    }

    /// Erases `user` (the conversation key, as in the journal's `reporter`) and `pseudonym`
    /// (their transcript pseudonym). `who` names who asked (`citizen`, a supervisor).
    public func erase(user: String, pseudonym: String, who: String, at: Date) throws(RecordsError) -> Result {
        var result = Result(id: "erasure-" + String(UUID().uuidString.prefix(8)).lowercased())
        if let journal {
            do {
                let e = try journal.erase(reporter: user)
                result.erasedComplaints = e.erased
                result.openComplaints = e.stillOpen
                if let c = e.change { result.changes.append(c) }
            } catch {
                throw RecordsError(error.description)
            }
        }
        var failure: RecordsError?
        func rewrite() {
            do {
                let (lines, changes) = try self.rewriteTranscripts(pseudonym: pseudonym)
                result.transcriptLines = lines
                result.changes += changes
            } catch {
                failure = error
            }
        }
        if let writer { writer.pausingOutput(rewrite) } else { rewrite() }
        if let failure { throw failure }
        if !result.changes.isEmpty {
            try audit.rewrite(who: who, what: "erase", subject: result.id, changes: result.changes, at: at)
        }
        return result
    }

    private func rewriteTranscripts(pseudonym: String) throws(RecordsError) -> (Int, [ChainRewriter.Change]) {
        let mark = ComplaintJournal.erasedMark
        var erased = 0
        var changes: [ChainRewriter.Change] = []
        var start: String?
        for (_, url) in TranscriptFiles.list(transcripts) {
            let (change, head) = try ChainRewriter.rewrite(path: url.path, start: start) { _, line in
                guard line.contains(pseudonym),
                      let o = (try? JSONParser.parse(line))?.objectValue,
                      var r = try? TranscriptRecord(json: o), r.user == pseudonym else { return nil }
                r.user = mark
                r.message = mark
                r.reply = mark
                r.entities = []
                erased += 1
                return r.jsonLine()
            }
            if let change { changes.append(change) }
            // Once a file changed, every later file of the series must point at its new head.
            start = (change != nil || start != nil) ? head : nil
        }
        return (erased, changes)
    }
}
