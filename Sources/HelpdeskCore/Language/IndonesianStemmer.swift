/// An Indonesian stemmer in the Nazief–Adriani / ECS tradition: it strips particles (-lah,
/// -kah, -tah, -pun), possessives (-ku, -mu, -nya, and the texting form -ny), derivational
/// suffixes (-i, -kan, -an) and up to two prefixes (meN-/peN- with their sound changes, ber-,
/// ter-, per-, di-, ke-, se-), and accepts a candidate only when it is in the root dictionary.
/// So "mendaftar", "pendaftaran", "terdaftar", "daftarnya" and "pendaftaranny" all meet at
/// "daftar", while unknown words lose only their particle and possessive (a safe, stable form).
public struct IndonesianStemmer: Sendable {
    public let roots: Set<String>
    /// `roots` as an exact byte-keyed table: candidate forms are looked up as bytes, without
    /// building a `String` or SipHashing it (a word's search tries dozens of candidates).
    private let rootTable: WordTable

    public init(roots: Set<String>) {
        self.roots = roots
        self.rootTable = WordTable(Array(roots))
    }

    /// Whether `word` is a dictionary root (the same as `roots.contains(word)`).
    @inline(__always) func isRoot(_ word: String) -> Bool { rootTable.index(word) != nil }

    public func stem(_ word: String) -> String {
        if word.utf8.count <= 3 || isRoot(word) { return word }
        let bytes = Array(word.utf8)
        if let found = search(bytes) { return found }
        return inflectionStripped(word, bytes)
    }

    /// `stem(word)` for a word already known to reduce to no root (`root(of: word) == nil`),
    /// without searching a second time.
    func stemOfRootless(_ word: String) -> String {
        word.utf8.count <= 3 ? word : inflectionStripped(word, Array(word.utf8))
    }

    private func inflectionStripped(_ word: String, _ bytes: [UInt8]) -> String {
        // Unknown word: drop inflection only, so the same word always gives the same stem.
        var w = bytes
        w = stripParticle(w) ?? w
        w = stripPossessive(w) ?? w
        return w.count >= 3 ? String(decoding: w, as: UTF8.self) : word
    }

    /// Whether the stemmer can reduce `word` to a dictionary root (used by the analyzer to
    /// decide that a word needs no spelling correction).
    public func knows(_ word: String) -> Bool { root(of: word) != nil }

    /// The dictionary root `word` reduces to, or nil when it reduces to none.
    public func root(of word: String) -> String? {
        if isRoot(word) { return word }
        return word.utf8.count <= 3 ? nil : search(Array(word.utf8))
    }

    private func search(_ word: [UInt8]) -> String? {
        // inflectional variants, most to least stripped, each then tried with derivational suffixes and prefixes
        var forms: [[UInt8]] = [word]
        if let p = stripParticle(word) { forms.append(p); if let q = stripPossessive(p) { forms.append(q) } }
        if let q = stripPossessive(word) { forms.append(q) }
        for form in forms {
            if let r = lookup(form) { return r }
            for suffixed in derivational(form) {
                if let r = lookup(suffixed) { return r }
            }
        }
        for form in forms {
            if let r = prefixed(form, depth: 0) { return r }
            for suffixed in derivational(form) {
                if let r = prefixed(suffixed, depth: 0) { return r }
            }
        }
        return nil
    }

    @inline(__always) private func lookup(_ w: [UInt8]) -> String? {
        guard w.count >= 2 else { return nil }
        return w.withUnsafeBufferPointer { rootTable.index($0) }.map { rootTable.words[$0] }
    }

    private func ends(_ w: [UInt8], _ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard w.count > n + 2 else { return false }
        let p = s.utf8Start
        for k in 0..<n where w[w.count - n + k] != p[k] { return false }
        return true
    }

    private func begins(_ w: [UInt8], _ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard w.count > n + 1 else { return false }
        let p = s.utf8Start
        for k in 0..<n where w[k] != p[k] { return false }
        return true
    }

    private func stripParticle(_ w: [UInt8]) -> [UInt8]? {
        for s: StaticString in ["lah", "kah", "tah", "pun"] where ends(w, s) { return Array(w.dropLast(3)) }
        return nil
    }

    private func stripPossessive(_ w: [UInt8]) -> [UInt8]? {
        if ends(w, "nya") { return Array(w.dropLast(3)) }
        if ends(w, "ku") || ends(w, "mu") { return Array(w.dropLast(2)) }
        if ends(w, "ny") { return Array(w.dropLast(2)) }
        return nil
    }

    private func derivational(_ w: [UInt8]) -> [[UInt8]] {
        var out = [[UInt8]]()
        if ends(w, "kan") { out.append(Array(w.dropLast(3))) }
        if ends(w, "an") { out.append(Array(w.dropLast(2))) }
        if ends(w, "i") { out.append(Array(w.dropLast(1))) }
        return out
    }

    private func isVowel(_ b: UInt8) -> Bool { b == 97 || b == 101 || b == 105 || b == 111 || b == 117 }

    /// Candidate bases after removing one prefix, with the meN-/peN- sound changes undone.
    private func prefixCandidates(_ w: [UInt8]) -> [[UInt8]] {
        var out = [[UInt8]]()
        func rest(_ k: Int) -> [UInt8] { Array(w[k...]) }
        for p: StaticString in ["di", "ke", "se"] where begins(w, p) { out.append(rest(2)) }
        for p: StaticString in ["ber", "ter", "per"] where begins(w, p) {
            out.append(rest(3))
            out.append(Array(w[2...])) // be+r..., te+r...: "berenang" → "renang"
        }
        if begins(w, "bel") || begins(w, "pel") { out.append(rest(3)) } // belajar, pelajar
        if begins(w, "be") { out.append(rest(2)) } // bekerja
        for (p, pe): (StaticString, StaticString) in [("meng", "menge"), ("peng", "penge")] where begins(w, p) {
            out.append(rest(4))
            out.append([107] + rest(4)) // mengirim → kirim
            if begins(w, pe) { out.append(rest(5)) } // mengecek → cek
        }
        for p: StaticString in ["meny", "peny"] where begins(w, p) { out.append([115] + rest(4)) } // menyampaikan → sampai
        for p: StaticString in ["mem", "pem"] where begins(w, p) {
            out.append(rest(3)) // membuat → buat
            out.append([112] + rest(3)) // memilih → pilih
        }
        for p: StaticString in ["men", "pen"] where begins(w, p) {
            out.append(rest(3)) // mendaftar → daftar
            out.append([116] + rest(3)) // menanya → tanya
        }
        for p: StaticString in ["me", "pe"] where begins(w, p) { out.append(rest(2)) } // melapor → lapor
        return out.filter { $0.count >= 2 }
    }

    private func prefixed(_ w: [UInt8], depth: Int) -> String? {
        guard depth < 2 else { return nil }
        for base in prefixCandidates(w) {
            if let r = lookup(base) { return r }
            for suffixed in derivational(base) {
                if let r = lookup(suffixed) { return r }
            }
            if let r = prefixed(base, depth: depth + 1) { return r }
        }
        return nil
    }
}
