import Foundation

/// One question and its answer, as the transcript records it. Built by the server once the
/// reply has been handed to the socket; redacted and pseudonymised by the recorder before
/// anything reaches disk.
///
/// The fields live in one immutable object (`Storage`): an exchange is handed on three times
/// (the supervisors' ring, the transcript writer's buffer and its flush), and a copy of the
/// plain struct retained its eight strings and arrays each time (30 reference-count calls a
/// copy); now a copy is one retain. Its fields are read-only (an exchange, once answered, is a
/// record); reading one borrows it from the object.
public struct Exchange: Sendable, Equatable {
    /// The exchange's values, as the struct held them before they moved into `Storage`.
    @usableFromInline
    struct Fields: Sendable, Equatable {
        @usableFromInline var session: String
        @usableFromInline var channel: String
        @usableFromInline var user: String
        @usableFromInline var arrived: Date
        @usableFromInline var replied: Date
        @usableFromInline var latencyMicros: Int64
        @usableFromInline var message: String
        @usableFromInline var reply: Reply

        @usableFromInline
        init(session: String, channel: String, user: String, arrived: Date, replied: Date,
             latencyMicros: Int64, message: String, reply: Reply) {
            self.session = session
            self.channel = channel
            self.user = user
            self.arrived = arrived
            self.replied = replied
            self.latencyMicros = latencyMicros
            self.message = message
            self.reply = reply
        }
    }

    /// The shared, never-changed home of one exchange's fields.
    @usableFromInline
    final class Storage: Sendable {
        @usableFromInline let fields: Fields

        @usableFromInline
        init(_ fields: consuming Fields) { self.fields = fields }
    }

    @usableFromInline let storage: Storage

    public var session: String {
        @inlinable _read { yield storage.fields.session }
    }
    public var channel: String {
        @inlinable _read { yield storage.fields.channel }
    }
    /// The raw user key (`tg:5512`, `tcp:127.0.0.1:50123#17`); the recorder stores only a keyed hash of it.
    public var user: String {
        @inlinable _read { yield storage.fields.user }
    }
    public var arrived: Date {
        @inlinable get { storage.fields.arrived }
    }
    public var replied: Date {
        @inlinable get { storage.fields.replied }
    }
    public var latencyMicros: Int64 {
        @inlinable get { storage.fields.latencyMicros }
    }
    public var message: String {
        @inlinable _read { yield storage.fields.message }
    }
    public var reply: Reply {
        @inlinable _read { yield storage.fields.reply }
    }

    @inlinable
    public init(session: String, channel: String, user: String, arrived: Date, replied: Date,
                latencyMicros: Int64, message: String, reply: Reply) {
        storage = Storage(Fields(session: session, channel: channel, user: user, arrived: arrived, replied: replied,
                                 latencyMicros: latencyMicros, message: message, reply: reply))
    }

    public static func == (a: Exchange, b: Exchange) -> Bool {
        a.storage === b.storage || a.storage.fields == b.storage.fields
    }
}

/// Where the server sends every exchange. Must return at once: writing happens off the request
/// path, and a recorder that buffers flushes on its own schedule (`TranscriptWriter`: every
/// quarter second or at a full batch).
public protocol ExchangeRecording: Sendable {
    func record(_ exchange: Exchange)
    /// Writes everything buffered to disk (the server calls it at shutdown).
    func flush()
}

/// Records nothing: for tests and `--no-transcripts`.
public struct DiscardingRecorder: ExchangeRecording {
    public init() {}
    public func record(_ exchange: Exchange) {}
    public func flush() {}
}
