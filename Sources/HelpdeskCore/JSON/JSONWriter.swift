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

    /// Appends `s` as a JSON string literal to `out`: runs that need no escaping are found eight
    /// bytes at a time (`firstEscape`) and copied whole; `"`, `\` and control characters are
    /// escaped. The one escaper of the project (`writeEscaped` is its raw-memory form). A string
    /// with escapes (a reply with line breaks) is escaped into a temporary and appended once,
    /// not one `Array.append` per run and per escape.
    public static func appendQuoted(_ s: String, to out: inout [UInt8]) {
        s.withUTF8Bytes { utf8 in
            let n = utf8.count
            guard let p = utf8.baseAddress, firstEscape(p, from: 0, count: n) < n else {
                out.append(UInt8(ascii: "\""))
                out.append(contentsOf: utf8)
                out.append(UInt8(ascii: "\""))
                return
            }
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 6 * n + 2) { tmp in
                let t = tmp.baseAddress!
                t[0] = UInt8(ascii: "\"")
                let o = 1 + writeEscaped(utf8, to: t + 1)
                t[o] = UInt8(ascii: "\"")
                out.append(contentsOf: UnsafeBufferPointer(start: t, count: o + 1))
            }
        }
    }

    /// Writes the escaped form of `src` (no quotes) at `dst`, which must have room for
    /// `6 * src.count` bytes; returns the number of bytes written.
    static func writeEscaped(_ src: UnsafeBufferPointer<UInt8>, to dst: UnsafeMutablePointer<UInt8>) -> Int {
        guard let p = src.baseAddress else { return 0 }
        let n = src.count
        var i = 0, o = 0
        while i < n {
            let j = firstEscape(p, from: i, count: n)
            if i < j { (dst + o).update(from: p + i, count: j - i); o += j - i }
            guard j < n else { break }
            o += escape(p[j], into: dst + o)
            i = j + 1
        }
        return o
    }

    /// Whether JSON requires `b` escaped inside a string: `"`, `\` and C0 controls.
    @inline(__always) static func needsEscape(_ b: UInt8) -> Bool { b < 0x20 || b == 0x22 || b == 0x5C }

    /// The index of the first byte at or after `from` in `p[0..<count]` that needs escaping, or
    /// `count`. Sixteen, then eight bytes at a time: a word is skipped when none of its bytes is
    /// below 0x20, `"` or `\` (the exact "has a byte less than / equal to" bit tricks; bytes of
    /// 0x80 and up never match), so plain text costs under two instructions a byte.
    @inline(__always) static func firstEscape(_ p: UnsafePointer<UInt8>, from start: Int, count n: Int) -> Int {
        ByteScan.first(p, from: start, to: n, hits: escapeBits, matches: needsEscape)
    }

    /// Nonzero when a byte of `x` is below 0x20, `"` or `\` (`ByteScan`'s word test).
    @inline(__always) static func escapeBits(_ x: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let q = x ^ (ones &* 0x22), bs = x ^ (ones &* 0x5C)
        return (((x &- ones &* 0x20) | (q &- ones) | (bs &- ones)) & ~x) & (ones &* 0x80)
    }

    /// Writes the escape sequence of `b` (which `needsEscape`) at `dst`; returns its length.
    @inline(__always) static func escape(_ b: UInt8, into dst: UnsafeMutablePointer<UInt8>) -> Int {
        dst[0] = UInt8(ascii: "\\")
        switch b {
        case 0x22, 0x5C: dst[1] = b
        case 0x0A: dst[1] = UInt8(ascii: "n")
        case 0x0D: dst[1] = UInt8(ascii: "r")
        case 0x09: dst[1] = UInt8(ascii: "t")
        case 0x08: dst[1] = UInt8(ascii: "b")
        case 0x0C: dst[1] = UInt8(ascii: "f")
        default:
            let hex: StaticString = "0123456789abcdef"
            dst[1] = UInt8(ascii: "u"); dst[2] = UInt8(ascii: "0"); dst[3] = UInt8(ascii: "0")
            dst[4] = hex.utf8Start[Int(b >> 4)]; dst[5] = hex.utf8Start[Int(b & 0xF)]
            return 6
        }
        return 2
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
