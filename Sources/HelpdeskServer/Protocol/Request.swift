import HelpdeskCore

/// One line of the protocol, decoded: the four kinds the contract distinguishes. The decoder
/// checks shape (types of `id`, `user`, `text`, ...) so that the code that answers never has to.
public enum Request: Sendable, Equatable {
    /// `{"id","user","channel","text"}`: a message for the desk.
    case message(id: JSONValue?, user: String?, channel: String?, text: String)
    /// `{"id","cmd",...}`: a command answered by the `CommandRouter`; `body` is the whole object.
    case command(id: JSONValue?, name: String, body: JSONObject)
    /// `/name argument`: a command typed by a person.
    case slash(name: String, argument: String)
    /// Anything else: a person typing.
    case text(String)
}

/// A line that could not become a `Request`: the error to send, and the `id` to echo when the
/// line was at least a JSON object that carried one.
public struct RequestFailure: Error, Sendable, Equatable {
    public var id: JSONValue?
    public var error: ProtocolError
}

/// Line → `Request`. Pure and stateless; the JSON parse is the only real work.
public enum RequestDecoder {
    public static func decode(_ line: String) -> Result<Request, RequestFailure> {
        var repeated = RepeatedFields()
        return decode(line, repeated: &repeated)
    }

    /// `decode(line)` for a connection that keeps its last user and channel (`RepeatedFields`).
    static func decode(_ line: String, repeated: inout RepeatedFields) -> Result<Request, RequestFailure> {
        guard let first = line.utf8.first else { return .success(.text("")) }
        if first == UInt8(ascii: "/") {
            let body = line.dropFirst()
            let name = body.prefix { $0 != " " }
            let argument = body.dropFirst(name.count).trimmingSpaces()
            return .success(.slash(name: name.lowercased(), argument: String(argument)))
        }
        guard first == UInt8(ascii: "{") else { return .success(.text(line)) }
        if let message = FlatMessageDecoder.decode(line, repeated: &repeated) { return .success(message) }
        return decodeObject(line)
    }

    /// The general path for a line starting with `{`: parse the whole JSON value, then check its shape.
    static func decodeObject(_ line: String) -> Result<Request, RequestFailure> {
        let value: JSONValue
        do {
            value = try JSONParser.parse(line)
        } catch {
            return .failure(RequestFailure(id: nil, error: ProtocolError(.badJSON, "not valid JSON: \(error.description)")))
        }
        guard case .object(let object) = value else {
            return .failure(RequestFailure(id: nil, error: ProtocolError(.badRequest, "a request must be a JSON object")))
        }
        let id = object["id"]
        func refuse(_ message: String) -> Result<Request, RequestFailure> {
            .failure(RequestFailure(id: id, error: ProtocolError(.badRequest, message)))
        }
        switch id {
        case nil, .string?, .number?: break
        default: return refuse("\"id\" must be a string or a number")
        }
        if let cmd = object["cmd"] {
            guard let name = cmd.stringValue, !name.isEmpty else { return refuse("\"cmd\" must be a non-empty string") }
            return .success(.command(id: id, name: name, body: object))
        }
        guard let textValue = object["text"] else {
            return refuse("a request needs \"text\" (a message) or \"cmd\" (a command)")
        }
        guard let text = textValue.stringValue else { return refuse("\"text\" must be a string") }
        guard !text.isEmpty else { return refuse("\"text\" must not be empty") }
        var user: String?
        if let u = object["user"], !u.isNull {
            guard let s = u.stringValue, !s.isEmpty else { return refuse("\"user\" must be a non-empty string") }
            user = s
        }
        var channel: String?
        if let c = object["channel"], !c.isNull {
            guard let s = c.stringValue, !s.isEmpty else { return refuse("\"channel\" must be a non-empty string") }
            channel = s
        }
        return .success(.message(id: id, user: user, channel: channel, text: text))
    }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var s = self
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return s
    }
}
