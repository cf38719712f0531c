/// Several phrase lists searched in one pass over a text: `found(in:)` returns a bit per list
/// (bit `g` set when the text contains some phrase of list `g`, byte for byte), the same as
/// one `PhraseSet.found(in:)` per list but reading the text once. Positions are filtered by
/// their first two bytes as in `PhraseSet`. At most 64 lists.
struct PhraseGroups: Sendable {
    /// One phrase's bytes and the bit of the list it belongs to.
    private struct Phrase: Sendable {
        var bytes: [UInt8]
        var bit: UInt64
    }

    /// `byFirst[b]`: the phrases starting with byte `b`.
    private let byFirst: [[Phrase]]
    /// `pairs[b1]` has bit `b2 & 63` set when a phrase starts with `b1 b2` (every bit for a one-byte phrase).
    private let pairs: [UInt64]
    /// The lists holding an empty phrase (found in every text).
    private let always: UInt64
    /// Every list's bit: the scan stops once all are found.
    private let all: UInt64

    init(_ groups: [[String]]) {
        precondition(groups.count <= 64)
        var byFirst = [[Phrase]](repeating: [], count: 256)
        var pairs = [UInt64](repeating: 0, count: 256)
        var always: UInt64 = 0
        for (g, phrases) in groups.enumerated() {
            let bit = UInt64(1) << UInt64(g)
            for phrase in phrases {
                let bytes = Array(phrase.utf8)
                guard let first = bytes.first else { always |= bit; continue }
                byFirst[Int(first)].append(Phrase(bytes: bytes, bit: bit))
                pairs[Int(first)] |= bytes.count == 1 ? ~0 : UInt64(1) << UInt64(bytes[1] & 63)
            }
        }
        self.byFirst = byFirst
        self.pairs = pairs
        self.always = always
        self.all = groups.count == 64 ? ~0 : (UInt64(1) << UInt64(groups.count)) - 1
    }

    /// The bits of the lists that have a phrase in `text`.
    func found(in text: String) -> UInt64 {
        return text.withUTF8Bytes { hay in pairs.withUnsafeBufferPointer { found(in: hay, pairs: $0) } }
    }

    private func found(in hay: UnsafeBufferPointer<UInt8>, pairs: UnsafeBufferPointer<UInt64>) -> UInt64 {
        var mask = always
        let n = hay.count
        var i = 0
        while i < n, mask != all {
            let b = hay[i]
            // Past the end counts as 0 (bit 0), as a one-byte phrase sets every bit.
            let next = i + 1 < n ? hay[i + 1] : 0
            if pairs[Int(b)] & (UInt64(1) << UInt64(next & 63)) != 0 {
                match(b, at: i, in: hay, mask: &mask)
            }
            i += 1
        }
        return mask
    }

    /// Adds the bits of the lists whose phrases starting with `b` occur at `i` (kept out of the
    /// scan loop, which then holds only the two-byte filter).
    @inline(never)
    private func match(_ b: UInt8, at i: Int, in hay: UnsafeBufferPointer<UInt8>, mask: inout UInt64) {
        let n = hay.count
        for phrase in byFirst[Int(b)] where mask & phrase.bit == 0 && phrase.bytes.count <= n - i {
            var j = 1
            let m = phrase.bytes.count
            while j < m, hay[i + j] == phrase.bytes[j] { j += 1 }
            if j == m { mask |= phrase.bit }
        }
    }
}
