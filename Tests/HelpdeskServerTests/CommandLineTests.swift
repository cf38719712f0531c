import Foundation
import Testing

/// The executable's outside contract: `--help` for every command, exit 2 with one line naming
/// the flag for bad usage, exit 1 with `path:line: message` for a malformed data file.
@Suite struct CommandLineTests {
    struct Run {
        var status: Int32
        var out: String
        var err: String
    }

    static func run(_ arguments: [String]) throws -> Run {
        let binary = try #require(ProcessShutdownTests.binary(), "build the helpdesk executable first (swift build)")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self),
                   err: String(decoding: errData, as: UTF8.self))
    }

    @Test(arguments: ["serve", "classify", "eval", "check", "report", "bridge", "bench", "verify"])
    func everyCommandHasHelpAndRefusesAnUnknownFlag(command: String) throws {
        let help = try Self.run([command, "--help"])
        #expect(help.status == 0)
        #expect(help.out.contains("usage: helpdesk \(command)"))
        let bad = try Self.run([command, "--no-such-flag"])
        #expect(bad.status == 2)
        #expect(bad.err.split(separator: "\n").count == 1)
        #expect(bad.err.contains("--no-such-flag"))
    }

    @Test func badValuesAndUnknownCommandsAreUsageErrors() throws {
        let port = try Self.run(["serve", "--port", "99999"])
        #expect(port.status == 2 && port.err.contains("--port"))
        let unknown = try Self.run(["frobnicate"])
        #expect(unknown.status == 2 && unknown.err.contains("frobnicate"))
        let version = try Self.run(["--version"])
        #expect(version.status == 0 && version.out.hasPrefix("helpdesk "))
    }

    @Test func aMalformedDataFileIsNamedByPathAndLine() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("helpdesk-check-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: root.appendingPathComponent("Data"), to: dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        let participants = dir.appendingPathComponent("participants.csv")
        let good = try String(contentsOf: participants, encoding: .utf8)
        try (good + "REG-2026-99999,123,\"Budi Santoso\n").write(to: participants, atomically: true, encoding: .utf8)
        let lines = good.utf8.filter { $0 == UInt8(ascii: "\n") }.count + 1   // the appended line's number (the file is CRLF)
        let check = try Self.run(["check", "--intents", root.appendingPathComponent("Intents").path, "--data", dir.path])
        #expect(check.status == 1)
        #expect(check.out.contains("\(participants.path):\(lines):"), "got: \(check.out)")
        let clean = try Self.run(["check", "--intents", root.appendingPathComponent("Intents").path,
                                  "--data", root.appendingPathComponent("Data").path])
        #expect(clean.status == 0, "the shipped catalog and data must validate: \(clean.out)")
    }
}
