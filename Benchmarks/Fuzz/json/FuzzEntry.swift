// libFuzzer entry for JSONParser/JSONWriter (Sources/HelpdeskCore/JSON/) and the protocol's
// RequestDecoder (Sources/HelpdeskServer/Protocol/Request.swift).
// Invariants: no crash; whatever parses writes back as JSON that parses to an equal value, and
// writing that value again gives the same text (parse → write → parse round-trips); the decoder
// never crashes and a `{` line it accepts is a JSON object; the flat-message fast path
// (FlatMessageDecoder) decodes every `{` line exactly as the general path does, also with a
// connection's remembered user and channel (`RepeatedFields`, kept from input to input and used
// twice on each line, so the second decode takes the remembered strings).

nonisolated(unsafe) private var remembered = RepeatedFields()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    if let value = try? JSONParser.parse(bytes) {
        let text = JSONWriter.text(of: value)
        let again: JSONValue
        do {
            again = try JSONParser.parse(text)
        } catch {
            invariant(false, "written JSON does not parse: \(error) in \(text)")
            return 0
        }
        invariant(again == value, "round trip changed the value: \(text)")
        invariant(JSONWriter.text(of: again) == text, "second write differs: \(text)")
    }
    let line = String(decoding: bytes, as: UTF8.self)
    if line.utf8.first == UInt8(ascii: "{") {
        let general = RequestDecoder.decodeObject(line)
        invariant(RequestDecoder.decode(line) == general, "fast path differs from the general path: \(line)")
        for _ in 0..<2 {
            invariant(RequestDecoder.decode(line, repeated: &remembered) == general,
                      "fast path with remembered fields differs from the general path: \(line)")
        }
    }
    switch RequestDecoder.decode(line) {
    case .success(.message(_, _, _, let text)):
        invariant(!text.isEmpty, "a message request with empty text")
    case .success(.command(_, let name, _)):
        invariant(!name.isEmpty, "a command request with an empty name")
    case .success, .failure:
        break
    }
    return 0
}
