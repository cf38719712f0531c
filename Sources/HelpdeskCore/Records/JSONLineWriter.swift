/// Builds one JSON object as text, field by field, with correct string escaping: the
/// transcript writer's encoder, cheaper than Foundation's `JSONEncoder` on the hot path and
/// with a fixed field order (so lines are stable and hashable). To be replaced by the shared
/// JSON module if one lands in `Sources/HelpdeskCore/JSON/`.
public struct JSONLineWriter: Sendable {
    public private(set) var text: String
    private var first = true

    public init() {
        text = "{"
        text.reserveCapacity(512)
    }

    public mutating func string(_ key: String, _ value: String) {
        self.key(key)
        JSONLineWriter.appendQuoted(value, to: &text)
    }

    public mutating func int(_ key: String, _ value: Int64) {
        self.key(key)
        text += String(value)
    }

    /// A finite number with up to 4 decimals (`0.9375`); non-finite values become `0`.
    public mutating func double(_ key: String, _ value: Double) {
        self.key(key)
        text += JSONLineWriter.number(value)
    }

    public mutating func bool(_ key: String, _ value: Bool) {
        self.key(key)
        text += value ? "true" : "false"
    }

    /// Already-encoded JSON (an array or object built by another writer).
    public mutating func raw(_ key: String, _ json: String) {
        self.key(key)
        text += json
    }

    public func finished() -> String { text + "}" }

    private mutating func key(_ key: String) {
        if first { first = false } else { text += "," }
        JSONLineWriter.appendQuoted(key, to: &text)
        text += ":"
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
        var s = ""
        appendQuoted(value, to: &s)
        return s
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    public static func appendQuoted(_ value: String, to out: inout String) {
        out += "\""
        var needsEscape = false
        for b in value.utf8 where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
            needsEscape = true; break
        }
        guard needsEscape else { out += value; out += "\""; return }
        // Escaped byte by byte (UTF-8 sequences pass through untouched), then appended once.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(value.utf8.count + 16)
        for b in value.utf8 {
            switch b {
            case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "\n"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case UInt8(ascii: "\r"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case UInt8(ascii: "\t"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20:
                bytes += [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), JSONLineWriter.hexDigits[Int(b >> 4)], JSONLineWriter.hexDigits[Int(b & 0xF)]]
            default: bytes.append(b)
            }
        }
        out += String(decoding: bytes, as: UTF8.self)
        out += "\""
    }
}
