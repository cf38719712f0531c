/// The contract's intent labels: the only values `intent` may take on the wire and in records.
public enum IntentLabel: String, Sendable, Codable, CaseIterable, Comparable {
    case greeting
    case help
    case scheduleQuery = "schedule.query"
    case registrationStatus = "registration.status"
    case complaintFile = "complaint.file"
    case complaintStatus = "complaint.status"
    case handoffHuman = "handoff.human"
    case thanks
    case goodbye
    case outOfScope = "out_of_scope"

    public static func < (a: IntentLabel, b: IntentLabel) -> Bool { a.rawValue < b.rawValue }

    /// The label's position in `allCases`, for arrays indexed by intent (a switch: no string
    /// hashing, no array).
    public var ordinal: Int {
        switch self {
        case .greeting: 0
        case .help: 1
        case .scheduleQuery: 2
        case .registrationStatus: 3
        case .complaintFile: 4
        case .complaintStatus: 5
        case .handoffHuman: 6
        case .thanks: 7
        case .goodbye: 8
        case .outOfScope: 9
        }
    }
}
