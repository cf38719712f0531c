import HelpdeskCore

/// The stretches of a JSON reply line that repeat, kept as bytes: `,"intent":"<label>","confidence":`
/// for each intent and `,"lang":"<lang>","reply":` for each language, made once by `JSONWriter`
/// (so they are the bytes the member-by-member writing gave; each key constant and small quoted
/// string cost ~110-310 instructions, ~1.1k a reply).
enum ReplySegments {
    /// By `ordinal`.
    static let intents: [[UInt8]] = IntentLabel.allCases.map { label in
        var w = JSONWriter(capacity: 0)
        w.raw(#","intent":"#); w.string(label.rawValue); w.raw(#","confidence":"#)
        return w.bytes
    }

    /// By `ordinal`.
    static let langs: [[UInt8]] = Lang.allCases.map { lang in
        var w = JSONWriter(capacity: 0)
        w.raw(#","lang":"#); w.string(lang.rawValue); w.raw(#","reply":"#)
        return w.bytes
    }
}

/// A connection's last user and session with their quoted bytes: its replies mostly name the
/// same ones, and a string that is bit for bit the remembered one (the same storage or the same
/// small string, which the connection's decoder and the session store hand out again) is copied
/// from here instead of being quoted again.
struct ReplyMemo {
    var user = QuotedMemo(key: #","user":"#)
    var session = QuotedMemo(key: #","session":"#)
}

/// One member, `key` and a string, with the string's bytes JSON-quoted (`JSONWriter.appendQuoted`).
struct QuotedMemo {
    /// Written before the string, e.g. `,"user":`.
    let key: StaticString
    private var string: String?
    private var bytes: [UInt8] = []

    init(key: StaticString) { self.key = key }

    /// Appends the key and `s` quoted.
    mutating func append(_ s: String, to out: inout [UInt8]) {
        if let known = string, QuotedMemo.same(known, s) {
            out.append(contentsOf: bytes)
            return
        }
        let start = out.count
        out.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        JSONWriter.appendQuoted(s, to: &out)
        string = s
        bytes.removeAll(keepingCapacity: true)
        bytes.append(contentsOf: out[start...])
    }

    /// Whether two strings are bit for bit the same value (then they have the same bytes). Equal
    /// texts in other storage are not the same; they are quoted again.
    @inline(__always) static func same(_ a: String, _ b: String) -> Bool {
        unsafeBitCast(a, to: (UInt64, UInt64).self) == unsafeBitCast(b, to: (UInt64, UInt64).self)
    }
}
