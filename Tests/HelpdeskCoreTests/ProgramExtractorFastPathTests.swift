import Foundation
import Testing
@testable import HelpdeskCore

/// `ProgramExtractor.extract` (stack lists, patterns tried only where their first word stands,
/// words compared as bytes) against the first version's algorithm (a `String` per compared
/// word, every pattern at every position), over the shipped programme list plus names made to
/// collide (shared first words, one-word aliases, fillers inside names, repeated words).
@Suite struct ProgramExtractorFastPathTests {
    static let programs: [ProgramName] = {
        let root = IntentModelTests.root
        var list = ServiceData.programNames(directory: root.appendingPathComponent("Data").path)
            .map { ProgramName(canonical: $0.canonical, aliases: $0.aliases) }
        list += [
            ProgramName(canonical: "Revolusi Industri", aliases: ["revolusi industri 4 0", "revolusi", "RI"]),
            ProgramName(canonical: "Mental Mental", aliases: ["mental mental mental", "budaya dan mental"]),
            ProgramName(canonical: "Pelatihan Kepemimpinan Administrator", aliases: ["PKA", "kepemimpinan"]),
            ProgramName(canonical: "Training of the Trainers", aliases: ["tot"]),
        ]
        return list
    }()

    /// The first version of `extract`, with its patterns derived as `ProgramExtractor.init` does.
    static func reference(_ programs: [ProgramName], _ input: EntityInput) -> [EntityMatch] {
        var patterns = [(words: [String], canonical: String)]()
        for p in programs {
            for name in [p.canonical] + p.aliases {
                let i = EntityInput(name)
                let words = i.words.map { i.text($0) }.filter { !ProgramExtractor.fillers.contains($0) }
                if !words.isEmpty { patterns.append((words, p.canonical)) }
            }
        }
        patterns = patterns.sorted { $0.words.count > $1.words.count }
        let content = input.words.filter { $0.role & EntityInput.filler == 0 }
        guard !patterns.isEmpty, !content.isEmpty else { return [] }
        for p in patterns where p.words.count <= content.count {
            for s in 0...(content.count - p.words.count) {
                var ok = true
                for k in 0..<p.words.count where input.text(content[s + k]) != p.words[k] { ok = false; break }
                if ok {
                    let start = content[s].start, end = content[s + p.words.count - 1].end
                    return [EntityMatch(entity: Entity(kind: .program, value: p.canonical, text: input.surface(start, end)), start: start, end: end)]
                }
            }
        }
        return []
    }

    @Test func findsWhatTheReferenceFinds() throws {
        let root = IntentModelTests.root
        let messages = try String(contentsOf: root.appendingPathComponent("Benchmarks/messages.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let crafted = [
            "jadwal revolusi mental angkatan 3", "Pelatihan Revolusi Mental untuk Penguatan Budaya Birokrasi", "revolusi industri 4.0 kapan",
            "revolusi revolusi mental", "mental mental mental mental", "budaya dan mental", "budaya mental", "PKA pka Pka",
            "kepemimpinan administrator", "pelatihan yang dan untuk", "training of the trainers", "the tot", "ri", "r i",
            "Revolusi-Mental!!", "revolusimental", "", "dan", "mental", "kapan prm dibuka?", "budaya birokrasi bersih",
        ]
        let extractor = ProgramExtractor(programs: Self.programs)
        let now = Date(timeIntervalSince1970: 0)
        var found = 0
        for text in crafted + messages + ClassifierKnownWordsTests.lines {
            let input = EntityInput(text)
            let fast = extractor.extract(input, now: now), expected = Self.reference(Self.programs, input)
            #expect(fast.map(\.entity) == expected.map(\.entity), "\(text)")
            #expect(fast.map { [$0.start, $0.end] } == expected.map { [$0.start, $0.end] }, "\(text)")
            found += expected.count
        }
        #expect(found > 20)
        #expect(ProgramExtractor(programs: []).extract(EntityInput("revolusi mental"), now: now).isEmpty)
    }
}
