import Foundation
import Testing
@testable import HelpdeskCore

/// `ScoringLayout` (examples regrouped into label runs padded to 8, interleaved postings with
/// the centroid weights in the same runs, integer maxima) against the dense reference of `ClassifierFastPathTests`, on
/// synthetic indexes whose labels are interleaved, uneven, or empty.
@Suite struct ScoringLayoutTests {
    /// A bag with the given word keys (weights 1, 2, ...) and no n-grams.
    static func bag(_ keys: [UInt64]) -> FeatureBag {
        var b = FeatureBag(tokens: [], entities: [])
        b.words = keys.enumerated().map { ($0.element, Float($0.offset % 3 + 1)) }
        return b
    }

    /// `count` examples with labels drawn so that runs are interleaved; label 2 gets none.
    static func index(count: Int, seed: UInt64) -> (FeatureIndex, [FeatureBag]) {
        var rng = SplitMix(seed: seed)
        var bags = [FeatureBag](), labels = [Int32]()
        for _ in 0..<count {
            let n = Int(rng.next() % 6) + 1
            bags.append(bag((0..<n).map { _ in rng.next() % 40 + 1 }))
            var l = Int32(rng.next() % 4)
            if l == 2 { l = 3 }
            labels.append(l)
        }
        return (FeatureIndex(bags: bags, labels: labels, labelCount: 5), bags)
    }

    @Test(arguments: [(1, 1), (7, 2), (8, 3), (9, 4), (23, 5), (90, 6)])
    func layoutScoresEqualTheReference(count: Int, seed: UInt64) {
        let (ix, bags) = Self.index(count: count, seed: seed)
        // every label run starts on a multiple of 8 and holds exactly that label's examples
        let ls = ix.layout.labelStart
        #expect(ls.allSatisfy { $0 % 8 == 0 })
        for (e, l) in ix.exampleLabel.enumerated() {
            let s = Int(ix.layout.slotOf[e])
            #expect(s >= ls[Int(l)] && s < ls[Int(l) + 1])
        }
        #expect(Set(ix.layout.slotOf).count == count)
        #expect(ix.layout.features.map(\.idf) == ix.idf)
        var rng = SplitMix(seed: seed &+ 100)
        var queries = bags.prefix(5).map { $0 }
        for _ in 0..<5 { queries.append(Self.bag((0..<Int(rng.next() % 8 + 1)).map { _ in rng.next() % 50 + 1 })) }
        queries.append(Self.bag([999])) // only an unseen feature: all zero
        for q in queries {
            #expect(ix.score(q) == ClassifierFastPathTests.referenceScore(ix, q))
            for excluded in [0, count / 2, count - 1] {
                #expect(ix.score(q, excluding: excluded) == ClassifierFastPathTests.referenceScore(ix, q, excluding: excluded))
            }
        }
    }

    @Test func integerMaximumOrdersNonNegativeFloatsAsFloats() {
        let values: [Float] = [0, .leastNonzeroMagnitude, .leastNormalMagnitude, 1e-30, 0.1, 0.5, 0.99999994, 1, 1.0000001, 3, .greatestFiniteMagnitude]
        for a in values {
            for b in values {
                let ia = Int32(bitPattern: a.bitPattern), ib = Int32(bitPattern: b.bitPattern)
                #expect((ia < ib) == (a < b))
                #expect(Float(bitPattern: UInt32(bitPattern: max(ia, ib))) == max(a, b))
            }
        }
    }
}
