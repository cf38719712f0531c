/// Typo tolerance against the catalog's own vocabulary (never a general dictionary): a word of
/// 4–6 letters may be one edit away (Damerau–Levenshtein: insert, delete, substitute, swap two
/// neighbours), a longer word two; words of three letters or fewer are never corrected. Lookup is
/// SymSpell-style: every vocabulary word's deletions are indexed at build time, so a query
/// costs a few hash lookups plus a handful of exact distance checks. Ties go to the more frequent
/// word, then the alphabetically first, so results are deterministic.
public struct SpellingCorrector: Sendable {
    /// Deletion hash → a range of `postings` (the vocabulary words with that deletion).
    private let deletes: FeatureTable
    private let postingStart: [Int32]
    private let postings: [Int32]
    private let words: [String]
    private let frequency: [Int]
    private let known: Set<String>

    /// `vocabulary` maps each correct word to how often the catalog uses it.
    public init(vocabulary: [String: Int]) {
        let sorted = vocabulary.keys.filter { $0.utf8.count >= 3 }.sorted()
        var index = [UInt64: [Int32]]()
        for (i, w) in sorted.enumerated() {
            let maxD = w.utf8.count >= 6 ? 2 : 1
            for d in Self.deletions(Array(w.utf8), upTo: maxD) {
                index[Self.fnv(d[...]), default: []].append(Int32(i))
            }
        }
        var ranges = [UInt64: Int32]()
        var starts = [Int32](), flat = [Int32]()
        for (k, list) in index {
            ranges[k] = Int32(starts.count)
            starts.append(Int32(flat.count))
            flat += list
        }
        starts.append(Int32(flat.count))
        deletes = FeatureTable(ranges)
        postingStart = starts
        postings = flat
        words = sorted
        frequency = sorted.map { vocabulary[$0] ?? 0 }
        known = Set(sorted)
    }

    /// Longer "words" are pasted junk, not typos; correcting them would cost O(length²) lookups.
    public static let maxCorrectedLength = 24

    public static func allowedDistance(_ length: Int) -> Int {
        length < 4 || length > maxCorrectedLength ? 0 : (length <= 6 ? 1 : 2)
    }

    /// The closest vocabulary word within the allowed distance, or nil (also for known words).
    public func correct(_ word: String) -> String? {
        let b = Array(word.utf8)
        let maxD = Self.allowedDistance(b.count)
        guard maxD > 0, !known.contains(word), b.allSatisfy(TextFolding.isLetter) else { return nil }
        var best: (d: Int, f: Int, w: String)?
        var seen = [Int32]()
        Self.forEachDeletion(b, upTo: maxD) { key in
            guard let r = deletes[key] else { return }
            for p in Int(postingStart[Int(r)])..<Int(postingStart[Int(r) + 1]) where !seen.contains(postings[p]) {
                let h = postings[p]
                seen.append(h)
                let cand = words[Int(h)]
                let cb = Array(cand.utf8)
                guard abs(cb.count - b.count) <= maxD, Self.allowedDistance(cb.count) > 0 else { continue }
                let dist = Self.distance(b, cb)
                guard dist <= maxD else { continue }
                let f = frequency[Int(h)]
                if let cur = best {
                    if dist < cur.d || (dist == cur.d && (f > cur.f || (f == cur.f && cand < cur.w))) { best = (dist, f, cand) }
                } else {
                    best = (dist, f, cand)
                }
            }
        }
        return best?.w
    }

    /// Calls `body` with the word and every string made by deleting up to `maxD` (1 or 2) of
    /// its letters, without building a set (a repeated letter may give the same string twice).
    static func forEachDeletion(_ w: [UInt8], upTo maxD: Int, _ body: (UInt64) -> Void) {
        body(fnv(w[...]))
        var buf = [UInt8]()
        buf.reserveCapacity(w.count)
        for i in 0..<w.count {
            if i > 0, w[i] == w[i - 1] { continue }
            buf.removeAll(keepingCapacity: true)
            buf.append(contentsOf: w[0..<i]); buf.append(contentsOf: w[(i + 1)...])
            body(fnv(buf[...]))
            guard maxD >= 2, buf.count > 1 else { continue }
            var second = [UInt8]()
            second.reserveCapacity(buf.count)
            for j in i..<buf.count {
                if j > i, buf[j] == buf[j - 1] { continue }
                second.removeAll(keepingCapacity: true)
                second.append(contentsOf: buf[0..<j]); second.append(contentsOf: buf[(j + 1)...])
                body(fnv(second[...]))
            }
        }
    }

    /// A deletion's index key; a hash collision only costs one extra distance check.
    @inline(__always) static func fnv(_ b: ArraySlice<UInt8>) -> UInt64 { FeatureTable.fnv(b) }

    /// The word itself and every string made by deleting up to `maxD` of its letters.
    static func deletions(_ w: [UInt8], upTo maxD: Int) -> Set<[UInt8]> {
        var result: Set<[UInt8]> = [w]
        var frontier: Set<[UInt8]> = [w]
        for _ in 0..<maxD {
            var next = Set<[UInt8]>()
            for s in frontier where s.count > 1 {
                for k in 0..<s.count {
                    var t = s
                    t.remove(at: k)
                    if result.insert(t).inserted { next.insert(t) }
                }
            }
            frontier = next
        }
        return result
    }

    /// Optimal-string-alignment Damerau–Levenshtein distance.
    public static func distance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        let n = a.count, m = b.count
        if n == 0 { return m }
        if m == 0 { return n }
        var prev2 = [Int](repeating: 0, count: m + 1)
        var prev = Array(0...m)
        var cur = [Int](repeating: 0, count: m + 1)
        for i in 1...n {
            cur[0] = i
            for j in 1...m {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { v = min(v, prev2[j - 2] + 1) }
                cur[j] = v
            }
            swap(&prev2, &prev)
            swap(&prev, &cur)
        }
        return prev[m]
    }
}
