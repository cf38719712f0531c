import Foundation

/// `Transcripts/audit.jsonl`: who touched personal data, what they did and when, hash-chained so
/// that removing or editing an entry is evident to `helpdesk verify`. Every supervisor access to
/// personal data (a transcript, a complaint's identity) is written here by the server, and every
/// erasure (a citizen's request, retention) by `PersonalDataEraser`, naming the files, lines and
/// the old and new chain heads, so the rewrite itself is evidence. Entries never name the data
/// subject's pseudonym after an erasure: `subject` is what the caller passes (an erasure id).
public final class AuditLog: Sendable {
    private let log: ChainedLog
    public var path: String { log.path }

    public static let fileName = "audit.jsonl"

    public init(directory: URL) throws(RecordsError) {
        log = try ChainedLog(path: directory.appendingPathComponent(AuditLog.fileName).path)
    }

    /// An access: `who` (supervisor name or token id), `what` (the command), `subject` (session,
    /// ticket, ...).
    public func access(who: String, what: String, subject: String, at: Date) throws(RecordsError) {
        try log.append { w in
            w.string("at", Timestamp.iso8601(at))
            w.string("who", who)
            w.string("what", what)
            w.string("subject", subject)
        }
    }

    /// An erasure or retention rewrite: the files, the lines and the chain heads before and after.
    public func rewrite(who: String, what: String, subject: String, changes: [ChainRewriter.Change], at: Date) throws(RecordsError) {
        try log.append { w in
            w.string("at", Timestamp.iso8601(at))
            w.string("who", who)
            w.string("what", what)
            w.string("subject", subject)
            var list = "["
            for (i, c) in changes.enumerated() {
                var o = JSONLineWriter()
                o.string("file", c.file)
                o.raw("lines", "[" + c.lines.map(String.init).joined(separator: ",") + "]")
                o.string("old_head", c.oldHead)
                o.string("new_head", c.newHead)
                list += (i == 0 ? "" : ",") + o.finished()
            }
            w.raw("files", list + "]")
        }
    }
}
