import Glibc

/// An exact, read-only set of words numbered 0..<count, looked up by their UTF-8 bytes: an FNV-1a
/// hash finds the candidates in a `FeatureTable` and the bytes are compared, so a lookup never
/// gives a wrong word (hash collisions are chained). Replaces `[String: …]` lookups on the
/// classifier's hot path, which SipHash every key and compare `String`s. A class, so holding
/// or passing one costs one reference count, not one per array inside.
final class WordTable: Sendable {
    /// First entry for a hash (an index into `next`/`offsets`).
    private let heads: FeatureTable
    /// The next entry with the same hash, or -1.
    private let next: [Int32]
    /// Entry i's bytes are `bytes[offsets[i] ..< offsets[i + 1]]`.
    private let offsets: [Int32]
    private let bytes: [UInt8]
    /// The words, in the order given (entry i is `words[i]`).
    let words: [String]

    /// `words` must be distinct; a word's index is its position.
    init(_ words: [String]) {
        self.words = words
        var heads = [UInt64: Int32]()
        var next = [Int32](repeating: -1, count: words.count)
        var offsets = [Int32](), bytes = [UInt8]()
        for (i, w) in words.enumerated() {
            offsets.append(Int32(bytes.count))
            bytes += w.utf8
            let h = FeatureTable.fnv(w)
            if let first = heads[h] { next[i] = first }
            heads[h] = Int32(i)
        }
        offsets.append(Int32(bytes.count))
        self.heads = FeatureTable(heads)
        self.next = next
        self.offsets = offsets
        self.bytes = bytes
    }

    var count: Int { words.count }

    /// The index of the word spelled by `key`, or nil.
    @inline(__always) func index(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        index(key, hash: FeatureTable.fnv(key))
    }

    /// The same, when the caller already has `FeatureTable.fnv(key)`.
    func index(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
        guard let head = heads[hash] else { return nil }
        return bytes.withUnsafeBufferPointer { all in
            offsets.withUnsafeBufferPointer { off in
                var i = Int(head)
                while i >= 0 {
                    let s = Int(off[i]), n = Int(off[i + 1]) - s
                    if n == key.count, n == 0 || memcmp(all.baseAddress! + s, key.baseAddress!, n) == 0 { return i }
                    i = Int(next[i])
                }
                return nil
            }
        }
    }

    /// The index of `word`, or nil.
    @inline(__always) func index(_ word: String) -> Int? {
        return word.withUTF8Bytes { index($0) }
    }

    /// The index of `word` when its hash is known.
    @inline(__always) func index(_ word: String, hash: UInt64) -> Int? {
        return word.withUTF8Bytes { index($0, hash: hash) }
    }
}
