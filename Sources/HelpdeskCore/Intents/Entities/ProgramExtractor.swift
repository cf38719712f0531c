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
    /// For each pattern, its first word's index in `firstWords` and the bytes of its words.
    private let patternFirst: [Int]
    private let patternBytes: [[[UInt8]]]

    public init(programs: [ProgramName]) {
        var patterns = [(words: [String], canonical: String)]()
        for p in programs {
            for name in [p.canonical] + p.aliases {
                let input = EntityInput(name)
                let words = input.words.map { input.text($0) }.filter { !Self.fillers.contains($0) }
                if !words.isEmpty { patterns.append((words, p.canonical)) }
            }
        }
        let sorted = patterns.sorted { $0.words.count > $1.words.count }
        self.patterns = sorted
        let firstWords = WordTable(Array(Set(patterns.map { $0.words[0] })))
        self.firstWords = firstWords
        patternFirst = sorted.map { firstWords.index($0.words[0])! }
        patternBytes = sorted.map { $0.words.map { Array($0.utf8) } }
    }

    public func extract(_ input: EntityInput, now: Date) -> [EntityMatch] {
        guard !patterns.isEmpty, !input.words.isEmpty else { return [] }
        let firstWords = self.firstWords
        let words = input.words
        // the content words (not fillers) and, for each, which pattern first word it is (-1: none),
        // on the stack: a message with no first word allocates nothing; a pattern is tried only
        // where its first word stands, and its other words are compared as bytes (folded words
        // and pattern words are both lowercase ASCII, so byte equality is string equality)
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * words.count) { buffer in
            let content = buffer.baseAddress!, first = content + words.count
            var n = 0, hits = 0
            for i in words.indices where words[i].role & EntityInput.filler == 0 {
                let f = input.withBytes(of: words[i]) { firstWords.index($0) } ?? -1
                content[n] = i
                first[n] = f
                n += 1
                if f >= 0 { hits += 1 }
            }
            guard hits > 0 else { return [] }
            for (pi, p) in patterns.enumerated() where p.words.count <= n {
                let f = patternFirst[pi], bytes = patternBytes[pi]
                for s in 0...(n - p.words.count) where first[s] == f {
                    var ok = true
                    for k in 1..<p.words.count where !input.withBytes(of: words[content[s + k]], { $0.elementsEqual(bytes[k]) }) { ok = false; break }
                    if ok {
                        let start = words[content[s]].start, end = words[content[s + p.words.count - 1]].end
                        return [EntityMatch(entity: Entity(kind: .program, value: p.canonical, text: input.surface(start, end)), start: start, end: end)]
                    }
                }
            }
            return []
        }
    }
}
