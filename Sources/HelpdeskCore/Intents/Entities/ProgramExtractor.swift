import Foundation

/// A training programme the helpdesk knows: its canonical name and the short names people use
/// ("revolusi mental", "PKA"). The list comes from service data (`Data/cohorts.csv`), not code.
public struct ProgramName: Sendable, Equatable {
    public var canonical: String
    public var aliases: [String]
    public init(canonical: String, aliases: [String] = []) {
        self.canonical = canonical
        self.aliases = aliases
    }
}

/// Finds a programme name in a message, loosely: case, punctuation and filler words
/// ("pelatihan", "untuk", "yang", "dan", "training", "of") are ignored, so "jadwal revolusi
/// mental" and "Pelatihan Kepemimpinan Administrator" and "pka" all match. The longest match
/// wins; the value is the canonical name.
public struct ProgramExtractor: EntityExtracting {
    static let fillers: Set<String> = ["pelatihan", "diklat", "program", "untuk", "yang", "dan", "dalam", "bagi", "training", "of", "the", "for", "and", "in"]
    private let patterns: [(words: [String], canonical: String)]
    /// The first word of every pattern: a message with none of them cannot match (checked
    /// before any list is built, so most messages cost one table lookup per word).
    private let firstWords: WordTable

    public init(programs: [ProgramName]) {
        var patterns = [(words: [String], canonical: String)]()
        for p in programs {
            for name in [p.canonical] + p.aliases {
                let input = EntityInput(name)
                let words = input.words.map { input.text($0) }.filter { !Self.fillers.contains($0) }
                if !words.isEmpty { patterns.append((words, p.canonical)) }
            }
        }
        self.patterns = patterns.sorted { $0.words.count > $1.words.count }
        firstWords = WordTable(Array(Set(patterns.map { $0.words[0] })))
    }

    public func extract(_ input: EntityInput, now: Date) -> [EntityMatch] {
        guard !patterns.isEmpty else { return [] }
        let firstWords = self.firstWords
        guard input.words.contains(where: { $0.role & EntityInput.filler == 0 && input.withBytes(of: $0) { firstWords.index($0) } != nil }) else { return [] }
        let content = input.words.filter { $0.role & EntityInput.filler == 0 }
        guard !content.isEmpty else { return [] }
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
}
