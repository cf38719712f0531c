import Glibc

/// What the feature bag needs of every word the analyzer already knows, worked out once when
/// the model is built instead of per message: for each token of `TextAnalyzer.knownTokenList`,
/// the FNV key of its stem and the character n-grams of its word, already sorted and each
/// packed with its feature id (`pack`). A message's n-grams are then a merge of pre-sorted
/// runs (`GramMerge`) with no hash look-up per n-gram; words the analyzer works out per
/// message (corrections, unknown words) take the same steps at run time.
///
/// Read-only after `init`; shared by every thread that classifies.
struct KnownGrams: Sendable {
    /// `fnv(stem)` of known token t.
    let stemKey: [UInt64]
    /// Known token t's packed n-grams are `runs[runStart[t] ..< runStart[t + 1]]`, sorted.
    let runStart: [Int32]
    let runs: [UInt64]
    /// Known token t's stem as UTF-8 is `stemBytes[stemStart[t] ..< stemStart[t + 1]]` (bigram
    /// keys and keyword checks read it in place: no `String` copy, no retain).
    let stemStart: [Int32]
    let stemBytes: [UInt8]

    /// The largest feature id a packed n-gram can carry (24 bits hold `id + 1`).
    static let maxFeature: Int32 = 0xFF_FFFE

    /// An n-gram key `(length << 56) | bytes` (bytes in the low 32 bits) with its feature id
    /// (nil: not in the index) in one integer: `(length << 56) | (bytes << 24) | (id + 1)`.
    /// Packed keys order as their n-gram keys do (length, then bytes), and equal n-grams have
    /// equal ids, so sorting packed keys gives today's n-gram order.
    @inline(__always) static func pack(_ key: UInt64, _ id: Int32?) -> UInt64 {
        (key & 0xFF00_0000_0000_0000) | ((key & 0xFFFF_FFFF) << 24) | UInt64(UInt32(bitPattern: (id ?? -1) &+ 1))
    }

    /// The n-gram key of a packed n-gram.
    @inline(__always) static func key(_ p: UInt64) -> UInt64 {
        (p & 0xFF00_0000_0000_0000) | ((p >> 24) & 0xFFFF_FFFF)
    }

    /// The feature id of a packed n-gram, -1 when the index does not have it.
    @inline(__always) static func feature(_ p: UInt64) -> Int32 {
        Int32(truncatingIfNeeded: p & 0xFF_FFFF) &- 1
    }

    /// Packs and sorts the n-grams of `word` into `out[n...]` (room for `2 * word.utf8.count`), advancing `n`.
    @inline(__always) static func addRun(_ word: String, ids: FeatureTable, into out: UnsafeMutablePointer<UInt64>, _ n: inout Int) {
        let s = n
        FeatureBag.addGrams(word, into: out, &n)
        for i in s..<n { out[i] = pack(out[i], ids[out[i]]) }
        KeySort.sort(UnsafeMutableBufferPointer(start: out + s, count: n - s))
    }

    init(tokens: [TextAnalyzer.Token], gramIDs: FeatureTable) {
        var stemKey = [UInt64](), runStart: [Int32] = [0], runs = [UInt64]()
        var stemStart: [Int32] = [0], stemBytes = [UInt8]()
        stemKey.reserveCapacity(tokens.count)
        runStart.reserveCapacity(tokens.count + 1)
        for t in tokens {
            stemKey.append(FeatureTable.fnv(t.stem))
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: max(1, 2 * t.word.utf8.count)) { b in
                var n = 0
                Self.addRun(t.word, ids: gramIDs, into: b.baseAddress!, &n)
                runs.append(contentsOf: b[0..<n])
            }
            runStart.append(Int32(runs.count))
            stemBytes += t.stem.utf8
            stemStart.append(Int32(stemBytes.count))
        }
        self.stemStart = stemStart
        self.stemBytes = stemBytes
        self.stemKey = stemKey
        self.runStart = runStart
        self.runs = runs
    }

    /// The FNV-1a of known token t's stem continued from `h` (`FeatureTable.fnv(stem, from: h)`).
    @inline(__always) func stemHash(_ t: Int, from h: UInt64) -> UInt64 {
        stemBytes.withUnsafeBufferPointer { b in
            FeatureTable.fnv(UnsafeBufferPointer(rebasing: b[Int(stemStart[t])..<Int(stemStart[t + 1])]), from: h)
        }
    }

    /// Whether known token t's stem is `s`.
    func stemEquals(_ t: Int, _ s: String) -> Bool {
        return s.withUTF8Bytes { x in
            stemBytes.withUnsafeBufferPointer { b in
                let start = Int(stemStart[t]), n = Int(stemStart[t + 1]) - start
                return n == x.count && (n == 0 || memcmp(b.baseAddress! + start, x.baseAddress!, n) == 0)
            }
        }
    }
}
