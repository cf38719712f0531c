import HelpdeskCore

/// A record a command's reply depends on that may not be on disk yet (a complaint update's
/// journal line, an audit entry), and the error the reply becomes if it never gets there.
public struct AwaitedRecord: Sendable {
    public let pending: PendingSync
    public let failure: ProtocolError

    public init(pending: PendingSync, failure: ProtocolError) {
        self.pending = pending
        self.failure = failure
    }
}

/// How a command handler makes its reply wait for the disk without waiting on the event loop:
/// it writes its record at once and passes the `PendingSync` here. On a connection on an event
/// loop the record is collected, and `ProtocolSession` holds the encoded reply (answering nothing
/// more on that connection) until every collected record is durable, or sends the first failed
/// record's error instead. Without an event loop (tests, tools) it waits here, as before.
extension ConnectionContext {
    /// Makes the running command's reply depend on `pending`. Returns nil when the reply may be
    /// built (the record is collected, or already durable), or `failure` when the caller waited
    /// and the record did not reach the disk.
    public mutating func dependOn(_ pending: PendingSync, orFail failure: ProtocolError) -> ProtocolError? {
        if awaitsDurability {
            awaitedRecords.append(AwaitedRecord(pending: pending, failure: failure))
            return nil
        }
        return pending.wait() ? nil : failure
    }

    /// The records collected since the last call (the session takes them after each command).
    mutating func takeAwaitedRecords() -> [AwaitedRecord] {
        guard !awaitedRecords.isEmpty else { return [] }
        defer { awaitedRecords = [] }
        return awaitedRecords
    }
}

/// A command's reply held until its records are durable: the encoded JSON line or `/` text, the
/// records, and what to send instead when one failed (`error` line with the request's `id`, or
/// `error (code): message` for a person at a terminal, as the supervisor's `/` commands word it).
struct HeldCommandReply {
    var bytes: [UInt8]
    var records: [AwaitedRecord]
    var id: JSONValue?
    var slash: Bool
    /// The held reply is itself an error (it counts towards the error limit).
    var isError: Bool

    /// Appends the held reply when every record is durable (`durable[i]` for `records[i]`), else
    /// the first failed record's error; returns whether what was appended is an error.
    func resolve(_ durable: [Bool], into out: inout [UInt8]) -> Bool {
        guard let failed = records.indices.first(where: { !(durable.indices.contains($0) && durable[$0]) }) else {
            out.append(contentsOf: bytes)
            return isError
        }
        let error = records[failed].failure
        if slash {
            ReplyEncoder.human("error (\(error.code.rawValue)): \(error.message)", into: &out)
        } else {
            ReplyEncoder.error(error, id: id, into: &out)
        }
        return true
    }
}
