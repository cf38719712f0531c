import Foundation
import Testing
@testable import HelpdeskCore

/// The byte-level fast paths added for speed must read text exactly as the general
/// (Character/Foundation) paths do; these pin the cases where the two could part.
@Suite struct FastPathTests {
    @Test(arguments: [
        // (ASCII text, the same with a non-ASCII word that sends it down the Character path)
        ("status adu 20261122 0007", "status adu 20261122 0007 ✓"),
        ("cek ADU-20261122-0007 ya", "cek ADU-20261122-0007 ya é"),
        ("reg 2026 00042 dan nip 19850101 201001 1 001", "reg 2026 00042 dan nip 19850101 201001 1 001 ñ"),
        ("xreg 2026 00042", "xreg 2026 00042 ü"),
        ("REG-2026-000421", "REG-2026-000421 ü"),
        ("nip 1985010120100110011", "nip 1985010120100110011 ü"),
        ("tidak ada nomor", "tidak ada nomor ü"),
    ])
    func identifiersReadTheSameWithOrWithoutNonASCII(ascii: String, unicode: String) {
        #expect(Identifiers.ticket(in: ascii) == Identifiers.ticket(in: unicode))
        #expect(Identifiers.registrationID(in: ascii) == Identifiers.registrationID(in: unicode))
        #expect(Identifiers.nip(in: ascii) == Identifiers.nip(in: unicode))
    }

    @Test func identifiersFoundByTheASCIIPath() {
        #expect(Identifiers.ticket(in: "status adu 20261122 0007") == "ADU-20261122-0007")
        #expect(Identifiers.registrationID(in: "reg/2026/00042") == "REG-2026-00042")
        #expect(Identifiers.registrationID(in: "xreg 2026 00042") == nil)       // glued to a word
        #expect(Identifiers.registrationID(in: "REG-2026-000421") == nil)       // too many digits
        #expect(Identifiers.nip(in: "nip 19850101 201001 1 001") == "198501012010011001")
    }

    @Test(arguments: [
        ("Batal", "batal"), ("  Batal?! ", "batal"), ("ya.", "ya"), ("\tGAK JADI\r\n", "gak jadi"),
        ("...", ""), ("ya\u{00A0}", "ya"), ("\u{2003}ok!", "ok"), ("é!", "é"), ("?Ünd", "ünd"),
    ])
    func plainTrimsLikeFoundation(input: String, expected: String) {
        #expect(ComplaintDialog.plain(input) == expected)
        let reference = input.lowercased().trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: ".!,?")))
        #expect(ComplaintDialog.plain(input) == reference)
    }

    @Test func preparedHMACKeyMatchesTheOneShotForm() {
        let key = HMAC.Key(Array("Jefe".utf8))
        let expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        #expect(Hex.encode(key.mac(Array("what do ya want for nothing?".utf8))) == expected)
        #expect(Hex.encode(key.mac(Array("what do ya want for nothing?".utf8))) == expected)   // the key is reusable
        #expect(Hex.encode(HMAC.sha256(key: Array("Jefe".utf8), message: "what do ya want for nothing?")) == expected)
    }

    @Test func hashChainHashesLineBytesLikeText() {
        let line = #"{"seq":1,"prev":"x","reply":"Jadwal: 30 November 2026 – é"}"#
        var fromText = HashChain()
        fromText.append(line: line)
        var fromBytes = HashChain()
        Array(line.utf8).withUnsafeBufferPointer { fromBytes.append(lineBytes: $0) }
        #expect(fromBytes == fromText)
        #expect(fromBytes.prev == SHA256.hex(line))
    }

    @Test func jsonLineWriterBytesAndTextAgree() {
        var w = JSONLineWriter()
        w.int("seq", -1_234_567)
        w.int("zero", 0)
        w.string("text", "a \"b\"\n\u{01}é")
        w.double("c", 0.25)
        let text = w.finished()
        #expect(text == #"{"seq":-1234567,"zero":0,"text":"a \"b\"\n\u0001é","c":0.25}"#)
        #expect(w.finishedBytes() == Array(text.utf8))
        var appended: [UInt8] = [UInt8(ascii: "x")]
        w.finish(into: &appended)
        #expect(appended == [UInt8(ascii: "x")] + Array(text.utf8))
    }

    @Test func timestampsOutsideTheFastRangeKeepTheirForm() {
        #expect(Timestamp.iso8601(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59.000Z")
        #expect(Timestamp.iso8601(Date(timeIntervalSince1970: 253_402_300_800)) == "10000-01-01T00:00:00.000Z")
        #expect(Timestamp.iso8601(Date(timeIntervalSince1970: 1_787_000_000.999)) == "2026-08-17T20:53:20.999Z")
    }
}
