import Foundation

/// Dispatches `helpdesk <command> [options]` to the command's type and maps errors to the
/// contract's exit statuses: 0 success, 1 failure at run time, 2 bad usage.
enum CommandLineTool {
    static let version = "0.1.0"

    static var commands: [any Command.Type] {[
        ServeCommand.self,
        ClassifyCommand.self,
        EvalCommand.self,
        CheckCommand.self,
        ReportCommand.self,
        BridgeCommand.self,
        BenchCommand.self,
        VerifyCommand.self,
    ]}

    static var usage: String {
        var text = """
        helpdesk \(version): a public-service helpdesk for training cohorts and complaints.

        usage: helpdesk [command] [options]    (no command: serve with the embedded defaults)

        commands:

        """
        for c in commands {
            text += "  " + c.name.padding(toLength: 10, withPad: " ", startingAt: 0) + c.summary + "\n"
        }
        text += "\nRun `helpdesk COMMAND --help` for a command's options. `helpdesk --version` prints the version.\n"
        return text
    }

    static func main(_ argv: [String]) -> Int32 {
        var args = Array(argv.dropFirst())
        if args.first == "--help" || args.first == "-h" || args.first == "help" {
            Console.out(usage)
            return 0
        }
        if args.first == "--version" {
            Console.out("helpdesk \(version)\n")
            return 0
        }
        var command: any Command.Type = ServeCommand.self
        if let first = args.first, !first.hasPrefix("-") {
            guard let found = commands.first(where: { $0.name == first }) else {
                Console.error("helpdesk: unknown command '\(first)' (see helpdesk --help)")
                return 2
            }
            command = found
            args.removeFirst()
        }
        if args.contains("--help") || args.contains("-h") {
            Console.out(command.help)
            return 0
        }
        do {
            return try command.run(args)
        } catch let e as UsageError {
            Console.error("helpdesk \(command.name): \(e.description) (see helpdesk \(command.name) --help)")
            return 2
        } catch let e as RuntimeFailure {
            Console.error("helpdesk \(command.name): \(e.description)")
            return 1
        } catch {
            Console.error("helpdesk \(command.name): \(error)")
            return 1
        }
    }
}
