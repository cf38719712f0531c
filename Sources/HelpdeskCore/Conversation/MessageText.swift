/// The per-message text work the desk does before routing (lowercasing, trimming tests, joining
/// a reply with an appended line), done on the UTF-8 bytes in place where the text is ASCII and
/// handed to the standard library otherwise. Each gives exactly what its reference gives
/// (`lowercased()`, `first`/`last` of the UTF-8 view, `a + b`); `MessageTextTests` checks them.
enum MessageText {
    /// `text.lowercased()`. An ASCII text without capitals (most messages) is returned as is
    /// (no new string); other ASCII text is lowered byte by byte into one string of its size.
    static func lowered(_ text: String) -> String {
        let ascii: String?? = text.utf8.withContiguousStorageIfAvailable { u -> String? in
            // No branch per byte: the loop vectorizes.
            var high: UInt8 = 0
            var capitals: UInt8 = 0
            for b in u {
                high |= b
                capitals |= b &- 65 < 26 ? 1 : 0
            }
            guard high < 0x80 else { return nil }
            guard capitals != 0 else { return text }
            return String(unsafeUninitializedCapacity: u.count) { out in
                for i in 0..<u.count {
                    let x = u[i]
                    out[i] = x &+ (x &- 65 < 26 ? 32 : 0)
                }
                return u.count
            }
        }
        if let ascii, let lowered = ascii { return lowered }
        return text.lowercased()
    }

    /// The first and last UTF-8 bytes of `text` (nil when it is empty), read in place: the
    /// generic `utf8.last` walked an index back (~80 instructions).
    @inline(__always)
    static func ends(_ text: String) -> (first: UInt8, last: UInt8)? {
        if let ends = text.utf8.withContiguousStorageIfAvailable({ u -> (UInt8, UInt8)? in
            u.isEmpty ? nil : (u[0], u[u.count - 1])
        }) {
            return ends
        }
        guard let first = text.utf8.first, let last = text.utf8.last else { return nil }
        return (first, last)
    }

    /// `a + b`, copied into one string of the right size (appending to the reply's text grew
    /// it through `String.append`, ~880 instructions for a resume line).
    static func joined(_ a: String, _ b: String) -> String {
        var a = a, b = b
        if b.isEmpty { return a }
        if a.isEmpty { return b }
        return a.withUTF8 { ua in
            b.withUTF8 { ub in
                String(unsafeUninitializedCapacity: ua.count + ub.count) { out in
                    let base = out.baseAddress!
                    base.initialize(from: ua.baseAddress!, count: ua.count)
                    (base + ua.count).initialize(from: ub.baseAddress!, count: ub.count)
                    return ua.count + ub.count
                }
            }
        }
    }
}
