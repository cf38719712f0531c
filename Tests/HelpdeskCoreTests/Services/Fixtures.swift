import Foundation
@testable import HelpdeskCore

/// A stand-in for the intent engine: a few keyword rules, checked in order, plus a table of exact
/// texts for entity cases. Good enough to drive the desk; the real model is tested elsewhere.
struct KeywordClassifier: Classifying {
    var exact: [String: Classification] = [:]

    static let rules: [([String], IntentLabel)] = [
        (["adu-2", " adu 2", "status aduan", "status adu", "complaint status"], .complaintStatus),
        (["mengadu", "aduan", "complain", "pungli", "lapor"], .complaintFile),
        (["reg-", "reg ", "pendaftaran", "registration", "nip"], .registrationStatus),
        (["jadwal", "kapan", "schedule", "when", "what is on", "angkatan", "cohort", "next pka"], .scheduleQuery),
        (["petugas", "agent", "human", "manusia"], .handoffHuman),
        (["bantuan", "help"], .help),
        (["terima kasih", "makasih", "thanks", "thank you"], .thanks),
        (["dadah", "bye", "sampai jumpa"], .goodbye),
        (["halo", "hello", "selamat pagi", "hi "], .greeting),
        (["ktp", "bpjs", "pajak", "tax", "cuaca", "weather"], .outOfScope),
    ]
    static let english = ["when", "what", "the", "my", "is", "thanks", "hello", "help", "please", "complain", "i ", "agent", "weather", "schedule", "status of"]

    func classify(_ text: String, now: Date) -> Classification {
        if let c = exact[text] { return c }
        let t = " " + text.lowercased() + " "
        let lang: Lang? = KeywordClassifier.english.contains(where: { t.contains(" " + $0) }) ? .en
            : (t.contains(" saya ") || t.contains(" apa ") || t.contains(" kapan ") || t.contains("jadwal") || t.contains("halo")) ? .id : nil
        for (words, intent) in KeywordClassifier.rules where words.contains(where: { t.contains($0) }) {
            return Classification(intent: intent, confidence: 0.9, lang: lang)
        }
        return Classification(intent: .outOfScope, confidence: 0.2, lang: lang)
    }
}

enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let dataDirectory = root.appendingPathComponent("Data").path
    static let repliesDirectory = root.appendingPathComponent("Intents/replies").path

    /// 2026-11-22 10:00 WIB (a Sunday), the project's "today".
    static let today = date("2026-11-22", hour: 10)

    static func date(_ iso: String, hour: Int = 10, minute: Int = 0) -> Date {
        let day = Day(iso: iso)!
        return Date(timeIntervalSince1970: Double(day.ordinal) * 86_400 + Double(hour * 3600 + minute * 60) - Day.wibOffset)
    }

    static func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "helpdesk-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func desk(classifier: KeywordClassifier = KeywordClassifier(), journalDirectory: String? = nil,
                     online: Int = 0) throws -> Desk {
        let journal = try ComplaintJournal(directory: journalDirectory ?? temporaryDirectory())
        return try Desk(classifier: classifier, sources: .init(dataDirectory: dataDirectory, repliesDirectory: repliesDirectory),
                        journal: journal, handoff: HandoffQueue(supervisorsOnline: { online }))
    }
}

/// Sends messages as one user with a clock that advances a minute per message.
struct Chat {
    let desk: Desk
    var user = "tg:5512"
    var now = Fixtures.today

    init(_ desk: Desk, user: String = "tg:5512", now: Date = Fixtures.today) {
        self.desk = desk
        self.user = user
        self.now = now
    }

    @discardableResult
    mutating func send(_ text: String) -> Reply {
        now = now.addingTimeInterval(60)
        return desk.respond(to: Message(user: user, channel: "telegram", text: text, arrived: now))
    }
}
