/// Everything `helpdesk serve` can be told, as one value with the contract's embedded defaults.
/// `ServeCommand` fills it from flags and `HELPDESK_…` variables; tests build it directly
/// (port 0, small limits). Paths are carried for the parts that use them (intents, data,
/// transcripts, the supervisor token) even where the network layer does not.
public struct ServerConfiguration: Sendable, Equatable {
    public var host = "127.0.0.1"
    /// 0 lets the kernel choose; the chosen port is logged as `listening on HOST:PORT`.
    public var port = 7000
    public var maxConnections = 10_000
    /// Seconds without input before a connection is closed (with a line saying so).
    public var idleTimeout: Double = 300
    public var maxLineBytes = 8192
    /// Lines per second per connection; 0 disables rate limiting.
    public var rate: Double = 20
    public var burst = 50
    /// Consecutive errors (bad JSON, over-long lines, rate limited, ...) before disconnecting.
    public var maxConsecutiveErrors = 32
    /// Pending output above which the server stops reading from a client, and below which it resumes.
    public var outputHighWater = 256 * 1024
    public var outputLowWater = 64 * 1024
    /// Seconds a closing connection may take to drain its last lines before it is cut.
    public var closeGrace: Double = 5
    public var intentsPath = "Intents"
    public var dataPath = "Data"
    public var transcriptsPath = "Transcripts"
    /// Transcript files of days older than this are removed (nil keeps everything).
    public var retentionDays: Int? = 365
    public var supervisorTokenFile: String?
    /// The supervisor token itself (`HELPDESK_SUPERVISOR_TOKEN`), when given directly.
    public var supervisorToken: String?
    public var listenBacklog: Int32 = 1024
    /// Seconds between checks for newly overdue complaints (pushed to supervisors).
    public var escalationInterval: Double = 60
    /// Seconds between runs of the journal's daily duties (close unanswered, retention).
    public var upkeepInterval: Double = 86_400
    /// Closed complaints lose their personal fields this many days after closing (nil: never).
    public var complaintRetentionDays: Int? = 730
    /// Where `review.add` with target `eval` appends (default `<intents>/review-eval.tsv`).
    public var evalFile: String?

    public init() {}
}
