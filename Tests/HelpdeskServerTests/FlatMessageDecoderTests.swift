import Testing
@testable import HelpdeskCore
@testable import HelpdeskServer

/// The flat-message fast path must give exactly what the general path (parse a `JSONValue`,
/// then check its shape) gives, and must leave to it everything it does not take.
@Suite struct FlatMessageDecoderTests {
    /// Lines the fast path takes.
    static let taken = [
        #"{"id":"b1","user":"bench:3","channel":"bench","text":"jadwl pelatihan kpn min"}"#,
        #"{"id":1,"text":"halo"}"#, #"{"id":-0,"text":"halo"}"#, #"{"id":12345678901234567890,"text":"halo"}"#,
        #"{"text":"halo"}"#, #"{ "id" : "x" , "user" : "u1" , "text" : "jadwal angkatan 3" } "#, "{\"text\":\"a\"}\r",
        #"{"text":"héllo ñ 日本 😀","user":"tg:ü"}"#, #"{"channel":"c","text":"t","user":"u","id":"i"}"#,
        "{\t\"text\"\n:\"x\"}", #"{"text":"a/b'c"}"#,
    ]

    /// Lines it must leave to the general path (some valid, most not).
    static let left = [
        #"{"id":1.50,"text":"halo"}"#, #"{"id":1e3,"text":"halo"}"#, #"{"id":01,"text":"halo"}"#, #"{"id":1.,"text":"halo"}"#,
        #"{"id":-,"text":"a"}"#, #"{"id":2e,"text":"a"}"#, #"{"id":null,"text":"halo"}"#, #"{"id":true,"text":"halo"}"#,
        #"{"id":[1],"text":"halo"}"#, #"{"id":{},"text":"halo"}"#, #"{"id":"a\"b","text":"h\u0061lo"}"#,
        #"{"id":"x","text":""}"#, #"{"id":"x","text":5}"#, #"{"id":"x","text":null}"#, #"{"id":"x","user":"","text":"hi"}"#,
        #"{"id":"x","user":null,"text":"hi"}"#, #"{"id":"x","user":5,"text":"hi"}"#, #"{"id":"x","channel":"","text":"hi"}"#,
        #"{"id":"x","channel":null,"text":"hi"}"#, #"{"id":"x","channel":7,"text":"hi"}"#, #"{"id":"x","text":"halo","text":"bye"}"#,
        #"{"id":"x","id":"y","text":"halo"}"#, #"{"id":"x","extra":{"a":[1,2,{"b":null}]},"text":"halo"}"#,
        #"{"id":"x","text":"halo"}x"#, #"{"id":"x","text":"halo""#, "{\"id\":\"x\",\"text\":\"ha\u{01}lo\"}", #"{"id":"x","text":"ha\qlo"}"#,
        #"{"id":"x" "text":"halo"}"#, #"{"id":"x","cmd":"ping"}"#, #"{"id":"x","cmd":""}"#, #"{"cmd":"nosuch"}"#,
        #"{"id":"x","cmd":"ping","text":"halo"}"#, "{}", #"{"id":"x"}"#, #"{"id":"x","text":"\ud800"}"#, #"{"id":"x","text":tru}"#,
        #"{"id":"x","text":"halo",}"#, "{,}", #"{"a"}"#, #"{"id":"x","Text":"halo"}"#, #"{"id":"x","text":["halo"]}"#,
        #"{"id":"x","text":{"a":1}}"#, #"{"id":"x","text":true}"#, #"{"id":"x","text":"\n"}"#, "{", #"{"text":"a"} {"#,
        #"{"text":"a","lang":"en"}"#, #"{"te\u0078t":"a"}"#,
    ]

    @Test(arguments: taken)
    func takesSimpleMessagesAndAgreesWithTheGeneralPath(line: String) {
        #expect(FlatMessageDecoder.decode(line) != nil)
        #expect(RequestDecoder.decode(line) == RequestDecoder.decodeObject(line))
    }

    @Test(arguments: left)
    func leavesEverythingElseToTheGeneralPath(line: String) {
        #expect(FlatMessageDecoder.decode(line) == nil)
        #expect(RequestDecoder.decode(line) == RequestDecoder.decodeObject(line))
    }

    @Test func numbersKeepTheirText() {
        let request = FlatMessageDecoder.decode(#"{"id":-12,"text":"a"}"#)
        #expect(request == .message(id: .number(JSONNumber(text: "-12", value: -12)), user: nil, channel: nil, text: "a"))
    }

    @Test(arguments: [
        [UInt8](#"{"id":"x","text":"ha"#.utf8) + [0xFF] + [UInt8](#"lo"}"#.utf8),
        [UInt8](#"{"id":"x"#.utf8) + [0xC3] + [UInt8](#"","text":"halo"}"#.utf8),
        [UInt8](#"{"text":""#.utf8) + [0xED, 0xA0, 0x80] + [UInt8](#""}"#.utf8),
        [UInt8](#"{"text":""#.utf8) + [0xF0, 0x90, 0x80] + [UInt8](#""}"#.utf8),
        [UInt8](#"{"text":"caf"#.utf8) + [0xC3, 0xA9] + [UInt8](#""}"#.utf8),
        [UInt8](#"{"text":""#.utf8) + [0xEF, 0xBF, 0xBD] + [UInt8](#""}"#.utf8),
    ])
    func invalidUTF8IsLeftToTheGeneralPath(bytes: [UInt8]) {
        let fast = bytes.withUnsafeBufferPointer { FlatMessageDecoder.decode($0) }
        let valid = String(validating: bytes, as: UTF8.self) != nil
        #expect((fast != nil) == valid)
        if valid, let line = String(validating: bytes, as: UTF8.self) {
            #expect(RequestDecoder.decode(line) == RequestDecoder.decodeObject(line))
        }
    }
}
