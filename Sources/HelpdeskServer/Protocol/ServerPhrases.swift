import HelpdeskCore

/// Everything the server itself (not the desk) says to people, in both languages: the banner,
/// `/help`, limits and goodbyes. Kept in one table so wording is reviewed in one place.
public enum ServerPhrases {
    public static let banner = "Selamat datang di Helpdesk Pelatihan LAN. Tulis pertanyaan Anda, atau /help untuk bantuan. (English: /lang en)"
    public static let busy = "Maaf, layanan sedang penuh; silakan coba lagi nanti. / Sorry, the helpdesk is full; please try again later."
    public static let shuttingDown = "Layanan sedang dihentikan sebentar; silakan sambung kembali nanti. / The helpdesk is going down; please reconnect later."

    public static func help(_ lang: Lang) -> String {
        switch lang {
        case .id:
            """
            Tanyakan apa saja tentang pelatihan LAN: jadwal angkatan, status pendaftaran (REG-…), atau sampaikan pengaduan.
            Perintah: /help (bantuan ini), /lang id|en (ganti bahasa), /quit (keluar).
            """
        case .en:
            """
            Ask anything about LAN training: cohort schedules, registration status (REG-…), or file a complaint.
            Commands: /help (this help), /lang id|en (switch language), /quit (leave).
            """
        }
    }

    public static func languageSet(_ lang: Lang) -> String {
        lang == .en ? "Language set to English." : "Bahasa diatur ke Bahasa Indonesia."
    }

    public static func languageUsage(_ lang: Lang) -> String {
        lang == .en ? "Usage: /lang id or /lang en (current: English)." : "Gunakan: /lang id atau /lang en (sekarang: Bahasa Indonesia)."
    }

    public static func unknownCommand(_ name: String, _ lang: Lang) -> String {
        lang == .en
            ? "Unknown command /\(name). Available: /help, /lang id|en, /quit."
            : "Perintah /\(name) tidak dikenal. Yang tersedia: /help, /lang id|en, /quit."
    }

    public static func goodbye(_ lang: Lang) -> String {
        lang == .en ? "Goodbye, thank you for contacting the helpdesk." : "Sampai jumpa, terima kasih telah menghubungi helpdesk."
    }

    public static func lineTooLong(_ limit: Int, _ lang: Lang) -> String {
        lang == .en
            ? "That line is too long (over \(limit) bytes) and was ignored; please write a shorter message."
            : "Pesan terlalu panjang (lebih dari \(limit) byte) dan diabaikan; silakan tulis lebih singkat."
    }

    public static func rateLimited(_ lang: Lang) -> String {
        lang == .en ? "You are sending messages too fast; please slow down." : "Pesan Anda terlalu cepat; mohon tunggu sebentar."
    }

    public static func jsonExpectedObject(_ lang: Lang) -> String {
        lang == .en ? "That looked like JSON but could not be read." : "Pesan tampak seperti JSON tetapi tidak dapat dibaca."
    }

    public static let tooManyErrors = "Terlalu banyak kesalahan berturut-turut; koneksi ditutup. / Too many errors in a row; closing the connection."
    public static let idle = "Koneksi ditutup karena tidak aktif. / Connection closed after being idle."
}
