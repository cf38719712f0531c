import Foundation
import Testing
@testable import HelpdeskCore

/// The classifier's fast paths against straightforward reference versions of what they
/// replaced (String-keyed word features, generic sorting, a zeroed per-example array, a full
/// sort of the labels, set-built spelling deletions), on tricky input: long and repetitive
/// messages, elongation, hyphens, non-ASCII, digits, one-letter words, entities.
@Suite struct ClassifierFastPathTests {
    static var model: IntentModel { IntentModelTests.model }
    let now = Date(timeIntervalSince1970: 1_795_316_400)

    static let tricky: [String] = [
        "halo min", "kapan jadwal angkatan 3 pelatihan revolusi mental?", "jdwl pelatihan kpn min",
        "Halooooo miiin, sy mau tanya jadwal2 pelatihan angkatan ke-3 bulan depan dong!!! email sy budi.santoso@example.go.id, hp 0812-3456-7890",
        "pendaftaranny kpn ditutup? reg 2026 42 dan adu 20261122 7 NIK 3201 2345 6789 0123",
        "Pelatihan Kepemimpinan Administrator angkatan III tanggal 26 Agustus 2021 sampai 30 agt, PKA",
        "what's the schedule for the third batch of PKA in March? and next week? today? tomorrow?",
        String(repeating: "jadwal pelatihan ", count: 40),
        (1...60).map { "kata\($0) w\($0 % 7)" }.joined(separator: " ") + " pendaftaran status aduan",
        "pendaftarán Ñandú café naïve “quoted” — dash ‘apos’ straße 😀 emoji",
        "berkali-kali mendaftar tapi gak'pa error terus, lms-nya mati", "viii iii xiii angkatan viii",
        "pndaftaran pelatiahn jadwl kapn angktan sertifkat", "a b c d e f g", "123 456", "!!!", "ok", "",
        "cek status pendaftaran REG-2026-00042", "terima kasih banyak min", "mau bicara dengan petugas",
    ]

    // MARK: feature bag

    /// The bag as it was built before: String keys (bigrams joined with a space), merged by equality.
    static func referenceWords(_ tokens: [TextAnalyzer.Token], _ entities: [Entity]) -> [(UInt64, Float)] {
        var words = [(key: String, tf: Float)]()
        func add(_ k: String, _ w: Float) {
            if let i = words.firstIndex(where: { $0.key == k }) { words[i].tf += w } else { words.append((k, w)) }
        }
        var previous: String?
        for t in tokens {
            add(t.stem, FeatureBag.unigramWeight)
            if let p = previous { add(p + " " + t.stem, FeatureBag.bigramWeight) }
            previous = t.stem
        }
        for e in entities { add("#" + e.kind.rawValue, FeatureBag.entityWeight) }
        return words.map { (FeatureTable.fnv($0.key.utf8), $0.tf) }
    }

    /// The n-grams as they were built before: one array append per gram, the standard sort, merged.
    static func referenceGrams(_ tokens: [TextAnalyzer.Token]) -> [(UInt64, Float)] {
        var raw = [UInt64]()
        for t in tokens {
            guard t.word.utf8.count + 2 >= 4 else { continue }
            var window: UInt64 = 94, count = 1
            func emit(_ w: UInt64, _ c: Int) {
                if c >= 3 { raw.append((3 << 56) | (w & 0xFF_FFFF)) }
                if c >= 4 { raw.append((4 << 56) | (w & 0xFFFF_FFFF)) }
            }
            for b in t.word.utf8 { window = (window << 8) | UInt64(b); count += 1; emit(window, count) }
            window = (window << 8) | 36
            emit(window, count + 1)
        }
        raw.sort()
        var out = [(UInt64, Float)]()
        for g in raw {
            if let last = out.last, last.0 == g { out[out.count - 1].1 += FeatureBag.gramWeight } else { out.append((g, FeatureBag.gramWeight)) }
        }
        return out
    }

    @Test(arguments: tricky)
    func featureBagMatchesTheStringKeyedBag(_ text: String) {
        let tokens = Self.model.analyzer.analyze(text)
        let entities = Self.model.extractor.extract(text, now: now)
        let bag = FeatureBag(tokens: tokens, entities: entities)
        let words = Self.referenceWords(tokens, entities)
        #expect(bag.words.map(\.key) == words.map(\.0))
        #expect(bag.words.map(\.tf) == words.map(\.1))
        let grams = Self.referenceGrams(tokens)
        #expect(bag.grams.map(\.key) == grams.map(\.0))
        #expect(bag.grams.map(\.tf) == grams.map(\.1))
        #expect(bag.stemKeys == tokens.map { FeatureTable.fnv($0.stem.utf8) })
    }

    @Test func bigramHashIsTheHashOfTheJoinedString() {
        for (a, b) in [("kapan", "jadwal"), ("", "x"), ("daftar", ""), ("pendaftaran", "pelatihankepemimpinan")] {
            let joined = FeatureTable.fnv(b, from: FeatureTable.fnv(byte: 32, from: FeatureTable.fnv(a)))
            #expect(joined == FeatureTable.fnv((a + " " + b).utf8))
        }
    }

    // MARK: scoring

    /// The scores as computed before: a zeroed array per example, every posting added in order.
    static func referenceScore(_ ix: FeatureIndex, _ bag: FeatureBag, excluding: Int = -1) -> [Double] {
        referenceSums(ix, bag, excluding: excluding).scores
    }

    /// The reference scores and every example's similarity sum.
    static func referenceSums(_ ix: FeatureIndex, _ bag: FeatureBag, excluding: Int = -1) -> (scores: [Double], examples: [Float]) {
        var q = [(Int, Float)]()
        var norm2: Float = 0
        for (k, tf) in bag.words {
            if let f = ix.wordIDs[k] { let x = FeatureIndex.tfWeight(tf) * ix.idf[Int(f)]; q.append((Int(f), x)); norm2 += x * x }
            else { let x = FeatureIndex.tfWeight(tf) * ix.unseenIDF; norm2 += x * x }
        }
        for (k, tf) in bag.grams {
            if let f = ix.gramIDs[k] { let x = FeatureIndex.tfWeight(tf) * ix.idf[Int(f)]; q.append((Int(f), x)); norm2 += x * x }
            else { let x = FeatureIndex.tfWeight(tf) * ix.unseenIDF; norm2 += x * x }
        }
        guard norm2 > 0 else { return ([Double](repeating: 0, count: ix.labelCount), []) }
        let inv = 1 / sqrtf(norm2)
        var es = [Float](repeating: 0, count: ix.exampleLabel.count)
        var centroid = [Float](repeating: 0, count: ix.labelCount), nearest = centroid
        for (f, x) in q {
            let qx = x * inv
            for p in Int(ix.start[f])..<Int(ix.start[f + 1]) { es[Int(ix.example[p])] += qx * ix.weight[p] }
            for p in Int(ix.centroidStart[f])..<Int(ix.centroidStart[f + 1]) { centroid[Int(ix.centroidLabel[p])] += qx * ix.centroidWeight[p] }
        }
        for (e, s) in es.enumerated() where s > nearest[Int(ix.exampleLabel[e])] && e != excluding { nearest[Int(ix.exampleLabel[e])] = s }
        return ((0..<ix.labelCount).map { Double(FeatureIndex.nearestWeight * nearest[$0] + FeatureIndex.centroidWeightShare * centroid[$0]) }, es)
    }

    @Test(arguments: tricky)
    func scoresAndRankingMatchTheDenseReference(_ text: String) {
        let m = Self.model
        let tokens = m.analyzer.analyze(text)
        let entities = m.extractor.extract(text, now: now)
        let bag = FeatureBag(tokens: tokens, entities: entities)
        let reference = Self.referenceScore(m.index, bag)
        #expect(m.index.score(bag) == reference) // bit for bit
        // the top three of a full sort of the boosted scores
        let boosted = IntentModel.boosted(reference, tokens: tokens, stemKeys: bag.stemKeys, keywords: m.keywords)
        let order = (0..<boosted.count).sorted { boosted[$0] != boosted[$1] ? boosted[$0] > boosted[$1] : $0 < $1 }
        let ranked = order.prefix(3).map { Classification.Scored(intent: m.labels[$0], score: (boosted[$0] * 1000).rounded() / 1000) }
        let c = m.analyze(text, now: now).classification
        #expect(c.ranked == ranked)
        if !(tokens.isEmpty && entities.isEmpty) && boosted[order[0]] >= IntentModel.threshold { #expect(c.intent == m.labels[order[0]]) }
    }

    @Test(arguments: ["halo min", "cek status pendaftaran", "mau bicara dengan petugas", "kapan jadwal angkatan berikutnya"])
    func leaveOneOutMatchesTheDenseReference(_ text: String) {
        let m = Self.model
        let bag = FeatureBag(tokens: m.analyzer.analyze(text), entities: m.extractor.extract(text, now: now))
        let sums = Self.referenceSums(m.index, bag).examples
        // leave out the nearest example (the one that decides its label's score), and a few others
        let nearest = sums.indices.max { sums[$0] < sums[$1] }!
        for excluded in [nearest, 0, sums.count - 1, -1] {
            #expect(m.index.score(bag, excluding: excluded) == Self.referenceScore(m.index, bag, excluding: excluded))
        }
    }

    @Test func scoresWithTiesRankLowerLabelsFirst() {
        // "ok" and "" give all-zero or tied scores: the ranking must still be labels 0, 1, 2
        let c = Self.model.analyze("", now: now).classification
        #expect(c.ranked.map(\.intent) == Array(Self.model.labels.prefix(3)))
    }

    // MARK: sorting, tables, spelling

    @Test func keySortSortsLikeTheStandardSort() {
        var rng = SplitMix(seed: 7)
        for n in [0, 1, 2, 3, 15, 16, 17, 18, 40, 100, 257, 1000] {
            for spread in [3, 50, 1 << 40] {
                var a = (0..<n).map { _ in rng.next() % UInt64(spread) }
                if n > 5 { a[n / 2] = .max; a[1] = 0 }
                let expected = a.sorted()
                a.withUnsafeMutableBufferPointer { KeySort.sort($0) }
                #expect(a == expected)
            }
        }
        var sortedAlready = Array(UInt64(0)..<300), reversed = sortedAlready.reversed().map { $0 }
        sortedAlready.withUnsafeMutableBufferPointer { KeySort.sort($0) }
        reversed.withUnsafeMutableBufferPointer { KeySort.sort($0) }
        #expect(sortedAlready == Array(0..<300))
        #expect(reversed == Array(0..<300))
    }

    @Test func wordTableFindsExactlyItsWords() {
        let words = ["angkatan", "angk", "akt", "a", "", "bulan", "bln", "jadwal", "jadwal2", "é"]
        let table = WordTable(words)
        for (i, w) in words.enumerated() { #expect(table.index(w) == i) }
        for miss in ["angka", "angkatann", "b", "Bulan", "jadwa", " ", "e"] { #expect(table.index(miss) == nil) }
        #expect(WordTable([]).index("x") == nil)
    }

    @Test func languageGuessMatchesTheSignDictionary() {
        for text in Self.tricky + ["when does my training start", "kapan jadwal pelatihan saya", "the yang"] {
            let words = Normalizer.words(text)
            var id = 0, en = 0
            for w in words { if LanguageGuess.sign[w.single] == 1 { id += 1 } else if LanguageGuess.sign[w.single] == -1 { en += 1 } }
            let expected: Lang? = id == en ? nil : (id > en ? .id : .en)
            #expect(LanguageGuess.guess(words) == expected)
            #expect(LanguageGuess.guess(words.map(\.single)) == expected)
        }
    }

    @Test func spellingDeletionsMatchTheSetBuiltOnes() {
        // (words of two letters or more: `correct` only asks for words of four to 24)
        for w in ["pendaftaran", "jadwal", "aab", "kapan", "sertifikat", "aaaa", "abba", "ab", "mississippi"] {
            let bytes = Array(w.utf8)
            for d in [1, 2] {
                var got = Set<UInt64>()
                SpellingCorrector.forEachDeletion(bytes, upTo: d) { got.insert($0) }
                let expected = Set(SpellingCorrector.deletions(bytes, upTo: d).map { FeatureTable.fnv($0) })
                #expect(got == expected, "\(w) d=\(d)")
            }
        }
    }

    @Test func distanceMatchesTheTextbookTable() {
        func reference(_ a: [UInt8], _ b: [UInt8]) -> Int {
            var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
            for i in 0...a.count { d[i][0] = i }
            for j in 0...b.count { d[0][j] = j }
            if a.isEmpty || b.isEmpty { return d[a.count][b.count] }
            for i in 1...a.count {
                for j in 1...b.count {
                    d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                    if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
                }
            }
            return d[a.count][b.count]
        }
        let words = ["kapan", "kapna", "pendaftaran", "pendftaran", "abc", "", "ca", "abc", "jadwal", "jdwal", "ab", "ba"]
        for a in words { for b in words { #expect(SpellingCorrector.distance(Array(a.utf8), Array(b.utf8)) == reference(Array(a.utf8), Array(b.utf8))) } }
    }

    @Test func correctionPrefersNearerThenFrequentThenAlphabetical() {
        let c = SpellingCorrector(vocabulary: ["pendaftaran": 10, "jadwal": 6, "jadwak": 6, "kapan": 5, "kapal": 9, "sertifikat": 3])
        #expect(c.correct("jadwat") == "jadwak") // both one edit, same frequency: alphabetical
        #expect(c.correct("kapam") == "kapal") // both one edit: the more frequent
        #expect(c.correct("pndaftarn") == "pendaftaran")
        #expect(c.correct("jadwal") == nil) // known
        #expect(c.correct("xyzxyz") == nil)
    }
}
