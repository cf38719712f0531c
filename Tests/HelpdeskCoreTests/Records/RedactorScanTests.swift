import Testing
@testable import HelpdeskCore

/// `Redactor.nextNumberStart` (sixteen, then eight bytes a step) against a byte-by-byte scan,
/// for every start and end over texts with a candidate (digit, `+`, `(`) or a near miss
/// (`/`, `:`, `)`, `*`, `'`, `,`, `@`, 0x7F, 0xB0-0xB9, non-ASCII) at every offset of a word.
@Suite struct RedactorScanTests {
    static func byteScan(_ u: [UInt8], from: Int, to end: Int) -> Int {
        var i = from
        while i < end {
            let b = u[i]
            if (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "+") || b == UInt8(ascii: "(") { return i }
            i += 1
        }
        return end
    }

    static func texts() -> [[UInt8]] {
        let marks: [[UInt8]] = ["0", "9", "+", "(", "/", ":", ")", "*", "'", ",", "@", "é", "\u{7F}"].map { Array($0.utf8) }
            + [[0xB0], [0xB9], [0x2A], [0x10]]
        var out: [[UInt8]] = []
        for length in [0, 1, 7, 8, 9, 15, 16, 17, 24, 31, 32, 33, 47] {
            let plain = [UInt8](repeating: UInt8(ascii: "k"), count: length)
            out.append(plain)
            for mark in marks {
                for at in [0, length / 3, length / 2, max(0, length - 1), length] {
                    var t = plain
                    t.insert(contentsOf: mark, at: at)
                    out.append(t)
                }
            }
        }
        var rng = HelpdeskCore.SplitMix(state: 2026)
        let alphabet = Array("x .,/:)(+0123456789@é".utf8)
        for _ in 0..<500 {
            let n = Int.random(in: 0...70, using: &rng)
            out.append((0..<n).map { _ in
                Int.random(in: 0..<6, using: &rng) == 0 ? alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] : UInt8(ascii: "y")
            })
        }
        return out
    }

    @Test func nextNumberStartMatchesAByteScan() {
        for text in Self.texts() {
            text.withUnsafeBufferPointer { u in
                for from in 0...text.count {
                    for end in Set([from, text.count, (from + text.count) / 2, min(text.count, from + 9)]) {
                        #expect(Redactor.nextNumberStart(u, from: from, to: end) == Self.byteScan(text, from: from, to: end),
                                "\(text) from \(from) to \(end)")
                    }
                }
            }
        }
    }
}
