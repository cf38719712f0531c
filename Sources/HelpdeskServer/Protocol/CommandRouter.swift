import HelpdeskCore

/// What one connection knows about itself that commands may read or change: who the connection
/// is as a user, where it comes from, and the role a `login` granted (nil until then). Lives on
/// the connection's event-loop thread; handlers receive it `inout`.
public struct ConnectionContext: Sendable {
    /// The user key of the connection itself: `tcp:<peer>#<number>`.
    public let connectionUser: String
    public let peer: String
    public let connectionNumber: Int
    /// Set by a successful `login` (e.g. `"supervisor"`); checked by supervisor commands.
    public var role: String?
    /// Pushes lines to this connection between replies (nil when driven without a socket).
    public var outlet: (any LineOutlet)?
    /// Set by the session of a connection on an event loop: a command's records are not waited
    /// for on the loop; `dependOn` collects them and the reply is held until they are durable.
    public internal(set) var awaitsDurability = false
    /// The records the running command's reply depends on (see `AwaitedRecords.swift`).
    var awaitedRecords: [AwaitedRecord] = []

    public init(connectionUser: String, peer: String, connectionNumber: Int, role: String? = nil,
                outlet: (any LineOutlet)? = nil) {
        self.connectionUser = connectionUser
        self.peer = peer
        self.connectionNumber = connectionNumber
        self.role = role
        self.outlet = outlet
    }
}

/// A command's answer: the members to write after `"id"` (e.g. `"ok":true`), or an error.
public typealias CommandResult = Result<JSONObject, ProtocolError>

/// A JSON command's implementation. Gets the whole request object and the connection's context;
/// runs on the connection's event loop, so it must not wait for the disk (a record it writes is
/// handed to `context.dependOn`, which holds the reply instead) and must be safe to call
/// concurrently for different connections.
public typealias CommandHandler = @Sendable (_ request: JSONObject, _ context: inout ConnectionContext) -> CommandResult

/// A `/command` typed by a person: gets the text after the name and the connection's context,
/// returns the lines to show and whether it succeeded (failures count towards the error limit).
public typealias SlashHandler = @Sendable (_ argument: String, _ context: inout ConnectionContext) -> SlashResult

/// What a `/command` says back to the person at the terminal.
public struct SlashResult: Sendable, Equatable {
    public var text: String
    public var ok: Bool
    public init(_ text: String, ok: Bool = true) {
        self.text = text
        self.ok = ok
    }
}

/// The table of JSON `cmd`s. The server answers `ping` out of the box; other parts (supervisor
/// commands: `login`, `metrics`, `sessions`, ...) `register` theirs before the server starts,
/// without touching the dispatcher. A value type: built once, then shared read-only.
public struct CommandRouter: Sendable {
    private var handlers: [String: CommandHandler] = [:]
    private var slashHandlers: [String: SlashHandler] = [:]
    /// Whether `ping` is still the built-in one (then `PingShortcut` may answer it from the bytes).
    private(set) var hasBuiltInPing = false

    /// A router that answers `ping` with `{"ok":true}`.
    public init() {
        register("ping") { _, _ in .success(JSONObject([.init("ok", .bool(true))])) }
        hasBuiltInPing = true
    }

    /// Adds (or replaces) the handler for `name`.
    public mutating func register(_ name: String, handler: @escaping CommandHandler) {
        handlers[name] = handler
        if name == "ping" { hasBuiltInPing = false }
    }

    public var names: [String] { handlers.keys.sorted() }

    /// Adds (or replaces) the `/name` command; the built-in ones (`/help`, `/lang`, `/quit`) win.
    public mutating func registerSlash(_ name: String, handler: @escaping SlashHandler) {
        slashHandlers[name] = handler
    }

    public var slashNames: [String] { slashHandlers.keys.sorted() }

    /// Runs the `/name` command, or nil when there is none by that name.
    public func runSlash(_ name: String, argument: String, context: inout ConnectionContext) -> SlashResult? {
        guard let handler = slashHandlers[name] else { return nil }
        return handler(argument, &context)
    }

    /// Runs the command; an unknown name is a `bad_request` naming the known ones.
    public func run(_ name: String, request: JSONObject, context: inout ConnectionContext) -> CommandResult {
        guard let handler = handlers[name] else {
            return .failure(ProtocolError(.badRequest, "unknown cmd '\(name)' (known: \(names.joined(separator: ", ")))"))
        }
        return handler(request, &context)
    }
}
