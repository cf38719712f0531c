import Testing
@testable import HelpdeskCore

@Suite struct JSONWriterTests {
    @Test func writesFieldsWithCommasOnlyBetweenMembers() {
        var w = JSONWriter()
        w.beginObject()
        w.field("id"); w.string("r1")
        w.field("ok"); w.bool(true)
        w.field("list"); w.beginArray()
        w.element(); w.int(1)
        w.element(); w.beginObject(); w.endObject()
        w.endArray()
        w.field("c"); w.number(0.94)
        w.field("n"); w.number(3)
        w.field("z"); w.number(.nan)
        w.endObject()
        #expect(String(decoding: w.bytes, as: UTF8.self) == #"{"id":"r1","ok":true,"list":[1,{}],"c":0.94,"n":3,"z":null}"#)
    }

    @Test func escapesQuotesBackslashesAndControlCharacters() {
        var w = JSONWriter()
        w.string("say \"hi\"\\ \n\t\u{01} é😀")
        #expect(String(decoding: w.bytes, as: UTF8.self) == #""say \"hi\"\\ \n\t\u0001 é😀""#)
    }

    @Test func roundTripsValuesIncludingOriginalNumberText() throws {
        let text = #"{"id":12345678901234567890,"a":[1.50,"x\"y",null,{"b":false}],"s":"\u00e9"}"#
        let v = try JSONParser.parse(text)
        let out = JSONWriter.text(of: v)
        #expect(out == #"{"id":12345678901234567890,"a":[1.50,"x\"y",null,{"b":false}],"s":"é"}"#)
        #expect(try JSONParser.parse(out) == v)
    }
}
