/// Long digit sequences as people type them ("3201 2345 6789 0123", "0812-3456-7890",
/// "+62 812 3456 7890"), and the one rule that decides what they are, shared by the identity
/// number and phone extractors so a number is never read as two things: a `+`/`62 8`/`08`
/// prefix with 10–13 national digits is a phone, 18 digits a NIP, 16 digits a NIK. Groups that
/// together make none of these are tried one by one, so "NIK 3201... HP 0812..." still splits.
struct DigitRun {
    var digits: [UInt8]
    var plus: Bool
    var start: Int
    var end: Int

    enum Reading { case phone(String), nip(String), nik(String) }

    var reading: Reading? {
        let n = digits.count
        if n >= 11, n <= 14, digits[0] == 54, digits[1] == 50, digits[2] == 56 { // 62 8…
            return .phone("0" + String(decoding: digits[2...], as: UTF8.self))
        }
        if plus { return nil }
        if n >= 10, n <= 13, digits[0] == 48, digits[1] == 56 { return .phone(String(decoding: digits, as: UTF8.self)) }
        if n == 18 { return .nip(String(decoding: digits, as: UTF8.self)) }
        if n == 16 { return .nik(String(decoding: digits, as: UTF8.self)) }
        return nil
    }

    /// Every classifiable run in the folded bytes.
    static func scan(_ b: [UInt8]) -> [DigitRun] {
        var out = [DigitRun]()
        var i = 0
        while i < b.count {
            guard TextFolding.isDigit(b[i]), i == 0 || !TextFolding.isLetter(b[i - 1]) && !(b[i - 1] == 45 && i >= 2 && TextFolding.isLetter(b[i - 2])) else {
                // skip digits glued to letters ("reg2026", "reg-2026") entirely
                while i < b.count, TextFolding.isAlnum(b[i]) { i += 1 }
                i += 1
                continue
            }
            let plus = i > 0 && b[i - 1] == 43
            var groups = [(start: Int, end: Int)]()
            var j = i
            while j < b.count {
                let s = j
                while j < b.count, TextFolding.isDigit(b[j]) { j += 1 }
                groups.append((s, j))
                if j + 1 < b.count, b[j] == 32 || b[j] == 45 || b[j] == 46, TextFolding.isDigit(b[j + 1]) { j += 1 } else { break }
            }
            if j < b.count, TextFolding.isLetter(b[j]) { i = j; continue }
            var g = 0
            while g < groups.count {
                var found: DigitRun?
                var last = g
                // no reading has more than 18 digits: look only that far ahead (keeps this linear)
                var reach = g, total = groups[g].end - groups[g].start
                while reach + 1 < groups.count, total + groups[reach + 1].end - groups[reach + 1].start <= 18 {
                    reach += 1
                    total += groups[reach].end - groups[reach].start
                }
                for h in stride(from: reach, through: g, by: -1) {
                    var digits = [UInt8]()
                    for q in g...h { digits += b[groups[q].start..<groups[q].end] }
                    let run = DigitRun(digits: digits, plus: plus && g == 0, start: groups[g].start - (plus && g == 0 ? 1 : 0), end: groups[h].end)
                    if run.reading != nil { found = run; last = h; break }
                }
                if let found { out.append(found) }
                g = last + 1
            }
            i = j + 1
        }
        return out
    }
}
