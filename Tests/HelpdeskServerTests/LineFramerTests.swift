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
