/// One reply text split once, at load, into literal runs and `{name}` slots, so filling it per
/// message is a single pass of appends instead of one Foundation `replacingOccurrences` per
/// value (which dominated the desk's cost per message). A slot whose name has no value keeps
/// its `{name}` text, as before; a value is never searched for further slots.
struct ReplyTemplate: Sendable {
    private enum Part: Sendable {
        /// Text copied as is, kept as its UTF-8 bytes.
        case literal([UInt8])
        case slot(String)
    }

    private let parts: [Part]
    /// The text itself when it has no slots (the common case: returned without copying).
    private let plain: String?
    private let sizeHint: Int

    init(_ text: String) {
        var parts: [Part] = []
        var literal = Substring()
        var rest = text[...]
        while let open = rest.firstIndex(of: "{") {
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(where: { $0 == "}" || $0 == "{" }) else { break }
            if rest[close] == "{" {
                // "{{name}": the first brace is text; the slot (if any) starts at the second.
                literal += rest[..<close]
                rest = rest[close...]
                continue
            }
            literal += rest[..<open]
            if !literal.isEmpty { parts.append(.literal(Array(literal.utf8))) }
            literal = Substring()
            parts.append(.slot(String(rest[afterOpen..<close])))
            rest = rest[rest.index(after: close)...]
        }
        literal += rest
        if !literal.isEmpty { parts.append(.literal(Array(literal.utf8))) }
        self.parts = parts
        self.plain = parts.contains { if case .slot = $0 { true } else { false } } ? nil : text
        self.sizeHint = text.utf8.count + 64
    }

    func filled(_ values: [String: String]) -> String {
        if let plain { return plain }
        return filled { values[$0] }
    }

    /// Filled from a few name/value pairs, found by a linear scan (cheaper than hashing for the
    /// handful of slots a reply has; the schedule list fills one template per cohort).
    func filled(pairs: [(String, String)]) -> String {
        if let plain { return plain }
        return filled { name in pairs.first { $0.0 == name }?.1 }
    }

    /// The parts joined as UTF-8 bytes, made a `String` once at the end: `String.append` cost
    /// ~360 instructions a part, an append of bytes a fraction of that.
    private func filled(_ value: (String) -> String?) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(sizeHint)
        for part in parts {
            switch part {
            case .literal(let bytes):
                out.append(contentsOf: bytes)
            case .slot(let name):
                if let v = value(name) {
                    ReplyTemplate.append(v, to: &out)
                } else {
                    out.append(UInt8(ascii: "{"))
                    ReplyTemplate.append(name, to: &out)
                    out.append(UInt8(ascii: "}"))
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    @inline(__always) private static func append(_ s: String, to out: inout [UInt8]) {
        s.withUTF8Bytes { out.append(contentsOf: $0) }
    }
}
