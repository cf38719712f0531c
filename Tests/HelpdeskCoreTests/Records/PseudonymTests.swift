import Foundation
import Testing
@testable import HelpdeskCore

@Suite struct PseudonymTests {
    @Test func stableShapedAndKeyed() {
        let a = Pseudonym(key: Array("secret-one-secret-one".utf8))
        let b = Pseudonym(key: Array("secret-two-secret-two".utf8))
        let p = a.of("tg:5512")
        #expect(p == a.of("tg:5512"))
        #expect(p.hasPrefix("u_") && p.count == 18)
        #expect(p != a.of("tg:5513"))
        #expect(p != b.of("tg:5512"))
        #expect(!p.contains("5512"))
    }

    @Test func keyFileIsCreatedPrivateAndReused() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pseudo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try Pseudonym.load(directory: dir, environment: [:])
        let second = try Pseudonym.load(directory: dir, environment: [:])
        #expect(first.key == second.key)
        #expect(first.key.count == 32)
        let attrs = try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent(".pseudonym-key").path)
        #expect((attrs[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let fromEnv = try Pseudonym.load(directory: dir, environment: ["HELPDESK_PSEUDONYM_KEY": "00112233445566778899aabbccddeeff"])
        #expect(fromEnv.key.count == 16)
        #expect(fromEnv.of("x") != first.of("x"))
    }

    @Test func malformedKeyFileIsReported() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pseudo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data("not hex".utf8).write(to: dir.appendingPathComponent(".pseudonym-key"))
        #expect(throws: RecordsError.self) { try Pseudonym.load(directory: dir, environment: [:]) }
    }
}
