/// The features of one message as the model sees them, before they get ids: stems, stem
/// bigrams, entity kinds ("#registration_id") and character 3- and 4-grams of each word (which
/// make the model tolerant of typos the spelling corrector leaves alone). Each feature carries a
/// group weight so the many n-grams do not drown the words.
///
/// Word-level features are keyed by the FNV-1a hash of their text (`FeatureTable.fnv`): a stem
/// "jadwal" is `fnv("jadwal")`, a bigram `fnv("kapan jadwal")` (hashed on from the first stem's
/// state, no joined string is built), an entity kind `fnv("#cohort")`. The index looks words up
/// by that hash anyway, so no `String` key is built, compared or SipHashed per message.
struct FeatureBag {
    static let unigramWeight: Float = 1.0
    static let bigramWeight: Float = 0.5
    static let entityWeight: Float = 1.2
    static let gramWeight: Float = 0.22

    /// Word-level features (hash of their text) with their summed weights, in order of first appearance.
    var words: [(key: UInt64, tf: Float)] = []
    /// Character n-grams, sorted and merged, with their summed weights.
    var grams: [(key: UInt64, tf: Float)] = []
    /// `fnv(stem)` of each token, in token order (the keyword boosts reuse them).
    var stemKeys: [UInt64] = []
    /// The feature id of each of `grams` (-1: not in the index), when the bag was built from
    /// `KnownGrams` (`FeatureBagKnown.swift`); nil when the index must look them up.
    var gramFeatures: [Int32]?

    /// `fnv("#" + kind.rawValue)` for each entity kind, in `Entity.Kind.allCases` order.
    static let entityKeys: [UInt64] = Entity.Kind.allCases.map { FeatureTable.fnv("#" + $0.rawValue) }

    /// An empty bag (the classifier's per-thread bag starts so and is refilled per message).
    init() {}

    static func entityKey(_ kind: Entity.Kind) -> UInt64 {
        entityKeys[Entity.Kind.allCases.firstIndex(of: kind)!]
    }

    init(tokens: [TextAnalyzer.Token], entities: [Entity]) {
        words.reserveCapacity(tokens.count * 2 + entities.count)
        stemKeys.reserveCapacity(tokens.count)
        var previous: UInt64?
        for t in tokens {
            let key = FeatureTable.fnv(t.stem)
            stemKeys.append(key)
            addWord(key, Self.unigramWeight)
            // fnv(p + " " + t.stem), carried on from p's hash
            if let p = previous { addWord(FeatureTable.fnv(t.stem, from: FeatureTable.fnv(byte: 32, from: p)), Self.bigramWeight) }
            previous = key
        }
        for e in entities { addWord(Self.entityKey(e.kind), Self.entityWeight) }
        // a word of n bytes gives at most n 3-grams and n - 1 4-grams: the raw list fits on the stack
        var capacity = 0
        for t in tokens { capacity += 2 * t.word.utf8.count }
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: max(1, capacity)) { buffer in
            var n = 0
            for t in tokens { Self.addGrams(t.word, into: buffer.baseAddress!, &n) }
            let raw = UnsafeMutableBufferPointer(rebasing: buffer[0..<n])
            KeySort.sort(raw)
            // merged on the stack, then copied into the array once (no uniqueness check per append)
            withUnsafeTemporaryAllocation(of: (key: UInt64, tf: Float).self, capacity: max(1, n)) { merged in
                let m = merged.baseAddress!
                var count = 0
                for g in raw {
                    if count > 0, m[count - 1].key == g { m[count - 1].tf += Self.gramWeight } else { m[count] = (g, Self.gramWeight); count += 1 }
                }
                grams = Array(UnsafeBufferPointer(start: m, count: count))
            }
        }
    }

    /// Positions in `words` by key, used only for long messages (linear search is cheaper for short ones).
    var positions: [UInt64: Int] = [:]

    mutating func addWord(_ key: UInt64, _ weight: Float) {
        if words.count < 32 {
            for i in words.indices where words[i].key == key { words[i].tf += weight; return }
            words.append((key, weight))
            if words.count == 32 { for (i, w) in words.enumerated() { positions[w.key] = i } }
            return
        }
        if let i = positions[key] { words[i].tf += weight; return }
        positions[key] = words.count
        words.append((key, weight))
    }

    /// Appends the 3- and 4-grams of `^word$`, each packed into one integer (length in the top byte).
    static func addGrams(_ word: String, into grams: inout [UInt64]) {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: max(1, 2 * word.utf8.count)) { buffer in
            var n = 0
            addGrams(word, into: buffer.baseAddress!, &n)
            grams.append(contentsOf: buffer[0..<n])
        }
    }

    /// The same into `out[n...]` (room for `2 * word.utf8.count` more), advancing `n`.
    @inline(__always) static func addGrams(_ word: String, into out: UnsafeMutablePointer<UInt64>, _ n: inout Int) {
        word.withUTF8Bytes { bytes in
            guard bytes.count + 2 >= 4 else { return } // words of one letter give no useful n-grams
            var window: UInt64 = 94 // "^"
            var k = n
            // the first byte completes no 3-gram ("^a" is two bytes); each later one ends a 3-gram
            // and, from the third byte on, a 4-gram
            window = (window << 8) | UInt64(bytes[0])
            for i in 1..<bytes.count {
                window = (window << 8) | UInt64(bytes[i])
                out[k] = (3 << 56) | (window & 0xFF_FFFF); k += 1
                if i >= 2 { out[k] = (4 << 56) | (window & 0xFFFF_FFFF); k += 1 }
            }
            window = (window << 8) | 36 // "$"
            out[k] = (3 << 56) | (window & 0xFF_FFFF); k += 1
            out[k] = (4 << 56) | (window & 0xFFFF_FFFF); k += 1
            n = k
        }
    }
}
