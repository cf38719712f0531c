/// `helpdesk bench`: load generator against a running server. NOT YET BUILT: exits 1 with a clear message.
enum BenchCommand: Command {
    static let name = "bench"
    static let summary = "load generator against a running server"
    static let help = """
    usage: helpdesk bench [options]

    load generator against a running server (not yet available in this version).

    """

    static func run(_ argv: [String]) throws -> Int32 {
        _ = try Arguments(argv, options: [], switches: [])
        throw RuntimeFailure("'bench' is not available in this version yet")
    }
}
