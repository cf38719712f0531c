/// The shared secret webhook callers must present (`HELPDESK_WEBHOOK_SECRET`). It exists to
/// keep the comparison in constant time: every byte of the longer of the two values is
/// examined whatever the input, so response timing leaks neither the secret's length prefix
/// nor how many leading bytes a guess got right.
public struct WebhookSecret: Sendable {
    private let expected: [UInt8]

    /// nil or empty means no secret is configured and every request is allowed.
    public init?(_ secret: String?) {
        guard let secret, !secret.isEmpty else { return nil }
        expected = Array(secret.utf8)
    }

    public func matches(_ presented: String?) -> Bool {
        let given = Array((presented ?? "").utf8)
        var diff = UInt8(expected.count == given.count ? 0 : 1)
        let n = max(expected.count, given.count)
        for i in 0..<n {
            let a = i < expected.count ? expected[i] : 0
            let b = i < given.count ? given[i] : 0xFF
            diff |= a ^ b
        }
        return diff == 0 && presented != nil
    }
}
