import Foundation

/// A bad command line: printed as one line on stderr, exit status 2.
struct UsageError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A failure at run time that the user can act on (an unreadable file, a malformed data file):
/// one line on stderr, exit status 1.
struct RuntimeFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The command line of one subcommand, parsed against the flags it declares. Options take a
/// value (`--port 7000` or `--port=7000`); switches take none (`--json`). Anything else that
/// starts with `-` is a usage error naming the flag. Values fall back to a `HELPDESK_…`
/// environment variable, then to the embedded default.
struct Arguments {
    private(set) var options: [String: String] = [:]
    private(set) var switches: Set<String> = []
    private(set) var positionals: [String] = []
    let environment: [String: String]

    init(_ argv: [String], options known: Set<String>, switches knownSwitches: Set<String>,
         environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.environment = environment
        var i = 0
        while i < argv.count {
            let arg = argv[i]
            i += 1
            if arg == "--" {
                positionals.append(contentsOf: argv[i...])
                break
            }
            guard arg.hasPrefix("-"), arg != "-" else {
                positionals.append(arg)
                continue
            }
            var name = arg
            var inlineValue: String?
            if let eq = arg.firstIndex(of: "=") {
                name = String(arg[..<eq])
                inlineValue = String(arg[arg.index(after: eq)...])
            }
            if knownSwitches.contains(name) {
                if inlineValue != nil { throw UsageError("\(name) takes no value") }
                switches.insert(name)
            } else if known.contains(name) {
                if let v = inlineValue {
                    options[name] = v
                } else if i < argv.count {
                    options[name] = argv[i]
                    i += 1
                } else {
                    throw UsageError("\(name) needs a value")
                }
            } else {
                throw UsageError("unknown flag \(name)")
            }
        }
    }

    func has(_ flag: String) -> Bool { switches.contains(flag) }

    /// The option's value, else the environment variable's, else nil.
    func string(_ flag: String, env: String? = nil) -> String? {
        if let v = options[flag] { return v }
        if let env, let v = environment[env], !v.isEmpty { return v }
        return nil
    }

    func string(_ flag: String, env: String? = nil, default value: String) -> String {
        string(flag, env: env) ?? value
    }

    /// An integer option within `range`; a value that is not one names the flag (or variable).
    func int(_ flag: String, env: String? = nil, default value: Int, in range: ClosedRange<Int> = Int.min...Int.max) throws -> Int {
        guard let text = string(flag, env: env) else { return value }
        let source = options[flag] != nil ? flag : (env ?? flag)
        guard let n = Int(text), range.contains(n) else {
            throw UsageError("\(source) must be an integer in \(range.lowerBound)...\(range.upperBound), got '\(text)'")
        }
        return n
    }

    /// A number of seconds (fractions allowed) that must be positive.
    func seconds(_ flag: String, env: String? = nil, default value: Double) throws -> Double {
        guard let text = string(flag, env: env) else { return value }
        let source = options[flag] != nil ? flag : (env ?? flag)
        guard let n = Double(text), n > 0, n.isFinite else {
            throw UsageError("\(source) must be a positive number of seconds, got '\(text)'")
        }
        return n
    }
}
