/// `helpdesk report`: response-time and service metrics from Transcripts/. NOT YET BUILT: exits 1 with a clear message.
enum ReportCommand: Command {
    static let name = "report"
    static let summary = "response-time and service metrics from Transcripts/"
    static let help = """
    usage: helpdesk report [options]

    response-time and service metrics from Transcripts/ (not yet available in this version).

    """

    static func run(_ argv: [String]) throws -> Int32 {
        _ = try Arguments(argv, options: [], switches: [])
        throw RuntimeFailure("'report' is not available in this version yet")
    }
}
