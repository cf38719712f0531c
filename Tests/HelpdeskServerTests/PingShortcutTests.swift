import Testing
import HelpdeskCore
@testable import HelpdeskServer

/// The ping shortcut must answer exactly as the full decoder and router do, and leave every
/// other line to them.
@Suite struct PingShortcutTests {
    /// The full path's answer: decode, route, encode (what the server did before the shortcut).
    private func fullAnswer(_ line: String) -> String {
        var out: [UInt8] = []
        var context = ConnectionContext(connectionUser: "t", peer: "p", connectionNumber: 1)
        switch RequestDecoder.decode(line) {
        case .success(.command(let id, let name, let body)):
            switch CommandRouter().run(name, request: body, context: &context) {
            case .success(let members): ReplyEncoder.result(members, id: id, into: &out)
            case .failure(let error): ReplyEncoder.error(error, id: id, into: &out)
            }
        default:
            Issue.record("not a command: \(line)")
        }
        return String(decoding: out, as: UTF8.self)
    }

    private func shortcut(_ line: String) -> String? {
        var out: [UInt8] = Array("kept|".utf8)
        guard PingShortcut.answer(line, into: &out) else {
            #expect(out == Array("kept|".utf8), "a refused line must append nothing")
            return nil
        }
        let text = String(decoding: out, as: UTF8.self)
        #expect(text.hasPrefix("kept|"))
        return String(text.dropFirst(5))
    }

    @Test func compactPingsAnswerLikeTheFullPath() {
        let lines = [
            #"{"id":1,"cmd":"ping"}"#, #"{"id":0,"cmd":"ping"}"#, #"{"id":-42,"cmd":"ping"}"#,
            #"{"id":"abc-1","cmd":"ping"}"#, #"{"id":"","cmd":"ping"}"#, #"{"id":"sync é 7","cmd":"ping"}"#,
            #"{"cmd":"ping","id":9}"#, #"{"cmd":"ping","id":"x"}"#, #"{"cmd":"ping"}"#,
        ]
        for line in lines {
            let fast = shortcut(line)
            #expect(fast != nil, "should take \(line)")
            #expect(fast == fullAnswer(line), "\(line)")
        }
    }

    @Test func otherSpellingsAreLeftToTheDecoder() {
        let lines = [
            #"{"id":1.50,"cmd":"ping"}"#, #"{"id":01,"cmd":"ping"}"#, #"{"id":"a\"b","cmd":"ping"}"#,
            #"{"id":true,"cmd":"ping"}"#, #"{"id":1,"x":2,"cmd":"ping"}"#, #"{"id":"a","cmd":"ping","y":"b","cmd":"ping"}"#,
            #"{ "id":1,"cmd":"ping"}"#, #"{"id":1,"cmd":"pong"}"#, #"{"id":1,"cmd":"ping"} "#, #"{"cmd":"ping","id":}"#,
            #"{"id":,"cmd":"ping"}"#, #"{"cmd":"ping","id":1,"id":2}"#, "halo", "",
        ]
        for line in lines {
            #expect(shortcut(line) == nil, "should refuse \(line)")
        }
    }

    @Test func aReplacedPingHandlerTurnsTheShortcutOff() {
        var router = CommandRouter()
        #expect(router.hasBuiltInPing)
        router.register("ping") { _, _ in .success(JSONObject([.init("pong", .bool(true))])) }
        #expect(!router.hasBuiltInPing)
    }
}
