import Foundation
import HelpdeskCore
import HelpdeskServer

/// `helpdesk serve` (and `helpdesk` with no arguments): builds a `ServerConfiguration` from flags,
/// `HELPDESK_…` variables and the embedded defaults, starts the server with signal handling, and
/// returns 0 after a graceful shutdown (SIGINT/SIGTERM).
enum ServeCommand: Command {
    static let name = "serve"
    static let summary = "runs the line-protocol server"
    static let help = """
    usage: helpdesk serve [options]

    Runs the line-protocol server (telnet/netcat for people, JSON lines for adapters).
    Each option falls back to its environment variable, then to the default.

      --host HOST                 HELPDESK_HOST               address to listen on (127.0.0.1; :: for all IPv6+IPv4)
      --port N                    HELPDESK_PORT               TCP port (7000; 0 lets the kernel choose)
      --max-connections N         HELPDESK_MAX_CONNECTIONS    clients served at once (10000)
      --idle-timeout SECONDS      HELPDESK_IDLE_TIMEOUT       close a client silent this long (300)
      --max-line BYTES            HELPDESK_MAX_LINE           longest accepted line (8192)
      --rate N                    HELPDESK_RATE               lines per second per connection (20; 0 = unlimited)
      --burst N                   HELPDESK_BURST              lines a connection may send at once (50)
      --max-errors N              HELPDESK_MAX_ERRORS         consecutive errors before disconnecting (32)
      --intents DIR               HELPDESK_INTENTS            intent catalog (Intents)
      --data DIR                  HELPDESK_DATA               service data (Data)
      --transcripts DIR           HELPDESK_TRANSCRIPTS        transcripts and runtime records (Transcripts)
      --retention-days N          HELPDESK_RETENTION_DAYS     keep transcripts this many days (365; 0 = forever)
      --complaint-retention-days N  HELPDESK_COMPLAINT_RETENTION_DAYS  erase closed complaints' personal fields
                                  this many days after closing (730; 0 = never)
      --eval-file FILE            HELPDESK_EVAL_FILE          where review.add target eval appends (Intents/review-eval.tsv)
      --supervisor-token-file F   HELPDESK_SUPERVISOR_TOKEN_FILE  file holding the supervisor token
                                  (or the token itself in HELPDESK_SUPERVISOR_TOKEN)
      --log-level LEVEL           HELPDESK_LOG_LEVEL          debug, info, warn or error (info)

    """

    static let options: Set<String> = [
        "--host", "--port", "--max-connections", "--idle-timeout", "--max-line", "--rate", "--burst",
        "--max-errors", "--intents", "--data", "--transcripts", "--retention-days", "--supervisor-token-file", "--log-level",
        "--complaint-retention-days", "--eval-file",
    ]

    static func configuration(_ args: Arguments) throws -> ServerConfiguration {
        var c = ServerConfiguration()
        c.host = args.string("--host", env: "HELPDESK_HOST", default: c.host)
        c.port = try args.int("--port", env: "HELPDESK_PORT", default: c.port, in: 0...65535)
        c.maxConnections = try args.int("--max-connections", env: "HELPDESK_MAX_CONNECTIONS", default: c.maxConnections, in: 1...1_000_000)
        c.idleTimeout = try args.seconds("--idle-timeout", env: "HELPDESK_IDLE_TIMEOUT", default: c.idleTimeout)
        c.maxLineBytes = try args.int("--max-line", env: "HELPDESK_MAX_LINE", default: c.maxLineBytes, in: 16...1_048_576)
        if let text = args.string("--rate", env: "HELPDESK_RATE") {
            guard let rate = Double(text), rate >= 0, rate.isFinite else {
                throw UsageError("--rate must be a number of lines per second (0 = unlimited), got '\(text)'")
            }
            c.rate = rate
        }
        c.burst = try args.int("--burst", env: "HELPDESK_BURST", default: c.burst, in: 1...1_000_000)
        c.maxConsecutiveErrors = try args.int("--max-errors", env: "HELPDESK_MAX_ERRORS", default: c.maxConsecutiveErrors, in: 1...1_000_000)
        c.intentsPath = args.string("--intents", env: "HELPDESK_INTENTS", default: c.intentsPath)
        c.dataPath = args.string("--data", env: "HELPDESK_DATA", default: c.dataPath)
        c.transcriptsPath = args.string("--transcripts", env: "HELPDESK_TRANSCRIPTS", default: c.transcriptsPath)
        let retention = try args.int("--retention-days", env: "HELPDESK_RETENTION_DAYS", default: c.retentionDays ?? 0, in: 0...36_500)
        c.retentionDays = retention == 0 ? nil : retention
        let complaintRetention = try args.int("--complaint-retention-days", env: "HELPDESK_COMPLAINT_RETENTION_DAYS",
                                              default: c.complaintRetentionDays ?? 0, in: 0...36_500)
        c.complaintRetentionDays = complaintRetention == 0 ? nil : complaintRetention
        c.evalFile = args.string("--eval-file", env: "HELPDESK_EVAL_FILE")
        c.supervisorTokenFile = args.string("--supervisor-token-file", env: "HELPDESK_SUPERVISOR_TOKEN_FILE")
        c.supervisorToken = args.environment["HELPDESK_SUPERVISOR_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        return c
    }

    static func run(_ argv: [String]) throws -> Int32 {
        let args = try Arguments(argv, options: options, switches: [])
        if let extra = args.positionals.first { throw UsageError("unexpected argument '\(extra)'") }
        if let level = args.string("--log-level", env: "HELPDESK_LOG_LEVEL") {
            guard let parsed = Log.Level(name: level) else {
                throw UsageError("--log-level must be debug, info, warn or error, got '\(level)'")
            }
            Log.level = parsed
        }
        let configuration = try configuration(args)
        AllocatorPolicy.applyForServer()
        let helpdesk: Helpdesk
        do {
            helpdesk = try Helpdesk(configuration: configuration)
        } catch {
            throw RuntimeFailure(error.description)
        }
        do {
            try helpdesk.start(handleSignals: true)
        } catch {
            throw RuntimeFailure("cannot listen on \(configuration.host):\(configuration.port): \(error.description)")
        }
        helpdesk.waitUntilStopped()
        return 0
    }
}
