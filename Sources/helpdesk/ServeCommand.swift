/// `helpdesk serve`: runs the line-protocol server. NOT YET BUILT: exits 1 with a clear message.
enum ServeCommand: Command {
    static let name = "serve"
    static let summary = "runs the line-protocol server"
    static let help = """
    usage: helpdesk serve [options]

    runs the line-protocol server (not yet available in this version).

    """

    static func run(_ argv: [String]) throws -> Int32 {
        _ = try Arguments(argv, options: [], switches: [])
        throw RuntimeFailure("'serve' is not available in this version yet")
    }
}
