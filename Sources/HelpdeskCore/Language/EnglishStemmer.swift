/// A light English suffix stripper (plural -s/-es/-ies, -ing, -ed, -ly), enough to make
/// "registered", "registering" and "registration"'s neighbours meet without a full Porter
/// stemmer. Words shorter than five letters and words ending in -ss/-us/-is are left alone.
public enum EnglishStemmer {
    public static func stem(_ word: String) -> String {
        let b = Array(word.utf8)
        let n = b.count
        guard n >= 5 else { return word }
        func ends(_ s: String) -> Bool { b.count >= s.utf8.count && b.suffix(s.utf8.count).elementsEqual(s.utf8) }
        func cut(_ k: Int, add: String = "") -> String { String(decoding: b[0..<(n - k)], as: UTF8.self) + add }
        if ends("ies") { return cut(3, add: "y") }
        if ends("ing"), n >= 6 { return undouble(cut(3)) }
        if ends("ed"), n >= 5 { return undouble(cut(2)) }
        if ends("ly"), n >= 6 { return cut(2) }
        if ends("ation"), n >= 8 { return cut(5) }
        if ends("sses") { return cut(2) }
        if ends("ss") || ends("us") || ends("is") { return word }
        if ends("es"), n >= 6, ends("ches") || ends("shes") || ends("xes") { return cut(2) }
        if ends("s") { return cut(1) }
        return word
    }

    private static func undouble(_ s: String) -> String {
        let b = Array(s.utf8)
        if b.count >= 4, b[b.count - 1] == b[b.count - 2], b[b.count - 1] != 108, b[b.count - 1] != 115 {
            return String(decoding: b.dropLast(), as: UTF8.self)
        }
        return s
    }
}
