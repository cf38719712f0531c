/// The analyzer's path for a whole message's folded bytes, as the classifier runs it on every
/// message: the same tokens as `analyze(words: Normalizer.words(folded:))` and the same language
/// as `LanguageGuess.guess` over those words, but a plain word (no run of three equal letters,
/// which is almost every word) is looked up by its bytes, with one FNV hash for both tables,
/// and becomes no `String` and no `Normalizer.Word` when the analyzer knows it.
///
/// The classifier takes the tokens as *references* (`analyze(folded:runs:refs:extras:lang:)`):
/// a known token is its index in `knownTokenList` and is never copied (a `Token` copy retains
/// three strings); only tokens worked out for this message are built, into `extras`.
extension TextAnalyzer {
    /// Tokens of the message; `ids` gets each token's `knownTokenList` index or -1, `lang` the guess.
    /// `runs`: `TextFolding.alnumRuns(bytes)` when the caller has it (a capacity hint only).
    func analyze(folded bytes: [UInt8], runs: Int? = nil, known ids: inout [Int32], lang: inout Lang?) -> [Token] {
        var refs = [Int32](), extras = [Token]()
        bytes.withUnsafeBufferPointer { b in
            analyze(folded: b, runs: runs ?? TextFolding.alnumRuns(b), refs: &refs, extras: &extras, lang: &lang)
        }
        var out = [Token]()
        out.reserveCapacity(refs.count)
        ids.reserveCapacity(ids.count + refs.count)
        for r in refs {
            out.append(token(r, extras: extras))
            ids.append(max(r, -1))
        }
        return out
    }

    /// The token a reference stands for: `knownTokenList[ref]`, or `extras[-ref - 1]` when `ref < 0`.
    func token(_ ref: Int32, extras: [Token]) -> Token {
        ref >= 0 ? knownTokenList[Int(ref)] : extras[Int(-ref - 1)]
    }

    /// The message's tokens appended to `refs` as references (`ref >= 0`: `knownTokenList[ref]`;
    /// `ref < 0`: `extras[-ref - 1]`, a token worked out for this message and appended there),
    /// in the order `analyze(words:)` gives them; `lang` gets the guess. `runs` is a capacity hint.
    func analyze(folded b: UnsafeBufferPointer<UInt8>, runs: Int, refs: inout [Int32], extras: inout [Token], lang: inout Lang?) {
        var id = 0, en = 0
        let langTable = LanguageGuess.table, langSign = LanguageGuess.tableSign
        let known = self.known
        refs.reserveCapacity(refs.count + runs + 2)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, b.count)) { scratch in
            Normalizer.forEachWord(b, scratch: scratch.baseAddress!) { word in
                @inline(__always) func count(_ k: Int?) {
                    guard let k else { return }
                    let s = langSign[k]
                    if s > 0 { id += 1 } else if s < 0 { en += 1 }
                }
                if Normalizer.hasRun(word) {
                    // elongation: the reference path, word by word
                    let w = Normalizer.elongation(word)
                    count(langTable.index(w.single))
                    workOut(w, refs: &refs, extras: &extras)
                    return
                }
                let hash = FeatureTable.fnv(word)
                count(langTable.index(word, hash: hash))
                if let first = word.first, TextFolding.isDigit(first) { return }
                if let k = known.index(word, hash: hash) {
                    for t in knownFirst[k]..<knownFirst[k + 1] { refs.append(t) }
                    return
                }
                let s = String(decoding: word, as: UTF8.self)
                workOut(Normalizer.Word(single: s, double: s), refs: &refs, extras: &extras)
            }
        }
        lang = id == en ? nil : id > en ? .id : .en
    }

    /// `analyzeWord` for a word the byte look-up did not settle (elongated or unknown), its
    /// tokens appended as references.
    private func workOut(_ w: Normalizer.Word, refs: inout [Int32], extras: inout [Token]) {
        var tokens = [Token](), ids = [Int32]()
        analyzeWord(w, into: &tokens, known: &ids, recording: true)
        for (t, i) in zip(tokens, ids) {
            if i >= 0 { refs.append(i) } else { extras.append(t); refs.append(-Int32(extras.count)) }
        }
    }
}
