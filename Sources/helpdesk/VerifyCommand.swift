import Foundation
import HelpdeskCore

/// `helpdesk verify [DIR]`: checks the hash chain of every `*.jsonl` in DIR (transcripts and
/// the complaint journal) and names the first broken or missing record of each file.
enum VerifyCommand: Command {
    static let name = "verify"
    static let summary = "checks the hash chain of transcripts and journals"
    static let help = """
    usage: helpdesk verify [DIR]

    Checks every *.jsonl file in DIR (default Transcripts/, or HELPDESK_TRANSCRIPTS): each line's
    `seq` follows the one before and its `prev` is the SHA-256 of the line before (a file's first
    line: 64 zeros or the last line of the previous day's file). Prints the first broken or missing
    record of each file as `path:line: message` and exits 1; otherwise prints a summary and exits 0.
    A torn (unterminated) last line is reported as a warning, not a break.

    """

    static func run(_ argv: [String]) throws -> Int32 {
        let args = try Arguments(argv, options: [], switches: [])
        guard args.positionals.count <= 1 else { throw UsageError("expects at most one folder, got \(args.positionals.count)") }
        let dir = args.positionals.first ?? args.environment["HELPDESK_TRANSCRIPTS"].flatMap { $0.isEmpty ? nil : $0 } ?? "Transcripts"
        let result: ChainVerifier.Result
        do {
            result = try ChainVerifier().verify(directory: URL(fileURLWithPath: dir))
        } catch let e as RecordsError {
            throw RuntimeFailure(e.description)
        }
        for w in result.warnings { Console.error("warning: \(w)") }
        for p in result.problems { Console.error(p) }
        if !result.problems.isEmpty {
            Console.out("verify: \(result.problems.count) broken chain(s) in \(result.files) files\n")
            return 1
        }
        Console.out("verify: ok, \(result.records) records in \(result.files) files, chain intact\n")
        return 0
    }
}
