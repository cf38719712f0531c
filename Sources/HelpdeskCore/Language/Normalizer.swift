/// Splits folded text into words the way people type them: punctuation goes, apostrophes
/// vanish ("gak'), reduplication collapses ("jadwal2", "jadwal-jadwal", "berkali-kali" →
/// one word), and letter elongation ("haloooo", "makasihhh") is marked so the analyzer can
/// choose between the single and double letter against the vocabulary. Pure and allocation-light:
/// it is the first stage of every classification.
public enum Normalizer {
    /// A word as typed after folding, with its elongation-collapsed alternative.
    public struct Word: Sendable, Equatable {
        /// Runs of three or more equal letters reduced to one ("haloooo" → "halo").
        public var single: String
        /// The same runs reduced to two ("maaaaf" → "maaf"); equal to `single` when there were none.
        public var double: String
    }

    public static func words(_ text: String) -> [Word] { words(folded: TextFolding.fold(text)) }

    public static func words(folded bytes: [UInt8]) -> [Word] {
        bytes.withUnsafeBufferPointer { b in
            // a word is made of the message's own bytes, so one message-sized stack buffer holds any of them
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, b.count)) { scratch in
                words(b, into: scratch.baseAddress!)
            }
        }
    }

    private static func words(_ bytes: UnsafeBufferPointer<UInt8>, into word: UnsafeMutablePointer<UInt8>) -> [Word] {
        var result = [Word]()
        result.reserveCapacity(TextFolding.alnumRuns(bytes))
        forEachWord(bytes, scratch: word) { result.append(elongation($0)) }
        return result
    }

    /// Calls `body` with the bytes of each word (before elongation is looked at), in order;
    /// `scratch` has room for `bytes.count` bytes and holds the word during the call.
    @inline(__always)
    static func forEachWord(_ bytes: UnsafeBufferPointer<UInt8>, scratch word: UnsafeMutablePointer<UInt8>,
                            _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var i = 0
        let n = bytes.count
        @inline(__always) func same(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
            for k in 0..<count where a[k] != b[k] { return false }
            return true
        }
        while i < n {
            guard TextFolding.isAlnum(bytes[i]) else { i += 1; continue }
            var len = 0
            while i < n {
                let b = bytes[i]
                if TextFolding.isAlnum(b) { word[len] = b; len += 1; i += 1; continue }
                if b == 39, i + 1 < n, TextFolding.isLetter(bytes[i + 1]) { i += 1; continue } // gak'pa
                if b == 45, i + 1 < n, TextFolding.isLetter(bytes[i + 1]), len > 0, TextFolding.isLetter(word[len - 1]) {
                    // a hyphenated pair: reduplication ("jadwal-jadwal", "berkali-kali") or two words
                    var j = i + 1
                    while j < n, TextFolding.isLetter(bytes[j]) { j += 1 }
                    let second = bytes.baseAddress! + (i + 1), count = j - (i + 1)
                    if count >= 3 || (count == len && same(word, second, len)), len >= count, same(word + (len - count), second, count) {
                        i = j
                        continue
                    }
                    break
                }
                break
            }
            // "jadwal2" → "jadwal": a trailing 2 after at least three letters marks reduplication
            if len >= 4, word[len - 1] == 50, TextFolding.isLetter(word[len - 2]) {
                len -= 1
            }
            body(UnsafeBufferPointer(start: word, count: len))
        }
    }

    /// Whether `word` has a run of three equal bytes (then `elongation` may give two forms).
    @inline(__always) static func hasRun(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard word.count >= 3 else { return false }
        for k in 2..<word.count where word[k] == word[k - 1] && word[k] == word[k - 2] { return true }
        return false
    }

    static func elongation(_ word: [UInt8]) -> Word {
        word.withUnsafeBufferPointer { elongation($0) }
    }

    static func elongation(_ word: UnsafeBufferPointer<UInt8>) -> Word {
        var hasRun = false
        if word.count >= 3 {
            for k in 2..<word.count where word[k] == word[k - 1] && word[k] == word[k - 2] { hasRun = true; break }
        }
        if !hasRun {
            let s = String(decoding: word, as: UTF8.self)
            return Word(single: s, double: s)
        }
        // roman numerals ("iii", "viii") are not elongation
        if word.allSatisfy({ $0 == 105 || $0 == 118 || $0 == 120 }) {
            let s = String(decoding: word, as: UTF8.self)
            return Word(single: s, double: s)
        }
        var single = [UInt8](), double = [UInt8]()
        single.reserveCapacity(word.count); double.reserveCapacity(word.count)
        var k = 0
        var changed = false
        while k < word.count {
            let b = word[k]
            var run = 1
            while k + run < word.count, word[k + run] == b { run += 1 }
            if run >= 3, TextFolding.isLetter(b) {
                changed = true
                single.append(b); double.append(b); double.append(b)
            } else {
                for _ in 0..<run { single.append(b); double.append(b) }
            }
            k += run
        }
        let s = String(decoding: single, as: UTF8.self)
        return Word(single: s, double: changed ? String(decoding: double, as: UTF8.self) : s)
    }
}
