/// Validates the intent catalog folder for `helpdesk check`: unreadable or malformed files,
/// unknown labels, intents without examples, the same example in two intents, and a bad slang
/// lexicon. It also builds the model once, so anything that would stop start-up shows here.
public struct IntentCatalogValidator: Validator {
    public let directory: String
    public var area: String { "intents" }

    public init(directory: String) { self.directory = directory }

    public func validate() -> ValidationReport {
        let (catalog, problems) = IntentCatalog.read(directory: directory)
        let intents = Set(catalog.examples.map(\.intent)).count
        let summary = "\(directory): \(intents) intents, \(catalog.examples.count) examples, \(catalog.lexicon.entries.count) slang entries, \(catalog.roots.count) roots"
        return ValidationReport(problems: problems, summary: summary)
    }
}
