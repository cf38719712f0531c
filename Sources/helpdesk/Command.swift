import Foundation

/// One subcommand of `helpdesk`: its name, a one-line summary for `helpdesk --help`, the
/// full `--help` text, and `run`, which returns the exit status (0 success, 1 run-time failure).
/// Usage problems are thrown as `UsageError` (exit 2); run-time ones as `RuntimeFailure` (exit 1).
protocol Command {
    static var name: String { get }
    static var summary: String { get }
    static var help: String { get }
    static func run(_ argv: [String]) throws -> Int32
}

/// Writes to standard error without the C `stderr` global (a compile error in Swift 6 mode).
enum Console {
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
