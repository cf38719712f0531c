/// The features of one message as the model sees them, before they get ids: stems, stem
/// bigrams, entity kinds ("#registration_id") and character 3- and 4-grams of each word (which
/// make the model tolerant of typos the spelling corrector leaves alone). Each feature carries a
/// group weight so the many n-grams do not drown the words.
struct FeatureBag {
    static let unigramWeight: Float = 1.0
    static let bigramWeight: Float = 0.5
    static let entityWeight: Float = 1.2
    static let gramWeight: Float = 0.22

    var words: [String: Float] = [:]
    var grams: [UInt64: Float] = [:]

    init(tokens: [TextAnalyzer.Token], entities: [Entity]) {
        words.reserveCapacity(tokens.count * 2 + entities.count)
        grams.reserveCapacity(tokens.count * 10)
        var previous: String?
        for t in tokens {
            words[t.stem, default: 0] += Self.unigramWeight
            if let p = previous { words[p + " " + t.stem, default: 0] += Self.bigramWeight }
            previous = t.stem
            Self.addGrams(t.word, into: &grams)
        }
        for e in entities { words["#" + e.kind.rawValue, default: 0] += Self.entityWeight }
    }

    static func addGrams(_ word: String, into grams: inout [UInt64: Float]) {
        var b: [UInt8] = [94]
        b.append(contentsOf: word.utf8)
        b.append(36)
        guard b.count >= 4 else { return } // words of one letter give no useful n-grams
        for n in 3...4 where b.count >= n {
            for s in 0...(b.count - n) {
                var key = UInt64(n) << 56
                for k in 0..<n { key |= UInt64(b[s + k]) << UInt64(8 * k) }
                grams[key, default: 0] += gramWeight
            }
        }
    }
}
