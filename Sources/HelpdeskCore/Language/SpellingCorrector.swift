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
    /// The vocabulary words (those of 3+ bytes) as an exact byte table: word i is `words[i]`.
    private let known: WordTable
    /// Word i's bytes are `wordBytes[wordStart[i] ..< wordStart[i + 1]]`.
    private let wordStart: [Int32]
    private let wordBytes: [UInt8]

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
        known = WordTable(sorted)
        var wordStart = [Int32](), wordBytes = [UInt8]()
        for w in sorted { wordStart.append(Int32(wordBytes.count)); wordBytes += w.utf8 }
        wordStart.append(Int32(wordBytes.count))
        self.wordStart = wordStart
        self.wordBytes = wordBytes
    }

    /// Longer "words" are pasted junk, not typos; correcting them would cost O(length²) lookups.
    public static let maxCorrectedLength = 24

    public static func allowedDistance(_ length: Int) -> Int {
        length < 4 || length > maxCorrectedLength ? 0 : (length <= 6 ? 1 : 2)
    }

    /// The closest vocabulary word within the allowed distance, or nil (also for known words).
    public func correct(_ word: String) -> String? {
        return word.withUTF8Bytes { b in
            let maxD = Self.allowedDistance(b.count)
            guard maxD > 0, known.index(b) == nil, b.allSatisfy(TextFolding.isLetter) else { return nil }
            var best: (d: Int, f: Int, h: Int32)?
            var seen = [Int32]()
            wordBytes.withUnsafeBufferPointer { all in
                wordStart.withUnsafeBufferPointer { ws in
                    Self.forEachDeletion(b, upTo: maxD) { key in
                        guard let r = deletes[key] else { return }
                        for p in Int(postingStart[Int(r)])..<Int(postingStart[Int(r) + 1]) where !seen.contains(postings[p]) {
                            let h = postings[p]
                            seen.append(h)
                            let cb = UnsafeBufferPointer(rebasing: all[Int(ws[Int(h)])..<Int(ws[Int(h) + 1])])
                            guard abs(cb.count - b.count) <= maxD, Self.allowedDistance(cb.count) > 0 else { continue }
                            let dist = Self.distance(b, cb)
                            guard dist <= maxD else { continue }
                            let f = frequency[Int(h)]
                            if let cur = best {
                                // words are sorted, so the alphabetically first is the lower index
                                if dist < cur.d || (dist == cur.d && (f > cur.f || (f == cur.f && h < cur.h))) { best = (dist, f, h) }
                            } else {
                                best = (dist, f, h)
                            }
                        }
                    }
                }
            }
            return best.map { words[Int($0.h)] }
        }
    }

    /// Calls `body` with the word and every string made by deleting up to `maxD` (1 or 2) of
    /// its letters, without building a set (a repeated letter may give the same string twice).
    static func forEachDeletion(_ w: [UInt8], upTo maxD: Int, _ body: (UInt64) -> Void) {
        w.withUnsafeBufferPointer { forEachDeletion($0, upTo: maxD, body) }
    }

    /// The same over bytes in place; the deleted forms are built in stack buffers.
    static func forEachDeletion(_ w: UnsafeBufferPointer<UInt8>, upTo maxD: Int, _ body: (UInt64) -> Void) {
        body(FeatureTable.fnv(w))
        guard w.count > 0 else { return }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * w.count) { scratch in
            let buf = scratch.baseAddress!, second = buf + w.count
            for i in 0..<w.count {
                if i > 0, w[i] == w[i - 1] { continue }
                var n = 0
                for k in 0..<w.count where k != i { buf[n] = w[k]; n += 1 }
                body(FeatureTable.fnv(UnsafeBufferPointer(start: buf, count: n)))
                guard maxD >= 2, n > 1 else { continue }
                for j in i..<n {
                    if j > i, buf[j] == buf[j - 1] { continue }
                    var m = 0
                    for k in 0..<n where k != j { second[m] = buf[k]; m += 1 }
                    body(FeatureTable.fnv(UnsafeBufferPointer(start: second, count: m)))
                }
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
        a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in distance(x, y) } }
    }

    /// The same over bytes in place, with the three rows on the stack.
    static func distance(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let n = a.count, m = b.count
        if n == 0 { return m }
        if m == 0 { return n }
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * (m + 1)) { rows in
            var prev2 = rows.baseAddress!, prev = prev2 + (m + 1), cur = prev + (m + 1)
            for j in 0...m { prev2[j] = 0; prev[j] = j; cur[j] = 0 }
            for i in 1...n {
                cur[0] = i
                for j in 1...m {
                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                    var v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                    if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { v = min(v, prev2[j - 2] + 1) }
                    cur[j] = v
                }
                (prev2, prev, cur) = (prev, cur, prev2)
            }
            return prev[m]
        }
    }
}
