import Foundation
import Testing
@testable import HelpdeskCore

/// The eighth round's classifier path (per-thread scratch, tokens as references into the
/// analyzer's known tokens, keyword entries of known tokens worked out at load) against the
/// reference pipeline built from the string-keyed parts: every classification equal, on the
/// tricky, eval and catalog lines, in an order that makes the reused buffers shrink and grow,
/// from several threads at once, and re-entered on one thread.
@Suite struct ClassifierScratchTests {
    static var model: IntentModel { IntentModelTests.model }
    static var lines: [String] { ClassifierKnownWordsTests.lines }
    let now = Date(timeIntervalSince1970: 1_795_316_400)

    /// The classification as the reference parts give it: `Normalizer.words` + `analyze(words:)`,
    /// `LanguageGuess`, the string-keyed bag, the index's own look-ups, `boosted` over token
    /// copies, and a full sort of the labels (score descending, label ascending).
    static func reference(_ m: IntentModel, _ text: String, now: Date) -> Classification {
        let input = EntityInput(text)
        let words = Normalizer.words(folded: input.bytes)
        let tokens = m.analyzer.analyze(words: words)
        let entities = m.extractor.extract(input, now: now)
        let bag = FeatureBag(tokens: tokens, entities: entities)
        let scores = IntentModel.boosted(m.index.score(bag), tokens: tokens, stemKeys: bag.stemKeys, keywords: m.keywords)
        let order = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        let ranked = order.prefix(3).map { Classification.Scored(intent: m.labels[$0], score: (scores[$0] * 1000).rounded() / 1000) }
        let best = scores[order[0]], second = scores[order[1]]
        var intent = ranked[0].intent
        var confidence = m.calibration(IntentModel.rawConfidence(best: best, second: second))
        if tokens.isEmpty && entities.isEmpty || best < IntentModel.threshold {
            intent = .outOfScope
            confidence = tokens.isEmpty && entities.isEmpty ? 0.9 : min(0.95, max(0.5, 1 - best * 1.5))
        }
        return Classification(intent: intent, confidence: (confidence * 1000).rounded() / 1000, entities: entities,
                              lang: LanguageGuess.guess(words), ranked: ranked)
    }

    /// Long and short lines alternated, so each message finds buffers sized by a different one.
    static var shuffledLines: [String] {
        let sorted = lines.sorted { $0.utf8.count > $1.utf8.count }
        var out = [String]()
        var i = 0, j = sorted.count - 1
        while i <= j { out.append(sorted[i]); if i != j { out.append(sorted[j]) }; i += 1; j -= 1 }
        return out
    }

    @Test func classificationsEqualTheReferencePipeline() {
        let m = Self.model
        var outOfScope = 0, withEntities = 0
        // more than 32 distinct word features (the bag indexes them past 32), and repeats of them
        let long = "saya mau tanya jadwal pelatihan kepemimpinan administrator angkatan tiga bulan depan kapan dibuka "
            + "pendaftarannya apakah sudah ada sertifikat untuk peserta yang kemarin ikut daring di samarinda "
            + "terima kasih banyak kak mohon info status registrasi aduan komplain petugas manusia "
        for text in Self.shuffledLines + ["", "!!!", "2026", String(repeating: "jadwal pelatihan ", count: 60), long, long + long + "jadwal"] {
            let fast = m.classify(text, now: now)
            #expect(fast == Self.reference(m, text, now: now), "\(text)")
            if fast.intent == .outOfScope { outOfScope += 1 }
            if !fast.entities.isEmpty { withEntities += 1 }
        }
        // the lines reach both branches of the out-of-scope rule and the entity paths
        #expect(outOfScope > 10 && withEntities > 50)
    }

    @Test func analysisTokensAreTheAnalyzersTokens() {
        let m = Self.model
        for text in Self.shuffledLines {
            let a = m.analyze(text, now: now)
            #expect(a.tokens == m.analyzer.analyze(text), "\(text)")
            #expect(a.classification == m.classify(text, now: now), "\(text)")
        }
    }

    @Test func referenceBoostsEqualTheTokenBoosts() {
        let m = Self.model
        var boostedLines = 0
        for text in Self.lines {
            let input = EntityInput(text)
            var refs = [Int32](), extras = [TextAnalyzer.Token](), lang: Lang?
            input.bytes.withUnsafeBufferPointer { m.analyzer.analyze(folded: $0, runs: 1, refs: &refs, extras: &extras, lang: &lang) }
            let tokens = refs.map { m.analyzer.token($0, extras: extras) }
            let bag = FeatureBag(tokens: tokens, entities: [])
            let zero = [Double](repeating: 0, count: m.labels.count)
            let expected = IntentModel.boosted(zero, tokens: tokens, stemKeys: bag.stemKeys, keywords: m.keywords)
            var scores = zero
            scores.withUnsafeMutableBufferPointer {
                IntentModel.boost($0.baseAddress!, refs: refs, extras: extras, stemKeys: bag.stemKeys, keywords: m.keywords,
                                  knownKeyword: m.knownKeyword, known: m.knownGrams)
            }
            #expect(scores == expected, "\(text)")
            if scores != zero { boostedLines += 1 }
        }
        #expect(boostedLines > 100)
    }

    @Test func knownStemBytesAndKeywordEntriesMatchTheTokens() {
        let m = Self.model
        for (t, token) in m.analyzer.knownTokenList.enumerated() {
            #expect(m.knownGrams.stemEquals(t, token.stem))
            #expect(!m.knownGrams.stemEquals(t, token.stem + "x"))
            #expect(m.knownGrams.stemHash(t, from: 7) == FeatureTable.fnv(token.stem, from: 7))
            let entry = m.keywords.entry(token.stem, FeatureTable.fnv(token.stem))
            #expect(m.knownKeyword[t] == Int32(entry ?? -1), "\(token.stem)")
        }
        #expect(m.knownKeyword.contains { $0 >= 0 })
    }

    @Test func threadsClassifyingAtOnceGetTheSequentialResults() {
        let m = Self.model
        let lines = Self.shuffledLines
        let now = self.now
        let expected = lines.map { m.classify($0, now: now) }
        let threads = 4
        let results = ResultSlots(count: threads)
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            // each thread starts at a different line, so their messages differ at any moment
            var out = [Classification?](repeating: nil, count: lines.count)
            for k in 0..<lines.count {
                let i = (k + t * lines.count / threads) % lines.count
                out[i] = m.classify(lines[i], now: now)
            }
            results.set(t, out.map { $0! })
        }
        for t in 0..<threads { #expect(results.get(t) == expected) }
    }

    @Test func aVeryLongMessageLeavesNoStorageBehind() {
        let m = Self.model
        let long = String(repeating: "jadwal pelatihan angkatan 3 bulan depan ", count: 200) // 8 KB
        #expect(m.classify(long, now: now) == Self.reference(m, long, now: now))
        let scratch = ClassifierScratch.current // this thread's: the test body does not suspend
        #expect(scratch.inputBytes.capacity == 0 && scratch.inputWords.capacity == 0)
        #expect(scratch.refs.capacity == 0 && scratch.bag.grams.capacity == 0)
        // and the next messages are classified as before, their storage kept again
        for text in Self.lines.prefix(50) { #expect(m.classify(text, now: now) == Self.reference(m, text, now: now)) }
        #expect(ClassifierScratch.current.inputBytes.capacity > 0)
    }

    @Test func reenteringOnOneThreadUsesAFreshScratch() {
        let m = Self.model
        let outer = "jadwal pelatihan angkatan 3 kapan ya min", inner = "saya mau komplain soal sertifikat saya yang belum keluar"
        let (a, b) = ClassifierScratch.with { scratch -> (Classification, Classification) in
            scratch.refs = [1, 2, 3]
            let b = m.classify(inner, now: now) // inside a classification's scratch use
            #expect(scratch.refs == [1, 2, 3])
            return (m.classify(outer, now: now), b)
        }
        #expect(a == Self.reference(m, outer, now: now))
        #expect(b == Self.reference(m, inner, now: now))
    }
}

/// The message input built in reused storage (`TextFolding.fold(_:into:)`,
/// `EntityInput.init(_:reusing:_:)`) against fresh builds, and entity extraction with the digit
/// runs scanned once against the extractors run one by one.
@Suite struct ReusedInputTests {
    static let extra = ["Pendaftarán ÁNGKATAN III — “jadwal” ✨ straße", "NIK 3201234567890123 HP 0812-3456-7890 NIP 198703122010011002",
                        "+62 812 3456 7890 / 62812345678901 / 08123456789", "reg 2026 42, adu-20261122-7, budi.s@kemenkeu.go.id.", ""]

    @Test func foldIntoAReusedBufferEqualsFold() {
        var buffer = [UInt8](repeating: 255, count: 4000)
        for text in ClassifierScratchTests.shuffledLines + Self.extra {
            TextFolding.fold(text, into: &buffer)
            #expect(buffer == TextFolding.fold(text), "\(text)")
        }
    }

    @Test func inputInReusedStorageEqualsAFreshInput() {
        var bytes = [UInt8](), words = [EntityInput.Word]()
        for text in ClassifierScratchTests.shuffledLines + Self.extra {
            let fresh = EntityInput(text)
            let reused = EntityInput(text, reusing: consume bytes, consume words)
            #expect(reused.bytes == fresh.bytes, "\(text)")
            #expect(reused.words.map { [$0.start, $0.end, Int($0.role)] } == fresh.words.map { [$0.start, $0.end, Int($0.role)] }, "\(text)")
            #expect(reused.roles == fresh.roles && reused.hasDigits == fresh.hasDigits, "\(text)")
            for w in fresh.words { #expect(reused.surface(w.start, w.end) == fresh.surface(w.start, w.end)) }
            bytes = reused.bytes
            words = reused.words
        }
    }

    @Test func sharedDigitRunsGiveTheExtractorsOneByOne() {
        let m = ClassifierScratchTests.model
        let programs = ProgramExtractor(programs: [ProgramName(canonical: "Pelatihan Kepemimpinan Administrator", aliases: ["PKA"])])
        let now = Date(timeIntervalSince1970: 1_795_316_400)
        var digitLines = 0
        for text in ClassifierScratchTests.lines + Self.extra {
            let input = EntityInput(text)
            // the extractors in the extractor's order, each scanning for itself; overlapping finds dropped
            var taken = [EntityMatch]()
            let all: [[EntityMatch]] = [
                PrefixedIDExtractor.registration.extract(input, now: now), PrefixedIDExtractor.ticket.extract(input, now: now),
                EmailExtractor().extract(input, now: now), IdentityNumberExtractor().extract(input, now: now),
                PhoneExtractor().extract(input, now: now), DateExtractor().extract(input, now: now),
                CohortExtractor().extract(input, now: now), programs.extract(input, now: now),
            ]
            for found in all {
                for f in found where !taken.contains(where: { $0.start < f.end && f.start < $0.end }) { taken.append(f) }
            }
            let expected = taken.sorted { $0.start < $1.start }.map(\.entity)
            #expect(m.extractor.extract(input, now: now) == expected, "\(text)")
            if input.hasDigits && !expected.isEmpty { digitLines += 1 }
        }
        #expect(digitLines > 20)
    }
}

/// Per-thread results of a concurrent test, behind a lock.
final class ResultSlots: @unchecked Sendable {
    private var slots: [[Classification]]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: [], count: count) }
    func set(_ i: Int, _ value: [Classification]) { lock.lock(); slots[i] = value; lock.unlock() }
    func get(_ i: Int) -> [Classification] { lock.lock(); defer { lock.unlock() }; return slots[i] }
}
