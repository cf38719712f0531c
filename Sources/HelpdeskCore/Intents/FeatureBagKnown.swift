/// The feature bag of a message built from pre-worked tokens: the same features, weights and
/// order as `FeatureBag.init(tokens:entities:)` (the reference the tests compare it with), but
/// a known token's stem key and sorted n-grams come from `KnownGrams`, the runs are merged
/// instead of sorted, and each n-gram arrives with its feature id (`gramFeatures`), so scoring
/// looks none of them up.
extension FeatureBag {
    /// `known[i]`: token i's index in the analyzer's `knownTokenList`, or -1 (worked out per message).
    init(tokens: [TextAnalyzer.Token], known: [Int32], entities: [Entity], table: KnownGrams, gramIDs: FeatureTable) {
        precondition(known.count == tokens.count)
        words.reserveCapacity(tokens.count * 2 + entities.count)
        stemKeys.reserveCapacity(tokens.count)
        var previous: UInt64?
        for i in tokens.indices {
            let k = Int(known[i])
            let key = k >= 0 ? table.stemKey[k] : FeatureTable.fnv(tokens[i].stem)
            stemKeys.append(key)
            addWord(key, Self.unigramWeight)
            if let p = previous { addWord(FeatureTable.fnv(tokens[i].stem, from: FeatureTable.fnv(byte: 32, from: p)), Self.bigramWeight) }
            previous = key
        }
        for e in entities { addWord(Self.entityKey(e.kind), Self.entityWeight) }
        var capacity = 0
        for i in tokens.indices { capacity += 2 * tokens[i].word.utf8.count }
        capacity = max(1, capacity)
        var grams: [(key: UInt64, tf: Float)] = [], features: [Int32] = []
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * capacity) { buffer in
        withUnsafeTemporaryAllocation(of: Int.self, capacity: tokens.count + 1) { boundsBuffer in
            let a = buffer.baseAddress!, bounds = boundsBuffer.baseAddress!
            var n = 0, runs = 0
            bounds[0] = 0
            table.runs.withUnsafeBufferPointer { rs in
            table.runStart.withUnsafeBufferPointer { starts in
                for i in tokens.indices {
                    let k = Int(known[i])
                    if k >= 0 {
                        let s = Int(starts[k]), e = Int(starts[k + 1])
                        (a + n).update(from: rs.baseAddress! + s, count: e - s)
                        n += e - s
                    } else {
                        KnownGrams.addRun(tokens[i].word, ids: gramIDs, into: a, &n)
                    }
                    if n > bounds[runs] { runs += 1; bounds[runs] = n }
                }
            }}
            let sorted = GramMerge.merge(a, a + capacity, bounds: bounds, count: runs)
            // equal n-grams are adjacent: one entry each, weights summed in order
            withUnsafeTemporaryAllocation(of: (key: UInt64, tf: Float).self, capacity: max(1, n)) { merged in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: max(1, n)) { ids in
                let m = merged.baseAddress!
                var count = 0
                var last: UInt64 = 0
                for i in 0..<n {
                    let p = sorted[i]
                    if count > 0, last == p { m[count - 1].tf += Self.gramWeight; continue }
                    m[count] = (KnownGrams.key(p), Self.gramWeight)
                    ids[count] = KnownGrams.feature(p)
                    last = p
                    count += 1
                }
                grams = Array(UnsafeBufferPointer(start: m, count: count))
                features = Array(UnsafeBufferPointer(start: ids.baseAddress!, count: count))
            }}
        }}
        self.grams = grams
        self.gramFeatures = features
    }
}
