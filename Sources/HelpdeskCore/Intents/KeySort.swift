/// Sorting of feature keys in place: a message's character n-grams (a few dozen to a few
/// hundred `UInt64`s) are sorted on every classification. The standard library's generic
/// sort goes through its stable merge machinery and a comparison closure; this is a plain
/// quicksort (median of three, insertion sort for short ranges) on the raw integers. Keys
/// are compared as integers only, so the order is the same as `sort()`'s.
enum KeySort {
    static func sort(_ a: UnsafeMutableBufferPointer<UInt64>) {
        guard let base = a.baseAddress, a.count > 1 else { return }
        quicksort(base, 0, a.count - 1)
    }

    private static func quicksort(_ a: UnsafeMutablePointer<UInt64>, _ lo: Int, _ hi: Int) {
        var lo = lo, hi = hi
        while hi - lo > 16 {
            // median of three as the pivot
            let mid = lo + (hi - lo) / 2
            if a[mid] < a[lo] { a.swapAt(mid, lo) }
            if a[hi] < a[lo] { a.swapAt(hi, lo) }
            if a[hi] < a[mid] { a.swapAt(hi, mid) }
            let pivot = a[mid]
            var i = lo, j = hi
            while i <= j {
                while a[i] < pivot { i += 1 }
                while pivot < a[j] { j -= 1 }
                if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
            }
            // recurse into the smaller side, loop on the larger (stack depth O(log n))
            if j - lo < hi - i {
                quicksort(a, lo, j); lo = i
            } else {
                quicksort(a, i, hi); hi = j
            }
        }
        insertion(a, lo, hi)
    }

    @inline(__always) private static func insertion(_ a: UnsafeMutablePointer<UInt64>, _ lo: Int, _ hi: Int) {
        guard hi > lo else { return }
        for i in (lo + 1)...hi {
            let x = a[i]
            var j = i - 1
            while j >= lo, a[j] > x { a[j + 1] = a[j]; j -= 1 }
            a[j + 1] = x
        }
    }
}

extension UnsafeMutablePointer where Pointee == UInt64 {
    @inline(__always) fileprivate func swapAt(_ i: Int, _ j: Int) {
        let t = self[i]; self[i] = self[j]; self[j] = t
    }
}
