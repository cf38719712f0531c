import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `Transcripts/audit.jsonl`: who touched personal data, what they did and when, hash-chained so
/// that removing or editing an entry is evident to `helpdesk verify`. Every supervisor access to
/// personal data (a transcript, a complaint's identity) is written here by the server, and every
/// erasure (a citizen's request, retention) by `PersonalDataEraser`, naming the files, lines and
/// the old and new chain heads, so the rewrite itself is evidence. Entries never name the data
/// subject's pseudonym after an erasure: `subject` is what the caller passes (an erasure id).
///
/// Records are written at once and made durable by a `FileSyncer` (one `fsync` for every record
/// written since the last): `access` and `rewrite` return once theirs is on disk; `accessDeferred`
/// returns at once with the `PendingSync` an event loop holds the supervisor's reply on. A failed
/// `fsync` is final: the log then refuses records until restart (`refusing`).
public final class AuditLog: Sendable {
    private let log: ChainedLog
    public var path: String { log.path }

    public static let fileName = "audit.jsonl"

    /// `sync` is `fsync` except in tests that hold the disk or make it fail.
    public init(directory: URL, sync: @escaping @Sendable (Int32) -> Int32 = { fsync($0) }) throws(RecordsError) {
        log = try ChainedLog(path: directory.appendingPathComponent(AuditLog.fileName).path, syncInBackground: true, sync: sync)
    }

    /// Whether an `fsync` failed: every further record is refused until restart.
    public var refusing: Bool { log.syncFailed }

    /// What a record that did not reach the disk is reported as.
    public var notDurable: RecordsError { RecordsError("\(path): fsync failed; the record may not be on disk") }

    /// An access: `who` (supervisor name or token id), `what` (the command), `subject` (session,
    /// ticket, ...). Returns once the record is on disk.
    public func access(who: String, what: String, subject: String, at: Date) throws(RecordsError) {
        guard try accessDeferred(who: who, what: what, subject: subject, at: at).wait() else { throw notDurable }
    }

    /// An access written at once; durable when the returned `PendingSync` says so.
    public func accessDeferred(who: String, what: String, subject: String, at: Date) throws(RecordsError) -> PendingSync {
        try log.appendDeferred { w in
            w.string("at", Timestamp.iso8601(at))
            w.string("who", who)
            w.string("what", what)
            w.string("subject", subject)
        }
    }

    /// An erasure or retention rewrite: the files, the lines and the chain heads before and after.
    /// Returns once the record is on disk.
    public func rewrite(who: String, what: String, subject: String, changes: [ChainRewriter.Change], at: Date) throws(RecordsError) {
        let pending = try log.appendDeferred { w in
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
        guard pending.wait() else { throw notDurable }
    }
}
