import Foundation

/// The bridge's only contact with a JSON parser: it turns request bodies and upstream reply
/// lines into plain Swift values. Kept in one file so the parser behind it can be swapped
/// (Foundation's `JSONSerialization` today, the project's own JSON module once it lands)
/// without touching the mappings that use it.
enum BridgeJSON {
    /// A parsed JSON object with the few accessors the mappings need.
    struct Object {
        fileprivate let dictionary: [String: Any]

        func has(_ key: String) -> Bool { dictionary[key] != nil && !(dictionary[key] is NSNull) }
        func string(_ key: String) -> String? { dictionary[key] as? String }
        func object(_ key: String) -> Object? { (dictionary[key] as? [String: Any]).map(Object.init) }
        func bool(_ key: String) -> Bool? { dictionary[key] as? Bool }

        /// An integer member written as a JSON number (or a string of digits), as decimal text.
        func integerText(_ key: String) -> String? {
            if let s = dictionary[key] as? String, Int64(s) != nil { return s }
            guard let n = dictionary[key] as? NSNumber else { return nil }
            let d = n.doubleValue
            guard d.rounded() == d, abs(d) < 9.0e15 else { return nil }
            return String(n.int64Value)
        }

        /// A member that is present but not a string (for precise error messages).
        func isNonString(_ key: String) -> Bool { has(key) && string(key) == nil }
    }

    /// The bytes as a JSON object, or nil when they are not valid JSON or not an object.
    static func object(_ bytes: [UInt8]) -> Object? {
        guard !bytes.isEmpty,
              let value = try? JSONSerialization.jsonObject(with: Data(bytes), options: []),
              let dict = value as? [String: Any] else { return nil }
        return Object(dictionary: dict)
    }

    /// Whether the bytes are valid JSON of any kind (used to tell 400 bad_json from bad_request).
    static func isValid(_ bytes: [UInt8]) -> Bool {
        (try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) != nil
    }
}
