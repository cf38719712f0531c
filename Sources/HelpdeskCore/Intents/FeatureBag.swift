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

    /// `fnv("#" + kind.rawValue)` for each entity kind, in `Entity.Kind.allCases` order.
    static let entityKeys: [UInt64] = Entity.Kind.allCases.map { FeatureTable.fnv("#" + $0.rawValue) }

    static func entityKey(_ kind: Entity.Kind) -> UInt64 {
        entityKeys[Entity.Kind.allCases.firstIndex(of: kind)!]
    }

    init(tokens: [TextAnalyzer.Token], entities: [Entity]) {
        words.reserveCapacity(tokens.count * 2 + entities.count)
        stemKeys.reserveCapacity(tokens.count)
        var rawGrams = [UInt64]()
        rawGrams.reserveCapacity(tokens.count * 12)
        var previous: String?
        for t in tokens {
            let key = FeatureTable.fnv(t.stem)
            stemKeys.append(key)
            addWord(key, Self.unigramWeight)
            if let p = previous {
                let joined = FeatureTable.fnv(t.stem, from: FeatureTable.fnv(byte: 32, from: FeatureTable.fnv(p)))
                addWord(joined, Self.bigramWeight)
            }
            previous = t.stem
            Self.addGrams(t.word, into: &rawGrams)
        }
        for e in entities { addWord(Self.entityKey(e.kind), Self.entityWeight) }
        rawGrams.sort()
        grams.reserveCapacity(rawGrams.count)
        for g in rawGrams {
            if let last = grams.last, last.key == g { grams[grams.count - 1].tf += Self.gramWeight } else { grams.append((g, Self.gramWeight)) }
        }
    }

    /// Positions in `words` by key, used only for long messages (linear search is cheaper for short ones).
    private var positions: [UInt64: Int] = [:]

    private mutating func addWord(_ key: UInt64, _ weight: Float) {
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
        let n = word.utf8.count + 2
        guard n >= 4 else { return } // words of one letter give no useful n-grams
        var window: UInt64 = 94 // "^"
        var count = 1
        func emit(_ w: UInt64, _ count: Int) {
            if count >= 3 { grams.append((3 << 56) | (w & 0xFF_FFFF)) }
            if count >= 4 { grams.append((4 << 56) | (w & 0xFFFF_FFFF)) }
        }
        for b in word.utf8 {
            window = (window << 8) | UInt64(b)
            count += 1
            emit(window, count)
        }
        window = (window << 8) | 36 // "$"
        emit(window, count + 1)
    }
}
