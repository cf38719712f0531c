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
    /// `stems` as an exact byte-keyed table (`stemOf[i]` is the stem of word i): no SipHash per look-up.
    private let stemTable: WordTable
    private let stemOf: [String]
    /// Whether `known` holds every slang key and every word of `stems` (true with a vocabulary).
    private let knownIsComplete: Bool
    /// Every word the analyzer already knows (slang keys and vocabulary) → its finished tokens
    /// (`knownTokens[i]` for word i of the table), so the common case costs one FNV hash and
    /// one byte comparison per word.
    let known: WordTable
    let knownTokens: [[Token]]
    /// `knownTokens` flattened: entry k's tokens are `knownTokenList[knownFirst[k] ..< knownFirst[k + 1]]`.
    /// A token's position in this list identifies it to tables built per known token (the
    /// classifier's pre-sorted n-grams).
    let knownTokenList: [Token]
    let knownFirst: [Int32]

    /// An analyzer without spelling correction (used to read the catalog itself).
    public init(lexicon: SlangLexicon, roots: Set<String>) {
        self.lexicon = lexicon
        self.stemmer = IndonesianStemmer(roots: roots)
        self.corrector = nil
        self.vocabulary = roots
        self.stems = [:]
        self.stemTable = WordTable([])
        self.stemOf = []
        self.knownIsComplete = false
        self.known = WordTable([])
        self.knownTokens = []
        self.knownTokenList = []
        self.knownFirst = [0]
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
        let stemTable = WordTable(Array(stems.keys))
        self.stemTable = stemTable
        self.stemOf = stemTable.words.map { stems[$0]! }
        self.knownIsComplete = true
        var known = [String: [Token]]()
        for (w, s) in stems { known[w] = [Token(typed: w, word: w, corrected: false, stem: s)] }
        for (k, expansion) in lexicon.entries {
            known[k] = expansion.map { Token(typed: k, word: $0, corrected: false, stem: stems[$0] ?? Self.stem($0, stemmer: stemmer)) }
        }
        let table = WordTable(Array(known.keys))
        self.known = table
        let knownTokens = table.words.map { known[$0]! }
        self.knownTokens = knownTokens
        var first: [Int32] = [0]
        for list in knownTokens { first.append(first[first.count - 1] + Int32(list.count)) }
        self.knownFirst = first
        self.knownTokenList = knownTokens.flatMap { $0 }
    }

    public func analyze(_ text: String) -> [Token] { analyze(words: Normalizer.words(text)) }

    public func analyze(words: [Normalizer.Word]) -> [Token] {
        var ignored = [Int32]()
        return analyze(words: words, known: &ignored, recording: false)
    }

    /// The same, and for each token its index in `knownTokenList` when it came from there
    /// (a known word), -1 when it was worked out for this message.
    func analyze(words: [Normalizer.Word], known ids: inout [Int32]) -> [Token] {
        analyze(words: words, known: &ids, recording: true)
    }

    @inline(__always)
    private func analyze(words: [Normalizer.Word], known ids: inout [Int32], recording: Bool) -> [Token] {
        var out = [Token]()
        if recording { ids.reserveCapacity(words.count + 2) }
        out.reserveCapacity(words.count + 2)
        for w in words { analyzeWord(w, into: &out, known: &ids, recording: recording) }
        return out
    }

    /// Appends the tokens of one word (and, when `recording`, their `knownTokenList` indexes or -1).
    @inline(__always)
    func analyzeWord(_ w: Normalizer.Word, into out: inout [Token], known ids: inout [Int32], recording: Bool) {
        var form = w.single
        if w.double != w.single, vocabulary.contains(w.double) || lexicon.entries[w.double] != nil { form = w.double }
        // numbers carry no intent by themselves; identifiers and cohorts reach the model as entities
        if let first = form.utf8.first, TextFolding.isDigit(first) { return }
        if let k = known.index(form) {
            out.append(contentsOf: knownTokens[k])
            if recording { for t in knownFirst[k]..<knownFirst[k + 1] { ids.append(t) } }
            return
        }
        defer { if recording { while ids.count < out.count { ids.append(-1) } } }
        // with a vocabulary, `known` holds every slang key and every word of `stems`: a word it
        // does not know is neither, and the two look-ups below would find nothing
        if knownIsComplete { analyzeUnknown(form, into: &out); return }
        if let expansion = lexicon.expand(form) {
            for e in expansion { out.append(Token(typed: form, word: e, corrected: false, stem: stem(e))) }
            return
        }
        if let s = stems[form] {
            out.append(Token(typed: form, word: form, corrected: false, stem: s))
            return
        }
        analyzeUnknown(form, into: &out)
    }

    /// The last steps of `analyzeWord` for a word that is neither a slang key nor in `stems`.
    private func analyzeUnknown(_ form: String, into out: inout [Token]) {
        if let root = stemmer.root(of: form) {
            out.append(Token(typed: form, word: form, corrected: false, stem: root))
            return
        }
        if let c = corrector?.correct(form) {
            out.append(Token(typed: form, word: c, corrected: true, stem: stem(c)))
            return
        }
        // `Self.stem(form)` without its root check and search, which `root(of:)` has just done
        let s = stemmer.stemOfRootless(form)
        out.append(Token(typed: form, word: form, corrected: false, stem: s != form ? s : EnglishStemmer.stem(form)))
    }

    public func stem(_ word: String) -> String {
        if let k = stemTable.index(word) { return stemOf[k] }
        return Self.stem(word, stemmer: stemmer)
    }

    static func stem(_ word: String, stemmer: IndonesianStemmer) -> String {
        if stemmer.isRoot(word) { return word }
        let s = stemmer.stem(word)
        if s != word { return s }
        return EnglishStemmer.stem(word)
    }
}
