import Foundation

/// The guided complaint conversation: category, description, reporting mode, optional contact,
/// confirmation. Whatever the first message already says (a long description, keywords for the
/// category, "rahasia"/"anonim", a phone number) is taken at once; only the rest is asked.
public struct ComplaintDialog: Sendable, Equatable {
    public enum Slot: Sendable, Equatable { case category, description, mode, contact, confirm }

    public var category: ComplaintCategory?
    public var description: String?
    public var mode: ComplaintMode?
    public var contact: String?
    public var contactAsked = false

    /// A message at least this long (in characters) is taken as the description.
    public static let descriptionMinimum = 40

    public init() {}

    /// Starts a complaint from its first message, taking every slot the message fills.
    public init(first text: String, entities: [Entity]) {
        let lowered = text.lowercased()
        category = ComplaintCategory.infer(from: lowered)
        if text.count >= ComplaintDialog.descriptionMinimum && text.split(separator: " ").count >= 6 { description = text }
        mode = ComplaintDialog.mode(in: lowered)
        if let c = entities.first(.phone) ?? entities.first(.email) {
            contact = c
            contactAsked = true
        }
    }

    public var next: Slot {
        if category == nil { return .category }
        if description == nil { return .description }
        if mode == nil { return .mode }
        if !contactAsked && mode != .anonymous { return .contact }
        return .confirm
    }

    public enum Answer: Equatable { case filled, invalid, confirmed, declined }

    /// Takes `text` as the answer to the current slot.
    public mutating func answer(_ text: String, entities: [Entity]) -> Answer {
        let t = Desk.trimmed(text)
        return answer(t, plain: ComplaintDialog.plain(t), entities: entities)
    }

    /// The same for text already trimmed (`Desk.trimmed`), with its `plain` form worked out.
    mutating func answer(_ t: String, plain word: String, entities: [Entity]) -> Answer {
        switch next {
        case .category:
            guard let c = ComplaintCategory.parse(t) else { return .invalid }
            category = c
        case .description:
            guard t.count >= 15 else { return .invalid }
            description = t
        case .mode:
            guard let m = ComplaintDialog.mode(answer: word) else { return .invalid }
            mode = m
        case .contact:
            if ComplaintDialog.skipWords.contains(word) {
                contact = nil
            } else if let c = entities.first(.phone) ?? entities.first(.email) {
                contact = c
            } else if t.contains("@") || t.filter(\.isNumber).count >= 8 {
                contact = String(t.prefix(120))
            } else {
                return .invalid
            }
            contactAsked = true
        case .confirm:
            if ComplaintDialog.yesWords.contains(word) { return .confirmed }
            if ComplaintDialog.noWords.contains(word) { return .declined }
            return .invalid
        }
        return .filled
    }

    /// Whether `text` is a plausible answer to the current slot (used to tell an answer from a question on another topic).
    public func accepts(_ text: String) -> Bool {
        accepts(text, plain: ComplaintDialog.plain(text))
    }

    /// The same with `ComplaintDialog.plain(text)` already worked out.
    func accepts(_ text: String, plain word: String) -> Bool {
        switch next {
        case .category: return ComplaintCategory.parse(text) != nil && !ComplaintDialog.looksLikeQuestion(text)
        case .mode: return ComplaintDialog.mode(answer: word) != nil
        case .confirm: return ComplaintDialog.yesWords.contains(word) || ComplaintDialog.noWords.contains(word)
        case .contact: return ComplaintDialog.skipWords.contains(word) || text.contains("@") || text.filter(\.isNumber).count >= 8
        case .description: return text.count >= 15 && !ComplaintDialog.looksLikeQuestion(text)
        }
    }

    /// A message that asks something ("kapan…?", "status REG-…") rather than tells what happened.
    static func looksLikeQuestion(_ text: String) -> Bool {
        if text.contains("?") { return true }
        let first = text.lowercased().split(separator: " ").first.map(String.init) ?? ""
        return questionWords.contains(first)
    }

    private static let questionWords: Set<String> = ["kapan", "bagaimana", "gimana", "apa", "apakah", "berapa", "dimana", "di mana", "siapa",
                                                     "cek", "status", "when", "what", "how", "where", "who", "is", "are", "can", "check"]

    public func prompt(_ book: ReplyBook, _ lang: Lang) -> String {
        switch next {
        case .category: return book.text(.complaintAskCategory, lang)
        case .description: return book.text(.complaintAskDescription, lang)
        case .mode: return book.text(.complaintAskMode, lang)
        case .contact: return book.text(.complaintAskContact, lang)
        case .confirm:
            return book.text(.complaintConfirm, lang, [
                "category": ComplaintDialog.name(of: category ?? .other, book, lang),
                "description": description ?? "",
                "contact": contact ?? book.text(.noContact, lang),
                "mode": ComplaintDialog.name(of: mode ?? .normal, book, lang),
            ])
        }
    }

    public static func name(of category: ComplaintCategory, _ book: ReplyBook, _ lang: Lang) -> String {
        switch category {
        case .service: book.text(.categoryService, lang)
        case .trainer: book.text(.categoryTrainer, lang)
        case .lms: book.text(.categoryLMS, lang)
        case .schedule: book.text(.categorySchedule, lang)
        case .integrity: book.text(.categoryIntegrity, lang)
        case .other: book.text(.categoryOther, lang)
        }
    }

    public static func name(of mode: ComplaintMode, _ book: ReplyBook, _ lang: Lang) -> String {
        switch mode {
        case .normal: book.text(.modeNormalName, lang)
        case .confidential: book.text(.modeConfidentialName, lang)
        case .anonymous: book.text(.modeAnonymousName, lang)
        }
    }

    static let yesWords: Set<String> = ["ya", "iya", "y", "yes", "ok", "oke", "okay", "kirim", "benar", "betul", "send", "setuju", "yup", "sip", "ya kirim", "iya kirim", "yes send", "lanjut"]
    static let noWords: Set<String> = ["tidak", "no", "gak", "ga", "nggak", "enggak", "jangan", "n", "tdk", "nope"]
    static let skipWords: Set<String> = ["lewati", "skip", "tidak", "tidak ada", "gak ada", "ga ada", "no", "none", "-", "tidak usah", "gak usah", "nggak", "tdk", "kosong", ""]

    /// Lowercased, without surrounding whitespace and `.!,?`; a plain ASCII word (most short
    /// answers) skips Foundation's UTF-16 trim, which finds nothing to cut there anyway.
    static func plain(_ text: String) -> String {
        plain(lowered: text.lowercased())
    }

    /// `plain` of a text already lowercased.
    static func plain(lowered: String) -> String {
        if let (first, last) = MessageText.ends(lowered), isKept(first), isKept(last) {
            return lowered
        }
        // Trim ASCII ends by bytes; only a non-ASCII end needs Foundation's Unicode whitespace set.
        let cut: Range<Int>? = lowered.withUTF8Bytes { u in
            var lo = 0, hi = u.count
            while lo < hi, isTrimmedASCII(u[lo]) { lo += 1 }
            while hi > lo, isTrimmedASCII(u[hi - 1]) { hi -= 1 }
            if lo < hi, u[lo] >= 0x80 || u[hi - 1] >= 0x80 { return nil }
            return lo..<hi
        }
        guard let cut else { return lowered.trimmingCharacters(in: plainTrimmed) }
        let u = lowered.utf8
        return String(u[u.index(u.startIndex, offsetBy: cut.lowerBound)..<u.index(u.startIndex, offsetBy: cut.upperBound)])!
    }

    /// An ASCII byte the trim removes: whitespace (tab, newline, vertical tab, form feed,
    /// carriage return, space) or `.!,?`.
    private static func isTrimmedASCII(_ b: UInt8) -> Bool {
        (b >= 0x09 && b <= 0x0D) || b == 0x20 || b == UInt8(ascii: ".") || b == UInt8(ascii: "!") || b == UInt8(ascii: ",") || b == UInt8(ascii: "?")
    }

    private static let plainTrimmed = CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: ".!,?"))

    /// An ASCII byte the trim would keep at either end.
    private static func isKept(_ b: UInt8) -> Bool {
        b > 0x20 && b < 0x7F && b != UInt8(ascii: ".") && b != UInt8(ascii: "!") && b != UInt8(ascii: ",") && b != UInt8(ascii: "?")
    }

    static func mode(in lowered: String) -> ComplaintMode? {
        // Both lists in one pass: bit 0 the anonymous words, bit 1 the confidential ones.
        let found = modeWords.found(in: lowered)
        if found & 1 != 0 { return .anonymous }
        if found & 2 != 0 { return .confidential }
        return nil
    }

    private static let modeWords = PhraseGroups([["anonim", "anonymous", "tanpa nama"], ["rahasia", "confidential"]])

    /// Words people add around a choice ("biasa aja", "yang rahasia dong", "pilih 2").
    static let choiceFillers: Set<String> = ["aja", "saja", "sj", "deh", "dong", "ya", "yang", "yg", "pilih", "nomor", "no", "mode", "just", "the", "one", "option"]

    static func mode(answer text: String) -> ComplaintMode? {
        // Most answers are one word ("2", "anonim"); longer ones are mostly sentences typed
        // while the dialog waits (every message then comes through `accepts`): count the words
        // that are not fillers, by bytes, without building a list of them.
        let (count, kept) = text.withUTF8Bytes { u in
            let words = keptWords(u)
            // The word becomes a `String` only when it is the only one (the only case that reads it).
            return (words.count, words.count == 1 ? words.kept.map { String(decoding: UnsafeBufferPointer(rebasing: u[$0]), as: UTF8.self) } : nil)
        }
        if count == 1, let kept, let m = choice(kept) { return m }
        // The mode keywords and "tanpa" in one pass (it was a keyword pass and a search for "tanpa").
        let found = answerWords.found(in: text)
        // A filler between "tanpa" and "nama" ("tanpa aja nama") only meets again once the fillers are gone.
        if found & 4 != 0 {
            return mode(in: text.split(separator: " ").filter { !choiceFillers.contains(String($0)) }.joined(separator: " "))
        }
        // No filler contains a mode keyword, so the keywords are found in the text as typed.
        if found & 1 != 0 { return .anonymous }
        if found & 2 != 0 { return .confidential }
        return nil
    }

    /// `modeWords` with a third list, "tanpa" (bit 2), for `mode(answer:)`.
    private static let answerWords = PhraseGroups([["anonim", "anonymous", "tanpa nama"], ["rahasia", "confidential"], ["tanpa"]])

    private static let fillerBytes = choiceFillers.map { Array($0.utf8) }

    /// Each filler's bytes packed into one integer (`packed`), so a word is compared with all of
    /// them as integers (the byte-array comparison per filler was most of `mode(answer:)`).
    private static let fillerKeys: [UInt64] = fillerBytes.map { $0.withUnsafeBufferPointer(packed) }

    /// The bytes of a word of at most 7 bytes, first byte lowest, with its length in the top byte:
    /// equal for two such words exactly when their bytes are equal.
    @inline(__always)
    static func packed(_ word: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var key = UInt64(word.count) << 56
        for i in 0..<min(word.count, 7) { key |= UInt64(word[i]) << UInt64(i * 8) }
        return key
    }

    /// Whether `word` is one of `choiceFillers` (all 2-6 bytes, checked by `ComplaintModeAnswerTests`).
    @inline(__always)
    static func isFiller(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard word.count >= 2, word.count <= 6 else { return false }
        let key = packed(word)
        return fillerKeys.withUnsafeBufferPointer { keys in
            // No branch per key: the loop vectorizes.
            var hits = 0
            for k in keys { hits |= k == key ? 1 : 0 }
            return hits != 0
        }
    }

    /// How many words (split at spaces) of the UTF-8 text are not fillers, counting to two at
    /// most, and the last such word counted. A space byte never occurs inside a multi-byte
    /// character, so the split is exact for any text.
    private static func keptWords(_ u: UnsafeBufferPointer<UInt8>) -> (count: Int, kept: Range<Int>?) {
        var count = 0
        var kept: Range<Int>?
        var i = 0
        let n = u.count
        while count < 2 {
            while i < n, u[i] == 0x20 { i += 1 }
            guard i < n else { break }
            let start = i
            while i < n, u[i] != 0x20 { i += 1 }
            let word = UnsafeBufferPointer(rebasing: u[start..<i])
            if !isFiller(word) {
                count += 1
                kept = start..<i
            }
        }
        return (count, kept)
    }

    /// A choice given by its number or its plain name.
    private static func choice(_ word: String) -> ComplaintMode? {
        switch word {
        case "1", "biasa", "normal", "umum": return .normal
        case "2": return .confidential
        case "3": return .anonymous
        default: return nil
        }
    }
}
