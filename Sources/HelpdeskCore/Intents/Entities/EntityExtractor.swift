import Foundation

/// Runs every entity extractor over a message and resolves overlaps (a registration id's
/// digits are not also a phone number; the longer find wins), returning entities in the order
/// they appear. Built once with the programme list from service data; immutable.
public struct EntityExtractor: Sendable {
    // Stored as their concrete types, in the order they run: called directly instead of through
    // an array of existentials (a box projection, a copy and a witness call per extractor per message).
    private let registration = PrefixedIDExtractor.registration
    private let ticket = PrefixedIDExtractor.ticket
    private let email = EmailExtractor()
    private let identity = IdentityNumberExtractor()
    private let phone = PhoneExtractor()
    private let date = DateExtractor()
    private let cohort = CohortExtractor()
    private let program: ProgramExtractor

    public init(programs: [ProgramName] = []) {
        program = ProgramExtractor(programs: programs)
    }

    public func extract(_ text: String, now: Date) -> [Entity] { extract(EntityInput(text), now: now) }

    public func extract(_ input: EntityInput, now: Date) -> [Entity] {
        var taken = [EntityMatch]()
        Self.take(registration.extract(input, now: now), into: &taken)
        Self.take(ticket.extract(input, now: now), into: &taken)
        Self.take(email.extract(input, now: now), into: &taken)
        // identity numbers and phones read the same digit runs: scanned once for both
        if input.hasDigits {
            let runs = DigitRun.scan(input.bytes)
            Self.take(identity.matches(runs, in: input), into: &taken)
            Self.take(phone.matches(runs, in: input), into: &taken)
        }
        Self.take(date.extract(input, now: now), into: &taken)
        Self.take(cohort.extract(input, now: now), into: &taken)
        Self.take(program.extract(input, now: now), into: &taken)
        // Most messages have no entity or one: no sort and no second array for them.
        if taken.isEmpty { return [] }
        if taken.count == 1 { return [taken[0].entity] }
        return taken.sorted { $0.start < $1.start }.map(\.entity)
    }

    /// Keeps each find that overlaps none already taken.
    @inline(__always)
    private static func take(_ found: [EntityMatch], into taken: inout [EntityMatch]) {
        for m in found where !taken.contains(where: { $0.start < m.end && m.start < $0.end }) {
            taken.append(m)
        }
    }
}
