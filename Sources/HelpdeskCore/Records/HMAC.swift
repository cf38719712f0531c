/// HMAC-SHA256 (RFC 2104): a keyed hash, so that a pseudonym cannot be recomputed from a
/// user key by anyone who lacks the secret. Keys longer than a block are hashed first.
public enum HMAC {
    /// A key made ready once: the hash states after its inner and outer padded blocks, so each
    /// message costs two compressions less (the pseudonym of every transcript line uses one).
    public struct Key: Sendable {
        private let inner: SHA256
        private let outer: SHA256

        public init(_ key: [UInt8]) {
            var k = key.count > SHA256.blockSize ? SHA256.hash(key) : key
            k += [UInt8](repeating: 0, count: SHA256.blockSize - k.count)
            var inner = SHA256()
            inner.update(k.map { $0 ^ 0x36 })
            var outer = SHA256()
            outer.update(k.map { $0 ^ 0x5c })
            self.inner = inner
            self.outer = outer
        }

        /// Hands the 32-byte MAC of `message` to `body` without allocating it.
        public func withMAC<R>(_ message: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
            var i = inner
            i.update(message)
            var o = outer
            i.withDigest { o.update($0) }
            return o.withDigest(body)
        }

        public func mac(_ message: [UInt8]) -> [UInt8] {
            message.withUnsafeBufferPointer { withMAC($0) { Array($0) } }
        }
    }

    public static func sha256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        Key(key).mac(message)
    }

    public static func sha256(key: [UInt8], message: String) -> [UInt8] {
        sha256(key: key, message: Array(message.utf8))
    }
}
