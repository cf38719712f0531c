import Testing
@testable import HelpdeskServer

@Suite struct LineFramerTests {
    @Test func splitsOnLFAndCRLFAcrossFeeds() {
        var f = LineFramer()
        #expect(f.feed(Array("hal".utf8)) == [])
        #expect(f.feed(Array("o\r\ndua\nti".utf8)) == [.line("halo"), .line("dua")])
        #expect(f.pendingByteCount == 2)
        #expect(f.feed(Array("ga\n".utf8)) == [.line("tiga")])
    }

    @Test func removesTelnetNegotiationAndKeepsEscapedIAC() {
        var f = LineFramer()
        // IAC WILL ECHO, IAC DO SGA, IAC SB NAWS 0 80 0 24 IAC SE, IAC NOP, IAC IAC (literal 255).
        let bytes: [UInt8] = [255, 251, 1] + Array("ha".utf8) + [255, 253, 3] + [255, 250, 31, 0, 80, 0, 24, 255, 240]
            + Array("lo".utf8) + [255, 241] + [255, 255] + [0x0A]
        #expect(f.feed(bytes) == [.line("halo\u{FFFD}")])
    }

    @Test func negotiationSplitAcrossReadsIsStillRemoved() {
        var f = LineFramer()
        #expect(f.feed(Array("a".utf8) + [255]) == [])
        #expect(f.feed([253]) == [])
        #expect(f.feed([1] + Array("b\n".utf8)) == [.line("ab")])
    }

    @Test func repairsInvalidUTF8AndDropsControlBytes() {
        var f = LineFramer()
        let bytes: [UInt8] = Array("ok ".utf8) + [0xC3, 0x28] + [0x00, 0x07, 0x1B] + Array("\tjadwal\r\n".utf8)
        #expect(f.feed(bytes) == [.line("ok \u{FFFD}( jadwal")])
    }

    @Test func overLongLineIsReportedOnceAndTheNextLineWorks() {
        var f = LineFramer(maxLineBytes: 10)
        var events = f.feed(Array("{\"text\":\"aaaaaaaa".utf8))
        events += f.feed(Array(repeating: UInt8(ascii: "a"), count: 100))
        events += f.feed(Array("\"}\nhalo\n".utf8))
        #expect(events == [.lineTooLong(json: true), .line("halo")])
        #expect(f.feed(Array("0123456789\n".utf8)) == [.line("0123456789")])
        #expect(f.feed(Array("abcdefghijk\n".utf8)) == [.lineTooLong(json: false)])
    }
}

/// The bulk path (whole runs, lines straight from the read buffer) must frame exactly like
/// feeding one byte at a time, which never takes the whole-line path and appends runs of one byte.
@Suite struct LineFramerBulkTests {
    /// Deterministic pseudo-random bytes biased toward the interesting ones (newline, CR, tab,
    /// IAC and its commands, NUL, spaces, `{`, multi-byte UTF-8 and broken sequences).
    private static func stream(seed: UInt64, count: Int) -> [UInt8] {
        var state = seed
        let alphabet: [UInt8] = [0x0A, 0x0D, 0x09, 0xFF, 0xFB, 0xFA, 0xF0, 0x00, 0x20, 0x20, 0x7B, 0x7F, 0xC3, 0xA9, 0x28]
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let r = Int(truncatingIfNeeded: state >> 33)
            return r % 3 == 0 ? alphabet[(r / 3) % alphabet.count] : UInt8(0x61 + (r / 3) % 26)
        }
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6, 7, 8])
    func bulkFeedFramesLikeByteByByte(seed: UInt64) {
        let bytes = Self.stream(seed: seed, count: 4000)
        for limit in [4, 16, 8192] {
            var bulk = LineFramer(maxLineBytes: limit)
            var single = LineFramer(maxLineBytes: limit)
            var chunked = LineFramer(maxLineBytes: limit)
            let whole = bulk.feed(bytes)
            let one = bytes.flatMap { single.feed([$0]) }
            var pieces: [FramedEvent] = []
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + 1 + (start * 7) % 37)
                pieces += chunked.feed(Array(bytes[start..<end]))
                start = end
            }
            #expect(whole == one)
            #expect(pieces == one)
            #expect(bulk.pendingByteCount == single.pendingByteCount)
            #expect(whole.count > 10)
        }
    }

    @Test func pipelinedPingsInOneReadAreSeparateLines() {
        var f = LineFramer()
        let line = #"{"id":7,"cmd":"ping"}"#
        let events = f.feed(Array(String(repeating: line + "\n", count: 16).utf8) + Array(" half".utf8))
        #expect(events == Array(repeating: .line(line), count: 16))
        #expect(f.pendingByteCount == 5)
        #expect(f.feed(Array(" line \n".utf8)) == [.line("half line")])
    }
}
