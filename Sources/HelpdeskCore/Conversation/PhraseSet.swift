/// A fixed list of phrases compiled once for "does the text contain any of them?", answered in
/// one pass over the text's UTF-8 bytes: only positions whose byte starts some phrase are tried,
/// and only against the phrases that start with that byte. Gives the same answer as
/// `phrases.contains { text.includes($0) }` (a plain byte search), without one full scan of the
/// text per phrase.
struct PhraseSet: Sendable {
    /// The phrases' bytes, grouped by first byte: `byFirst[b]` lists the phrases starting with `b`.
    private let byFirst: [[[UInt8]]]
    /// Whether some phrase is empty (every text then contains it).
    private let hasEmpty: Bool
    /// Bit `b` set when some phrase starts with byte `b`.
    private let starts: (UInt64, UInt64, UInt64, UInt64)

    init(_ phrases: [String]) {
        var byFirst = [[[UInt8]]](repeating: [], count: 256)
        var hasEmpty = false
        var starts: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        for phrase in phrases {
            let bytes = Array(phrase.utf8)
            guard let first = bytes.first else { hasEmpty = true; continue }
            byFirst[Int(first)].append(bytes)
            let bit = UInt64(1) << UInt64(first & 63)
            switch first >> 6 {
            case 0: starts.0 |= bit
            case 1: starts.1 |= bit
            case 2: starts.2 |= bit
            default: starts.3 |= bit
            }
        }
        self.byFirst = byFirst
        self.hasEmpty = hasEmpty
        self.starts = starts
    }

    @inline(__always) private func mayStart(_ b: UInt8) -> Bool {
        let word: UInt64
        switch b >> 6 {
        case 0: word = starts.0
        case 1: word = starts.1
        case 2: word = starts.2
        default: word = starts.3
        }
        return word & (UInt64(1) << UInt64(b & 63)) != 0
    }

    /// Whether `text` contains any of the phrases (byte for byte).
    func found(in text: String) -> Bool {
        if hasEmpty { return true }
        var text = text
        return text.withUTF8 { found(in: $0) }
    }

    func found(in hay: UnsafeBufferPointer<UInt8>) -> Bool {
        if hasEmpty { return true }
        let n = hay.count
        var i = 0
        while i < n {
            let b = hay[i]
            if mayStart(b) {
                for phrase in byFirst[Int(b)] where phrase.count <= n - i {
                    var j = 1
                    let m = phrase.count
                    while j < m, hay[i + j] == phrase[j] { j += 1 }
                    if j == m { return true }
                }
            }
            i += 1
        }
        return false
    }
}
