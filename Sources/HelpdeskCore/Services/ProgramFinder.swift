/// `Schedules`' search for a programme named in a question, compiled once per `ServiceData`:
/// the same answer as scanning every `ProgramMatcher` (longest name wins, the earlier matcher on
/// a tie; a name matches as " name ", " name?" or, when longer than five characters, anywhere),
/// but one `PhraseSet` pass first tells whether any name occurs at all (most questions name
/// none), and the matchers are then tried longest first, stopping at the first that matches.
struct ProgramFinder: Sendable {
    /// One matcher: its canonical name and the byte forms that find it.
    private struct Entry: Sendable {
        var canonical: String
        /// The forms to search for: " name " and " name?", or just "name" when that alone decides.
        var forms: [[UInt8]]
    }

    private let entries: [Entry]
    private let any: PhraseSet
    /// For each canonical name, the programme a programme entity with that value selects (the
    /// first canonical matcher with the same lowered name), worked out at load: the engine gives
    /// canonical names, and lowering one per question cost ~1.1k instructions.
    private let byCanonical: [(name: String, program: String?)]

    init(_ matchers: [ProgramMatcher]) {
        let order = matchers.indices.sorted { a, b in
            matchers[a].length != matchers[b].length ? matchers[a].length > matchers[b].length : a < b
        }
        var entries: [Entry] = []
        var all: [String] = []
        for i in order where matchers[i].length > 0 {
            let m = matchers[i]
            // " name " and " name?" both contain "name": for the long names "name" alone decides.
            let forms = m.length > 5 ? [m.lowered] : [m.spaced, m.questioned]
            entries.append(Entry(canonical: m.canonical, forms: forms.map { Array($0.utf8) }))
            all += forms
        }
        self.entries = entries
        self.any = PhraseSet(all)
        var byCanonical: [(name: String, program: String?)] = []
        for m in matchers where m.isCanonical && !byCanonical.contains(where: { $0.name == m.canonical }) {
            byCanonical.append((m.canonical, ProgramFinder.entityProgram(m.canonical, matchers)))
        }
        self.byCanonical = byCanonical
    }

    /// The programme a programme entity valued `name` selects: the first canonical matcher whose
    /// lowered name is `name` lowered (what `Schedules.query` does without a finder).
    static func entityProgram(_ name: String, _ matchers: [ProgramMatcher]) -> String? {
        let wanted = MessageText.lowered(name)
        return matchers.first { $0.isCanonical && $0.lowered == wanted }?.canonical
    }

    /// `entityProgram(name, matchers)` when `name` is one of the canonical names (worked out at
    /// load); nil (no answer) for any other name.
    func entityProgram(_ name: String) -> String?? {
        for entry in byCanonical where entry.name == name { return .some(entry.program) }
        return nil
    }

    /// The canonical name of the programme `spaced` (the lowercased question with a space at
    /// each end) names, or nil.
    func find(in spaced: String) -> String? {
        guard any.found(in: spaced) else { return nil }
        var text = spaced
        return text.withUTF8 { hay in
            for e in entries where e.forms.contains(where: { ByteSearch.includes(hay, $0) }) { return e.canonical }
            return nil
        }
    }
}
