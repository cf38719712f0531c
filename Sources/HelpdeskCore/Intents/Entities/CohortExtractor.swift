import Foundation

/// Finds which cohort (angkatan) a message is about: "angkatan 3", "angkatan III", "angkatan
/// ketiga", "angkatan ke-3", "angk. 2", "cohort 2", "batch 4", "gelombang dua", "second batch",
/// "3rd cohort". The value is the number as decimal digits ("3").
public struct CohortExtractor: EntityExtracting {
    static let markers: Set<String> = ["angkatan", "angk", "akt", "angktn", "angkt", "cohort", "batch", "gelombang", "gel", "kloter"]
    static let fillers: Set<String> = ["ke", "no", "nomor", "nmr", "number", "yg", "yang"]
    static let words: [String: Int] = [
        "pertama": 1, "kesatu": 1, "satu": 1, "kedua": 2, "dua": 2, "ketiga": 3, "tiga": 3, "keempat": 4, "empat": 4,
        "kelima": 5, "lima": 5, "keenam": 6, "enam": 6, "ketujuh": 7, "tujuh": 7, "kedelapan": 8, "delapan": 8,
        "kesembilan": 9, "sembilan": 9, "kesepuluh": 10, "sepuluh": 10,
        "first": 1, "one": 1, "second": 2, "two": 2, "third": 3, "three": 3, "fourth": 4, "four": 4, "fifth": 5, "five": 5,
        "sixth": 6, "six": 6, "seventh": 7, "seven": 7, "eighth": 8, "eight": 8, "ninth": 9, "nine": 9, "tenth": 10, "ten": 10,
    ]
    static let roman: [String: Int] = [
        "i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10,
        "xi": 11, "xii": 12, "xiii": 13, "xiv": 14, "xv": 15, "xvi": 16, "xvii": 17, "xviii": 18, "xix": 19, "xx": 20,
    ]

    public init() {}

    /// The number a word denotes after a cohort marker ("3", "iii", "ketiga", "ke3", "3rd").
    static func number(_ w: String, allowRoman: Bool) -> Int? {
        if let n = EntityInput.digitValue(w), n > 0, n < 1000 { return n }
        if let n = words[w] { return n }
        if allowRoman, let n = roman[w] { return n }
        let b = Array(w.utf8)
        if b.count > 2, b[0] == 107, b[1] == 101, let n = EntityInput.digitValue(String(decoding: b[2...], as: UTF8.self)), n > 0 { return n } // ke3
        if b.count >= 3, TextFolding.isDigit(b[0]) {
            let digits = b.prefix(while: TextFolding.isDigit)
            let rest = String(decoding: b[digits.count...], as: UTF8.self)
            if ["st", "nd", "rd", "th"].contains(rest), let n = Int(String(decoding: digits, as: UTF8.self)), n > 0 { return n }
        }
        return nil
    }

    public func extract(_ input: EntityInput, now: Date) -> [EntityMatch] {
        guard input.roles & EntityInput.cohortMarker != 0 else { return [] }
        let w = input.words
        var out = [EntityMatch]()
        for (i, word) in w.enumerated() where word.role & EntityInput.cohortMarker != 0 {
            var j = i + 1
            while j < w.count, j <= i + 2, Self.fillers.contains(input.text(w[j])) { j += 1 }
            if j < w.count, let n = Self.number(input.text(w[j]), allowRoman: true) {
                out.append(EntityMatch(entity: Entity(kind: .cohort, value: String(n), text: input.surface(word.start, w[j].end)), start: word.start, end: w[j].end))
                return out
            }
            // "second batch", "3rd cohort", "batch kedua" handled above; ordinal before the marker:
            if i > 0, let n = Self.number(input.text(w[i - 1]), allowRoman: false), EntityInput.digitValue(input.text(w[i - 1])) == nil {
                out.append(EntityMatch(entity: Entity(kind: .cohort, value: String(n), text: input.surface(w[i - 1].start, word.end)), start: w[i - 1].start, end: word.end))
                return out
            }
        }
        return out
    }
}
