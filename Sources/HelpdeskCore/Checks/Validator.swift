/// One area of `helpdesk check` (the intent catalog, the service data, ...). Each validator
/// reads its own files and reports every problem as `path:line: message` plus a one-line
/// summary of what it found valid; the command just runs a list of them. To check a new kind
/// of file, add a validator to that list.
public protocol Validator: Sendable {
    /// A short name for the area ("intents", "data").
    var area: String { get }
    func validate() -> ValidationReport
}

/// What one validator found: its problems (empty when the area is fine) and a summary line.
public struct ValidationReport: Sendable {
    public var problems: [Problem]
    public var summary: String
    public init(problems: [Problem], summary: String) {
        self.problems = problems
        self.summary = summary
    }
}

