/// Appends JSON text to a byte buffer: the encoder behind every reply line and transcript record.
/// It writes straight into `[UInt8]` (ready for `send` or `write`), escapes strings in runs rather
/// than per character, and needs no nesting stack: a comma is due exactly when the previous byte
/// does not open a container, so `field` and `element` decide it from the buffer itself.
public struct JSONWriter: Sendable {
    public var bytes: [UInt8]

    public init(capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    public mutating func beginObject() { bytes.append(UInt8(ascii: "{")) }
    public mutating func endObject() { bytes.append(UInt8(ascii: "}")) }
    public mutating func beginArray() { bytes.append(UInt8(ascii: "[")) }
    public mutating func endArray() { bytes.append(UInt8(ascii: "]")) }

    /// Writes `"key":` (preceded by a comma unless it is the object's first member); write the value next.
    public mutating func field(_ key: String) {
        separate()
        string(key)
        bytes.append(UInt8(ascii: ":"))
    }

    /// Marks the start of an array element (a comma unless it is the first); write the value next.
    public mutating func element() { separate() }

    private mutating func separate() {
        if let last = bytes.last, last != UInt8(ascii: "{"), last != UInt8(ascii: "[") {
            bytes.append(UInt8(ascii: ","))
        }
    }

    public mutating func null() { raw("null") }
    public mutating func bool(_ b: Bool) { raw(b ? "true" : "false") }

    public mutating func raw(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    public mutating func int(_ n: Int) {
        bytes.append(contentsOf: String(n).utf8)
    }

    /// Integral values print without a fraction (`3`, not `3.0`); NaN and infinities, which JSON
    /// cannot hold, print as `null`.
    public mutating func number(_ d: Double) {
        guard d.isFinite else { return null() }
        if d == d.rounded(), abs(d) < 1e15 {
            int(Int(d))
        } else {
            bytes.append(contentsOf: d.description.utf8)
        }
    }

    /// A quoted, escaped string. `"`, `\` and control characters are escaped; everything else is copied.
    public mutating func string(_ s: String) {
        JSONWriter.appendQuoted(s, to: &bytes)
    }

    /// Appends `s` as a JSON string literal to `out`: runs that need no escaping are copied
    /// whole; `"`, `\` and control characters are escaped. The one escaper of the project.
    public static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            var runStart = 0
            for i in 0..<utf8.count {
                let b = utf8[i]
                guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
                if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
                runStart = i + 1
                out.append(UInt8(ascii: "\\"))
                switch b {
                case 0x22, 0x5C: out.append(b)
                case 0x0A: out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(UInt8(ascii: "r"))
                case 0x09: out.append(UInt8(ascii: "t"))
                case 0x08: out.append(UInt8(ascii: "b"))
                case 0x0C: out.append(UInt8(ascii: "f"))
                default:
                    let hex: StaticString = "0123456789abcdef"
                    out.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                            hex.utf8Start[Int(b >> 4)], hex.utf8Start[Int(b & 0xF)]])
                }
            }
            if runStart < utf8.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
        out.append(UInt8(ascii: "\""))
    }

    public mutating func value(_ v: JSONValue) {
        switch v {
        case .null: null()
        case .bool(let b): bool(b)
        case .number(let n): bytes.append(contentsOf: n.text.utf8)
        case .string(let s): string(s)
        case .array(let items):
            beginArray()
            for item in items {
                element()
                value(item)
            }
            endArray()
        case .object(let o):
            beginObject()
            for m in o.members {
                field(m.key)
                value(m.value)
            }
            endObject()
        }
    }

    /// `s` as a JSON string literal, quotes included.
    public static func quoted(_ s: String) -> String {
        var w = JSONWriter(capacity: s.utf8.count + 2)
        w.string(s)
        return String(decoding: w.bytes, as: UTF8.self)
    }

    /// The JSON text of `value`, compact, as a `String`.
    public static func text(of value: JSONValue) -> String {
        var w = JSONWriter()
        w.value(value)
        return String(decoding: w.bytes, as: UTF8.self)
    }
}
