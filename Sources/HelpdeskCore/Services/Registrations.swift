/// Looks up registrations by registration number or NIP. Returns the records for the
/// conversation to word; names leave this type only masked. Throttling of failed look-ups
/// (so nobody can enumerate participants) lives in the session, see `LookupThrottle`.
public struct Registrations: Sendable {
    public let data: ServiceData

    public init(data: ServiceData) { self.data = data }

    public func find(registrationID: String?, nip: String?) -> [Participant] {
        if let id = registrationID, let p = data.participantsByID[id] { return [p] }
        if let nip { return data.participantsByNIP[nip] ?? [] }
        return []
    }
}

import Foundation

/// Slows down a conversation that keeps looking up registrations that do not exist: after
/// `limit` failures within `window`, further look-ups are refused (without searching) until
/// the oldest failure leaves the window.
public struct LookupThrottle: Sendable, Equatable {
    public var failures: [Date] = []
    public static let limit = 5
    public static let window: TimeInterval = 10 * 60

    public init() {}

    /// Whole minutes until look-ups are allowed again, or nil when they are allowed now.
    public mutating func waitMinutes(now: Date) -> Int? {
        failures.removeAll { now.timeIntervalSince($0) >= LookupThrottle.window }
        guard failures.count >= LookupThrottle.limit, let oldest = failures.first else { return nil }
        let seconds = LookupThrottle.window - now.timeIntervalSince(oldest)
        return max(1, Int((seconds / 60).rounded(.up)))
    }

    public mutating func recordFailure(now: Date) { failures.append(now) }
}
