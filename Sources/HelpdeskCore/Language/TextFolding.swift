import Foundation

/// Case and Unicode folding to plain lowercase ASCII bytes. Every later stage (tokens, stems,
/// n-grams, entity scanning) works on these bytes, so "Pendaftaran", "PENDAFTARAN" and
/// "pendaftarán" meet before anything else looks at them. ASCII text (almost all traffic) takes
/// a byte-level fast path; other text is folded once with Foundation and stripped of what
/// remains outside ASCII (emoji, other scripts become spaces).
public enum TextFolding {
    public static func fold(_ text: String) -> [UInt8] {
        // ASCII: the bytes copied in one go, then lowered in place by a loop with no branch
        // and no capacity check per byte (it vectorizes), noting any byte >= 0x80 on the way
        var out = Array(text.utf8)
        let high = lowerASCII(&out)
        if high < 0x80 { return out }
        out.removeAll(keepingCapacity: true)
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        for scalar in folded.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                let b = UInt8(v)
                out.append(b >= 65 && b <= 90 ? b + 32 : b)
            } else if v == 0x2019 || v == 0x2018 {
                out.append(39) // typographic apostrophe
            } else if v == 0x2013 || v == 0x2014 {
                out.append(45) // dashes
            } else if v == 0xDF {
                out.append(115); out.append(115) // ß
            } else {
                out.append(32)
            }
        }
        return out
    }

    /// Lowers A-Z in place with no branch and no capacity check per byte (it vectorizes); returns
    /// every byte or-ed together, so `< 0x80` says the text was ASCII.
    @inline(__always)
    private static func lowerASCII(_ out: inout [UInt8]) -> UInt8 {
        out.withUnsafeMutableBufferPointer { b in
            var high: UInt8 = 0
            for i in b.indices {
                let x = b[i]
                high |= x
                b[i] = x &+ (x &- 65 < 26 ? 32 : 0)
            }
            return high
        }
    }

    /// `fold(text)` written into `out` (its contents replaced, its storage kept when it is large
    /// enough and uniquely held): the classifier folds each message into a per-thread buffer.
    public static func fold(_ text: String, into out: inout [UInt8]) {
        out.replaceSubrange(out.indices, with: text.utf8) // one call: no separate clear and append
        let high = lowerASCII(&out)
        if high < 0x80 { return }
        let folded = fold(text)
        out.removeAll(keepingCapacity: true)
        out.append(contentsOf: folded)
    }

    /// How many runs of letters and digits `bytes` has: an upper bound on its words, so the
    /// word lists can be allocated once instead of grown.
    static func alnumRuns(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var runs = 0
        var inside = false
        for b in bytes {
            let a = isAlnum(b)
            runs &+= a && !inside ? 1 : 0
            inside = a
        }
        return runs
    }

    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { b >= 97 && b <= 122 }
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    @inline(__always) static func isAlnum(_ b: UInt8) -> Bool { isLetter(b) || isDigit(b) }
}
