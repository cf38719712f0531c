import Foundation
import HelpdeskCore

/// The shared secret that turns a connection into a supervisor's. It comes from the file named by
/// `--supervisor-token-file` (first line, surrounding spaces trimmed) or else from
/// `HELPDESK_SUPERVISOR_TOKEN`; with neither, nobody can log in. Only a SHA-256 digest is kept,
/// and a candidate is compared digest to digest in constant time, so neither the token's length
/// nor how much of it a guess got right shows in the time an answer takes.
public struct SupervisorToken: Sendable {
    /// The token file could not be used; start-up stops with this message.
    public struct LoadError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    private let digest: [UInt8]?

    /// No token: every login is refused.
    public static let none = SupervisorToken(digest: nil)

    private init(digest: [UInt8]?) {
        self.digest = digest
    }

    /// A token given directly (tests, the environment variable); empty means none.
    public init(_ token: String?) {
        if let token, !token.isEmpty { digest = SHA256.hash(token) } else { digest = nil }
    }

    /// The token from the configuration's file, else its direct token, else none.
    public static func load(_ configuration: ServerConfiguration) throws(LoadError) -> SupervisorToken {
        guard let path = configuration.supervisorTokenFile, !path.isEmpty else {
            return SupervisorToken(configuration.supervisorToken)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LoadError(description: "\(path): cannot read the supervisor token file")
        }
        let text = String(decoding: data, as: UTF8.self)
        let first = text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let token = first.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw LoadError(description: "\(path):1: the supervisor token file is empty") }
        return SupervisorToken(token)
    }

    public var isConfigured: Bool { digest != nil }

    /// Whether `candidate` is the token; always false when none is configured.
    public func matches(_ candidate: String) -> Bool {
        guard let digest else { return false }
        let other = SHA256.hash(candidate)
        var difference: UInt8 = 0
        for i in 0..<SHA256.digestSize { difference |= digest[i] ^ other[i] }
        return difference == 0
    }
}
