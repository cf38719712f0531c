// libFuzzer entry for HTTPRequestParser (Sources/HelpdeskServer/HTTP/HTTPRequestParser.swift).
// The first input byte picks a chunk size for the second feeding; the rest is the byte stream.
// Invariants: no crash; no body exceeds the limit; error statuses are 4xx/5xx; feeding the stream
// whole or in chunks yields the same requests and the same final error; after an error the parser
// keeps refusing.

let maxHead = 512
let maxBody = 256

struct Outcome: Equatable {
    var requests: [HTTPRequest] = []
    var error: HTTPParseError?
}

func parse(_ bytes: ArraySlice<UInt8>, chunk: Int) -> Outcome {
    var parser = HTTPRequestParser(maxHeaderBytes: maxHead, maxBodyBytes: maxBody)
    var outcome = Outcome()
    var start = bytes.startIndex
    repeat {
        let end = min(bytes.endIndex, start + chunk)
        parser.feed(bytes[start..<end])
        start = end
        do {
            while let request = try parser.next() {
                invariant(request.body.count <= maxBody, "body of \(request.body.count) bytes passed the limit")
                outcome.requests.append(request)
                if outcome.requests.count > 10_000 { return outcome }
            }
        } catch {
            invariant(error.status >= 400 && error.status < 600, "error status \(error.status)")
            invariant((try? parser.next()) == nil, "parser went on after an error")
            outcome.error = error
            return outcome
        }
    } while start < bytes.endIndex
    return outcome
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTP(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let all = Array(UnsafeBufferPointer(start: data, count: size))
    let stream = all[1...]
    let whole = parse(stream, chunk: max(stream.count, 1))
    let chunked = parse(stream, chunk: Int(all[0]) % 17 + 1)
    invariant(whole == chunked, "chunked feeding changed the outcome: \(whole) vs \(chunked)")
    return 0
}
