import Foundation

/// Turns a user key (`tg:5512`, a telnet peer) into a stable pseudonym for transcripts: `u_`
/// and the first 16 hex digits of HMAC-SHA256(secret, key). Stable across days and restarts
/// (the secret persists), not reversible and not recomputable without the secret, so records
/// can be joined per user without holding who the user is.
public struct Pseudonym: Sendable {
    public let key: [UInt8]
    private let mac: HMAC.Key

    public init(key: [UInt8]) {
        self.key = key
        self.mac = HMAC.Key(key)
    }

    public func of(_ user: String) -> String {
        return user.withUTF8Bytes { bytes in
            mac.withMAC(bytes) { "u_" + Hex.encode(UnsafeBufferPointer(rebasing: $0.prefix(8))) }
        }
    }

    /// The key from `HELPDESK_PSEUDONYM_KEY` (hex, or else its UTF-8 bytes) if set; otherwise
    /// from `DIR/.pseudonym-key`, created with 32 random bytes and mode 0600 on first use.
    public static func load(directory: URL, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Pseudonym {
        if let text = environment["HELPDESK_PSEUDONYM_KEY"], !text.isEmpty {
            return Pseudonym(key: Hex.decode(text) ?? Array(text.utf8))
        }
        let file = directory.appendingPathComponent(".pseudonym-key")
        let fm = FileManager.default
        if let data = fm.contents(atPath: file.path) {
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard let key = Hex.decode(text), key.count >= 16 else {
                throw RecordsError("\(file.path):1: pseudonym key must be at least 32 hex digits")
            }
            return Pseudonym(key: key)
        }
        try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        var rng = SystemRandomNumberGenerator()
        let key = (0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let created = fm.createFile(atPath: file.path, contents: Data((Hex.encode(key) + "\n").utf8),
                                    attributes: [.posixPermissions: 0o600])
        guard created else { throw RecordsError("\(file.path): cannot create the pseudonym key") }
        return Pseudonym(key: key)
    }
}

/// A failure reading or writing records, with a message that names the file (and line).
public struct RecordsError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
