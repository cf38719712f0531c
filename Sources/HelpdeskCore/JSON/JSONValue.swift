/// A JSON document held in memory: the shape the line protocol, the transcript writer and the
/// bridge all speak. Objects keep their keys in the order they were written (so replies read the
/// way the contract shows them), and numbers keep their original text (so an `id` of `42` or
/// `1.50` is echoed exactly as the client sent it).
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The member named `key` when this is an object, else nil.
    public subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var doubleValue: Double? {
        if case .number(let n) = self { return n.value }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

/// A JSON number as both a `Double` (for arithmetic) and the text it was written as (for echoing
/// without loss: integers beyond 2^53 and trailing zeros survive a round trip).
public struct JSONNumber: Sendable, Equatable {
    public var value: Double
    public var text: String

    /// A number parsed from `text`, which the caller has checked is valid JSON number syntax.
    public init(text: String, value: Double) {
        self.text = text
        self.value = value
    }

    public init(_ value: Double) {
        self.value = value
        var w = JSONWriter()
        w.number(value)
        self.text = String(decoding: w.bytes, as: UTF8.self)
    }

    public init(_ value: Int) {
        self.value = Double(value)
        self.text = String(value)
    }

    /// The value as an `Int` when the text is an integer that fits.
    public var intValue: Int? { Int(text) }
}

/// A JSON object with its members in document order. Lookup is a linear scan: protocol objects
/// have a handful of keys, where a scan beats hashing. A duplicated key resolves to its first use.
public struct JSONObject: Sendable, Equatable, Sequence {
    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: JSONValue
        public init(_ key: String, _ value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    public var members: [Member]

    public init(_ members: [Member] = []) {
        self.members = members
    }

    public subscript(key: String) -> JSONValue? {
        for m in members where m.key == key { return m.value }
        return nil
    }

    public var count: Int { members.count }

    public mutating func append(_ key: String, _ value: JSONValue) {
        members.append(Member(key, value))
    }

    public func makeIterator() -> IndexingIterator<[Member]> { members.makeIterator() }
}
