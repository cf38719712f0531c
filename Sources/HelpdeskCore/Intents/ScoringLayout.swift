/// The feature index laid out for scoring: what `FeatureIndex.score` walks per message.
///
/// - Examples are renumbered into *slots* grouped by label, each label's run padded to a
///   multiple of 8, so the nearest example of every label is a max over a contiguous run of
///   the per-slot sums, 8 lanes at a time (no list of touched examples, no branch per posting).
/// - A feature's postings are `(slot, weight)` pairs side by side in one array (one load stream),
///   padded to an even count with a zero-weight posting to a spare slot that nothing reads.
/// - A feature's centroid weights follow its example postings in the same run, as postings to
///   one extra slot per label after the examples' (`centroidSlot + label`): the centroid sums
///   are added by the same loop, from the same cache lines (a separate array of centroid weights
///   cost a cache miss per feature).
///
/// The sums are the same as with the flat lists: each example's and each centroid's sum still
/// adds its postings in the message's feature order, and a maximum does not depend on the
/// order it is taken in.
struct ScoringLayout: Sendable {
    /// One posting: the example's slot and its weight for the feature.
    struct Posting: Sendable {
        var slot: Int32
        var weight: Float
    }

    /// What scoring needs of one feature, in one 12-byte record (one cache miss, not three):
    /// its postings `postings[start ..< end]` (slot order) and its IDF.
    struct Feature: Sendable {
        var start: Int32
        var end: Int32
        var idf: Float
    }

    let features: [Feature]
    let postings: [Posting]
    /// Label l's examples are slots `labelStart[l] ..< labelStart[l + 1]` (multiples of 8).
    let labelStart: [Int]
    /// The slot of each example, by its index in the catalog.
    let slotOf: [Int32]

    /// The examples' slots end here; label l's centroid sum is slot `centroidSlot + l`.
    var centroidSlot: Int { labelStart[labelStart.count - 1] }

    /// Derives the layout from the flat postings of `FeatureIndex` (examples by catalog index).
    init(start: [Int32], example: [Int32], weight: [Float], centroidStart: [Int32], centroidLabel: [Int32],
         centroidWeight: [Float], exampleLabel: [Int32], labelCount: Int, idf: [Float]) {
        var labelStart = [Int](), slotOf = [Int32](repeating: 0, count: exampleLabel.count)
        var next = 0
        for l in 0..<labelCount {
            labelStart.append(next)
            for (e, el) in exampleLabel.enumerated() where Int(el) == l { slotOf[e] = Int32(next); next += 1 }
            next = (next + 7) & ~7
        }
        labelStart.append(next)
        let featureCount = start.count - 1
        var postings = [Posting](), features = [Feature]()
        postings.reserveCapacity(example.count + centroidLabel.count)
        for f in 0..<featureCount {
            let range = Int(start[f])..<Int(start[f + 1])
            // slots keep the catalog order within a label, but a feature's list spans labels
            let sorted = range.map { Posting(slot: slotOf[Int(example[$0])], weight: weight[$0]) }.sorted { $0.slot < $1.slot }
            let first = Int32(postings.count)
            postings += sorted
            for p in Int(centroidStart[f])..<Int(centroidStart[f + 1]) {
                postings.append(Posting(slot: Int32(next + Int(centroidLabel[p])), weight: centroidWeight[p]))
            }
            // an even count, so scoring takes two postings a step with no odd one to finish:
            // the pad adds 0 to the spare slot after the centroids, which nothing reads
            if (postings.count - Int(first)) % 2 == 1 { postings.append(Posting(slot: Int32(next + labelCount), weight: 0)) }
            features.append(Feature(start: first, end: Int32(postings.count), idf: idf[f]))
        }
        self.features = features
        self.postings = postings
        self.labelStart = labelStart
        self.slotOf = slotOf
    }

    /// Writes `result[0 ..< labelCount]` for a message whose known features are `qf[0 ..< qn]`
    /// with unnormalized weights `qx`, `inv` the inverse norm of the whole message vector.
    /// `excluding`: an example (catalog index) left out of the nearest-neighbour search.
    /// `sums`: room for `slotCount(labelCount:)` floats (the caller's per-thread buffer), or nil
    /// for a temporary one.
    func score(_ qf: UnsafePointer<Int32>, _ qx: UnsafePointer<Float>, _ qn: Int, inv: Float, excluding: Int,
               labelCount: Int, into result: UnsafeMutablePointer<Double>, sums: UnsafeMutablePointer<Float>? = nil) {
        if let sums {
            score(qf, qx, qn, inv: inv, excluding: excluding, labelCount: labelCount, into: result, es: sums)
            return
        }
        withUnsafeTemporaryAllocation(of: Float.self, capacity: slotCount(labelCount: labelCount)) { esb in
            score(qf, qx, qn, inv: inv, excluding: excluding, labelCount: labelCount, into: result, es: esb.baseAddress!)
        }
    }

    /// How many sums scoring needs: one per example slot, one per label's centroid, and the
    /// spare slot the padding postings add to.
    func slotCount(labelCount: Int) -> Int { centroidSlot + labelCount + 1 }

    @inline(__always)
    private func score(_ qf: UnsafePointer<Int32>, _ qx: UnsafePointer<Float>, _ qn: Int, inv: Float, excluding: Int,
                       labelCount: Int, into result: UnsafeMutablePointer<Double>, es: UnsafeMutablePointer<Float>) {
        let cslot = centroidSlot, slots = slotCount(labelCount: labelCount)
        do {
            // zeroed in pieces of at most 2 KiB: glibc's memset switches to `rep stosb` above
            // that, which has a start-up cost (and which callgrind counts byte by byte)
            var z = 0
            while z < slots { let c = min(512, slots - z); (es + z).initialize(repeating: 0, count: c); z += c }
            features.withUnsafeBufferPointer { fs in
            postings.withUnsafeBufferPointer { ps in
                for i in 0..<qn {
                    let q = qx[i] * inv
                    let feature = fs[Int(qf[i])]
                    var p = Int(feature.start)
                    let end = Int(feature.end)
                    // two postings a step (every feature has an even count, see `init`)
                    while p < end {
                        let a = ps[p], b = ps[p &+ 1]
                        es[Int(a.slot)] += q * a.weight
                        es[Int(b.slot)] += q * b.weight
                        p &+= 2
                    }
                }
            }}
            if excluding >= 0 && excluding < slotOf.count { es[Int(slotOf[excluding])] = 0 }
            // each label's maximum, eight lanes per step (runs are multiples of 8 slots), as
            // `x > m ? x : m` lane by lane, which is exactly x86's `maxps x, m` (the second
            // operand when equal or unordered): one instruction per four lanes. Sums are never
            // NaN, negative or -0, so this is the plain maximum.
            let raw = UnsafeRawPointer(es)
            labelStart.withUnsafeBufferPointer { ls in
                for l in 0..<labelCount {
                    var a = SIMD4<Float>(repeating: 0), b = a // 0.0, the score of a label no posting reached
                    var s = ls[l] &* 4
                    let e = ls[l + 1] &* 4
                    while s < e {
                        let x = raw.loadUnaligned(fromByteOffset: s, as: SIMD4<Float>.self)
                        let y = raw.loadUnaligned(fromByteOffset: s &+ 16, as: SIMD4<Float>.self)
                        a = a.replacing(with: x, where: x .> a)
                        b = b.replacing(with: y, where: y .> b)
                        s &+= 32
                    }
                    a = a.replacing(with: b, where: b .> a)
                    let near = max(max(a[0], a[1]), max(a[2], a[3]))
                    result[l] = Double(FeatureIndex.nearestWeight * near + FeatureIndex.centroidWeightShare * es[cslot + l])
                }
            }
        }
    }
}
