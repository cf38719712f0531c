import Foundation
import Glibc
import HelpdeskCore

/// The whole helpdesk assembled from one `ServerConfiguration`: the intent model built from
/// `Intents/`, the service data, the complaint journal, the transcript writer and live metrics,
/// the public-service duty records, the `Desk`, and the server around them, plus the periodic
/// duties (escalation of overdue complaints to supervisors, the journal's daily upkeep). One
/// place for the wiring, so `helpdesk serve`, the end-to-end tests and the benchmarks run the same thing.
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
    /// The classifier the desk reads through; `review.add` swaps a rebuilt model into it.
    public let classifier: SwappableClassifier
    /// Finds complaints newly overdue (polled every `escalationInterval` while a supervisor is online).
    public let escalations: EscalationMonitor
    /// The time the periodic duties go by (tests set it).
    let clock: @Sendable () -> Date
    private let timers = DutyTimers()

    /// `recordSync` is `fsync` except in tests that hold the disk or make it fail: it syncs the
    /// complaint journal, the audit log and the survey log (not the transcripts).
    public init(configuration: ServerConfiguration, router: CommandRouter = CommandRouter(),
                loginThrottle: LoginThrottle = LoginThrottle(),
                clock: @escaping @Sendable () -> Date = { Date() },
                recordSync: @escaping @Sendable (Int32) -> Int32 = { fsync($0) }) throws(StartupError) {
        self.configuration = configuration
        self.clock = clock
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
            let classifier = SwappableClassifier(model)
            self.classifier = classifier
            let metrics = LiveMetrics()
            let pseudonym = try Pseudonym.load(directory: transcripts)
            let writer = try TranscriptWriter(
                configuration: .init(directory: transcripts, retentionDays: configuration.retentionDays),
                pseudonym: pseudonym, metrics: metrics)
            let journal = try ComplaintJournal(directory: configuration.transcriptsPath, sync: recordSync)
            let recent = RecentExchanges(inner: writer, pseudonym: pseudonym) { hub.broadcast($0) }
            var duties = try DutyRecords.open(directory: transcripts, journal: journal, pseudonym: pseudonym, writer: writer,
                                              sync: recordSync)
            duties.erased = { recent.forget(user: $0) }
            let desk = try Desk(classifier: classifier,
                                sources: .init(dataDirectory: configuration.dataPath,
                                               repliesDirectory: (configuration.intentsPath as NSString).appendingPathComponent("replies")),
                                journal: journal, handoff: hub.handoff, duties: duties)
            self.metrics = metrics
            self.writer = writer
            self.desk = desk
            self.recent = recent
        } catch {
            throw StartupError(description: "\(error)")
        }
        let desk = self.desk
        escalations = EscalationMonitor(desk: desk)
        let dataPath = configuration.dataPath
        let review = ReviewDesk(
            additions: CatalogAdditions(intentsDirectory: configuration.intentsPath,
                                        evalFile: configuration.evalFile
                                            ?? (configuration.intentsPath as NSString).appendingPathComponent("review-eval.tsv")),
            classifier: classifier) { directory in
                let programs = ServiceData.programNames(directory: dataPath).map { ProgramName(canonical: $0.canonical, aliases: $0.aliases) }
                return try IntentModel.load(directory: directory, programs: programs)
            }
        var router = router
        SupervisorConsole(token: token, throttle: loginThrottle, hub: hub, recent: recent, journal: desk.journal,
                          metrics: metrics, transcripts: transcripts, reload: { desk.reload() }, duties: desk.duties, review: review,
                          schedule: { [weak desk] in
                              let data = desk?.serviceData ?? .empty
                              return (data.complaintClocks, data.workingDays)
                          }).register(into: &router)
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
        let port = try server.start(handleSignals: handleSignals)
        timers.every(configuration.escalationInterval) { [weak self] in self?.pollEscalations() }
        timers.every(configuration.upkeepInterval, now: true) { [weak self] in _ = self?.runUpkeep() }
        return port
    }

    /// Pushes newly overdue complaints to the supervisors online; returns the lines pushed. With
    /// nobody online nothing is marked reported, so the next supervisor to log in gets them.
    @discardableResult
    public func pollEscalations() -> Int {
        guard supervisors.supervisorsOnline > 0 else { return 0 }
        return supervisors.escalate(escalations.overdueDeadlines(now: clock()))
    }

    /// The journal's daily duties: closes complaints left unanswered, applies complaint retention.
    @discardableResult
    public func runUpkeep() -> DutyRecords.Upkeep? {
        guard let duties = desk.duties else { return nil }
        let data = desk.serviceData
        do {
            let done = try duties.upkeep(now: clock(), clocks: data.complaintClocks, workingDays: data.workingDays,
                                         retentionDays: configuration.complaintRetentionDays)
            if !done.closed.isEmpty || !done.compacted.isEmpty {
                Log.info("upkeep: closed \(done.closed.count) unanswered complaints, erased personal fields of \(done.compacted.count)")
            }
            return done
        } catch {
            Log.error("upkeep: \(error.description)")
            return nil
        }
    }

    /// Graceful shutdown, then the transcript writer's last flush.
    public func shutdown() {
        timers.cancel()
        server.shutdown()
        server.waitUntilStopped()
        writer.close()
    }

    public func waitUntilStopped() {
        server.waitUntilStopped()
        timers.cancel()
        writer.close()
    }
}
