import Foundation

/// Runs every entity extractor over a message and resolves overlaps (a registration id's
/// digits are not also a phone number; the longer find wins), returning entities in the order
/// they appear. Built once with the programme list from service data; immutable.
public struct EntityExtractor: Sendable {
    private let extractors: [any EntityExtracting]

    public init(programs: [ProgramName] = []) {
        extractors = [
            PrefixedIDExtractor.registration, PrefixedIDExtractor.ticket, EmailExtractor(),
            IdentityNumberExtractor(), PhoneExtractor(), DateExtractor(), CohortExtractor(),
            ProgramExtractor(programs: programs),
        ]
    }

    public func extract(_ text: String, now: Date) -> [Entity] { extract(EntityInput(text), now: now) }

    public func extract(_ input: EntityInput, now: Date) -> [Entity] {
        var taken = [EntityMatch]()
        for x in extractors {
            for m in x.extract(input, now: now) where !taken.contains(where: { $0.start < m.end && m.start < $0.end }) {
                taken.append(m)
            }
        }
        return taken.sorted { $0.start < $1.start }.map(\.entity)
    }
}
