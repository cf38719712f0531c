import HelpdeskCore

/// The bridge's only contact with a JSON parser: it turns request bodies and upstream reply
/// lines into the few plain values the mappings need. It sits on the project's JSON module
/// (`JSONParser`, `JSONValue`: objects keep key order and numbers keep their text, so a
/// Telegram chat id beyond 2^53 and the server's reply layout survive the trip unchanged).
enum BridgeJSON {
    /// A parsed JSON object with the accessors the mappings need.
    struct Object: Sendable, Equatable {
        let members: JSONObject

        func has(_ key: String) -> Bool {
            guard let v = members[key] else { return false }
            return !v.isNull
        }
        func string(_ key: String) -> String? { members[key]?.stringValue }
        func object(_ key: String) -> Object? { members[key]?.objectValue.map(Object.init) }
        func bool(_ key: String) -> Bool? { members[key]?.boolValue }

        /// An integer member written as a JSON number (or a string of digits), as decimal text.
        func integerText(_ key: String) -> String? {
            switch members[key] {
            case .number(let n)?:
                return Int64(n.text).map(String.init)
            case .string(let s)?:
                return Int64(s).map(String.init)
            default:
                return nil
            }
        }

        /// A member that is present but not a string (for precise error messages).
        func isNonString(_ key: String) -> Bool { has(key) && string(key) == nil }

        /// The object written back compactly without the member `key`.
        func encoded(removing key: String) -> [UInt8] {
            var copy = members
            copy.members.removeAll { $0.key == key }
            var w = JSONWriter()
            w.value(.object(copy))
            return w.bytes
        }
    }

    /// The bytes as a JSON object, or nil when they are not valid JSON or not an object.
    static func object(_ bytes: [UInt8]) -> Object? {
        guard let value = try? JSONParser.parse(bytes), let o = value.objectValue else { return nil }
        return Object(members: o)
    }

    /// Whether the bytes are valid JSON of any kind (used to tell 400 bad_json from bad_request).
    static func isValid(_ bytes: [UInt8]) -> Bool {
        (try? JSONParser.parse(bytes)) != nil
    }
}
