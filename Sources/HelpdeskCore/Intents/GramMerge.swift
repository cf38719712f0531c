/// Merges sorted runs of packed n-grams (`KnownGrams.pack`) into one sorted list: a message's
/// n-grams come as one pre-sorted run per token, so pairwise merging (about log2(tokens)
/// passes) replaces a quicksort of every key. Merging is stable and compares whole integers,
/// so the result is exactly what sorting the concatenation gives.
enum GramMerge {
    /// `a[0 ..< bounds[count]]` holds `count` sorted runs, run r being `bounds[r] ..< bounds[r + 1]`;
    /// `b` has room for as many keys. Returns the buffer (`a` or `b`) holding the sorted result.
    /// `bounds` is overwritten.
    static func merge(_ a: UnsafeMutablePointer<UInt64>, _ b: UnsafeMutablePointer<UInt64>,
                      bounds: UnsafeMutablePointer<Int>, count: Int) -> UnsafeMutablePointer<UInt64> {
        var src = a, dst = b, runs = count
        while runs > 1 {
            var out = 0
            var r = 0
            while r < runs {
                let s = bounds[r]
                if r + 1 < runs {
                    mergeTwo(src, s, bounds[r + 1], bounds[r + 2], into: dst)
                } else {
                    (dst + s).update(from: src + s, count: bounds[r + 1] - s)
                }
                bounds[out] = s
                out += 1
                r += 2
            }
            bounds[out] = bounds[runs]
            runs = out
            swap(&src, &dst)
        }
        return src
    }

    /// Merges `src[lo ..< mid]` and `src[mid ..< hi]` into `dst[lo ..< hi]` (ties: the left run first).
    @inline(__always) private static func mergeTwo(_ src: UnsafeMutablePointer<UInt64>, _ lo: Int, _ mid: Int, _ hi: Int,
                                                   into dst: UnsafeMutablePointer<UInt64>) {
        var i = lo, j = mid, k = lo
        while i < mid && j < hi {
            let x = src[i], y = src[j]
            let right = y < x
            dst[k] = right ? y : x
            i &+= right ? 0 : 1
            j &+= right ? 1 : 0
            k &+= 1
        }
        if i < mid { (dst + k).update(from: src + i, count: mid - i) }
        if j < hi { (dst + k).update(from: src + j, count: hi - j) }
    }
}
