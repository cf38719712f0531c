/// `CohortNumber.parse` for a word of ASCII letters and digits, read from its bytes: the same
/// answer (a number from 1 to 999, or a Roman numeral of i/v/x/l) without the Foundation trim,
/// the `String` and the `Character` dictionary that cost ~40 % of a schedule question. A word
/// with any other byte goes to `CohortNumber.parse` itself.
enum CohortWord {
    static func number(_ word: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !word.isEmpty, word.allSatisfy(isAlnum) else {
            return CohortNumber.parse(String(decoding: word, as: UTF8.self))
        }
        if word.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }) {
            // `Int(t)` then `0 < n < 1000`; a number out of range is no Roman numeral either.
            var n = 0
            for b in word {
                n = n * 10 + Int(b &- UInt8(ascii: "0"))
                if n >= 1000 { return nil }
            }
            return n > 0 ? n : nil
        }
        var total = 0, previous = 0
        for b in word.reversed() {
            let v: Int
            switch b | 0x20 {
            case UInt8(ascii: "i"): v = 1
            case UInt8(ascii: "v"): v = 5
            case UInt8(ascii: "x"): v = 10
            case UInt8(ascii: "l"): v = 50
            default: return nil
            }
            total += v < previous ? -v : v
            previous = max(previous, v)
        }
        return total > 0 ? total : nil
    }

    /// The same for a `String` (an entity's value).
    static func number(_ text: String) -> Int? {
        text.withUTF8Bytes { number($0) }
    }

    @inline(__always) private static func isAlnum(_ b: UInt8) -> Bool {
        (b | 0x20) &- UInt8(ascii: "a") < 26 || b &- UInt8(ascii: "0") < 10
    }
}
