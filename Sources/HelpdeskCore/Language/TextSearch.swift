/// Substring tests on UTF-8 bytes. Foundation's `String.contains(_:)` goes through `NSString`
/// (UTF-16 copies, locale-aware search) and was a large share of each message's cost; the desk's
/// phrases are matched against already lowercased text, where a byte search finds the same
/// phrases. Named `includes` so a call site says which search it means.
extension String {
    func includes(_ needle: String) -> Bool {
        if needle.isEmpty { return true }
        if let found = utf8.withContiguousStorageIfAvailable({ hay in
            needle.utf8.withContiguousStorageIfAvailable { pin in ByteSearch.includes(hay, pin) }
        }), let found {
            return found
        }
        return Array(utf8).withUnsafeBufferPointer { hay in
            Array(needle.utf8).withUnsafeBufferPointer { pin in ByteSearch.includes(hay, pin) }
        }
    }

    /// Calls `body` with the string's UTF-8 bytes, read in place when the string's storage is
    /// contiguous (the usual case: no copy, and none of the retain and release a `var` copy for
    /// `withUTF8` costs), otherwise from a contiguous copy.
    @inlinable @inline(__always)
    public func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return copy.withUTF8(body)
    }
}

/// The byte search behind `String.includes`, for callers that hold bytes already pinned (a
/// message searched for many needles pins it once).
enum ByteSearch {
    static func includes(_ hay: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        needle.withUnsafeBufferPointer { includes(hay, $0) }
    }

    static func includes(_ hay: UnsafeBufferPointer<UInt8>, _ needle: String) -> Bool {
        return needle.withUTF8Bytes { includes(hay, $0) }
    }

    static func includes(_ hay: UnsafeBufferPointer<UInt8>, _ pin: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = hay.count, m = pin.count
        guard m > 0 else { return true }
        guard m <= n else { return false }
        let first = pin[0]
        var i = 0
        while i <= n - m {
            if hay[i] == first {
                var j = 1
                while j < m, hay[i + j] == pin[j] { j += 1 }
                if j == m { return true }
            }
            i += 1
        }
        return false
    }
}

/// The word-at-a-time scan shared by the JSON escaper and the redactor: the index of the first
/// byte of `p[start..<end]` that `matches`, or `end`. Sixteen, then eight bytes are skipped at a
/// time while `hits` of each 8-byte word is 0; `hits` may flag a word with no match (the byte
/// loop then looks), but must flag every word that has one. Inlined into its callers, so the
/// closures cost nothing.
enum ByteScan {
    @inline(__always)
    static func first(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int,
                      hits: (UInt64) -> UInt64, matches: (UInt8) -> Bool) -> Int {
        let raw = UnsafeRawPointer(p)
        var i = start
        while end - i >= 16 {
            let hit = hits(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                | hits(raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
            if hit != 0 { break }
            i += 16
        }
        if end - i >= 8, hits(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) == 0 { i += 8 }
        while i < end {
            if matches(p[i]) { return i }
            i += 1
        }
        return end
    }
}
