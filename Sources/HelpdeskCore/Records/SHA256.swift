/// SHA-256 (FIPS 180-4), written here because the helpdesk takes no dependencies and Foundation
/// on Linux offers no hash. It chains transcript and journal lines (`prev`) and keys pseudonyms
/// (through `HMAC`). Incremental: feed bytes with `update`, then take `finalize()` once.
/// The block function works on raw pointers with the message schedule on the stack, so hashing
/// allocates nothing per block (it runs once per transcript line on the flush path).
public struct SHA256: Sendable {
    public static let digestSize = 32
    public static let blockSize = 64

    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    private var h: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
        (0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)
    /// The bytes of an incomplete block (fewer than 64).
    private var buffer: [UInt8] = []
    private var length: UInt64 = 0

    public init() {}

    public mutating func update(_ text: String) {
        var t = text
        t.withUTF8 { buf in self.update(buf) }
    }

    public mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        length &+= UInt64(bytes.count)
        var i = 0
        let n = bytes.count
        if !buffer.isEmpty {
            let take = min(SHA256.blockSize - buffer.count, n)
            buffer.append(contentsOf: UnsafeBufferPointer(start: base, count: take))
            i = take
            if buffer.count == SHA256.blockSize {
                buffer.withUnsafeBufferPointer { compress($0.baseAddress!) }
                buffer.removeAll(keepingCapacity: true)
            }
        }
        while n - i >= SHA256.blockSize {
            compress(base + i)
            i += SHA256.blockSize
        }
        if i < n {
            if buffer.capacity < SHA256.blockSize { buffer.reserveCapacity(SHA256.blockSize) }
            buffer.append(contentsOf: UnsafeBufferPointer(start: base + i, count: n - i))
        }
    }

    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { update($0) }
    }

    /// The 32-byte digest. The hasher should not be used afterwards.
    public mutating func finalize() -> [UInt8] {
        withDigest { Array($0) }
    }

    /// Finishes the hash and hands the 32 digest bytes to `body` without allocating them.
    public mutating func withDigest<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let bitLength = length &* 8
        let tailCount = buffer.count < 56 ? SHA256.blockSize : 2 * SHA256.blockSize
        let pending = buffer
        buffer.removeAll()
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * SHA256.blockSize) { tail in
            let p = tail.baseAddress!
            p.initialize(repeating: 0, count: 2 * SHA256.blockSize)
            for (j, b) in pending.enumerated() { p[j] = b }
            p[pending.count] = 0x80
            for j in 0..<8 { p[tailCount - 1 - j] = UInt8(truncatingIfNeeded: bitLength >> UInt64(8 * j)) }
            compress(UnsafePointer(p))
            if tailCount > SHA256.blockSize { compress(UnsafePointer(p + SHA256.blockSize)) }
            let words = [h.0, h.1, h.2, h.3, h.4, h.5, h.6, h.7]
            for (j, word) in words.enumerated() {
                p[4 * j] = UInt8(truncatingIfNeeded: word >> 24)
                p[4 * j + 1] = UInt8(truncatingIfNeeded: word >> 16)
                p[4 * j + 2] = UInt8(truncatingIfNeeded: word >> 8)
                p[4 * j + 3] = UInt8(truncatingIfNeeded: word)
            }
            return body(UnsafeBufferPointer(start: p, count: SHA256.digestSize))
        }
    }

    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var s = SHA256(); s.update(bytes); return s.finalize()
    }

    public static func hash(_ text: String) -> [UInt8] {
        var s = SHA256(); s.update(text); return s.finalize()
    }

    /// Lower-case hex of the digest of `text`'s UTF-8 bytes.
    public static func hex(_ text: String) -> String {
        var s = SHA256()
        s.update(text)
        return s.withDigest { Hex.encode($0) }
    }

    /// One 64-byte block at `block`: the schedule lives in a stack buffer, the round constants
    /// are read through a pointer, and the rounds run on locals.
    private mutating func compress(_ block: UnsafePointer<UInt8>) {
        var (a, b, c, d, e, f, g, hh) = h
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { wb in
            let w = wb.baseAddress!
            for t in 0..<16 {
                let j = 4 * t
                w[t] = UInt32(block[j]) << 24 | UInt32(block[j + 1]) << 16 | UInt32(block[j + 2]) << 8 | UInt32(block[j + 3])
            }
            for t in 16..<64 {
                let x = w[t - 15], y = w[t - 2]
                let s0 = SHA256.rotr(x, 7) ^ SHA256.rotr(x, 18) ^ (x >> 3)
                let s1 = SHA256.rotr(y, 17) ^ SHA256.rotr(y, 19) ^ (y >> 10)
                w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
            }
            SHA256.k.withUnsafeBufferPointer { kb in
                let k = kb.baseAddress!
                for t in 0..<64 {
                    let s1 = SHA256.rotr(e, 6) ^ SHA256.rotr(e, 11) ^ SHA256.rotr(e, 25)
                    let ch = g ^ (e & (f ^ g))                 // (e & f) ^ (~e & g)
                    let t1 = hh &+ s1 &+ ch &+ k[t] &+ w[t]
                    let s0 = SHA256.rotr(a, 2) ^ SHA256.rotr(a, 13) ^ SHA256.rotr(a, 22)
                    let maj = (a & b) | (c & (a | b))          // (a & b) ^ (a & c) ^ (b & c)
                    let t2 = s0 &+ maj
                    hh = g; g = f; f = e; e = d &+ t1
                    d = c; c = b; b = a; a = t1 &+ t2
                }
            }
        }
        h = (h.0 &+ a, h.1 &+ b, h.2 &+ c, h.3 &+ d, h.4 &+ e, h.5 &+ f, h.6 &+ g, h.7 &+ hh)
    }

    @inline(__always) private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 &- n)) }
}
