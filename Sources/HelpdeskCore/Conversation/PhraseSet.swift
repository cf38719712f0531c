/// A fixed list of phrases compiled once for "does the text contain any of them?", answered in
/// one pass over the text's UTF-8 bytes. A position is tried only when its first two bytes begin
/// some phrase (a 256 x 64-bit table: row = first byte, bit = second byte mod 64), and then only
/// against the phrases with that first byte. Gives the same answer as
/// `phrases.contains { text.includes($0) }` (a plain byte search) without one scan per phrase.
struct PhraseSet: Sendable {
    /// The phrases' bytes, grouped by first byte: `byFirst[b]` lists the phrases starting with `b`.
    private let byFirst: [[[UInt8]]]
    /// Whether some phrase is empty (every text then contains it).
    private let hasEmpty: Bool
    /// `pairs[b1]` has bit `b2 & 63` set when a phrase starts with `b1 b2`, and every bit set
    /// when a one-byte phrase is `b1` (the second byte, past the end counted as 0, is then free).
    private let pairs: [UInt64]

    init(_ phrases: [String]) {
        var byFirst = [[[UInt8]]](repeating: [], count: 256)
        var hasEmpty = false
        var pairs = [UInt64](repeating: 0, count: 256)
        for phrase in phrases {
            let bytes = Array(phrase.utf8)
            guard let first = bytes.first else { hasEmpty = true; continue }
            byFirst[Int(first)].append(bytes)
            pairs[Int(first)] |= bytes.count == 1 ? ~0 : UInt64(1) << UInt64(bytes[1] & 63)
        }
        self.byFirst = byFirst
        self.hasEmpty = hasEmpty
        self.pairs = pairs
    }

    /// Whether `text` contains any of the phrases (byte for byte).
    func found(in text: String) -> Bool {
        if hasEmpty { return true }
        return text.withUTF8Bytes { hay in pairs.withUnsafeBufferPointer { found(in: hay, pairs: $0) } }
    }

    private func found(in hay: UnsafeBufferPointer<UInt8>, pairs: UnsafeBufferPointer<UInt64>) -> Bool {
        let n = hay.count
        guard n > 0 else { return false }
        // Every position but the last has a next byte: no end test per byte for it.
        var i = 0
        var b = hay[0]
        while i + 1 < n {
            let next = hay[i + 1]
            if pairs[Int(b)] & (UInt64(1) << UInt64(next & 63)) != 0, tryAt(i, in: hay) { return true }
            b = next
            i += 1
        }
        return pairs[Int(b)] & 1 != 0 && tryAt(i, in: hay)
    }

    /// Whether a phrase starting with `hay[i]` occurs at `i`.
    private func tryAt(_ i: Int, in hay: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = hay.count
        for phrase in byFirst[Int(hay[i])] where phrase.count <= n - i {
            var j = 1
            let m = phrase.count
            while j < m, hay[i + j] == phrase[j] { j += 1 }
            if j == m { return true }
        }
        return false
    }
}
