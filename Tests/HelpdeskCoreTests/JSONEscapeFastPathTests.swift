import Testing
@testable import HelpdeskCore

/// The word-at-a-time escape scan and the one-append `JSONWriter.appendQuoted` against a
/// byte-by-byte reference escaper, on strings made to hit every position of a 16- and 8-byte
/// word: quotes, backslashes, every control byte, 0x7F, non-ASCII and plain runs of any length.
@Suite struct JSONEscapeFastPathTests {
    /// JSON string escaping one byte at a time, the definition the fast paths must match.
    static func reference(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        let hex = Array("0123456789abcdef".utf8)
        for b in bytes {
            switch b {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += Array("\\n".utf8)
            case 0x0D: out += Array("\\r".utf8)
            case 0x09: out += Array("\\t".utf8)
            case 0x08: out += Array("\\b".utf8)
            case 0x0C: out += Array("\\f".utf8)
            case 0..<0x20: out += Array("\\u00".utf8) + [hex[Int(b >> 4)], hex[Int(b & 0xF)]]
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
        return out
    }

    /// Valid UTF-8 test strings: a plain run of `length` letters with `special` placed at `at`.
    static func strings() -> [String] {
        let specials: [String] = ["\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7F}", "é", "😀", " ", "!", "#", "[", "]", "~"]
            + (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }
        var out: [String] = []
        for length in [0, 1, 7, 8, 9, 15, 16, 17, 23, 24, 31, 32, 33, 40] {
            let plain = String(repeating: "a", count: length)
            out.append(plain)
            for special in specials {
                for at in Set([0, length / 2, max(0, length - 1), length]) {
                    var s = plain
                    s.insert(contentsOf: special, at: s.index(s.startIndex, offsetBy: at))
                    out.append(s)
                    out.append(s + special + plain)
                }
            }
        }
        // long strings: escapes on and around the 170-byte pieces of `appendQuoted`'s temporary
        for length in [169, 170, 171, 339, 340, 341, 1000, 5000] {
            for special in ["\n", "\u{1}", "\"", "é"] {
                out.append(String(repeating: "b", count: length - 1) + special + "c")
                out.append(String(repeating: special, count: length))
                out.append(String(repeating: "d" + special, count: length / 2))
            }
        }
        var rng = HelpdeskCore.SplitMix(state: 99)
        let alphabet = Array("ab \"\\\n\t\u{1}\u{1F}é😀{}:,".unicodeScalars)
        for _ in 0..<2000 {
            let n = Int.random(in: 0...(Int.random(in: 0..<10, using: &rng) == 0 ? 1200 : 80), using: &rng)
            var s = ""
            for _ in 0..<n {
                // mostly plain letters, so that escapes fall at every offset of a word
                s.unicodeScalars.append(Int.random(in: 0..<4, using: &rng) == 0
                    ? alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] : "x")
            }
            out.append(s)
        }
        return out
    }

    @Test func appendQuotedMatchesTheReference() {
        for s in Self.strings() {
            let expected = Self.reference(Array(s.utf8))
            var out: [UInt8] = Array("{\"k\":".utf8)
            JSONWriter.appendQuoted(s, to: &out)
            #expect(out == Array("{\"k\":".utf8) + expected, "\(s.debugDescription)")
            #expect(Array(JSONWriter.quoted(s).utf8) == expected, "\(s.debugDescription)")
            var line = LineBuffer(capacity: 8)
            line.append("x")
            line.appendQuoted(s)
            #expect(Array(line.bytes(from: 1)) == expected, "\(s.debugDescription)")
        }
    }

    @Test func firstEscapeMatchesAByteScan() {
        for s in Self.strings() where s.utf8.count <= 400 { // every start: quadratic, so the shorter ones
            let bytes = Array(s.utf8)
            bytes.withUnsafeBufferPointer { buf in
                guard let p = buf.baseAddress else { return }
                for from in 0...bytes.count {
                    let expected = bytes[from...].firstIndex(where: JSONWriter.needsEscape) ?? bytes.count
                    #expect(JSONWriter.firstEscape(p, from: from, count: bytes.count) == expected)
                }
            }
        }
    }
}
