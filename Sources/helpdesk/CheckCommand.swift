import Foundation
import HelpdeskCore

/// `helpdesk check`: validates the intent catalog, the reply texts and the service data, printing
/// every problem as `path:line: message`; exit 1 when any.
enum CheckCommand: Command {
    static let name = "check"
    static let summary = "validates Intents/ and Data/"
    static let help = """
    usage: helpdesk check [--intents DIR] [--data DIR]

    Validates the intent catalog, the reply texts (Intents/replies/) and the service data, and
    prints every problem as path:line: message. Exit status 1 when there is a problem, 0
    otherwise, with a one-line summary per area.

    options:
      --intents DIR   the intent catalog folder (env HELPDESK_INTENTS, default Intents)
      --data DIR      the service data folder (env HELPDESK_DATA, default Data)

    """

    /// Every area `check` validates. Add a data validator here (e.g. for `--data DIR`).
    static func validators(_ args: Arguments) -> [any Validator] {
        let intents = IntentsOption.directory(args)
        return [
            IntentCatalogValidator(directory: intents),
            ReplyTextsValidator(directory: (intents as NSString).appendingPathComponent("replies")),
            ServiceDataValidator(directory: args.string("--data", env: "HELPDESK_DATA", default: "Data")),
        ]
    }

    static func run(_ argv: [String]) throws -> Int32 {
        let args = try Arguments(argv, options: [IntentsOption.flag, "--data"], switches: [])
        if let extra = args.positionals.first { throw UsageError("unexpected argument '\(extra)'") }
        var failed = false
        var out = ""
        for v in validators(args) {
            let report = v.validate()
            for p in report.problems { out += p.description + "\n" }
            if !report.problems.isEmpty { failed = true }
            out += "\(v.area): " + (report.problems.isEmpty ? "OK " : "\(report.problems.count) problem(s) in ") + report.summary + "\n"
        }
        // The problems are this command's product, so they go to stdout (one per line).
        Console.out(out)
        return failed ? 1 : 0
    }
}
