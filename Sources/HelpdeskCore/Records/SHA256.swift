import CSHA256

/// SHA-256 (FIPS 180-4), written here because the helpdesk takes no dependencies and Foundation
/// on Linux offers no hash. It chains transcript and journal lines (`prev`) and keys pseudonyms
/// (through `HMAC`). Incremental: feed bytes with `update`, then take `finalize()` once.
/// The state and the partial block are inline values, so hashing allocates nothing (it runs
/// once per transcript line). Whole blocks go to the x86 SHA extensions (`CSHA256`, ~10x
/// cheaper a block) when the CPU has them, else to the portable Swift block function
/// (`SHA256Block.swift`), which is also the reference the tests compare the hardware with.
/// `HELPDESK_SHA256=portable` in the environment forces the Swift path (`SHA256Path`).
public struct SHA256: Sendable {
    public static let digestSize = 32
    public static let blockSize = 64

    private var h: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
        (0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)
    /// The bytes of an incomplete block (the first `buffered` of these 64), held inline so that
    /// a hasher allocates nothing.
    private var buffer: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    private var buffered = 0
    private var length: UInt64 = 0
    /// Whether whole blocks go to the SHA-NI block function (fixed at `init`).
    private let hardware: Bool

    public init() { hardware = SHA256Path.hardware }

    /// A hasher on the chosen path: `hardware: true` takes the SHA extensions when the CPU has
    /// them (else the Swift path), `false` always the Swift path. For tests that compare them.
    init(hardware: Bool) { self.hardware = hardware && SHA256Path.available }

    public mutating func update(_ text: String) {
        var t = text
        t.withUTF8 { buf in self.update(buf) }
    }

    public mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        length &+= UInt64(bytes.count)
        var i = 0
        let n = bytes.count
        if buffered > 0 {
            let take = min(SHA256.blockSize - buffered, n)
            let filled = buffered
            withUnsafeMutableBytes(of: &buffer) { $0.baseAddress!.advanced(by: filled).copyMemory(from: base, byteCount: take) }
            buffered += take
            i = take
            if buffered == SHA256.blockSize {
                let block = buffer
                withUnsafeBytes(of: block) { blocks($0.baseAddress!.assumingMemoryBound(to: UInt8.self), 1) }
                buffered = 0
            }
        }
        let whole = (n - i) / SHA256.blockSize
        if whole > 0 {
            blocks(base + i, whole)
            i += whole * SHA256.blockSize
        }
        if i < n {
            withUnsafeMutableBytes(of: &buffer) { $0.baseAddress!.copyMemory(from: base + i, byteCount: n - i) }
            buffered = n - i
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
        let pending = buffered
        let tailCount = pending < 56 ? SHA256.blockSize : 2 * SHA256.blockSize
        var tail: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                   UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        buffered = 0
        return withUnsafeMutableBytes(of: &tail) { raw in
            let p = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
            withUnsafeBytes(of: buffer) { UnsafeMutableRawPointer(p).copyMemory(from: $0.baseAddress!, byteCount: pending) }
            p[pending] = 0x80
            raw.storeBytes(of: bitLength.bigEndian, toByteOffset: tailCount - 8, as: UInt64.self)
            blocks(UnsafePointer(p), tailCount / SHA256.blockSize)
            let words = (h.0.bigEndian, h.1.bigEndian, h.2.bigEndian, h.3.bigEndian,
                         h.4.bigEndian, h.5.bigEndian, h.6.bigEndian, h.7.bigEndian)
            raw.storeBytes(of: words, as: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32).self)
            return body(UnsafeBufferPointer(start: p, count: SHA256.digestSize))
        }
    }

    /// Mixes `count` whole blocks at `data` into the state, on this hasher's path.
    @inline(__always) private mutating func blocks(_ data: UnsafePointer<UInt8>, _ count: Int) {
        if hardware {
            withUnsafeMutablePointer(to: &h) {
                $0.withMemoryRebound(to: UInt32.self, capacity: 8) { helpdesk_sha256_x86_blocks($0, data, count) }
            }
        } else {
            for k in 0..<count { SHA256.compress(&h, data + k * SHA256.blockSize) }
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
}
