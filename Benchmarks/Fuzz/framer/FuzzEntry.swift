// libFuzzer entry for LineFramer (Sources/HelpdeskServer/Framing/LineFramer.swift).
// The first input byte picks where the rest is split into two feeds; the rest is the TCP stream.
// Invariants: no crash; every line has at most `limit` scalars (one per accepted byte), contains no
// control character (NUL, CR, LF, DEL, C0), no surrounding spaces; feeding the stream whole, split
// in two, or byte by byte gives the same events.

let limit = 64

func events(_ bytes: ArraySlice<UInt8>, cuts: [Int]) -> [FramedEvent] {
    var framer = LineFramer(maxLineBytes: limit)
    var out: [FramedEvent] = []
    var start = bytes.startIndex
    for cut in cuts + [bytes.endIndex] where cut >= start {
        let piece = Array(bytes[start..<cut])
        piece.withUnsafeBytes { raw in framer.feed(raw) { out.append($0) } }
        start = cut
    }
    return out
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFramer(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let all = Array(UnsafeBufferPointer(start: data, count: size))
    let stream = all[1...]
    let whole = events(stream, cuts: [])
    for event in whole {
        guard case .line(let line) = event else { continue }
        invariant(line.unicodeScalars.count <= limit, "line of \(line.unicodeScalars.count) scalars exceeds \(limit)")
        for s in line.unicodeScalars {
            invariant(s.value >= 0x20 && s.value != 0x7F, "control U+\(String(s.value, radix: 16)) in a line")
        }
        invariant(line.first != " " && line.last != " ", "line keeps surrounding spaces")
    }
    let cut = stream.startIndex + Int(all[0]) % (stream.count + 1)
    invariant(events(stream, cuts: [cut]) == whole, "split at \(cut) changes the events")
    if stream.count <= 512 {
        invariant(events(stream, cuts: Array(stream.indices)) == whole, "byte-by-byte feed changes the events")
    }
    return 0
}
