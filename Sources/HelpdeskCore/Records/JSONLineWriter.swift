/// Builds one JSON object as text, field by field, with correct string escaping: the
/// transcript writer's encoder, cheaper than Foundation's `JSONEncoder` on the hot path and
/// with a fixed field order (so lines are stable and hashable). It works on UTF-8 bytes (the
/// transcript flush appends lines straight into its write buffer and hashes them there); `text`
/// and `finished()` give the same bytes as a `String`.
public struct JSONLineWriter: Sendable {
    public private(set) var bytes: [UInt8]
    private var first = true

    public init() {
        bytes = [UInt8(ascii: "{")]
        bytes.reserveCapacity(512)
    }

    /// The object so far (without its closing brace).
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public mutating func string(_ key: String, _ value: String) {
        self.key(key)
        JSONLineWriter.appendQuoted(value, to: &bytes)
    }

    public mutating func int(_ key: String, _ value: Int64) {
        self.key(key)
        JSONLineWriter.appendDecimal(value, to: &bytes)
    }

    /// A finite number with up to 4 decimals (`0.9375`); non-finite values become `0`.
    public mutating func double(_ key: String, _ value: Double) {
        self.key(key)
        bytes.append(contentsOf: JSONLineWriter.number(value).utf8)
    }

    public mutating func bool(_ key: String, _ value: Bool) {
        self.key(key)
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    /// Already-encoded JSON (an array or object built by another writer).
    public mutating func raw(_ key: String, _ json: String) {
        self.key(key)
        bytes.append(contentsOf: json.utf8)
    }

    /// Already-encoded JSON as bytes.
    public mutating func raw(_ key: String, bytes json: [UInt8]) {
        self.key(key)
        bytes.append(contentsOf: json)
    }

    public func finished() -> String { String(decoding: finishedBytes(), as: UTF8.self) }

    /// The finished object's bytes.
    public func finishedBytes() -> [UInt8] {
        var out = bytes
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// Appends the finished object to `out` (the writer is not used afterwards).
    public func finish(into out: inout [UInt8]) {
        out.append(contentsOf: bytes)
        out.append(UInt8(ascii: "}"))
    }

    private mutating func key(_ key: String) {
        if first { first = false } else { bytes.append(UInt8(ascii: ",")) }
        JSONLineWriter.appendQuoted(key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
    }

    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let scaled = (value * 10_000).rounded()
        if scaled == scaled.rounded(.towardZero), abs(scaled) < 1e15 {
            let n = Int64(scaled)
            if n % 10_000 == 0 { return String(n / 10_000) }
            var s = String(Double(n) / 10_000)
            if s.hasSuffix(".0") { s.removeLast(2) }
            return s
        }
        return String(value)
    }

    /// `value` as a JSON string literal: quotes, backslashes and control characters escaped.
    public static func quoted(_ value: String) -> String {
        var s: [UInt8] = []
        appendQuoted(value, to: &s)
        return String(decoding: s, as: UTF8.self)
    }

    public static func appendQuoted(_ value: String, to out: inout String) {
        out += quoted(value)
    }

    /// Appends `value` quoted (the shared JSON escaper).
    public static func appendQuoted(_ value: String, to out: inout [UInt8]) {
        JSONWriter.appendQuoted(value, to: &out)
    }

    /// Appends the decimal digits of `value` (as `String(value)` prints them).
    static func appendDecimal(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var n = value.magnitude
        let start = out.count
        repeat {
            out.append(UInt8(truncatingIfNeeded: 48 + n % 10))
            n /= 10
        } while n > 0
        out[start...].reverse()
    }
}
