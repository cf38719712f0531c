/// Validates the `Data/` folder for `helpdesk check`: every CSV the desk reads (cohorts,
/// participants, holidays, and the optional service levels and complaint clocks), with each bad
/// row as `path:line: message`, exactly as the running server would report it on reload.
public struct ServiceDataValidator: Validator {
    public let directory: String
    public var area: String { "data" }

    public init(directory: String) { self.directory = directory }

    public func validate() -> ValidationReport {
        let (data, problems) = ServiceData.load(directory: directory)
        let summary = data.map {
            "\(directory): \($0.cohorts.count) cohorts, \($0.participantsByID.count) participants, \($0.holidays.count) holidays"
        } ?? "\(directory): cannot be used"
        return ValidationReport(problems: problems, summary: summary)
    }
}

/// Validates the reply texts and privacy phrases in `Intents/replies/` for `helpdesk check`:
/// unknown keys, keys missing in one language, malformed lines.
public struct ReplyTextsValidator: Validator {
    public let directory: String
    public var area: String { "replies" }

    public init(directory: String) { self.directory = directory }

    public func validate() -> ValidationReport {
        let (book, problems) = ReplyBook.load(directory: directory)
        let (_, privacyProblems) = PrivacyRequest.Phrases.load(directory: directory)
        let summary = book == nil ? "\(directory): cannot be used" : "\(directory): reply texts in Indonesian and English"
        return ValidationReport(problems: problems + privacyProblems, summary: summary)
    }
}
