/// Guesses whether a message is Indonesian or English from function words and everyday words
/// that only one of the two languages uses ("yang", "saya", "gimana" against "the", "my",
/// "when"). Returns nil when the text gives no sign either way or the signs are tied, so the
/// session keeps its language for "ok", a number or a name.
public enum LanguageGuess {
    static let indonesian: Set<String> = [
        "yang", "dan", "di", "ke", "dari", "saya", "aku", "sy", "gue", "gw", "kamu", "anda", "apa", "apakah", "kapan",
        "bagaimana", "gimana", "gmn", "sudah", "udah", "udh", "belum", "blm", "tidak", "gak", "ga", "nggak", "enggak", "tdk",
        "bisa", "mau", "ingin", "ada", "ini", "itu", "dengan", "untuk", "buat", "tolong", "mohon", "terima", "kasih",
        "makasih", "selamat", "pagi", "siang", "sore", "malam", "halo", "hai", "jadwal", "pelatihan", "pendaftaran",
        "daftar", "angkatan", "kok", "dong", "deh", "sih", "nih", "ya", "min", "kak", "pak", "bu", "tapi", "tp", "juga",
        "lagi", "masih", "akan", "bulan", "depan", "besok", "hari", "mana", "siapa", "kenapa", "mengapa", "berapa", "sampai",
        "jumpa", "dulu", "aduan", "keluhan", "komplain", "status", "saja", "aja", "banget", "bgt", "kah", "lah", "nya",
        "pengaduan", "bicara", "petugas", "manusia", "bantuan", "bantu", "mulai", "kami", "kita", "kalau", "kalo", "atau",
    ]
    static let english: Set<String> = [
        "the", "a", "an", "is", "are", "was", "were", "my", "your", "i", "you", "we", "what", "when", "where", "how",
        "why", "who", "which", "do", "does", "did", "can", "could", "would", "will", "please", "thanks", "thank",
        "hello", "hi", "hey", "good", "morning", "afternoon", "evening", "bye", "goodbye", "of", "to", "for", "in", "on",
        "with", "and", "or", "not", "no", "yes", "have", "has", "been", "registration", "schedule", "training", "complaint",
        "want", "need", "help", "talk", "human", "agent", "person", "status", "it", "this", "that", "there", "about",
        "next", "week", "month", "start", "starts", "see", "later", "check", "file", "am", "me", "know", "should", "be",
    ]

    /// +1 for a word only Indonesian uses, -1 for one only English uses (one lookup a word).
    static let sign: [String: Int] = {
        var s = [String: Int]()
        for w in indonesian where !english.contains(w) { s[w] = 1 }
        for w in english where !indonesian.contains(w) { s[w] = -1 }
        return s
    }()

    /// The signed words as an exact byte-keyed table, and each one's sign (no SipHash per word).
    static let table = WordTable(Array(sign.keys))
    static let tableSign: [Int8] = table.words.map { Int8(sign[$0]!) }

    /// `words` are the folded words of the message (before slang expansion).
    public static func guess(_ words: [String]) -> Lang? {
        let table = self.table, tableSign = self.tableSign
        return verdict(words.lazy.map { w in table.index(w).map { Int(tableSign[$0]) } ?? 0 })
    }

    /// The same for the normalizer's words (their `single` forms), without building a word list.
    public static func guess(_ words: [Normalizer.Word]) -> Lang? {
        let table = self.table, tableSign = self.tableSign
        return verdict(words.lazy.map { w in table.index(w.single).map { Int(tableSign[$0]) } ?? 0 })
    }

    private static func verdict<S: Sequence>(_ signs: S) -> Lang? where S.Element == Int {
        var id = 0, en = 0
        for s in signs {
            if s > 0 { id += 1 } else if s < 0 { en += 1 }
        }
        if id == en { return nil }
        return id > en ? .id : .en
    }
}
