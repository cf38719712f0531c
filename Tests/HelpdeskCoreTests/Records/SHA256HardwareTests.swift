import Foundation
import Testing
@testable import HelpdeskCore

/// The SHA-NI block function (`CSHA256`) against the portable Swift one: the FIPS 180-4 vectors
/// on both paths, every length 0...300 and random inputs fed in random pieces. When the CPU has
/// no SHA extensions the hardware half is skipped (with a note) and the portable half still runs.
@Suite struct SHA256HardwareTests {
    static let vectors: [(String, String)] = [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ]

    /// The paths to run: the portable one always, the hardware one when the CPU has it.
    static var paths: [Bool] {
        if SHA256Path.available { return [false, true] }
        print("SHA256HardwareTests: this CPU has no SHA extensions; only the portable path is tested")
        return [false]
    }

    static func digest(_ bytes: [UInt8], hardware: Bool) -> [UInt8] {
        var h = SHA256(hardware: hardware)
        h.update(bytes)
        return h.finalize()
    }

    @Test func nistVectorsOnEachPath() {
        for hardware in Self.paths {
            for (text, hex) in Self.vectors {
                #expect(Hex.encode(Self.digest(Array(text.utf8), hardware: hardware)) == hex, "hardware: \(hardware), \(text)")
            }
        }
    }

    @Test func oneMillionAOnEachPath() {
        let a = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        for hardware in Self.paths {
            // in one call (15,625 blocks in one go) and in pieces of 1,000 (blocks across pieces)
            #expect(Hex.encode(Self.digest(a, hardware: hardware))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
            var h = SHA256(hardware: hardware)
            for start in stride(from: 0, to: a.count, by: 1000) { h.update(Array(a[start..<(start + 1000)])) }
            #expect(Hex.encode(h.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        }
    }

    @Test func everyLengthUpTo300AgreesWithThePortablePath() {
        var rng = HelpdeskCore.SplitMix(state: 7)
        let bytes = (0..<300).map { _ in UInt8.random(in: 0...255, using: &rng) }
        for n in 0...300 {
            let input = Array(bytes[0..<n])
            let portable = Self.digest(input, hardware: false)
            #expect(portable.count == 32)
            for hardware in Self.paths where hardware {
                #expect(Self.digest(input, hardware: true) == portable, "length \(n)")
            }
        }
    }

    @Test func randomInputsInRandomPiecesAgree() {
        var rng = HelpdeskCore.SplitMix(state: 0x5ba2_56)
        for round in 0..<200 {
            let n = Int.random(in: 0...10_240, using: &rng)
            let input = (0..<n).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let whole = Self.digest(input, hardware: false)
            // split points anywhere (also inside and at the edges of blocks)
            var cuts = (0..<Int.random(in: 0...12, using: &rng)).map { _ in Int.random(in: 0...n, using: &rng) }
            cuts.sort()
            for hardware in Self.paths {
                var h = SHA256(hardware: hardware)
                var from = 0
                for cut in cuts + [n] {
                    input.withUnsafeBufferPointer { h.update(UnsafeBufferPointer(rebasing: $0[from..<cut])) }
                    from = cut
                }
                #expect(h.finalize() == whole, "round \(round), \(n) bytes, cuts \(cuts), hardware: \(hardware)")
            }
        }
    }

    @Test func hmacAgreesOnBothPaths() {
        // HMAC keeps the padded-key states of whichever path `init()` chose; both must give RFC 4231 case 2.
        #expect(Hex.encode(HMAC.sha256(key: Array("Jefe".utf8), message: "what do ya want for nothing?"))
            == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        var inner = SHA256(hardware: false)
        inner.update([UInt8](repeating: 0x36, count: 64))
        var viaHardware = SHA256(hardware: true)
        viaHardware.update([UInt8](repeating: 0x36, count: 64))
        inner.update(Array("x".utf8)); viaHardware.update(Array("x".utf8))
        #expect(inner.finalize() == viaHardware.finalize())
    }

    @Test func portableSettingForcesTheSwiftPath() {
        #expect(SHA256Path.choose(available: true, setting: nil))
        #expect(SHA256Path.choose(available: true, setting: "hardware"))
        #expect(!SHA256Path.choose(available: true, setting: "portable"))
        #expect(!SHA256Path.choose(available: false, setting: nil))
        #expect(!SHA256Path.choose(available: false, setting: "portable"))
        // this process's choice follows the same rule from its own environment
        #expect(SHA256Path.hardware == SHA256Path.choose(available: SHA256Path.available,
                                                         setting: ProcessInfo.processInfo.environment["HELPDESK_SHA256"]))
    }
}
