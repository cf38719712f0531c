import Foundation

/// The catalog as numbers: feature ids, IDF weights, an inverted index from feature to the
/// examples that contain it (with their normalized TF-IDF weight) and to the intent centroids.
/// Scoring a message walks only the postings of its own features: a few hundred multiply-adds.
struct FeatureIndex: Sendable {
    let wordIDs: FeatureTable
    let gramIDs: FeatureTable
    let idf: [Float]
    let unseenIDF: Float
    /// Postings, flattened: feature f's entries are `start[f] ..< start[f + 1]` (examples by
    /// catalog index; the definition the tests check `layout` against).
    let start: [Int32]
    let example: [Int32]
    let weight: [Float]
    let centroidStart: [Int32]
    let centroidLabel: [Int32]
    let centroidWeight: [Float]
    let exampleLabel: [Int32]
    let labelCount: Int
    /// The same postings and centroids as scoring walks them (see `ScoringLayout`).
    let layout: ScoringLayout

    static let nearestWeight: Float = 0.65
    static let centroidWeightShare: Float = 0.35

    init(bags: [FeatureBag], labels: [Int32], labelCount: Int) {
        var wordIDs = [UInt64: Int32](), gramIDs = [UInt64: Int32]()
        var df = [Int32]()
        func id<K: Hashable>(_ k: K, _ table: inout [K: Int32]) -> Int32 {
            if let i = table[k] { return i }
            let i = Int32(df.count); table[k] = i; df.append(0); return i
        }
        var raw = [[(Int32, Float)]]()
        for bag in bags {
            var v = [(Int32, Float)]()
            for (k, tf) in bag.words { v.append((id(k, &wordIDs), tf)) }
            for (k, tf) in bag.grams { v.append((id(k, &gramIDs), tf)) }
            for (f, _) in v { df[Int(f)] += 1 }
            raw.append(v)
        }
        let n = Float(max(bags.count, 1))
        let idf = df.map { logf((n + 1) / (Float($0) + 1)) + 1 }
        // character n-grams shared by many examples ("^pe", "an$") say little and cost the most
        // to score: they are left out of the index (and of message vectors) altogether
        let commonGram = Int32(max(8, bags.count / 16))
        for (k, f) in gramIDs where df[Int(f)] > commonGram { gramIDs[k] = nil }
        let keep = Set(wordIDs.values).union(gramIDs.values)
        raw = raw.map { $0.filter { keep.contains($0.0) } }
        var vectors = [[(Int32, Float)]]()
        for v in raw {
            var w = v.map { ($0.0, Self.tfWeight($0.1) * idf[Int($0.0)]) }
            let norm = sqrtf(w.reduce(0) { $0 + $1.1 * $1.1 })
            if norm > 0 { w = w.map { ($0.0, $0.1 / norm) } }
            vectors.append(w)
        }
        // centroids
        var centroids = [[Int32: Float]](repeating: [:], count: labelCount)
        for (e, v) in vectors.enumerated() { for (f, x) in v { centroids[Int(labels[e])][f, default: 0] += x } }
        for c in 0..<labelCount {
            let norm = sqrtf(centroids[c].values.reduce(0) { $0 + $1 * $1 })
            if norm > 0 { for k in centroids[c].keys { centroids[c][k]! /= norm } }
        }
        // flatten postings
        let featureCount = df.count
        var lists = [[(Int32, Float)]](repeating: [], count: featureCount)
        for (e, v) in vectors.enumerated() { for (f, x) in v { lists[Int(f)].append((Int32(e), x)) } }
        var cLists = [[(Int32, Float)]](repeating: [], count: featureCount)
        for c in 0..<labelCount { for (f, x) in centroids[c] { cLists[Int(f)].append((Int32(c), x)) } }
        func flatten(_ lists: [[(Int32, Float)]]) -> ([Int32], [Int32], [Float]) {
            var s = [Int32](), a = [Int32](), b = [Float]()
            s.reserveCapacity(lists.count + 1)
            for l in lists { s.append(Int32(a.count)); for (x, y) in l.sorted(by: { $0.0 < $1.0 }) { a.append(x); b.append(y) } }
            s.append(Int32(a.count))
            return (s, a, b)
        }
        (start, example, weight) = flatten(lists)
        (centroidStart, centroidLabel, centroidWeight) = flatten(cLists)
        self.wordIDs = FeatureTable(wordIDs)
        self.gramIDs = FeatureTable(gramIDs)
        self.idf = idf
        self.unseenIDF = logf(n + 1) + 1
        self.exampleLabel = labels
        self.labelCount = labelCount
        layout = ScoringLayout(start: start, example: example, weight: weight, centroidStart: centroidStart,
                               centroidLabel: centroidLabel, centroidWeight: centroidWeight, exampleLabel: labels,
                               labelCount: labelCount, idf: idf)
    }

    @inline(__always) static func tfWeight(_ tf: Float) -> Float { tf <= 1 ? tf : 1 + logf(tf) }

    /// Combined similarity of the bag to each label: nearest example blended with the centroid.
    /// `excluding`: an example to leave out of the nearest-neighbour search (leave-one-out).
    ///
    /// The query vector is per call, on the stack; `ScoringLayout.score` adds the postings
    /// (every weight is positive, so sums only grow from 0) and takes each label's nearest.
    func score(_ bag: FeatureBag, excluding: Int = -1) -> [Double] {
        [Double](unsafeUninitializedCapacity: labelCount) { buffer, count in
            score(bag, excluding: excluding, into: buffer.baseAddress!)
            count = labelCount
        }
    }

    /// The same, written to `result[0 ..< labelCount]` (the classifier keeps them on its stack).
    /// `sums`: a buffer of `layout.slotCount(labelCount:)` floats to work in, or nil for a temporary one.
    func score(_ bag: FeatureBag, excluding: Int = -1, into result: UnsafeMutablePointer<Double>, sums: UnsafeMutablePointer<Float>? = nil) {
        let labelCount = self.labelCount
        result.initialize(repeating: 0, count: labelCount)
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: max(1, bag.words.count + bag.grams.count)) { qfb in
        withUnsafeTemporaryAllocation(of: Float.self, capacity: max(1, bag.words.count + bag.grams.count)) { qxb in
            let qf = qfb.baseAddress!, qx = qxb.baseAddress!
            var qn = 0
            var norm2: Float = 0
            let features = layout.features
            for (k, tf) in bag.words {
                if let f = wordIDs[k] { let x = Self.tfWeight(tf) * features[Int(f)].idf; qf[qn] = f; qx[qn] = x; qn += 1; norm2 += x * x }
                else { let x = Self.tfWeight(tf) * unseenIDF; norm2 += x * x }
            }
            if let ids = bag.gramFeatures {
                // ids carried by the bag: the same features in the same order, no look-up
                for (i, g) in bag.grams.enumerated() {
                    let f = ids[i]
                    if f >= 0 { let x = Self.tfWeight(g.tf) * features[Int(f)].idf; qf[qn] = f; qx[qn] = x; qn += 1; norm2 += x * x }
                    else { let x = Self.tfWeight(g.tf) * unseenIDF; norm2 += x * x }
                }
            } else {
            for (k, tf) in bag.grams {
                if let f = gramIDs[k] { let x = Self.tfWeight(tf) * features[Int(f)].idf; qf[qn] = f; qx[qn] = x; qn += 1; norm2 += x * x }
                else { let x = Self.tfWeight(tf) * unseenIDF; norm2 += x * x }
            }
            }
            guard norm2 > 0 else { return }
            let inv = 1 / sqrtf(norm2)
            layout.score(qf, qx, qn, inv: inv, excluding: excluding, labelCount: labelCount, into: result, sums: sums)
        }}
    }
}
