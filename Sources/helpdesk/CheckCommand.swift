/// `helpdesk check`: validates Intents/ and Data/. NOT YET BUILT: exits 1 with a clear message.
enum CheckCommand: Command {
    static let name = "check"
    static let summary = "validates Intents/ and Data/"
    static let help = """
    usage: helpdesk check [options]

    validates Intents/ and Data/ (not yet available in this version).

    """

    static func run(_ argv: [String]) throws -> Int32 {
        _ = try Arguments(argv, options: [], switches: [])
        throw RuntimeFailure("'check' is not available in this version yet")
    }
}
