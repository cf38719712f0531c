/// `helpdesk eval`: evaluates the intent model on a labelled file. NOT YET BUILT: exits 1 with a clear message.
enum EvalCommand: Command {
    static let name = "eval"
    static let summary = "evaluates the intent model on a labelled file"
    static let help = """
    usage: helpdesk eval [options]

    evaluates the intent model on a labelled file (not yet available in this version).

    """

    static func run(_ argv: [String]) throws -> Int32 {
        _ = try Arguments(argv, options: [], switches: [])
        throw RuntimeFailure("'eval' is not available in this version yet")
    }
}
