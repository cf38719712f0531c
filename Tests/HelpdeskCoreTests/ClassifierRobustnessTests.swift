import Foundation
import Testing
@testable import HelpdeskCore

/// Whatever a person types reaches the classifier, which works on bytes in its fast paths: seeded
/// random texts mixing catalog words, slang, digits, punctuation, accented and non-Latin letters,
/// emoji with joiners and skin tones, combining marks, replacement characters and very long
/// tokens are classified without trapping, with a confidence in [0, 1] and the same answer twice.
@Suite struct ClassifierRobustnessTests {
    /// xorshift64*: the same texts on every run, so a failure can be replayed.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state >> 12; state ^= state << 25; state ^= state >> 27
            return state &* 2_685_821_657_736_338_717
        }
    }

    static let pieces: [String] = [
        "jadwal", "pelatihan", "kpn", "min", "angkatan", "III", "3", "daftar", "udh", "blm", "aduan", "komplen",
        "tiket", "ADU-20261122-0007", "NIP", "199001012015031001", "REG-2026-00042", "revolusi", "mental", "LMS",
        "schedule", "when", "cohort", "status", "halo", "makasih", "ga", "gk", "bisa", "login", "@", "#", "-", "+62",
        "0812-3456-7890", "budi@lan.go.id", "?", "!!!", "...", ",", "\"", "\\", "/", "\t", "  ", "é", "Ü", "ñ",
        "ß", "İ", "ı", "ǅ", "ﬁ", "é", "ẞ", "日本語", "한국어", "العربية", "😀", "👍🏽", "👨‍👩‍👧", "🇮🇩", "\u{FFFD}",
        "\u{200D}", "\u{0301}", "a\u{0301}", "１２３", "Ⅲ", "½", "\u{1F}", "\r", "x", "ya", "tidak", "batal",
    ]

    static func text(_ rng: inout Seeded) -> String {
        var s = ""
        for _ in 0..<Int.random(in: 0...14, using: &rng) {
            switch Int.random(in: 0..<10, using: &rng) {
            case 0: s += String(repeating: pieces.randomElement(using: &rng)!, count: Int.random(in: 20...120, using: &rng))
            case 1: s += pieces.randomElement(using: &rng)! + pieces.randomElement(using: &rng)!   // no space between
            default: s += pieces.randomElement(using: &rng)! + (Bool.random(using: &rng) ? " " : "")
            }
        }
        return s
    }

    @Test func anyTextIsClassifiedSafelyAndTheSameTwice() {
        var rng = Seeded(state: 0x9E37_79B9_7F4A_7C15)
        let now = Date(timeIntervalSince1970: 1_795_316_400)
        for _ in 0..<3000 {
            let t = Self.text(&rng)
            let c = IntentModelTests.model.classify(t, now: now)
            #expect(c.confidence >= 0 && c.confidence <= 1, "\(t.debugDescription)")
            #expect(!c.ranked.isEmpty, "\(t.debugDescription)")
            #expect(IntentModelTests.model.classify(t, now: now) == c, "\(t.debugDescription)")
        }
    }
}
