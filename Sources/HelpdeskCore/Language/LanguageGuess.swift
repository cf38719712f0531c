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

    /// `words` are the folded words of the message (before slang expansion).
    public static func guess(_ words: [String]) -> Lang? {
        var id = 0, en = 0
        for w in words {
            let i = indonesian.contains(w), e = english.contains(w)
            if i && !e { id += 1 } else if e && !i { en += 1 }
        }
        if id == en { return nil }
        return id > en ? .id : .en
    }
}
