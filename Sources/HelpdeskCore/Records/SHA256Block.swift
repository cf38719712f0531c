/// The SHA-256 block function (FIPS 180-4, 6.2.2), unrolled: the 64 rounds are written out
/// with the eight working variables renamed instead of shifted, the round constants are
/// immediates, and the message schedule is a rolling window of 16 words in locals. So the
/// compiler emits straight-line code with no array, bounds check or memory traffic for the
/// state (the rolled loop it replaces cost ~1.7x the instructions per block).
/// Generated; keep the round order if editing.
extension SHA256 {
    /// Mixes the 64-byte block at `block` into `state`.
    static func compress(_ state: inout (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32),
                         _ block: UnsafePointer<UInt8>) {
        let raw = UnsafeRawPointer(block)
        var w0 = word(raw, 0)
        var w1 = word(raw, 1)
        var w2 = word(raw, 2)
        var w3 = word(raw, 3)
        var w4 = word(raw, 4)
        var w5 = word(raw, 5)
        var w6 = word(raw, 6)
        var w7 = word(raw, 7)
        var w8 = word(raw, 8)
        var w9 = word(raw, 9)
        var w10 = word(raw, 10)
        var w11 = word(raw, 11)
        var w12 = word(raw, 12)
        var w13 = word(raw, 13)
        var w14 = word(raw, 14)
        var w15 = word(raw, 15)
        var (a, b, c, d, e, f, g, h) = state
        var bc = b ^ c
        r(a, b, &d, e, f, g, &h, &bc, 0x428a2f98 &+ w0)
        r(h, a, &c, d, e, f, &g, &bc, 0x71374491 &+ w1)
        r(g, h, &b, c, d, e, &f, &bc, 0xb5c0fbcf &+ w2)
        r(f, g, &a, b, c, d, &e, &bc, 0xe9b5dba5 &+ w3)
        r(e, f, &h, a, b, c, &d, &bc, 0x3956c25b &+ w4)
        r(d, e, &g, h, a, b, &c, &bc, 0x59f111f1 &+ w5)
        r(c, d, &f, g, h, a, &b, &bc, 0x923f82a4 &+ w6)
        r(b, c, &e, f, g, h, &a, &bc, 0xab1c5ed5 &+ w7)
        r(a, b, &d, e, f, g, &h, &bc, 0xd807aa98 &+ w8)
        r(h, a, &c, d, e, f, &g, &bc, 0x12835b01 &+ w9)
        r(g, h, &b, c, d, e, &f, &bc, 0x243185be &+ w10)
        r(f, g, &a, b, c, d, &e, &bc, 0x550c7dc3 &+ w11)
        r(e, f, &h, a, b, c, &d, &bc, 0x72be5d74 &+ w12)
        r(d, e, &g, h, a, b, &c, &bc, 0x80deb1fe &+ w13)
        r(c, d, &f, g, h, a, &b, &bc, 0x9bdc06a7 &+ w14)
        r(b, c, &e, f, g, h, &a, &bc, 0xc19bf174 &+ w15)
        s(&w0, w14, w9, w1); r(a, b, &d, e, f, g, &h, &bc, 0xe49b69c1 &+ w0)
        s(&w1, w15, w10, w2); r(h, a, &c, d, e, f, &g, &bc, 0xefbe4786 &+ w1)
        s(&w2, w0, w11, w3); r(g, h, &b, c, d, e, &f, &bc, 0x0fc19dc6 &+ w2)
        s(&w3, w1, w12, w4); r(f, g, &a, b, c, d, &e, &bc, 0x240ca1cc &+ w3)
        s(&w4, w2, w13, w5); r(e, f, &h, a, b, c, &d, &bc, 0x2de92c6f &+ w4)
        s(&w5, w3, w14, w6); r(d, e, &g, h, a, b, &c, &bc, 0x4a7484aa &+ w5)
        s(&w6, w4, w15, w7); r(c, d, &f, g, h, a, &b, &bc, 0x5cb0a9dc &+ w6)
        s(&w7, w5, w0, w8); r(b, c, &e, f, g, h, &a, &bc, 0x76f988da &+ w7)
        s(&w8, w6, w1, w9); r(a, b, &d, e, f, g, &h, &bc, 0x983e5152 &+ w8)
        s(&w9, w7, w2, w10); r(h, a, &c, d, e, f, &g, &bc, 0xa831c66d &+ w9)
        s(&w10, w8, w3, w11); r(g, h, &b, c, d, e, &f, &bc, 0xb00327c8 &+ w10)
        s(&w11, w9, w4, w12); r(f, g, &a, b, c, d, &e, &bc, 0xbf597fc7 &+ w11)
        s(&w12, w10, w5, w13); r(e, f, &h, a, b, c, &d, &bc, 0xc6e00bf3 &+ w12)
        s(&w13, w11, w6, w14); r(d, e, &g, h, a, b, &c, &bc, 0xd5a79147 &+ w13)
        s(&w14, w12, w7, w15); r(c, d, &f, g, h, a, &b, &bc, 0x06ca6351 &+ w14)
        s(&w15, w13, w8, w0); r(b, c, &e, f, g, h, &a, &bc, 0x14292967 &+ w15)
        s(&w0, w14, w9, w1); r(a, b, &d, e, f, g, &h, &bc, 0x27b70a85 &+ w0)
        s(&w1, w15, w10, w2); r(h, a, &c, d, e, f, &g, &bc, 0x2e1b2138 &+ w1)
        s(&w2, w0, w11, w3); r(g, h, &b, c, d, e, &f, &bc, 0x4d2c6dfc &+ w2)
        s(&w3, w1, w12, w4); r(f, g, &a, b, c, d, &e, &bc, 0x53380d13 &+ w3)
        s(&w4, w2, w13, w5); r(e, f, &h, a, b, c, &d, &bc, 0x650a7354 &+ w4)
        s(&w5, w3, w14, w6); r(d, e, &g, h, a, b, &c, &bc, 0x766a0abb &+ w5)
        s(&w6, w4, w15, w7); r(c, d, &f, g, h, a, &b, &bc, 0x81c2c92e &+ w6)
        s(&w7, w5, w0, w8); r(b, c, &e, f, g, h, &a, &bc, 0x92722c85 &+ w7)
        s(&w8, w6, w1, w9); r(a, b, &d, e, f, g, &h, &bc, 0xa2bfe8a1 &+ w8)
        s(&w9, w7, w2, w10); r(h, a, &c, d, e, f, &g, &bc, 0xa81a664b &+ w9)
        s(&w10, w8, w3, w11); r(g, h, &b, c, d, e, &f, &bc, 0xc24b8b70 &+ w10)
        s(&w11, w9, w4, w12); r(f, g, &a, b, c, d, &e, &bc, 0xc76c51a3 &+ w11)
        s(&w12, w10, w5, w13); r(e, f, &h, a, b, c, &d, &bc, 0xd192e819 &+ w12)
        s(&w13, w11, w6, w14); r(d, e, &g, h, a, b, &c, &bc, 0xd6990624 &+ w13)
        s(&w14, w12, w7, w15); r(c, d, &f, g, h, a, &b, &bc, 0xf40e3585 &+ w14)
        s(&w15, w13, w8, w0); r(b, c, &e, f, g, h, &a, &bc, 0x106aa070 &+ w15)
        s(&w0, w14, w9, w1); r(a, b, &d, e, f, g, &h, &bc, 0x19a4c116 &+ w0)
        s(&w1, w15, w10, w2); r(h, a, &c, d, e, f, &g, &bc, 0x1e376c08 &+ w1)
        s(&w2, w0, w11, w3); r(g, h, &b, c, d, e, &f, &bc, 0x2748774c &+ w2)
        s(&w3, w1, w12, w4); r(f, g, &a, b, c, d, &e, &bc, 0x34b0bcb5 &+ w3)
        s(&w4, w2, w13, w5); r(e, f, &h, a, b, c, &d, &bc, 0x391c0cb3 &+ w4)
        s(&w5, w3, w14, w6); r(d, e, &g, h, a, b, &c, &bc, 0x4ed8aa4a &+ w5)
        s(&w6, w4, w15, w7); r(c, d, &f, g, h, a, &b, &bc, 0x5b9cca4f &+ w6)
        s(&w7, w5, w0, w8); r(b, c, &e, f, g, h, &a, &bc, 0x682e6ff3 &+ w7)
        s(&w8, w6, w1, w9); r(a, b, &d, e, f, g, &h, &bc, 0x748f82ee &+ w8)
        s(&w9, w7, w2, w10); r(h, a, &c, d, e, f, &g, &bc, 0x78a5636f &+ w9)
        s(&w10, w8, w3, w11); r(g, h, &b, c, d, e, &f, &bc, 0x84c87814 &+ w10)
        s(&w11, w9, w4, w12); r(f, g, &a, b, c, d, &e, &bc, 0x8cc70208 &+ w11)
        s(&w12, w10, w5, w13); r(e, f, &h, a, b, c, &d, &bc, 0x90befffa &+ w12)
        s(&w13, w11, w6, w14); r(d, e, &g, h, a, b, &c, &bc, 0xa4506ceb &+ w13)
        s(&w14, w12, w7, w15); r(c, d, &f, g, h, a, &b, &bc, 0xbef9a3f7 &+ w14)
        s(&w15, w13, w8, w0); r(b, c, &e, f, g, h, &a, &bc, 0xc67178f2 &+ w15)
        state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d,
                 state.4 &+ e, state.5 &+ f, state.6 &+ g, state.7 &+ h)
    }

    /// Big-endian word `i` of the block.
    @inline(__always) private static func word(_ raw: UnsafeRawPointer, _ i: Int) -> UInt32 {
        UInt32(bigEndian: raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))
    }

    /// One round: `d += T1`, `h = T1 + T2` (the caller renames the variables for the next round).
    /// Maj(a, b, c) is `((a ^ b) & (b ^ c)) ^ b`, and this round's `a ^ b` is the next round's
    /// `b ^ c`, carried in `bc`.
    @inline(__always) private static func r(_ a: UInt32, _ b: UInt32, _ d: inout UInt32, _ e: UInt32, _ f: UInt32,
                                            _ g: UInt32, _ h: inout UInt32, _ bc: inout UInt32, _ kw: UInt32) {
        let t1 = h &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ (g ^ (e & (f ^ g))) &+ kw
        let ab = a ^ b
        d = d &+ t1
        h = t1 &+ (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((ab & bc) ^ b)
        bc = ab
    }

    /// The schedule step in place: `w[t] = σ1(w[t-2]) + w[t-7] + σ0(w[t-15]) + w[t-16]`.
    @inline(__always) private static func s(_ w16: inout UInt32, _ w2: UInt32, _ w7: UInt32, _ w15: UInt32) {
        w16 = w16 &+ (rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >> 10)) &+ w7 &+ (rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >> 3))
    }

    @inline(__always) private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 &- n)) }
}
