import Foundation
import HelpdeskCore

/// The `/` forms of the supervisor commands, for a person at a terminal: each turns its words
/// into the same request the JSON form takes, runs it through the same code, and shows the answer
/// as readable lines and tables (an error as `error (code): message`).
struct SupervisorSlash: Sendable {
    let console: SupervisorConsole

    func register(into router: inout CommandRouter) {
        let me = self
        for name in ["login", "logout", "metrics", "sessions", "transcript", "complaints", "complaint", "update",
                     "watch", "unwatch", "handoffs", "take", "say", "release", "reload", "supervisor",
                     "erasures", "erase", "review", "review-add", "review-eval"] {
            router.registerSlash(name) { argument, context in me.run(name, argument, &context) }
        }
    }

    func run(_ name: String, _ argument: String, _ context: inout ConnectionContext) -> SlashResult {
        let words = argument.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        func rest(_ n: Int) -> String { words.dropFirst(n).joined(separator: " ") }
        var pairs: [(String, JSONValue)] = []
        var command = name
        switch name {
        case "supervisor": return SlashResult(SupervisorText.help)
        case "login":
            return show(console.login(SupervisorJSON.object([("token", .string(argument))]), &context, human: true)) { _ in
                "Logged in as supervisor. /supervisor lists the commands."
            }
        case "sessions":
            for w in words {
                let kv = w.split(separator: "=", maxSplits: 1).map(String.init)
                guard kv.count == 2 else { return SlashResult("usage: /sessions [date=YYYY-MM-DD] [intent=I] [outcome=O] [limit=N]", ok: false) }
                pairs.append((kv[0], kv[0] == "limit" ? (Int(kv[1]).map { SupervisorJSON.int($0) } ?? .string(kv[1])) : .string(kv[1])))
            }
        case "transcript": pairs = [("session", .string(argument))]
        case "complaints": if !argument.isEmpty { pairs = [("status", .string(argument))] }
        case "complaint": pairs = [("ticket", .string(argument))]
        case "update":
            command = "complaint.update"
            guard words.count >= 2 else { return SlashResult("usage: /update TICKET STATUS NOTE…", ok: false) }
            pairs = [("ticket", .string(words[0])), ("status", .string(words[1])), ("note", .string(rest(2)))]
        case "take": if !argument.isEmpty { pairs = [("user", .string(words[0]))] }
        case "say":
            guard words.count >= 2 else { return SlashResult("usage: /say USER TEXT…", ok: false) }
            pairs = [("user", .string(words[0])), ("text", .string(rest(1)))]
        case "release", "erase": pairs = [("user", .string(argument))]
        case "review": if let n = Int(argument) { pairs = [("limit", SupervisorJSON.int(n))] }
        case "review-add", "review-eval":
            command = "review.add"
            guard words.count >= 2 else { return SlashResult("usage: /\(name) INTENT TEXT…", ok: false) }
            pairs = [("intent", .string(words[0])), ("text", .string(rest(1))),
                     ("target", .string(name == "review-eval" ? "eval" : "examples"))]
        default: break
        }
        guard context.role == SupervisorConsole.role else {
            return SlashResult("error (unauthorized): supervisor command; log in first with /login TOKEN", ok: false)
        }
        let result = console.run(command, SupervisorJSON.object(pairs), &context)
        return show(result) { SupervisorSlashFormat.format(command, $0) }
    }

    private func show(_ result: CommandResult, _ format: (JSONObject) -> String) -> SlashResult {
        switch result {
        case .success(let members): SlashResult(format(members))
        case .failure(let e): SlashResult("error (\(e.code.rawValue)): \(e.message)", ok: false)
        }
    }
}
