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
}
