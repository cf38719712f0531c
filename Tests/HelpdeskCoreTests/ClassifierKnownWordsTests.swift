import Foundation
import Testing
@testable import HelpdeskCore

/// The third pass's fast paths against the reference paths they stand in for: the analyzer over
/// folded bytes (against `Normalizer.words` + `analyze(words:)` + `LanguageGuess`), the bag built
/// from pre-sorted per-word n-gram runs (against `FeatureBag.init(tokens:entities:)` and the
/// index's own look-ups, scores bit for bit), the run merge (against a sort), the packed n-gram
/// keys, the stemmer's shortcut for rootless words, the branch-free fold and the keyword boosts.
@Suite struct ClassifierKnownWordsTests {
    static var model: IntentModel { IntentModelTests.model }
    let now = Date(timeIntervalSince1970: 1_795_316_400)

    /// The tricky lines of the first passes, the held-out utterances and every catalog example.
    static let lines: [String] = {
        let root = IntentModelTests.root
        var lines = ClassifierFastPathTests.tricky + [
            "Haloooo min, jadwal2 pelatihan angkatan III kapan yaaa???", "maaaaaf makasihhh bgt kak!!!",
            "gak'pa kok, jadwal-jadwal berkali-kali", "qwertyuiop asdfghjkl zxcvbnm", "mendaftarkan memperpanjang ketidakadilan",
            "tgl 12 januari 2026 s/d 15 feb, cohort 12, batch kedua", "PENDAFTARAN saya udh diterima blm??? REG-2026-00123",
            "I'd like to file a complaint about the trainer's attitude", "x", "iii", "aaa bbb", "ke-7 2x 22 a2 jadwal22",
        ]
        if let eval = try? String(contentsOf: root.appendingPathComponent("Tests/eval/eval.tsv"), encoding: .utf8) {
            for line in eval.split(separator: "\n") where !line.hasPrefix("#") {
                if let tab = line.firstIndex(of: "\t") { lines.append(String(line[line.index(after: tab)...])) }
            }
        }
        let catalog = try! IntentCatalog.load(directory: root.appendingPathComponent("Intents").path)
        lines += catalog.examples.map(\.text)
        return lines
    }()

    @Test func bytePathGivesTheReferenceTokensAndLanguage() {
        let m = Self.model
        #expect(Self.lines.count > 1000)
        for text in Self.lines {
            let input = EntityInput(text)
            let words = Normalizer.words(folded: input.bytes)
            var ids = [Int32](), lang: Lang?
            let tokens = m.analyzer.analyze(folded: input.bytes, known: &ids, lang: &lang)
            #expect(tokens == m.analyzer.analyze(words: words), "\(text)")
            #expect(lang == LanguageGuess.guess(words), "\(text)")
            #expect(ids.count == tokens.count)
            for (t, id) in zip(tokens, ids) where id >= 0 { #expect(m.analyzer.knownTokenList[Int(id)] == t, "\(text)") }
            // the capacity hint changes nothing
            var ids2 = [Int32](), lang2: Lang?
            #expect(m.analyzer.analyze(folded: input.bytes, runs: 1, known: &ids2, lang: &lang2) == tokens && ids2 == ids && lang2 == lang)
        }
    }

    @Test func knownWordBagEqualsTheReferenceBagAndScoresBitForBit() {
        let m = Self.model
        var knownTokens = 0, workedOut = 0
        for text in Self.lines {
            let input = EntityInput(text)
            let tokens = m.analyzer.analyze(words: Normalizer.words(folded: input.bytes))
            var ids = [Int32](), lang: Lang?
            _ = m.analyzer.analyze(folded: input.bytes, known: &ids, lang: &lang)
            knownTokens += ids.filter { $0 >= 0 }.count
            workedOut += ids.filter { $0 < 0 }.count
            let entities = m.extractor.extract(input, now: now)
            let reference = FeatureBag(tokens: tokens, entities: entities)
            let fast = FeatureBag(tokens: tokens, known: ids, entities: entities, table: m.knownGrams, gramIDs: m.index.gramIDs)
            #expect(fast.words.map(\.key) == reference.words.map(\.key), "\(text)")
            #expect(fast.words.map(\.tf.bitPattern) == reference.words.map(\.tf.bitPattern), "\(text)")
            #expect(fast.grams.map(\.key) == reference.grams.map(\.key), "\(text)")
            #expect(fast.grams.map(\.tf.bitPattern) == reference.grams.map(\.tf.bitPattern), "\(text)")
            #expect(fast.stemKeys == reference.stemKeys, "\(text)")
            #expect(reference.gramFeatures == nil)
            #expect(fast.gramFeatures == reference.grams.map { m.index.gramIDs[$0.key] ?? -1 }, "\(text)")
            let a = m.index.score(fast), b = m.index.score(reference)
            #expect(a.map(\.bitPattern) == b.map(\.bitPattern), "\(text)")
            #expect(a.map(\.bitPattern) == ClassifierFastPathTests.referenceScore(m.index, reference).map(\.bitPattern), "\(text)")
        }
        // both kinds of token occur in the lines
        #expect(knownTokens > 1000 && workedOut > 50)
    }

    @Test func knownGramRunsAreTheSortedPackedGramsOfEachKnownWord() {
        let m = Self.model
        let table = m.knownGrams
        #expect(table.stemKey.count == m.analyzer.knownTokenList.count)
        for (t, token) in m.analyzer.knownTokenList.enumerated() {
            let run = Array(table.runs[Int(table.runStart[t])..<Int(table.runStart[t + 1])])
            var grams = [UInt64]()
            FeatureBag.addGrams(token.word, into: &grams)
            #expect(run.map(KnownGrams.key) == grams.sorted(), "\(token.word)")
            #expect(run.map(KnownGrams.feature) == grams.sorted().map { m.index.gramIDs[$0] ?? -1 })
            #expect(table.stemKey[t] == FeatureTable.fnv(token.stem))
        }
    }

    @Test func packedKeysOrderAsTheirGramsAndRoundTrip() {
        var seeded = Xorshift(seed: 7)
        var keys = [(UInt64, Int32?)]()
        for _ in 0..<2000 {
            let four = seeded.next() & 1 == 0
            let bytes = seeded.next() & (four ? 0xFFFF_FFFF : 0xFF_FFFF)
            let id: Int32? = seeded.next() % 3 == 0 ? nil : Int32(truncatingIfNeeded: seeded.next() % UInt64(KnownGrams.maxFeature + 1))
            keys.append(((four ? 4 : 3) << 56 | bytes, id))
        }
        keys.append(((4 << 56) | 0xFFFF_FFFF, KnownGrams.maxFeature))
        keys.append(((3 << 56), 0))
        for (k, id) in keys {
            let p = KnownGrams.pack(k, id)
            #expect(KnownGrams.key(p) == k)
            #expect(KnownGrams.feature(p) == (id ?? -1))
        }
        for _ in 0..<2000 {
            let a = keys[Int(seeded.next() % UInt64(keys.count))], b = keys[Int(seeded.next() % UInt64(keys.count))]
            if a.0 != b.0 { #expect((KnownGrams.pack(a.0, a.1) < KnownGrams.pack(b.0, b.1)) == (a.0 < b.0)) }
        }
    }

    @Test func mergingSortedRunsGivesTheSortedConcatenation() {
        var seeded = Xorshift(seed: 11)
        for round in 0..<400 {
            let runCount = 1 + Int(seeded.next() % 20)
            var all = [UInt64](), bounds = [0]
            for _ in 0..<runCount {
                let n = 1 + Int(seeded.next() % (round % 2 == 0 ? 4 : 30))
                // few distinct values: equal keys across and within runs
                let run = (0..<n).map { _ in seeded.next() % (round % 3 == 0 ? 5 : 1000) }.sorted()
                all += run
                bounds.append(all.count)
            }
            let total = all.count
            let merged = all.withUnsafeMutableBufferPointer { a -> [UInt64] in
                withUnsafeTemporaryAllocation(of: UInt64.self, capacity: total) { b in
                    var bs = bounds
                    return bs.withUnsafeMutableBufferPointer { bp in
                        let out = GramMerge.merge(a.baseAddress!, b.baseAddress!, bounds: bp.baseAddress!, count: runCount)
                        return Array(UnsafeBufferPointer(start: out, count: total))
                    }
                }
            }
            #expect(merged == all.sorted())
        }
    }

    @Test func stemmerShortcutForRootlessWordsMatchesStem() {
        let m = Self.model
        let stemmer = m.analyzer.stemmer
        var words = Set<String>()
        for text in Self.lines { for w in Normalizer.words(text) { words.insert(w.single) } }
        words.formUnion(["mendaftarkanlah", "bukunya", "bukuny", "apakah", "xyzlah", "abc", "ab", "sertifkatnya", "pelatiahnkah"])
        var checked = 0
        for w in words where stemmer.root(of: w) == nil {
            #expect(stemmer.stemOfRootless(w) == stemmer.stem(w), "\(w)")
            checked += 1
        }
        #expect(checked > 50)
    }

    @Test func foldMatchesTheByteByByteFold() {
        func reference(_ text: String) -> [UInt8] {
            var out = [UInt8]()
            for b in text.utf8 {
                if b >= 0x80 { return TextFolding.fold(text) } // non-ASCII: the Foundation path, unchanged
                out.append(b >= 65 && b <= 90 ? b + 32 : b)
            }
            return out
        }
        let every = String(decoding: (0..<128).map { UInt8($0) }, as: UTF8.self)
        for text in Self.lines + [every, "@[`{AZaz", String(repeating: "ABCxyz@[", count: 100)] {
            #expect(TextFolding.fold(text) == reference(text))
        }
        #expect(TextFolding.fold("PENDAFTARÁN Straße") == Array("pendaftaran strasse".utf8))
    }

    @Test func keywordBoostsMatchTheStringComparison() {
        let m = Self.model
        for text in Self.lines {
            let tokens = m.analyzer.analyze(text)
            let bag = FeatureBag(tokens: tokens, entities: [])
            let zero = [Double](repeating: 0, count: m.labels.count)
            let boosted = IntentModel.boosted(zero, tokens: tokens, stemKeys: bag.stemKeys, keywords: m.keywords)
            // reference: every keyword whose stems all occur among the tokens' stems, once per label
            var expected = zero
            var done = Set<Int>()
            for t in tokens {
                guard let ks = m.keywords[t.stem, FeatureTable.fnv(t.stem)] else { continue }
                for k in ks where !done.contains(Int(k.label)) && k.rest.allSatisfy({ r in tokens.contains { $0.stem == r.stem } }) {
                    done.insert(Int(k.label)); expected[Int(k.label)] += IntentModel.keywordBoost
                }
            }
            #expect(boosted == expected, "\(text)")
        }
    }

    @Test func entityWordsGiveTheirTextOnDemand() {
        let input = EntityInput("Angkatan  III, tgl 12-Jan 2026!! budi.santoso")
        #expect(input.words.map { input.text($0) } == ["angkatan", "iii", "tgl", "12", "jan", "2026", "budi", "santoso"])
        #expect(input.words.map { input.withBytes(of: $0) { $0.count } } == [8, 3, 3, 2, 3, 4, 4, 7])
    }
}

/// A small deterministic generator for the tests' random inputs.
struct Xorshift {
    var state: UInt64
    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }
    mutating func next() -> UInt64 {
        state ^= state << 13; state ^= state >> 7; state ^= state << 17
        return state
    }
}
