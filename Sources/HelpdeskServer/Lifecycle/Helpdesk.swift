import Foundation
import HelpdeskCore

/// The whole helpdesk assembled from one `ServerConfiguration`: the intent model built from
/// `Intents/`, the service data, the complaint journal, the transcript writer and live metrics,
/// the public-service duty records, the `Desk`, and the server around them. One place for the
/// wiring, so `helpdesk serve`, the end-to-end tests and the benchmarks run the same thing.
public final class Helpdesk: Sendable {
    /// Start-up could not go on: a catalog, data or records problem, each as `path:line: message`.
    public struct StartupError: Error, CustomStringConvertible {
        public var description: String
    }

    public let configuration: ServerConfiguration
    public let desk: Desk
    public let writer: TranscriptWriter
    public let metrics: LiveMetrics
    public let server: Server
    /// Supervisors online and the conversations they hold (also the desk's hand-off queue).
    public let supervisors: SupervisorHub
    /// The recorder the server writes to: the transcript writer plus the in-memory recent ring.
    public let recent: RecentExchanges

    public init(configuration: ServerConfiguration, router: CommandRouter = CommandRouter(),
                loginThrottle: LoginThrottle = LoginThrottle()) throws(StartupError) {
        self.configuration = configuration
        let hub = SupervisorHub()
        supervisors = hub
        let token: SupervisorToken
        do {
            token = try SupervisorToken.load(configuration)
        } catch {
            throw StartupError(description: error.description)
        }
        let transcripts = URL(fileURLWithPath: configuration.transcriptsPath)
        do {
            try FileManager.default.createDirectory(at: transcripts, withIntermediateDirectories: true)
            let programs = ServiceData.programNames(directory: configuration.dataPath)
                .map { ProgramName(canonical: $0.canonical, aliases: $0.aliases) }
            let model = try IntentModel.load(directory: configuration.intentsPath, programs: programs)
            let metrics = LiveMetrics()
            let pseudonym = try Pseudonym.load(directory: transcripts)
            let writer = try TranscriptWriter(
                configuration: .init(directory: transcripts, retentionDays: configuration.retentionDays),
                pseudonym: pseudonym, metrics: metrics)
            let journal = try ComplaintJournal(directory: configuration.transcriptsPath)
            let duties = try DutyRecords.open(directory: transcripts, journal: journal, pseudonym: pseudonym, writer: writer)
            let desk = try Desk(classifier: model,
                                sources: .init(dataDirectory: configuration.dataPath,
                                               repliesDirectory: (configuration.intentsPath as NSString).appendingPathComponent("replies")),
                                journal: journal, handoff: hub.handoff, duties: duties)
            self.metrics = metrics
            self.writer = writer
            self.desk = desk
            self.recent = RecentExchanges(inner: writer, pseudonym: pseudonym) { hub.broadcast($0) }
        } catch {
            throw StartupError(description: "\(error)")
        }
        let desk = self.desk
        var router = router
        SupervisorConsole(token: token, throttle: loginThrottle, hub: hub, recent: recent, journal: desk.journal,
                          metrics: metrics, transcripts: transcripts, reload: { desk.reload() }).register(into: &router)
        if !token.isConfigured { Log.info("no supervisor token configured: supervisor commands answer unauthorized") }
        server = Server(configuration: configuration, responder: desk, recorder: recent, router: router, relay: hub) {
            let problems = desk.reload()
            if problems.isEmpty {
                Log.info("reloaded \(configuration.dataPath) and reply texts")
            } else {
                for p in problems { Log.warning("reload: \(p) (keeping the last good data)") }
            }
        }
    }

    /// Binds and serves; returns the port (the kernel's choice when the configuration says 0).
    @discardableResult
    public func start(handleSignals: Bool = false) throws(SocketError) -> Int {
        try server.start(handleSignals: handleSignals)
    }

    /// Graceful shutdown, then the transcript writer's last flush.
    public func shutdown() {
        server.shutdown()
        server.waitUntilStopped()
        writer.close()
    }

    public func waitUntilStopped() {
        server.waitUntilStopped()
        writer.close()
    }
}
