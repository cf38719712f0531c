/// The feature index laid out for scoring: what `FeatureIndex.score` walks per message.
///
/// - Examples are renumbered into *slots* grouped by label, each label's run padded to a
///   multiple of 8, so the nearest example of every label is a max over a contiguous run of
///   the per-slot sums, 8 lanes at a time (no list of touched examples, no branch per posting).
/// - A feature's postings are `(slot, weight)` pairs side by side in one array (one load stream).
/// - A feature's centroid weights are one dense row of 16 floats (a lane per label, 0 where the
///   label's centroid lacks the feature), so the centroid part is one vector multiply-add.
///
/// The sums are the same as with the flat lists: each example's sum still adds its postings
/// in the message's feature order, a centroid lane adds `q * 0 == 0` for an absent feature,
/// and a maximum does not depend on the order it is taken in.
struct ScoringLayout: Sendable {
    /// One posting: the example's slot and its weight for the feature.
    struct Posting: Sendable {
        var slot: Int32
        var weight: Float
    }

    /// Labels the dense centroid rows have room for (`IntentLabel` has ten).
    static let maxLabels = 16

    /// Feature f's postings are `postings[start[f] ..< start[f + 1]]`, in slot order.
    let start: [Int32]
    let postings: [Posting]
    /// `centroidRows[f]`: the centroid weight of feature f for every label.
    let centroidRows: [SIMD16<Float>]
    /// Label l's examples are slots `labelStart[l] ..< labelStart[l + 1]` (multiples of 8).
    let labelStart: [Int]
    /// The slot of each example, by its index in the catalog.
    let slotOf: [Int32]

    var slotCount: Int { labelStart[labelStart.count - 1] }

    /// Derives the layout from the flat postings of `FeatureIndex` (examples by catalog index).
    init(start: [Int32], example: [Int32], weight: [Float], centroidStart: [Int32], centroidLabel: [Int32],
         centroidWeight: [Float], exampleLabel: [Int32], labelCount: Int) {
        precondition(labelCount <= Self.maxLabels, "more labels than the centroid rows hold")
        var labelStart = [Int](), slotOf = [Int32](repeating: 0, count: exampleLabel.count)
        var next = 0
        for l in 0..<labelCount {
            labelStart.append(next)
            for (e, el) in exampleLabel.enumerated() where Int(el) == l { slotOf[e] = Int32(next); next += 1 }
            next = (next + 7) & ~7
        }
        labelStart.append(next)
        let featureCount = start.count - 1
        var postings = [Posting](), rows = [SIMD16<Float>](repeating: .zero, count: featureCount)
        postings.reserveCapacity(example.count)
        for f in 0..<featureCount {
            let range = Int(start[f])..<Int(start[f + 1])
            // slots keep the catalog order within a label, but a feature's list spans labels
            let sorted = range.map { Posting(slot: slotOf[Int(example[$0])], weight: weight[$0]) }.sorted { $0.slot < $1.slot }
            postings += sorted
            for p in Int(centroidStart[f])..<Int(centroidStart[f + 1]) { rows[f][Int(centroidLabel[p])] = centroidWeight[p] }
        }
        self.start = start
        self.postings = postings
        self.centroidRows = rows
        self.labelStart = labelStart
        self.slotOf = slotOf
    }

    /// Writes `result[0 ..< labelCount]` for a message whose known features are `qf[0 ..< qn]`
    /// with unnormalized weights `qx`, `inv` the inverse norm of the whole message vector.
    /// `excluding`: an example (catalog index) left out of the nearest-neighbour search.
    func score(_ qf: UnsafePointer<Int32>, _ qx: UnsafePointer<Float>, _ qn: Int, inv: Float, excluding: Int,
               labelCount: Int, into result: UnsafeMutablePointer<Double>) {
        let slots = slotCount
        withUnsafeTemporaryAllocation(of: Float.self, capacity: slots + 8) { esb in
            let es = esb.baseAddress!
            es.initialize(repeating: 0, count: slots)
            var cs = SIMD16<Float>.zero
            start.withUnsafeBufferPointer { st in
            postings.withUnsafeBufferPointer { ps in
            centroidRows.withUnsafeBufferPointer { rows in
                for i in 0..<qn {
                    let q = qx[i] * inv
                    let fi = Int(qf[i])
                    var p = Int(st[fi])
                    let end = Int(st[fi + 1])
                    while p < end {
                        let posting = ps[p]
                        es[Int(posting.slot)] += q * posting.weight
                        p += 1
                    }
                    cs += q * rows[fi]
                }
            }}}
            if excluding >= 0 && excluding < slotOf.count { es[Int(slotOf[excluding])] = 0 }
            // sums are never negative (nor -0), and non-negative floats order as their bit
            // patterns do: each label's maximum is an integer maximum, which vectorizes
            let raw = UnsafeRawPointer(es)
            labelStart.withUnsafeBufferPointer { ls in
                for l in 0..<labelCount {
                    var m: Int32 = 0 // 0.0, the score of a label no posting reached
                    for s in ls[l]..<ls[l + 1] { m = max(m, raw.load(fromByteOffset: s &* 4, as: Int32.self)) }
                    let near = Float(bitPattern: UInt32(bitPattern: m))
                    result[l] = Double(FeatureIndex.nearestWeight * near + FeatureIndex.centroidWeightShare * cs[l])
                }
            }
        }
    }
}
