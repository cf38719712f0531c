import Foundation
import Testing
@testable import HelpdeskCore

/// `String.withUTF8Bytes`, which the classifier, the desk, the request decoder and the transcript
/// writer use to read a string's bytes in place: it must lend exactly the string's UTF-8 whatever
/// the string's storage (small and inline, native on the heap, a slice copied out of a larger
/// string, from Foundation), and leave the string as it was.
@Suite struct StringBytesTests {
    static let samples: [String] = [
        "",
        "a",
        "halo min",                                          // small (inline) ASCII
        "kapan jadwal angkatan 3 pelatihan revolusi mental?", // on the heap
        "Pendaftaran diterima — selamat! ✅ ñ",              // non-ASCII, several byte lengths
        String(repeating: "é", count: 300),
        String("xx sy udh daftar tp blm ada kabar xx".dropFirst(3).dropLast(3)), // from a Substring
        NSString(string: "dari Foundation: jadwal PKA angkatan 4").description,
        String(decoding: [0x61, 0xFF, 0x62], as: UTF8.self),                 // repaired invalid UTF-8
    ]

    @Test(arguments: samples)
    func lendsExactlyTheStringsUTF8(_ text: String) {
        let lent = text.withUTF8Bytes { Array($0) }
        #expect(lent == Array(text.utf8))
        #expect(text.withUTF8Bytes { $0.count } == text.utf8.count)
    }

    @Test func aResultOfAnyTypeComesBack() {
        let text = "cek status REG-2026-00042"
        #expect(text.withUTF8Bytes { bytes in bytes.firstIndex(of: UInt8(ascii: "R")) } == 11)
        #expect(text.withUTF8Bytes { String(decoding: $0, as: UTF8.self) } == text)
    }
}
