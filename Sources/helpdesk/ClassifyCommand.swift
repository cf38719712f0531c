/// `helpdesk classify`: classifies utterances from stdin as JSON lines. NOT YET BUILT: exits 1 with a clear message.
enum ClassifyCommand: Command {
    static let name = "classify"
    static let summary = "classifies utterances from stdin as JSON lines"
    static let help = """
    usage: helpdesk classify [options]

    classifies utterances from stdin as JSON lines (not yet available in this version).

    """

    static func run(_ argv: [String]) throws -> Int32 {
        _ = try Arguments(argv, options: [], switches: [])
        throw RuntimeFailure("'classify' is not available in this version yet")
    }
}
