/// The language pipeline as one immutable value: fold → words → elongation → slang lexicon →
/// spelling correction (only for words the catalog does not know) → Indonesian stemming with
/// English fallback. The intent model runs it on every catalog example at start-up and on every
/// message; `classify --explain` shows its output so staff can see why a message was read a way.
public struct TextAnalyzer: Sendable {
    /// One analyzed word: what was typed (folded), what it became, and its stem.
    public struct Token: Sendable, Equatable {
        public var typed: String
        public var word: String
        public var corrected: Bool
        public var stem: String
    }

    public let lexicon: SlangLexicon
    public let stemmer: IndonesianStemmer
    private let corrector: SpellingCorrector?
    private let vocabulary: Set<String>
    private let stems: [String: String]
    /// Every word the analyzer already knows (slang keys and vocabulary) → its finished tokens
    /// (`knownTokens[i]` for word i of the table), so the common case costs one FNV hash and
    /// one byte comparison per word.
    private let known: WordTable
    private let knownTokens: [[Token]]

    /// An analyzer without spelling correction (used to read the catalog itself).
    public init(lexicon: SlangLexicon, roots: Set<String>) {
        self.lexicon = lexicon
        self.stemmer = IndonesianStemmer(roots: roots)
        self.corrector = nil
        self.vocabulary = roots
        self.stems = [:]
        self.known = WordTable([])
        self.knownTokens = []
    }

    /// An analyzer that corrects unknown words towards `vocabulary` (word → frequency).
    public init(lexicon: SlangLexicon, roots: Set<String>, vocabulary: [String: Int]) {
        self.lexicon = lexicon
        let stemmer = IndonesianStemmer(roots: roots)
        self.stemmer = stemmer
        var all = vocabulary
        for r in roots where all[r] == nil { all[r] = 0 }
        self.corrector = SpellingCorrector(vocabulary: all)
        self.vocabulary = Set(all.keys)
        var stems = [String: String]()
        for w in all.keys { stems[w] = Self.stem(w, stemmer: stemmer) }
        for expansion in lexicon.entries.values { for w in expansion where stems[w] == nil { stems[w] = Self.stem(w, stemmer: stemmer) } }
        self.stems = stems
        var known = [String: [Token]]()
        for (w, s) in stems { known[w] = [Token(typed: w, word: w, corrected: false, stem: s)] }
        for (k, expansion) in lexicon.entries {
            known[k] = expansion.map { Token(typed: k, word: $0, corrected: false, stem: stems[$0] ?? Self.stem($0, stemmer: stemmer)) }
        }
        let table = WordTable(Array(known.keys))
        self.known = table
        self.knownTokens = table.words.map { known[$0]! }
    }

    public func analyze(_ text: String) -> [Token] { analyze(words: Normalizer.words(text)) }

    public func analyze(words: [Normalizer.Word]) -> [Token] {
        var out = [Token]()
        out.reserveCapacity(words.count + 2)
        for w in words {
            var form = w.single
            if w.double != w.single, vocabulary.contains(w.double) || lexicon.entries[w.double] != nil { form = w.double }
            // numbers carry no intent by themselves; identifiers and cohorts reach the model as entities
            if let first = form.utf8.first, TextFolding.isDigit(first) { continue }
            if let k = known.index(form) { out.append(contentsOf: knownTokens[k]); continue }
            if let expansion = lexicon.expand(form) {
                for e in expansion { out.append(Token(typed: form, word: e, corrected: false, stem: stem(e))) }
                continue
            }
            if let s = stems[form] {
                out.append(Token(typed: form, word: form, corrected: false, stem: s))
                continue
            }
            if let root = stemmer.root(of: form) {
                out.append(Token(typed: form, word: form, corrected: false, stem: root))
                continue
            }
            if let c = corrector?.correct(form) {
                out.append(Token(typed: form, word: c, corrected: true, stem: stem(c)))
                continue
            }
            out.append(Token(typed: form, word: form, corrected: false, stem: stem(form)))
        }
        return out
    }

    public func stem(_ word: String) -> String {
        if let s = stems[word] { return s }
        return Self.stem(word, stemmer: stemmer)
    }

    static func stem(_ word: String, stemmer: IndonesianStemmer) -> String {
        if stemmer.isRoot(word) { return word }
        let s = stemmer.stem(word)
        if s != word { return s }
        return EnglishStemmer.stem(word)
    }
}
