/// What an entity extractor found in a message: a kind, the canonical value (digits only for
/// identity numbers, `YYYY-MM-DD` for dates, an integer for cohorts) and the surface text.
public struct Entity: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case registrationID = "registration_id"
        case nip
        case nik
        case ticket
        case cohort
        case program
        case date
        case month
        case phone
        case email
    }

    public var kind: Kind
    public var value: String
    public var text: String

    public init(kind: Kind, value: String, text: String) {
        self.kind = kind
        self.value = value
        self.text = text
    }
}

extension Array where Element == Entity {
    /// The value of the first entity of `kind`, if any.
    public func first(_ kind: Entity.Kind) -> String? {
        first(where: { $0.kind == kind })?.value
    }
}
