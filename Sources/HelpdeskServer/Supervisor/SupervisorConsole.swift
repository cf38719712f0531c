import Foundation
import HelpdeskCore

/// The supervisor's commands over the line protocol, in their JSON form: `login`, `logout`,
/// `metrics`, `sessions`, `transcript`, `watch`/`unwatch`, `handoffs`, `take`, `say`, `release`,
/// `complaints`, `complaint`, `complaint.update`, `reload`, `erasures`, `erase`, `review` and
/// `review.add`. Every one but `login` answers `unauthorized` until the connection has logged in;
/// every access to personal data is written to the audit log (`SupervisorAudit`). `register` adds them, and their `/` forms
/// (`SupervisorSlash`), to a `CommandRouter`; the handlers run on the caller's event loop and
/// leave the wait for their records' `fsync` to it (`ConnectionContext.dependOn`).
public struct SupervisorConsole: Sendable {
    public let token: SupervisorToken
    public let throttle: LoginThrottle
    public let hub: SupervisorHub
    public let recent: RecentExchanges
    public let journal: ComplaintJournal
    public let metrics: LiveMetrics
    public let transcripts: URL
    public let reload: @Sendable () -> [Problem]
    /// The desk's duty records (audit log, eraser, erasure queue); nil: nothing is audited or erased.
    public let duties: DutyRecords?
    /// The review queue's way into the catalog and the running model; nil: `review` is unavailable.
    public let review: ReviewDesk?
    /// The complaint clocks and working days now in force (for deadlines); nil: plain listing.
    public let schedule: (@Sendable () -> (ComplaintClocks, WorkingDays))?
    static let role = "supervisor"

    public init(token: SupervisorToken, throttle: LoginThrottle = LoginThrottle(), hub: SupervisorHub,
                recent: RecentExchanges, journal: ComplaintJournal, metrics: LiveMetrics, transcripts: URL,
                reload: @escaping @Sendable () -> [Problem], duties: DutyRecords? = nil, review: ReviewDesk? = nil,
                schedule: (@Sendable () -> (ComplaintClocks, WorkingDays))? = nil) {
        self.duties = duties
        self.review = review
        self.schedule = schedule
        self.token = token
        self.throttle = throttle
        self.hub = hub
        self.recent = recent
        self.journal = journal
        self.metrics = metrics
        self.transcripts = transcripts
        self.reload = reload
        hub.redact.withLock { [recent] in $0 = { recent.redacted($0) } }
    }

    /// The JSON command names (all but `login` need a login).
    public static let commands = ["login", "logout", "metrics", "sessions", "transcript", "watch", "unwatch", "handoffs",
                                  "take", "say", "release", "complaints", "complaint", "complaint.update", "reload",
                                  "erasures", "erase", "review", "review.add"]

    public func register(into router: inout CommandRouter) {
        let console = self
        router.register("login") { request, context in console.login(request, &context, human: false) }
        for name in Self.commands where name != "login" {
            router.register(name) { request, context in
                guard context.role == Self.role else {
                    return .failure(ProtocolError(.unauthorized, "supervisor command: log in first with {\"cmd\":\"login\",\"token\":…}"))
                }
                return console.run(name, request, &context)
            }
        }
        SupervisorSlash(console: self).register(into: &router)
    }

    func login(_ request: JSONObject, _ context: inout ConnectionContext, human: Bool) -> CommandResult {
        guard token.isConfigured else {
            Log.warning("supervisor login from \(context.peer) refused: no supervisor token is configured")
            return .failure(ProtocolError(.unauthorized, "no supervisor token is configured on this server"))
        }
        let keys = LoginThrottle.keys(peer: context.peer, connection: context.connectionNumber)
        guard throttle.allows(keys) else {
            Log.warning("supervisor login from \(context.peer) refused: too many failed attempts")
            return .failure(ProtocolError(.rateLimited, "too many failed logins; wait before trying again"))
        }
        guard let candidate = request["token"]?.stringValue, token.matches(candidate) else {
            throttle.failed(keys)
            Log.warning("supervisor login failed from \(context.peer)")
            return .failure(ProtocolError(.unauthorized, "wrong or missing token"))
        }
        throttle.succeeded(keys)
        context.role = Self.role
        hub.seat(context, human: human)
        Log.info("supervisor logged in from \(context.peer)")
        return .success(SupervisorJSON.object([("ok", .bool(true)), ("role", .string(Self.role))]))
    }

    /// A logged-in supervisor's command, audited when it touched personal data. Its records (the
    /// audit entry, a complaint update's line) are written before it returns; on an event loop
    /// its reply is held until they are durable (`ConnectionContext.dependOn`).
    func run(_ name: String, _ request: JSONObject, _ context: inout ConnectionContext) -> CommandResult {
        if let refused = auditRefusal(name) { return .failure(refused) }
        let result = perform(name, request, &context)
        if case .success(let answer) = result, let failed = audit(name, request, answer, &context) { return .failure(failed) }
        return result
    }

    private func perform(_ name: String, _ request: JSONObject, _ context: inout ConnectionContext) -> CommandResult {
        let ok: (String, JSONValue) = ("ok", .bool(true))
        let me = context.connectionNumber
        func text(_ key: String) -> String? {
            request[key]?.stringValue.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        func need(_ key: String) -> Result<String, ProtocolError> {
            text(key).map { .success($0) } ?? .failure(ProtocolError(.badRequest, "\(name) needs \"\(key)\" (a non-empty string)"))
        }
        switch name {
        case "logout":
            hub.unseat(me)
            context.role = nil
            return .success(SupervisorJSON.object([ok]))
        case "metrics":
            let snapshot = (try? JSONParser.parse(metrics.snapshot().json())) ?? .null
            return .success(SupervisorJSON.object([ok, ("metrics", snapshot)]))
        case "sessions":
            return SessionQuery.parse(request).map { query in
                SupervisorJSON.object([ok, ("sessions", .array(sessions(query).map(\.json)))])
            }
        case "transcript":
            return need("session").flatMap { session in
                let records = transcript(session)
                guard !records.isEmpty else { return .failure(ProtocolError(.notFound, "no exchanges recorded for session \(session)")) }
                return .success(SupervisorJSON.object([ok, ("session", .string(session)),
                                                      ("exchanges", .array(records.map(SupervisorJSON.record)))]))
            }
        case "watch", "unwatch":
            hub.setWatching(me, name == "watch")
            return .success(SupervisorJSON.object([ok]))
        case "handoffs":
            let list = hub.handoffs().map(SupervisorJSON.handoff)
            return .success(SupervisorJSON.object([ok, ("online", SupervisorJSON.int(hub.supervisorsOnline)), ("handoffs", .array(list))]))
        case "take":
            return hub.take(text("user"), by: me).mapError(\.error).map { r in
                SupervisorJSON.object([ok, ("user", .string(r.user)), ("session", .string(r.session)), ("text", .string(r.text))])
            }
        case "say":
            return need("user").flatMap { user in
                need("text").flatMap { line in
                    hub.say(line, to: user, by: me).mapError(\.error).map { delivered in
                        SupervisorJSON.object([ok, ("delivered", .bool(delivered))])
                    }
                }
            }
        case "release":
            return need("user").flatMap { user in hub.release(user, by: me).mapError(\.error).map { SupervisorJSON.object([ok]) } }
        case "complaints", "complaint", "complaint.update":
            return complaints(name, request, &context)
        case "erasures", "erase":
            return erasures(name, request, context)
        case "review", "review.add":
            return reviewCommand(name, request)
        case "reload":
            let problems = reload()
            for p in problems { Log.warning("reload: \(p) (keeping the last good data)") }
            return .success(SupervisorJSON.object([ok, ("problems", .array(problems.map { .string($0.description) }))]))
        default:
            return .failure(ProtocolError(.badRequest, "unknown supervisor command '\(name)'"))
        }
    }
}
