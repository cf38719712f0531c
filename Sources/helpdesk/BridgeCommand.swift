/// `helpdesk bridge`: HTTP webhook adapter to a running server. NOT YET BUILT: exits 1 with a clear message.
enum BridgeCommand: Command {
    static let name = "bridge"
    static let summary = "HTTP webhook adapter to a running server"
    static let help = """
    usage: helpdesk bridge [options]

    HTTP webhook adapter to a running server (not yet available in this version).

    """

    static func run(_ argv: [String]) throws -> Int32 {
        _ = try Arguments(argv, options: [], switches: [])
        throw RuntimeFailure("'bridge' is not available in this version yet")
    }
}
