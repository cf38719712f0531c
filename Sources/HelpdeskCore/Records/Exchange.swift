import Foundation

/// One question and its answer, as the transcript records it. Built by the server once the
/// reply has been handed to the socket; redacted and pseudonymised by the recorder before
/// anything reaches disk.
public struct Exchange: Sendable, Equatable {
    public var session: String
    public var channel: String
    /// The raw user key (`tg:5512`, `tcp:127.0.0.1:50123#17`); the recorder stores only a keyed hash of it.
    public var user: String
    public var arrived: Date
    public var replied: Date
    public var latencyMicros: Int64
    public var message: String
    public var reply: Reply

    public init(session: String, channel: String, user: String, arrived: Date, replied: Date,
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
