/// Why a line is not JSON, with the byte offset where reading stopped, so the `bad_json` error a
/// client receives (and a malformed file report) points at the problem instead of just refusing.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    /// Zero-based byte offset into the input.
    public var offset: Int

    public init(_ message: String, at offset: Int) {
        self.message = message
        self.offset = offset
    }

    public var description: String { "\(message) at byte \(offset + 1)" }
}
