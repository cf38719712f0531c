/// What a complaint is about. The category decides the service-level target (how many working
/// days until it must be answered) and whether the report is confidential: integrity reports
/// (extortion, *pungli*, gratification) are shown only to supervisors.
public enum ComplaintCategory: String, Sendable, Codable, CaseIterable {
    case service
    case trainer
    case lms
    case schedule
    case integrity
    case other

    /// Integrity reports are always confidential: their text never appears in a status reply.
    public var isConfidential: Bool { self == .integrity }

    /// The number a user may type to choose this category in the guided dialog (1-based).
    public var menuNumber: Int { (ComplaintCategory.allCases.firstIndex(of: self) ?? 0) + 1 }

    /// Keywords (Indonesian and English, lowercase) that point to this category in free text.
    public var keywords: [String] {
        switch self {
        case .integrity: ["pungli", "pungutan", "gratifikasi", "suap", "sogok", "pemerasan", "diperas", "minta uang", "dimintai uang", "uang pelicin", "amplop", "korupsi", "bribe", "bribery", "extortion", "kickback", "integritas", "integrity"]
        case .lms: ["lms", "login", "aplikasi", "website", "situs", "server", "error", "eror", "password", "kata sandi", "akun", "zoom", "sinyal", "tidak bisa masuk", "gak bisa masuk", "ga bisa masuk", "teknis", "technical", "account", "upload", "unggah", "sertifikat digital"]
        case .trainer: ["widyaiswara", "pengajar", "fasilitator", "narasumber", "trainer", "instructor", "materi", "modul", "material", "lecturer", "coach", "mentor"]
        case .schedule: ["jadwal", "schedule", "diundur", "dimajukan", "ditunda", "mundur", "reschedul", "tanggal", "jam pelajaran", "postponed", "timetable"]
        case .service: ["pelayanan", "layanan", "petugas", "panitia", "staf", "admin", "lambat", "tidak dibalas", "ga dibalas", "gak dibalas", "service", "staff", "rude", "kasar", "tidak ramah", "konsumsi", "asrama", "kamar", "makan", "dormitory"]
        case .other: []
        }
    }

    /// The category `text` (already lowercased) is about: integrity whenever one of its words
    /// appears (such reports must never be filed as something milder), otherwise the category
    /// with the most keywords present ("the trainer never shows up on zoom and the material is
    /// outdated" is about the trainer, not the LMS), ties going to the earlier in
    /// LMS, trainer, schedule, service.
    public static func infer(from lowered: String) -> ComplaintCategory? {
        if ComplaintCategory.integrity.keywords.contains(where: { lowered.contains($0) }) { return .integrity }
        var best: (category: ComplaintCategory, hits: Int)?
        for category in [ComplaintCategory.lms, .trainer, .schedule, .service] {
            let hits = category.keywords.reduce(0) { $0 + (lowered.contains($1) ? 1 : 0) }
            if hits > (best?.hits ?? 0) { best = (category, hits) }
        }
        return best?.category
    }

    public static func parse(_ text: String) -> ComplaintCategory? {
        let t = text.lowercased().trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
        if let n = Int(t), n >= 1, n <= allCases.count { return allCases[n - 1] }
        if let exact = ComplaintCategory(rawValue: t) { return exact }
        if ["lain", "lainnya", "lain-lain", "others"].contains(t) { return .other }
        return infer(from: t)
    }
}

import Foundation
