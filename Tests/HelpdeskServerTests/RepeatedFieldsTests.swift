import Testing
@testable import HelpdeskCore
@testable import HelpdeskServer

/// A connection's decoder reuses the last user and channel strings (`RepeatedFields`): a run of
/// lines decoded through one `RepeatedFields` must give, line by line, exactly what a fresh
/// decode gives: the same user again, another of the same length, a longer one, non-ASCII,
/// invalid UTF-8 after a valid one, empty (refused), no user, and lines of other kinds between.
@Suite struct RepeatedFieldsTests {
    static let users = ["bench:a1b2", "bench:a1b2", "bench:a1b3", "bench:a1b2", "tg:5512", "tg:5512",
                        "tcp:127.0.0.1:50123#17 (a longer user key)", "tcp:127.0.0.1:50123#17 (a longer user key)",
                        "tcp:127.0.0.1:50123#17 (a longer user kez)", "ü:日本", "ü:日本", "u", "", "u"]
    static let channels = ["bench", "bench", "tcp", "bench", "telegram", "benci"]

    static var lines: [[UInt8]] {
        var out: [[UInt8]] = []
        for (i, user) in users.enumerated() {
            let channel = channels[i % channels.count]
            out.append(Array(#"{"id":"b\#(i)","user":"\#(user)","channel":"\#(channel)","text":"jadwal angkatan \#(i)"}"#.utf8))
            if i % 3 == 0 { out.append(Array(#"{"id":\#(i),"text":"tanpa user"}"#.utf8)) }
            if i % 4 == 0 { out.append(Array(#"{"id":"x","user":"bench:a1b2","text":"a\"b"}"#.utf8)) }  // general path
            if i % 5 == 0 {
                // The last user's bytes with one made invalid: refused, never the remembered string.
                out.append(Array(#"{"user":"bench:a1b"#.utf8) + [0xFF] + Array(#"","text":"x"}"#.utf8))
                out.append(Array(#"{"channel":"benc"#.utf8) + [0xC3] + Array(#"","text":"x"}"#.utf8))
            }
        }
        return out
    }

    @Test func reusedStringsDecodeAsAFreshDecode() {
        var repeated = RepeatedFields()
        for bytes in Self.lines {
            let fresh = bytes.withUnsafeBufferPointer { FlatMessageDecoder.decode($0) }
            let reused = bytes.withUnsafeBufferPointer { FlatMessageDecoder.decode($0, repeated: &repeated) }
            #expect(reused == fresh, "\(String(decoding: bytes, as: UTF8.self))")
            if case .message(_, let u1?, let c1, _)? = reused, case .message(_, let u2?, let c2, _)? = fresh {
                #expect(Array(u1.utf8) == Array(u2.utf8))
                #expect(c1.map { Array($0.utf8) } == c2.map { Array($0.utf8) })
            }
            if let line = String(validating: bytes, as: UTF8.self) {
                var again = repeated
                #expect(RequestDecoder.decode(line, repeated: &again) == RequestDecoder.decode(line))
            }
        }
        #expect(repeated.user != nil && repeated.channel != nil)
    }
}
