import Foundation
import Testing
@testable import HelpdeskCore

/// The fifth round's fast paths of the transcript flush, each checked against the plain form it
/// replaced on tricky input: the eight-bytes-at-a-time JSON escaper, the unrolled SHA-256 with
/// its inline partial block, the per-second timestamp cache, the line buffer's decimals and
/// growth, and the day number that stands in for the day's name.
@Suite struct TranscriptWriterFastPathTests {
    /// The escaper as it was: byte by byte.
    static func slowQuoted(_ s: String) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        for b in s.utf8 {
            switch b {
            case 0x22: out += Array("\\\"".utf8)
            case 0x5C: out += Array("\\\\".utf8)
            case 0x0A: out += Array("\\n".utf8)
            case 0x0D: out += Array("\\r".utf8)
            case 0x09: out += Array("\\t".utf8)
            case 0x08: out += Array("\\b".utf8)
            case 0x0C: out += Array("\\f".utf8)
            case 0..<0x20: out += Array(String(format: "\\u%04x", Int(b)).utf8)
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
        return out
    }

    /// Seeded strings that put quotes, backslashes, controls, DEL, multi-byte characters and
    /// bytes around the bit tricks' edges (0x1F/0x20, 0x21-0x23, 0x5B-0x5D, 0x7F/0x80) at every
    /// offset of an eight-byte word.
    static func trickyStrings() -> [String] {
        let pieces: [String] = ["a", "Z", " ", "!", "\"", "#", "[", "\\", "]", "\u{1F}", "\u{0}", "\n", "\t", "\r", "\u{8}",
                                "\u{C}", "\u{7F}", "\u{80}", "é", "—", "🙂", "日", "\u{2028}", "0", "~", "\u{1B}"]
        var rng = SplitMix(seed: 7)
        var out = [""]
        for length in 0..<48 {
            for _ in 0..<12 {
                var s = ""
                for _ in 0..<length { s += pieces[Int(rng.next() % UInt64(pieces.count))] }
                out.append(s)
            }
        }
        for p in pieces { out.append(String(repeating: "x", count: 13) + p + String(repeating: "y", count: 17)) }
        return out
    }

    @Test func fastEscapingMatchesByteByByteEscaping() {
        for s in Self.trickyStrings() {
            let want = Self.slowQuoted(s)
            var array: [UInt8] = []
            JSONWriter.appendQuoted(s, to: &array)
            #expect(array == want, "\(Array(s.utf8))")
            var line = LineBuffer(capacity: 8)
            line.append("x")
            line.appendQuoted(s)
            #expect(Array(line.bytes(from: 1)) == want, "\(Array(s.utf8))")
        }
    }

    static let vectors: [(Int, String)] = [
        (0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (1, "084fed08b978af4d7d196a7446a86b58009e636b611db16211b65a9aadff29c5"),
        (3, "6ab0dba1f4f1dfbb37b4f9eeb092c09fca4900ad32bdcd147d8dde35d6c87c35"),
        (55, "e7313d333c272e639f790978283f9eb392e843d0f29b7016828bb1daa4aac70b"),
        (56, "4324d65f3c103567f5589c710bc08f8523f929a9272e3af36fc968e52abc6c27"),
        (57, "35df609437dcfea3279283ab79fd554e2bf78f8f7ae2de532d8ee300b09e8f73"),
        (63, "81c80242132f230c3bd41b3e63bbcff16107339549214a99614ff26664625055"),
        (64, "39e3d7b6b5d075d37d053ad89b24b41bef4f3c29760c84447cab3f3be1882241"),
        (65, "aacca6ff74fdbb296d165a45cecfa04e5127bc008770fbbdd48006f2d2fae95e"),
        (111, "67d9492e628fd376e0b2efec8ca2b99b123e202cf620deb270728df979b2f73e"),
        (119, "9ce7368e4daf32341631b492e80359dc9f594b48453cd0dd5bf0b19279cc177e"),
        (120, "7836b787757e95e58b3ca5aec90b1b004e8deba1e50e9675af9cabf1a13a04b5"),
        (127, "a8d23e75d936f303d248888d9b165ee543f4cbafcad3c9dd2a79bd84faa11d07"),
        (128, "d2742f1f4ac6bb7ca2b239ee18402ba8b3f9f8e652d2a72973c2b9ba11c08cf6"),
        (129, "307f8fc2c1622b92762e818d39a185d4d667ad49a4b07ceae1f4afa008a93ec4"),
        (200, "2c7e18c942ef065b526a2d4e5546283749cd3ddfb51d8fc71f42717363685f46"),
        (1000, "1e9bc38cbf860b9ec31918b065f9b52476c549a782e0e7990bed8ce3868d2371"),
    ]

    /// Digests (from Python's hashlib) of `(7i + 3) mod 256` messages at every padding case,
    /// fed whole and in pieces of every size up to 70 (so the inline partial block fills,
    /// empties and spills at each offset).
    @Test func sha256AtBlockEdgesWholeAndInPieces() {
        for (n, hex) in Self.vectors {
            let message = (0..<n).map { UInt8(truncatingIfNeeded: $0 * 7 + 3) }
            #expect(Hex.encode(SHA256.hash(message)) == hex, "length \(n)")
            for piece in [1, 3, 55, 63, 64, 65, 70] {
                var h = SHA256()
                var at = 0
                while at < n {
                    let end = min(n, at + piece)
                    h.update(Array(message[at..<end]))
                    at = end
                }
                #expect(h.withDigest { Hex.encode($0) } == hex, "length \(n) in pieces of \(piece)")
            }
        }
    }

    /// The cache's text equals `Timestamp.iso8601` for runs within one second, jumps back and
    /// forth, negative times, fractions close to the next millisecond and years outside 0-9999.
    @Test func cachedTimestampsMatchTheFormatter() {
        var times: [Double] = [0, -0.0005, -1, -86_400.25, 1_795_316_400, 1_795_316_400.0004, 1_795_316_400.9995,
                               1_795_316_400.999_999_9, 1_795_316_399.999, 1_795_316_400.5, 253_402_300_799.999,
                               253_402_300_800.001, -62_167_219_200.5, -62_167_219_201, 1e11, -1e11, 951_782_400.123]
        var rng = SplitMix(seed: 11)
        var t = 1_795_316_400.0
        for _ in 0..<3000 {
            t += Double(rng.next() % 700) / 1000 - (rng.next() % 9 == 0 ? 2 : 0)
            times.append(t)
            times.append(Double(Int64(bitPattern: rng.next()) % 400_000_000_000) / 1000)
        }
        var cache = TimestampCache()
        var line = LineBuffer(capacity: 16)
        for (i, t) in times.enumerated() {
            let date = Date(timeIntervalSince1970: t)
            let start = line.count
            cache.append(date, to: &line)
            #expect(String(decoding: line.bytes(from: start), as: UTF8.self) == Timestamp.iso8601(date), "#\(i): \(t)")
        }
    }

    @Test func lineBufferDecimalsAndGrowth() {
        var line = LineBuffer(capacity: 1)
        var want: [UInt8] = []
        for v: Int64 in [0, 1, -1, 9, 10, -10, 99, 100, 1500, 123_456_789, Int64.max, Int64.min, Int64.min + 1] {
            line.appendDecimal(v)
            line.append(",")
            want += Array("\(v),".utf8)
        }
        let big = String(repeating: "ab\"c", count: 5000)
        line.appendQuoted(big)
        want += Self.slowQuoted(big)
        #expect(Array(line.bytes(from: 0)) == want)
        line.removeAll()
        #expect(line.count == 0)
    }

    /// Every confidence with up to four decimals, their neighbours and odd values print as
    /// `JSONLineWriter.number` prints them.
    @Test func numbersMatchTheFormatter() {
        var values: [Double] = [0, -0.0, 1, -1, 0.5, 1.00004, 1.00005, -0.00004, -0.00005, 0.99995, 0.00005, 0.00004999,
                                .nan, .infinity, -.infinity, 1e20, -1e-300, 2, 10_000.5, 0.1 + 0.2]
        for n in 0...10_000 {
            let v = Double(n) / 10_000
            values += [v, v.nextUp, v.nextDown, v + 0.00004, v - 0.00004, v + 0.00005]
        }
        for v in values {
            var line = LineBuffer(capacity: 4)
            line.appendNumber(v)
            #expect(String(decoding: line.bytes(from: 0), as: UTF8.self) == JSONLineWriter.number(v), "\(v)")
        }
    }

    /// The redactor's eight-byte pre-scan finds the first digit or `@` that a byte loop finds.
    @Test func redactorPrescanFindsTheFirstDigitOrAt() {
        for s in Self.trickyStrings() + ["@", "9", "abc/:;?@", "xxxxxxxx0", "xxxxxxxxxxxxxxx@", "/:/:/:/:/:?", "\u{FF10}"] {
            var s = s
            let got = s.withUTF8 { Redactor.firstDigitOrAt($0) }
            let want = Array(s.utf8).firstIndex { ($0 >= 48 && $0 <= 57) || $0 == 64 }
            #expect(got == want, "\(Array(s.utf8))")
        }
    }

    /// Two moments share a `dayIndex` exactly when they share `JakartaTime.day`, around
    /// Jakarta midnights, before 1970 and at fractions of a second.
    @Test func dayIndexAgreesWithDayNames() {
        let midnight = JakartaTime.startOfDay(20_414).timeIntervalSince1970
        var moments: [Date] = []
        for base in [midnight, midnight - 86_400 * 20_414 * 2, 0, -25_200] {
            for d in [-86_400.0, -1, -0.001, -0.000_000_1, 0, 0.000_000_1, 0.001, 1, 3600, 86_399.999, 86_400] {
                moments.append(Date(timeIntervalSince1970: base + d))
            }
        }
        for a in moments {
            for b in moments {
                #expect((JakartaTime.dayIndex(a) == JakartaTime.dayIndex(b)) == (JakartaTime.day(a) == JakartaTime.day(b)))
            }
        }
    }
}
