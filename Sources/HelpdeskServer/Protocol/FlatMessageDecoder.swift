import Glibc
import HelpdeskCore

/// The common request line read in one pass without building a `JSONValue` tree: a flat JSON
/// object whose only members are `id` (a string or an integer), `user`, `channel` and `text`
/// (strings without escapes), each at most once, making a valid message. Anything else (an
/// escape, another key, a duplicate, `null`, a nested value, a fraction, any error) returns nil
/// and is left to `RequestDecoder`'s general path, so errors and edge cases read exactly as before.
enum FlatMessageDecoder {
    static func decode(_ line: String) -> Request? {
        var repeated = RepeatedFields()
        return decode(line, repeated: &repeated)
    }

    /// `decode(line)`, taking the user and channel strings from `repeated` when the line's are
    /// byte for byte the connection's last ones (and remembering them otherwise).
    static func decode(_ line: String, repeated: inout RepeatedFields) -> Request? {
        return line.withUTF8Bytes { decode($0, repeated: &repeated) }
    }

    /// The members the fast path knows.
    private enum Key { case id, user, channel, text }

    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> Request? {
        var repeated = RepeatedFields()
        return decode(bytes, repeated: &repeated)
    }

    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, repeated: inout RepeatedFields) -> Request? {
        var reader = Reader(bytes: bytes)
        guard reader.take(UInt8(ascii: "{")) else { return nil }
        var id: JSONValue?, user: String?, channel: String?, text: String?
        var seen: UInt8 = 0
        while true {
            reader.skipWhitespace()
            guard let keyRange = reader.plainString() else { return nil }
            let name = UnsafeBufferPointer(rebasing: bytes[keyRange])
            let key: Key
            if equal(name, "text") { key = .text }
            else if equal(name, "id") { key = .id }
            else if equal(name, "user") { key = .user }
            else if equal(name, "channel") { key = .channel }
            else { return nil }
            let bit: UInt8 = switch key { case .id: 1; case .user: 2; case .channel: 4; case .text: 8 }
            guard seen & bit == 0 else { return nil }
            seen |= bit
            reader.skipWhitespace()
            guard reader.take(UInt8(ascii: ":")) else { return nil }
            reader.skipWhitespace()
            if key == .id, let digits = reader.integer() {
                let t = String(decoding: UnsafeBufferPointer(rebasing: bytes[digits]), as: UTF8.self)
                guard let v = Double(t) else { return nil }
                id = .number(JSONNumber(text: t, value: v))
            } else {
                guard let range = reader.plainString() else { return nil }
                let run = UnsafeBufferPointer(rebasing: bytes[range])
                switch key {
                case .id: guard let s = validString(run) else { return nil }; id = .string(s)
                case .user: guard let s = RepeatedFields.string(run, last: &repeated.user) else { return nil }; user = s
                case .channel: guard let s = RepeatedFields.string(run, last: &repeated.channel) else { return nil }; channel = s
                case .text: guard let s = validString(run) else { return nil }; text = s
                }
            }
            reader.skipWhitespace()
            if reader.take(UInt8(ascii: ",")) { continue }
            guard reader.take(UInt8(ascii: "}")) else { return nil }
            break
        }
        reader.skipWhitespace()
        guard reader.atEnd, let text, !text.isEmpty, user.map({ !$0.isEmpty }) ?? true,
              channel.map({ !$0.isEmpty }) ?? true else { return nil }
        return .message(id: id, user: user, channel: channel, text: text)
    }

    @inline(__always) private static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        guard bytes.count == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        for i in 0..<bytes.count where bytes[i] != w[i] { return false }
        return true
    }

    /// The string of valid UTF-8 `run`, else nil (checked as `JSONParser` does).
    fileprivate static func validString(_ run: UnsafeBufferPointer<UInt8>) -> String? {
        var s = String(decoding: run, as: UTF8.self)
        let same = s.withUTF8 { d in d.count == run.count && (run.isEmpty || memcmp(d.baseAddress!, run.baseAddress!, run.count) == 0) }
        return same ? s : nil
    }

    /// A cursor over the line's bytes.
    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        var atEnd: Bool { position == bytes.count }

        mutating func skipWhitespace() {
            while position < bytes.count {
                switch bytes[position] {
                case 0x20, 0x09, 0x0A, 0x0D: position += 1
                default: return
                }
            }
        }

        mutating func take(_ byte: UInt8) -> Bool {
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
            return true
        }

        /// The byte range inside a `"…"` with no escape and no control character.
        mutating func plainString() -> Range<Int>? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = position
            while position < bytes.count {
                let b = bytes[position]
                if b == UInt8(ascii: "\"") {
                    position += 1
                    return start..<(position - 1)
                }
                if b == UInt8(ascii: "\\") || b < 0x20 { return nil }
                position += 1
            }
            return nil
        }

        /// The range of `-?(0|[1-9][0-9]*)` followed by neither `.`, `e`/`E` nor another digit.
        mutating func integer() -> Range<Int>? {
            let start = position
            var p = position
            if p < bytes.count, bytes[p] == UInt8(ascii: "-") { p += 1 }
            guard p < bytes.count, bytes[p] &- UInt8(ascii: "0") < 10 else { return nil }
            if bytes[p] == UInt8(ascii: "0") {
                p += 1
            } else {
                while p < bytes.count, bytes[p] &- UInt8(ascii: "0") < 10 { p += 1 }
            }
            if p < bytes.count {
                let b = bytes[p]
                if b == UInt8(ascii: ".") || b | 0x20 == UInt8(ascii: "e") || b &- UInt8(ascii: "0") < 10 { return nil }
            }
            position = p
            return start..<p
        }
    }
}

/// The user and channel strings of a connection's last message. A connection's messages mostly
/// carry the same ones, and a string whose bytes equal the last one's is reused (a retain)
/// instead of being made again (~190 instructions each, two a message).
struct RepeatedFields {
    var user: String?
    var channel: String?

    /// `last` when its bytes equal `run`; else the string of `run` (remembered in `last`), or
    /// nil when `run` is not valid UTF-8.
    static func string(_ run: UnsafeBufferPointer<UInt8>, last: inout String?) -> String? {
        if let s = last, s.utf8.count == run.count,
           s.utf8.withContiguousStorageIfAvailable({ run.isEmpty || memcmp($0.baseAddress!, run.baseAddress!, run.count) == 0 }) == true {
            return s
        }
        guard let s = FlatMessageDecoder.validString(run) else { return nil }
        last = s
        return s
    }
}
