/// The identifiers people type when they ask about their own case, normalised to the fixed
/// formats: `REG-YYYY-NNNNN`, `ADU-YYYYMMDD-NNNN`, an 18-digit NIP. People write them in
/// lowercase, with spaces instead of dashes, or with spaces inside the digits; these parsers
/// accept all of that and return the canonical form, or nil.
public enum Identifiers {
    /// Finds a registration number anywhere in `text` ("reg 2026 00042" → "REG-2026-00042").
    public static func registrationID(in text: String) -> String? {
        guard let groups = digitGroups(after: "REG", in: text, lengths: [4, 5]) else { return nil }
        return "REG-\(groups[0])-\(groups[1])"
    }

    /// Finds a complaint ticket anywhere in `text` ("adu 20261122 0007" → "ADU-20261122-0007").
    public static func ticket(in text: String) -> String? {
        guard let groups = digitGroups(after: "ADU", in: text, lengths: [8, 4]) else { return nil }
        return "ADU-\(groups[0])-\(groups[1])"
    }

    /// The first run of exactly 18 digits (spaces allowed between them) in `text`.
    public static func nip(in text: String) -> String? {
        var run = ""
        for ch in text + " " {
            if ch.isASCII && ch.isNumber { run.append(ch); continue }
            if ch == " " && !run.isEmpty && run.count < 18 { continue }
            if run.count == 18 { return run }
            run = ""
        }
        return nil
    }

    /// After the prefix (any case), digit groups of the given lengths separated by `-`, space or nothing.
    private static func digitGroups(after prefix: String, in text: String, lengths: [Int]) -> [String]? {
        let upper = Array(text.uppercased())
        let p = Array(prefix)
        var start = 0
        while start + p.count <= upper.count {
            if Array(upper[start..<start + p.count]) == p, start == 0 || !upper[start - 1].isLetter {
                var i = start + p.count
                var groups: [String] = []
                var ok = true
                for length in lengths {
                    while i < upper.count && (upper[i] == "-" || upper[i] == " " || upper[i] == "_" || upper[i] == "/") { i += 1 }
                    var digits = ""
                    while i < upper.count && upper[i].isASCII && upper[i].isNumber && digits.count < length {
                        digits.append(upper[i])
                        i += 1
                    }
                    if digits.count != length { ok = false; break }
                    groups.append(digits)
                }
                if ok && (i == upper.count || !(upper[i].isASCII && upper[i].isNumber)) { return groups }
            }
            start += 1
        }
        return nil
    }
}
