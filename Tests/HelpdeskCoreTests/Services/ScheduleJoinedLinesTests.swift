import Testing
@testable import HelpdeskCore

/// `Schedules.joinedLines` (one reserved string) gives what `joined(separator: "\n")` gives.
@Suite struct ScheduleJoinedLinesTests {
    @Test func sameAsJoined() {
        let pieces = ["", "Jadwal:", "• PKA angkatan 3: Senin, 23 November 2026 – Jumat, 27 November 2026 (daring)",
                      "ünïcödé 🇮🇩 baris", "a\nb", " ", String(repeating: "x", count: 300), "é"]
        var cases: [[String]] = [[], [""], ["satu"], ["", ""]]
        for n in 2...6 {
            for start in pieces.indices { cases.append((0..<n).map { pieces[(start + $0 * 3) % pieces.count] }) }
        }
        for lines in cases {
            let fast = Schedules.joinedLines(lines)
            #expect(fast == lines.joined(separator: "\n"))
            #expect(Array(fast.utf8) == Array(lines.joined(separator: "\n").utf8))
        }
    }
}

/// `Desk.surveyService(of:)` (a switch) agrees with the `surveyServices` table it replaces.
@Suite struct SurveyServiceSwitchTests {
    @Test func sameAsTheTable() {
        let handlers = Array(Desk.surveyServices.keys) + ["survey", "goodbye", "thanks", "conversation", "privacy", "",
                                                           "Schedule", "schedule ", "complaint_statu", "handoffs", "fallback"]
        for h in handlers { #expect(Desk.surveyService(of: h) == Desk.surveyServices[h]) }
    }
}
