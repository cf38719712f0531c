import Foundation

/// Makes plausible transcript records for tests and benchmarks of `helpdesk report` and
/// `helpdesk verify`: a deterministic pseudo-random mix of intents, channels, latencies (a
/// long-tailed distribution), languages and messages over a range of days. Same seed, same lines.
public struct SyntheticTranscripts: Sendable {
    public static let intents: [(IntentLabel, String, Int)] = [
        (.scheduleQuery, "kapan jadwal angkatan 3 pelatihan revolusi mental?", 30),
        (.registrationStatus, "status pendaftaran REG-2026-00042 gimana ya", 20),
        (.complaintFile, "saya mau mengadukan sertifikat belum terbit, hp 0812-3456-7890", 8),
        (.complaintStatus, "cek aduan ADU-20261122-0007", 7),
        (.greeting, "halo selamat pagi", 10),
        (.thanks, "makasih ya", 6),
        (.help, "bisa bantu apa saja?", 5),
        (.handoffHuman, "saya mau bicara dengan petugas", 3),
        (.goodbye, "sampai jumpa", 3),
        (.outOfScope, "berapa harga tiket konser besok", 8),
    ]
    public static let channels = ["tcp", "telegram", "webhook", "whatsapp"]

    public var seed: UInt64

    public init(seed: UInt64 = 42) { self.seed = seed }

    /// Writes `perDay` chained records for each day of `days` (day numbers) into `directory`.
    public func write(to directory: URL, days: ClosedRange<Int>, perDay: Int) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var rng = SplitMix(state: seed)
        var chain = HashChain()
        for day in days {
            var text = ""
            text.reserveCapacity(perDay * 420)
            var fileChain = HashChain(seq: 0, prev: chain.prev)
            for i in 0..<perDay {
                var r = record(day: day, index: i, perDay: perDay, rng: &rng)
                text += fileChain.chain { seq, prev in
                    r.seq = seq
                    r.prev = prev
                    return r.jsonLine()
                }
                text += "\n"
            }
            chain = fileChain
            let url = directory.appendingPathComponent(TranscriptFiles.name(day: JakartaTime.dayString(day)))
            try Data(text.utf8).write(to: url)
        }
    }

    func record(day: Int, index: Int, perDay: Int, rng: inout SplitMix) -> TranscriptRecord {
        let weightTotal = SyntheticTranscripts.intents.reduce(0) { $0 + $1.2 }
        var pick = Int(rng.next() % UInt64(weightTotal))
        var chosen = SyntheticTranscripts.intents[0]
        for entry in SyntheticTranscripts.intents {
            if pick < entry.2 { chosen = entry; break }
            pick -= entry.2
        }
        // Office hours are busier: spread arrivals over the day with a bump 08:00-16:00 WIB.
        let second = rng.next() % 2 == 0 ? 8 * 3600 + Int(rng.next() % (8 * 3600)) : Int(rng.next() % 86_400)
        let arrived = JakartaTime.startOfDay(day).addingTimeInterval(Double(second) + Double(index % 1000) / 1000)
        // Long tail: mostly 200-2000 µs, sometimes up to ~50 ms.
        let base = 200 + Int64(rng.next() % 1800)
        let latency = rng.next() % 50 == 0 ? base * Int64(5 + rng.next() % 25) : base
        let confidence = chosen.0 == .outOfScope ? 0.2 + Double(rng.next() % 30) / 100 : 0.45 + Double(rng.next() % 55) / 100
        let outcome: Outcome = switch chosen.0 {
        case .outOfScope: .fallback
        case .handoffHuman: .handedOff
        case .complaintFile: .complaintFiled
        default: .answered
        }
        let user = "u_" + String(rng.next() % 5000, radix: 16)
        return TranscriptRecord(
            session: "s\(day)-\(index % 997)", channel: SyntheticTranscripts.channels[Int(rng.next() % 4)], user: user,
            arrived: arrived, replied: arrived.addingTimeInterval(Double(latency) / 1e6), latencyMicros: latency,
            intent: chosen.0.rawValue, confidence: confidence, lang: rng.next() % 5 == 0 ? "en" : "id",
            handler: chosen.0.rawValue.split(separator: ".").first.map(String.init) ?? "desk", outcome: outcome.rawValue,
            message: Redactor().redact(chosen.1), reply: "Terima kasih, berikut informasinya.",
            ticket: outcome == .complaintFiled ? String(format: "ADU-%@-%04d", JakartaTime.dayString(day).replacingOccurrences(of: "-", with: ""), index % 10_000) : nil)
    }
}

/// A tiny deterministic generator (SplitMix64) so synthetic data is reproducible.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
