/// `helpdesk verify`: checks the hash chain of transcripts and journals. NOT YET BUILT: exits 1 with a clear message.
enum VerifyCommand: Command {
    static let name = "verify"
    static let summary = "checks the hash chain of transcripts and journals"
    static let help = """
    usage: helpdesk verify [options]

    checks the hash chain of transcripts and journals (not yet available in this version).

    """

    static func run(_ argv: [String]) throws -> Int32 {
        _ = try Arguments(argv, options: [], switches: [])
        throw RuntimeFailure("'verify' is not available in this version yet")
    }
}
