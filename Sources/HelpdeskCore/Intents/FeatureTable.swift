/// A read-only hash table from 64-bit feature keys to 32-bit ids, built once: open addressing
/// in one flat array with a multiplicative hash. The classifier looks up dozens of keys per
/// message (n-grams, word hashes, spelling deletions); Swift's `Dictionary` pays for seeded
/// SipHash on each, which this table avoids. Keys are fixed at build time; there is no removal.
struct FeatureTable: Sendable {
    private let keys: [UInt64]
    private let values: [Int32]
    private let mask: Int

    init(_ pairs: [UInt64: Int32]) {
        var capacity = 16
        while capacity < pairs.count * 2 + 1 { capacity <<= 1 }
        var keys = [UInt64](repeating: 0, count: capacity)
        var values = [Int32](repeating: -1, count: capacity)
        let mask = capacity - 1
        for (k, v) in pairs {
            let key = Self.stored(k)
            var i = Self.slot(key, mask)
            while keys[i] != 0 { i = (i + 1) & mask }
            keys[i] = key
            values[i] = v
        }
        self.keys = keys
        self.values = values
        self.mask = mask
    }

    @inline(__always) private static func stored(_ k: UInt64) -> UInt64 { k == 0 ? 1 : k }
    @inline(__always) private static func slot(_ k: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (k &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    @inline(__always) subscript(_ k: UInt64) -> Int32? {
        let key = Self.stored(k)
        return keys.withUnsafeBufferPointer { ks in
            values.withUnsafeBufferPointer { vs in
                var i = Self.slot(key, mask)
                while true {
                    let x = ks[i]
                    if x == key { return vs[i] }
                    if x == 0 { return nil }
                    i = (i + 1) & mask
                }
            }
        }
    }

    /// FNV-1a over bytes: how words and spelling deletions become keys. A collision between two
    /// vocabulary words (odds about 1 in 10^12 for this size) would only merge two features.
    @inline(__always) static func fnv<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
        var h: UInt64 = fnvBasis
        for x in bytes { h = (h ^ UInt64(x)) &* 0x100_0000_01b3 }
        return h
    }

    static let fnvBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    /// FNV-1a continued from `h` over `bytes`: `fnv(a + b) == fnv(b, from: fnv(a))`, so a
    /// bigram's key is computed without building the joined string.
    @inline(__always) static func fnv(_ bytes: UnsafeBufferPointer<UInt8>, from h: UInt64 = fnvBasis) -> UInt64 {
        var h = h
        for x in bytes { h = (h ^ UInt64(x)) &* 0x100_0000_01b3 }
        return h
    }

    /// FNV-1a of a string's UTF-8 bytes (the same value as `fnv(s.utf8)`), read from contiguous storage.
    @inline(__always) static func fnv(_ s: String, from h: UInt64 = fnvBasis) -> UInt64 {
        return s.withUTF8Bytes { fnv($0, from: h) }
    }

    /// One more byte into an FNV-1a hash.
    @inline(__always) static func fnv(byte: UInt8, from h: UInt64) -> UInt64 { (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
}
