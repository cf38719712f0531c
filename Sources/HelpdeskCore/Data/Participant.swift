/// One registration for a cohort, as LAN's registration system exports it to
/// `Data/participants.csv`. Only the registration handler reads it, and it never shows the
/// name unmasked or another person's record.
public struct Participant: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case submitted, verified, accepted, waitlisted, rejected
    }

    public var registrationID: String
    public var nip: String
    public var name: String
    public var program: String
    public var cohort: Int
    public var status: Status

    public init(registrationID: String, nip: String, name: String, program: String, cohort: Int, status: Status) {
        self.registrationID = registrationID
        self.nip = nip
        self.name = name
        self.program = program
        self.cohort = cohort
        self.status = status
    }

    /// "Budi Santoso" → "B*** S******": enough for the owner to recognise, too little to identify.
    public static func mask(_ name: String) -> String {
        name.split(whereSeparator: { $0 == " " || $0 == "," }).map { word in
            guard let first = word.first else { return "" }
            return String(first) + String(repeating: "*", count: max(word.count - 1, 1))
        }.joined(separator: " ")
    }
}

/// A national holiday or *cuti bersama* day: not a working day when due dates are counted.
public struct Holiday: Sendable, Equatable {
    public var day: Day
    public var name: String

    public init(day: Day, name: String) {
        self.day = day
        self.name = name
    }
}
