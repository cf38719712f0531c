/// The analyzer's path for a whole message's folded bytes, as the classifier runs it on every
/// message: the same tokens as `analyze(words: Normalizer.words(folded:))` and the same language
/// as `LanguageGuess.guess` over those words, but a plain word (no run of three equal letters,
/// which is almost every word) is looked up by its bytes, with one FNV hash for both tables,
/// and becomes no `String` and no `Normalizer.Word` when the analyzer knows it.
extension TextAnalyzer {
    /// Tokens of the message; `ids` gets each token's `knownTokenList` index or -1, `lang` the guess.
    /// `runs`: `TextFolding.alnumRuns(bytes)` when the caller has it (a capacity hint only).
    func analyze(folded bytes: [UInt8], runs: Int? = nil, known ids: inout [Int32], lang: inout Lang?) -> [Token] {
        var out = [Token]()
        var id = 0, en = 0
        let langTable = LanguageGuess.table, langSign = LanguageGuess.tableSign
        let known = self.known
        bytes.withUnsafeBufferPointer { b in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, b.count)) { scratch in
                let runs = runs ?? TextFolding.alnumRuns(b)
                out.reserveCapacity(runs + 2)
                ids.reserveCapacity(runs + 2)
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
                        analyzeWord(w, into: &out, known: &ids, recording: true)
                        return
                    }
                    let hash = FeatureTable.fnv(word)
                    count(langTable.index(word, hash: hash))
                    if let first = word.first, TextFolding.isDigit(first) { return }
                    if let k = known.index(word, hash: hash) {
                        out.append(contentsOf: knownTokens[k])
                        for t in knownFirst[k]..<knownFirst[k + 1] { ids.append(t) }
                        return
                    }
                    let s = String(decoding: word, as: UTF8.self)
                    analyzeWord(Normalizer.Word(single: s, double: s), into: &out, known: &ids, recording: true)
                }
            }
        }
        lang = id == en ? nil : id > en ? .id : .en
        return out
    }
}
