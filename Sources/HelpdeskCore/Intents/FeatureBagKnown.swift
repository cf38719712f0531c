/// The feature bag of a message built from pre-worked tokens: the same features, weights and
/// order as `FeatureBag.init(tokens:entities:)` (the reference the tests compare it with), but
/// a known token's stem key, stem bytes and sorted n-grams come from `KnownGrams`, the runs are
/// merged instead of sorted, and each n-gram arrives with its feature id (`gramFeatures`), so
/// scoring looks none of them up.
///
/// The classifier refills one bag per thread (`refill`): its arrays keep their capacity from
/// message to message, so a message allocates none of them.
extension FeatureBag {
    /// `known[i]`: token i's index in the analyzer's `knownTokenList`, or -1 (worked out per message).
    init(tokens: [TextAnalyzer.Token], known: [Int32], entities: [Entity], table: KnownGrams, gramIDs: FeatureTable) {
        precondition(known.count == tokens.count)
        var refs = [Int32](), extras = [TextAnalyzer.Token]()
        for i in tokens.indices {
            if known[i] >= 0 { refs.append(known[i]) } else { extras.append(tokens[i]); refs.append(-Int32(extras.count)) }
        }
        self.init()
        refill(refs: refs, extras: extras, entities: entities, table: table, gramIDs: gramIDs)
    }

    /// Makes this bag the bag of the tokens `refs` (as `TextAnalyzer.analyze(folded:runs:refs:extras:lang:)`
    /// gives them: `ref >= 0` a known token, `ref < 0` `extras[-ref - 1]`) and `entities`, reusing
    /// the arrays' storage.
    mutating func refill(refs: [Int32], extras: [TextAnalyzer.Token], entities: [Entity], table: KnownGrams, gramIDs: FeatureTable) {
        // each array is replaced whole once its contents are worked out on the stack
        // (`replaceSubrange` keeps the storage: one call instead of a clear and an append)
        if !positions.isEmpty { positions.removeAll(keepingCapacity: true) }
        var features = gramFeatures ?? [] // taken out, so that it is uniquely held and keeps its storage
        gramFeatures = nil
        var capacity = 0
        // word features (stems, bigrams, entity kinds) in order of first appearance, weights
        // summed in order: gathered in a stack list, searched linearly (through an index for
        // long messages), then copied once: the list `addWord` builds, without a call and an
        // array append per feature
        let wordCapacity = refs.count * 2 + entities.count
        withUnsafeTemporaryAllocation(of: (key: UInt64, tf: Float).self, capacity: max(1, wordCapacity)) { wb in
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: max(1, refs.count)) { kb in
            let w = wb.baseAddress!, keys = kb.baseAddress!
            var wn = 0, kn = 0
            var index = [UInt64: Int]() // used only past 32 features, as `addWord` does
            @inline(__always) func add(_ key: UInt64, _ weight: Float) {
                if wn < 32 {
                    var i = 0
                    while i < wn { if w[i].key == key { w[i].tf += weight; return }; i += 1 }
                    if wn == 31 { for j in 0..<wn { index[w[j].key] = j }; index[key] = wn }
                } else {
                    if let i = index[key] { w[i].tf += weight; return }
                    index[key] = wn
                }
                w[wn] = (key, weight)
                wn += 1
            }
            var previous: UInt64?
            for r in refs {
                if r >= 0 {
                    let k = Int(r)
                    let key = table.stemKey[k]
                    keys[kn] = key; kn += 1
                    add(key, Self.unigramWeight)
                    if let p = previous { add(table.stemHash(k, from: FeatureTable.fnv(byte: 32, from: p)), Self.bigramWeight) }
                    previous = key
                    capacity += Int(table.runStart[k + 1] - table.runStart[k])
                } else {
                    let t = extras[Int(-r - 1)]
                    let key = FeatureTable.fnv(t.stem)
                    keys[kn] = key; kn += 1
                    add(key, Self.unigramWeight)
                    if let p = previous { add(FeatureTable.fnv(t.stem, from: FeatureTable.fnv(byte: 32, from: p)), Self.bigramWeight) }
                    previous = key
                    capacity += 2 * t.word.utf8.count
                }
            }
            for e in entities { add(Self.entityKey(e.kind), Self.entityWeight) }
            words.replaceSubrange(words.indices, with: UnsafeBufferPointer(start: w, count: wn))
            stemKeys.replaceSubrange(stemKeys.indices, with: UnsafeBufferPointer(start: keys, count: kn))
        }}
        capacity = max(1, capacity)
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * capacity) { buffer in
        withUnsafeTemporaryAllocation(of: Int.self, capacity: refs.count + 1) { boundsBuffer in
            let a = buffer.baseAddress!, bounds = boundsBuffer.baseAddress!
            var n = 0, runs = 0
            bounds[0] = 0
            table.runs.withUnsafeBufferPointer { rs in
            table.runStart.withUnsafeBufferPointer { starts in
                for r in refs {
                    if r >= 0 {
                        let k = Int(r)
                        let s = Int(starts[k]), e = Int(starts[k + 1])
                        (a + n).update(from: rs.baseAddress! + s, count: e - s)
                        n += e - s
                    } else {
                        KnownGrams.addRun(extras[Int(-r - 1)].word, ids: gramIDs, into: a, &n)
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
                // copied into the kept storage (no allocation once it has grown to size)
                grams.replaceSubrange(grams.indices, with: UnsafeBufferPointer(start: m, count: count))
                features.replaceSubrange(features.indices, with: UnsafeBufferPointer(start: ids.baseAddress!, count: count))
            }}
        }}
        gramFeatures = features
    }
}
