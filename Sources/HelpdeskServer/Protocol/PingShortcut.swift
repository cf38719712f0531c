import Glibc

/// The JSON `ping` answered from the line's bytes: `{"id":ID,"cmd":"ping"}`,
/// `{"cmd":"ping","id":ID}` or `{"cmd":"ping"}` written compactly (as every client library and the
/// bench send it) become `{"id":ID,"ok":true}` without building a `JSONValue` tree, a
/// `JSONObject` and a router lookup; ping is the health check load balancers and the bench send
/// most. Only ids that echo byte for byte are taken (an integer without leading zeros, or a string
/// with no escapes and no control bytes); any other spelling goes through the full decoder, which
/// gives the same answer, so the shortcut changes speed only.
enum PingShortcut {
    private static let idKey = Array(#"{"id":"#.utf8)
    private static let cmdTail = Array(#","cmd":"ping"}"#.utf8)
    private static let cmdHead = Array(#"{"cmd":"ping""#.utf8)
    private static let idTail = Array(#","id":"#.utf8)
    private static let okTail = Array(#","ok":true}"#.utf8)

    /// Appends the answer and returns true when `line` is a compact ping; false (nothing
    /// appended) otherwise.
    static func answer(_ line: String, into out: inout [UInt8]) -> Bool {
        return line.withUTF8Bytes { bytes -> Bool in
            guard bytes.count >= 14, bytes[0] == UInt8(ascii: "{"), bytes[bytes.count - 1] == UInt8(ascii: "}") else { return false }
            let id: Range<Int>
            if starts(bytes, with: idKey, at: 0) {
                // {"id":ID,"cmd":"ping"}
                let end = bytes.count - cmdTail.count
                guard end > idKey.count, starts(bytes, with: cmdTail, at: end) else { return false }
                id = idKey.count..<end
            } else if starts(bytes, with: cmdHead, at: 0) {
                if bytes.count == cmdHead.count + 1 {
                    // {"cmd":"ping"}
                    write(id: nil, of: bytes, into: &out)
                    return true
                }
                // {"cmd":"ping","id":ID}
                let start = cmdHead.count + idTail.count
                guard bytes.count > start + 1, starts(bytes, with: idTail, at: cmdHead.count) else { return false }
                id = start..<(bytes.count - 1)
            } else {
                return false
            }
            guard echoes(UnsafeBufferPointer(rebasing: bytes[id])) else { return false }
            write(id: id, of: bytes, into: &out)
            return true
        }
    }

    private static func write(id: Range<Int>?, of bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        out.append(contentsOf: idKey)
        if let id {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[id]))
        } else {
            out.append(contentsOf: "null".utf8)
        }
        out.append(contentsOf: okTail)
        out.append(0x0A)
    }

    /// Whether the id token is one the full path would write back unchanged.
    private static func echoes(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = token.first else { return false }
        if first == UInt8(ascii: "\"") {
            guard token.count >= 2, token[token.count - 1] == UInt8(ascii: "\"") else { return false }
            for b in token[1..<(token.count - 1)] where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
                return false
            }
            return true
        }
        var digits = token[...]
        if first == UInt8(ascii: "-") { digits = digits.dropFirst() }
        guard let lead = digits.first, digits.count <= 18 else { return false }
        if lead == UInt8(ascii: "0") { return digits.count == 1 }
        return digits.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// One `memcmp` (the element-by-element loop over a static array cost more than the rest
    /// of the shortcut together).
    private static func starts(_ bytes: UnsafeBufferPointer<UInt8>, with prefix: [UInt8], at offset: Int) -> Bool {
        guard offset >= 0, bytes.count - offset >= prefix.count, let base = bytes.baseAddress else { return false }
        return prefix.withUnsafeBytes { p in p.baseAddress.map { memcmp(base + offset, $0, p.count) == 0 } ?? true }
    }
}
