import Testing
@testable import HelpdeskCore

@Suite struct JSONParserTests {
    @Test func parsesAnObjectKeepingKeyOrderAndNumberText() throws {
        let v = try JSONParser.parse(#"{"id":42,"user":"tg:5512","b":[true,false,null],"x":1.50,"y":-2e3}"#)
        let o = try #require(v.objectValue)
        #expect(o.members.map(\.key) == ["id", "user", "b", "x", "y"])
        #expect(v["id"] == .number(JSONNumber(text: "42", value: 42)))
        #expect(v["id"].flatMap { if case .number(let n) = $0 { n.intValue } else { nil } } == 42)
        #expect(v["user"]?.stringValue == "tg:5512")
        #expect(v["b"]?.arrayValue == [.bool(true), .bool(false), .null])
        #expect(v["x"].flatMap { if case .number(let n) = $0 { n.text } else { nil } } == "1.50")
        #expect(v["y"]?.doubleValue == -2000)
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let v = try JSONParser.parse(#"  "a\"b\\c\/d\n\t\u00e9\ud83d\ude00"  "#)
        #expect(v.stringValue == "a\"b\\c/d\n\té😀")
        #expect(try JSONParser.parse(#""jadwal angkatan 3""#).stringValue == "jadwal angkatan 3")
    }

    @Test(arguments: [(String, String)](arrayLiteral:
        (#"{"a":1"#, "unterminated object"),
        (#"{"a" 1}"#, "expected ':' after key"),
        (#"{a:1}"#, "expected a string key"),
        (#"[1,2"#, "unterminated array"),
        (#"01"#, "unexpected data after the JSON value"),
        (#"1."#, "invalid number: digit expected after '.'"),
        (#""abc"#, "unterminated string"),
        (#""\x""#, #"invalid escape '\x'"#),
        (#""\ud800""#, #"unpaired surrogate in \u escape"#),
        (#"tru"#, "invalid literal"),
        (#"{"a":1} x"#, "unexpected data after the JSON value"),
        ("", "unexpected end of input")
    ))
    func rejectsMalformedInputWithAMessage(input: String, message: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(input) }
        do {
            _ = try JSONParser.parse(input)
        } catch {
            #expect(error.message == message)
        }
    }

    @Test func reportsTheOffsetOfTheProblem() {
        do {
            _ = try JSONParser.parse(#"{"id":1,"x":?}"#)
            Issue.record("expected an error")
        } catch {
            #expect(error.offset == 12)
            #expect(error.description == "unexpected character '?' at byte 13")
        }
    }

    @Test func rejectsRawControlCharactersAndInvalidUTF8InStrings() {
        #expect(throws: JSONParseError.self) { try JSONParser.parse("\"a\u{01}b\"") }
        #expect(throws: JSONParseError.self) { try JSONParser.parse([0x22, 0xFF, 0x22]) }
    }

    @Test func limitsNestingDepth() throws {
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
        let fine = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(try JSONParser.parse(fine).arrayValue != nil)
    }
}
