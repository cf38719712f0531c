import Foundation

/// The intent classifier, built once at start-up from the catalog and then shared read-only by
/// every connection (an immutable `Sendable` class). Each catalog example becomes a TF-IDF vector
/// over stems, stem bigrams, entity kinds and character n-grams; a message is scored against
/// every example through an inverted index (nearest neighbour) and against each intent's
/// centroid, plus small keyword boosts. Below a similarity threshold the answer is
/// `out_of_scope`, which also has its own explicit examples.
public final class IntentModel: Classifying, Sendable {
    public let analyzer: TextAnalyzer
    public let extractor: EntityExtractor
    let index: FeatureIndex
    let labels: [IntentLabel]
    let exampleLabel: [Int32]
    /// Keywords by their first stem: the rest of the keyword's stems (all must be present) and
    /// the intent (index into `labels`) it suggests.
    let keywords: KeywordIndex
    let calibration: ConfidenceCalibration
    /// Stem keys and sorted, id-carrying n-grams of every word the analyzer knows (built at load).
    let knownGrams: KnownGrams
    /// For each token of `analyzer.knownTokenList`, the `KeywordIndex` entry of its stem, or -1.
    let knownKeyword: [Int32]

    /// Minimum combined score to accept an in-scope intent.
    public static let threshold: Double = 0.21
    static let keywordBoost: Double = 0.07
    static let fixedNow = Date(timeIntervalSince1970: 1_780_000_000)

    public init(catalog: IntentCatalog, programs: [ProgramName] = []) {
        let extractor = EntityExtractor(programs: programs)
        self.extractor = extractor
        // 1. roots: the staff list plus catalog words that carry no affix
        let base = TextAnalyzer(lexicon: catalog.lexicon, roots: catalog.roots)
        var frequency = [String: Int]()
        var baseTokens = [[TextAnalyzer.Token]]()
        for e in catalog.examples {
            let tokens = base.analyze(e.text)
            baseTokens.append(tokens)
            for t in tokens { frequency[t.word, default: 0] += 1 }
        }
        for list in catalog.keywords.values { for k in list { for t in base.analyze(k) { frequency[t.word, default: 0] += 1 } } }
        var roots = catalog.roots
        for w in frequency.keys where Self.looksLikeRoot(w) && !base.stemmer.knows(w) { roots.insert(w) }
        let analyzer = TextAnalyzer(lexicon: catalog.lexicon, roots: roots, vocabulary: frequency.filter { $0.key.utf8.allSatisfy(TextFolding.isLetter) })
        self.analyzer = analyzer

        // 2. one bag per example
        let labels = IntentLabel.allCases
        self.labels = labels
        var bags = [FeatureBag]()
        var exampleTokens = [[TextAnalyzer.Token]]()
        var exampleLabel = [Int32]()
        for e in catalog.examples {
            let tokens = analyzer.analyze(e.text)
            exampleTokens.append(tokens)
            bags.append(FeatureBag(tokens: tokens, entities: extractor.extract(e.text, now: Self.fixedNow)))
            exampleLabel.append(Int32(labels.firstIndex(of: e.intent)!))
        }
        self.exampleLabel = exampleLabel
        let index = FeatureIndex(bags: bags, labels: exampleLabel, labelCount: labels.count)
        self.index = index
        precondition(index.idf.count <= Int(KnownGrams.maxFeature), "too many features to pack with n-grams")
        knownGrams = KnownGrams(tokens: analyzer.knownTokenList, gramIDs: index.gramIDs)

        var keywords = [String: [(rest: [String], label: Int32)]]()
        for label in labels {
            let li = Int32(labels.firstIndex(of: label)!)
            for k in catalog.keywords[label] ?? [] {
                let stems = analyzer.analyze(k).map(\.stem)
                guard let first = stems.first else { continue }
                keywords[first, default: []].append((Array(stems.dropFirst()), li))
            }
        }
        let keywordIndex = KeywordIndex(keywords)
        self.keywords = keywordIndex
        knownKeyword = analyzer.knownTokenList.map { t in keywordIndex.entry(t.stem, FeatureTable.fnv(t.stem)).map(Int32.init) ?? -1 }

        // 3. calibrate confidence by leave-one-out over the catalog
        var samples = [(raw: Double, correct: Bool)]()
        samples.reserveCapacity(bags.count)
        for i in bags.indices {
            let scores = Self.boosted(index.score(bags[i], excluding: i), tokens: exampleTokens[i], stemKeys: bags[i].stemKeys, keywords: keywordIndex)
            let (best, second, winner) = Self.top(scores)
            guard best >= Self.threshold else { continue }
            samples.append((Self.rawConfidence(best: best, second: second), winner == Int(exampleLabel[i])))
        }
        calibration = ConfidenceCalibration(samples: samples)
        // static tables the first message would otherwise build (the build above used the rest)
        _ = LanguageGuess.tableSign
    }

    /// Similarity scores plus the keyword boosts (once per intent, when all of a keyword's stems occur).
    /// `stemKeys[i]` is `FeatureTable.fnv(tokens[i].stem)` (the bag has them).
    static func boosted(_ scores: [Double], tokens: [TextAnalyzer.Token], stemKeys: [UInt64], keywords: KeywordIndex) -> [Double] {
        var scores = scores
        scores.withUnsafeMutableBufferPointer { boost($0.baseAddress!, tokens: tokens, stemKeys: stemKeys, keywords: keywords) }
        return scores
    }

    /// `boosted` in place, on one score per label.
    static func boost(_ scores: UnsafeMutablePointer<Double>, tokens: [TextAnalyzer.Token], stemKeys: [UInt64], keywords: KeywordIndex) {
        var boosted: UInt64 = 0 // one bit per label (there are ten)
        // a stem occurs when some token has its key and, to be exact, its text (no token copies)
        @inline(__always) func occurs(_ r: KeywordIndex.Stem) -> Bool {
            for j in stemKeys.indices where stemKeys[j] == r.key && tokens[j].stem == r.stem { return true }
            return false
        }
        for i in tokens.indices {
            guard let ks = keywords[tokens[i].stem, stemKeys[i]] else { continue }
            for k in ks where boosted & (1 << UInt64(k.label)) == 0 && k.rest.allSatisfy(occurs) {
                boosted |= 1 << UInt64(k.label)
                scores[Int(k.label)] += keywordBoost
            }
        }
    }

    /// `boost` on token references (`TextAnalyzer.analyze(folded:runs:refs:extras:lang:)`): a
    /// known token's keyword entry comes from `knownKeyword`, its stem is compared in
    /// `KnownGrams` (no token or string copies). The same boosts as `boost(_:tokens:...)`.
    static func boost(_ scores: UnsafeMutablePointer<Double>, refs: [Int32], extras: [TextAnalyzer.Token], stemKeys: [UInt64],
                      keywords: KeywordIndex, knownKeyword: [Int32], known: KnownGrams) {
        var boosted: UInt64 = 0 // one bit per label (there are ten)
        @inline(__always) func occurs(_ r: KeywordIndex.Stem) -> Bool {
            for j in stemKeys.indices where stemKeys[j] == r.key {
                let ref = refs[j]
                if ref >= 0 ? known.stemEquals(Int(ref), r.stem) : extras[Int(-ref - 1)].stem == r.stem { return true }
            }
            return false
        }
        for i in refs.indices {
            let ref = refs[i]
            let entry = ref >= 0 ? Int(knownKeyword[Int(ref)]) : keywords.entry(extras[Int(-ref - 1)].stem, stemKeys[i]) ?? -1
            guard entry >= 0 else { continue }
            for k in keywords[entry: entry] where boosted & (1 << UInt64(k.label)) == 0 && k.rest.allSatisfy(occurs) {
                boosted |= 1 << UInt64(k.label)
                scores[Int(k.label)] += keywordBoost
            }
        }
    }

    /// The best score, the runner-up's, and the best label's index (ties go to the lower index).
    static func top(_ scores: [Double]) -> (Double, Double, Int) {
        var best = -1.0, second = -1.0, winner = 0
        for (i, s) in scores.enumerated() {
            if s > best { second = best; best = s; winner = i } else if s > second { second = s }
        }
        return (best, second, winner)
    }

    /// Loads `directory` (the Intents/ folder) and builds the model; errors are `path:line: message`.
    public static func load(directory: String, programs: [ProgramName] = []) throws -> IntentModel {
        IntentModel(catalog: try IntentCatalog.load(directory: directory), programs: programs)
    }

    static func looksLikeRoot(_ w: String) -> Bool {
        guard w.utf8.count >= 3, w.utf8.allSatisfy(TextFolding.isLetter) else { return false }
        for p in ["me", "pe", "ber", "ter", "di", "ke", "se"] where w.hasPrefix(p) && w.utf8.count > p.utf8.count + 3 { return false }
        for s in ["kan", "nya", "lah", "kah"] where w.hasSuffix(s) { return false }
        return true
    }

    public func classify(_ text: String, now: Date) -> Classification {
        ClassifierScratch.with { run(text, now: now, scratch: $0) }
    }

    /// Everything `classify --explain` shows: the tokens, and the classification.
    public struct Analysis: Sendable {
        public var tokens: [TextAnalyzer.Token]
        public var classification: Classification
    }

    public func analyze(_ text: String, now: Date) -> Analysis {
        ClassifierScratch.with { scratch in
            let c = run(text, now: now, scratch: scratch)
            return Analysis(tokens: scratch.refs.map { analyzer.token($0, extras: scratch.extras) }, classification: c)
        }
    }

    /// Classifies `text` in `scratch` (which keeps the message's token references afterwards).
    private func run(_ text: String, now: Date, scratch: ClassifierScratch) -> Classification {
        // the input is built in the scratch's arrays, moved in and moved back after (uniquely held)
        var bytes: [UInt8] = [], words: [EntityInput.Word] = []
        swap(&bytes, &scratch.inputBytes)
        swap(&words, &scratch.inputWords)
        let input = EntityInput(text, reusing: consume bytes, consume words)
        defer {
            if input.bytes.count <= ClassifierScratch.keptMessageBytes {
                scratch.inputBytes = input.bytes
                scratch.inputWords = input.words
            } else {
                scratch.shrink() // runs after the bag is back (defers run last first)
            }
        }
        scratch.reset()
        var lang: Lang?
        input.bytes.withUnsafeBufferPointer { b in
            analyzer.analyze(folded: b, runs: input.words.count, refs: &scratch.refs, extras: &scratch.extras, lang: &lang)
        }
        let entities = extractor.extract(input, now: now)
        // the bag is moved out of the scratch for the message (a borrowed class property would
        // be retained field by field) and back after
        var bag = FeatureBag()
        swap(&bag, &scratch.bag)
        defer { swap(&bag, &scratch.bag) }
        bag.refill(refs: scratch.refs, extras: scratch.extras, entities: entities, table: knownGrams, gramIDs: index.gramIDs)
        let sums = scratch.sums(count: index.layout.slotCount(labelCount: index.labelCount))
        let noTokens = scratch.refs.isEmpty
        // scores on the stack; the three best by (score descending, label index ascending), which
        // is the order a full sort of the labels by that rule would give
        let labelCount = labels.count
        let (ranked, best, second): ([Classification.Scored], Double, Double) = withUnsafeTemporaryAllocation(of: Double.self, capacity: labelCount) { buffer in
            let scores = buffer.baseAddress!
            index.score(bag, into: scores, sums: sums)
            Self.boost(scores, refs: scratch.refs, extras: scratch.extras, stemKeys: bag.stemKeys, keywords: keywords,
                       knownKeyword: knownKeyword, known: knownGrams)
            var top = (-1, -1, -1)
            @inline(__always) func beats(_ a: Int, _ b: Int) -> Bool { b < 0 || scores[a] > scores[b] }
            for i in 0..<labelCount {
                if beats(i, top.0) { top = (i, top.0, top.1) } else if beats(i, top.1) { top = (top.0, i, top.1) } else if beats(i, top.2) { top.2 = i }
            }
            func scored(_ i: Int) -> Classification.Scored { Classification.Scored(intent: labels[i], score: (scores[i] * 1000).rounded() / 1000) }
            let ranked = top.2 >= 0 ? [scored(top.0), scored(top.1), scored(top.2)] : top.1 >= 0 ? [scored(top.0), scored(top.1)] : [scored(top.0)]
            return (ranked, scores[top.0], top.1 >= 0 ? scores[top.1] : scores[top.0])
        }
        var intent = ranked[0].intent
        var confidence = calibration(Self.rawConfidence(best: best, second: second))
        if noTokens && entities.isEmpty || best < Self.threshold {
            intent = .outOfScope
            confidence = noTokens && entities.isEmpty ? 0.9 : min(0.95, max(0.5, 1 - best * 1.5))
        }
        return Classification(intent: intent, confidence: (confidence * 1000).rounded() / 1000, entities: entities, lang: lang, ranked: ranked)
    }

    /// Maps the best score and its margin over the runner-up to [0, 1] (a logistic curve: a
    /// clear match, score ≥ 0.6 and margin ≥ 0.2, reads above 0.85). `calibration` then turns
    /// this into an accuracy estimate.
    static func rawConfidence(best: Double, second: Double) -> Double {
        let z = 7.0 * (best - 0.38) + 9.0 * (best - second) - 0.6
        return 1 / (1 + exp(-z))
    }
}

/// The catalog's keywords by their first stem, as an exact byte-keyed table (no `String`
/// hashing per token): the rest of each keyword's stems and the label it boosts.
struct KeywordIndex: Sendable {
    private let table: WordTable
    private let entries: [[(rest: [Stem], label: Int32)]]

    /// A stem with its `FeatureTable.fnv` (compared first, then the text).
    struct Stem: Sendable {
        var stem: String
        var key: UInt64
    }

    init(_ byFirst: [String: [(rest: [String], label: Int32)]]) {
        table = WordTable(Array(byFirst.keys))
        entries = table.words.map { byFirst[$0]!.map { k in (k.rest.map { Stem(stem: $0, key: FeatureTable.fnv($0)) }, k.label) } }
    }

    /// The keywords whose first stem is `stem` (`hash` is its `FeatureTable.fnv`), in catalog order.
    subscript(_ stem: String, _ hash: UInt64) -> [(rest: [Stem], label: Int32)]? {
        table.index(stem, hash: hash).map { entries[$0] }
    }

    /// The entry of the keywords whose first stem is `stem` (`hash` its `FeatureTable.fnv`), or nil.
    func entry(_ stem: String, _ hash: UInt64) -> Int? { table.index(stem, hash: hash) }

    /// The keywords of an entry (see `entry(_:_:)`), in catalog order.
    subscript(entry e: Int) -> [(rest: [Stem], label: Int32)] { entries[e] }
}
