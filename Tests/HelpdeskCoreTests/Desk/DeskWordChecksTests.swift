import Foundation
import Testing
@testable import HelpdeskCore

/// The desk's per-message word checks: the length guard before the cancel and yes sets gives what
/// the sets give (on the words themselves, near misses and every line of `messages.txt`), and the
/// topics that may interrupt a complaint dialog are exactly the service questions.
@Suite struct DeskWordChecksTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test func shortWordChecksMatchTheSets() throws {
        let messages = try String(contentsOf: Self.root.appendingPathComponent("Benchmarks/messages.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        var words = Array(Desk.cancelWords) + Array(Desk.bareYes)
        words += words.map { $0 + " " } + words.map { $0.uppercased() } + words.map { String($0.dropLast()) }
        words += ["", "nevermind!", "never  mind", "tidak jadi ya", "iya kirim sekarang", "é", "batál", "ya🙂",
                  String(repeating: "a", count: Desk.longestShortWord), String(repeating: "a", count: Desk.longestShortWord + 1)]
        words += messages + messages.map { ComplaintDialog.plain(lowered: $0.lowercased()) }
        #expect(Desk.longestShortWord == 10)
        for w in words {
            #expect(Desk.isCancelWord(w) == Desk.cancelWords.contains(w), "\(w)")
            #expect(Desk.isBareYesWord(w) == Desk.bareYes.contains(w), "\(w)")
        }
    }

    @Test func exactlyTheServiceQuestionsInterruptADialog() {
        let topics = Set(IntentLabel.allCases.filter(Desk.isTopic))
        #expect(topics == [.scheduleQuery, .registrationStatus, .complaintStatus, .help, .handoffHuman])
    }
}
