import Glibc

/// A failed system call, named with its errno text: what `helpdesk serve` prints when it cannot
/// listen (`bind 127.0.0.1:7000: Address already in use`).
public struct SocketError: Error, Sendable, CustomStringConvertible {
    public var call: String
    public var code: Int32

    public init(_ call: String, code: Int32 = errno) {
        self.call = call
        self.code = code
    }

    public var description: String { "\(call): \(String(cString: strerror(code)))" }
}
