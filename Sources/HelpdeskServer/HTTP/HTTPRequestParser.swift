import Foundation

/// An incremental HTTP/1.1 request parser: feed it bytes as they arrive, take complete requests
/// out. It exists so that the connection code never reasons about framing, and so that every
/// hostile shape (huge heads, smuggling attempts, bad chunk sizes, oversized bodies) is refused
/// here, in pure code that unit tests can drive byte by byte.
///
/// Limits: the request line plus headers may not exceed `maxHeaderBytes` (431), a body may not
/// exceed `maxBodyBytes` (413, refused from `Content-Length` before the body is read). A request
/// with both `Content-Length` and `Transfer-Encoding`, or with conflicting lengths, is refused
/// (400); a transfer coding other than `chunked` gets 501; a version other than 1.0/1.1 gets 505.
public struct HTTPRequestParser: Sendable {
    public let maxHeaderBytes: Int
    public let maxBodyBytes: Int

    private enum State: Sendable {
        case head
        case fixedBody(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
    }

    private var buffer: [UInt8] = []
    private var cursor = 0
    private var state = State.head
    private var pending: HTTPRequest?
    private var failed: HTTPParseError?
    /// Set when a request head asked for `Expect: 100-continue`; the connection answers it once.
    public private(set) var wantsContinue = false

    public init(maxHeaderBytes: Int = 16 * 1024, maxBodyBytes: Int = 64 * 1024) {
        self.maxHeaderBytes = maxHeaderBytes
        self.maxBodyBytes = maxBodyBytes
    }

    /// Bytes received but not yet consumed by a complete request.
    public var bufferedCount: Int { buffer.count - cursor }

    /// Whether part of a request (but not all of it) has arrived.
    public var hasPartialRequest: Bool {
        if pending != nil { return true }
        if case .head = state { return bufferedCount > 0 }
        return true
    }

    public mutating func feed<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        if cursor > 0 && cursor >= buffer.count / 2 {
            buffer.removeFirst(cursor)
            cursor = 0
        }
        buffer.append(contentsOf: bytes)
    }

    public mutating func acknowledgeContinue() { wantsContinue = false }

    /// The next complete request, nil when more bytes are needed. After an error every later
    /// call throws the same error.
    public mutating func next() throws(HTTPParseError) -> HTTPRequest? {
        if let failed { throw failed }
        do {
            return try step()
        } catch {
            failed = error
            throw error
        }
    }

    private mutating func step() throws(HTTPParseError) -> HTTPRequest? {
        while true {
            switch state {
            case .head:
                guard let request = try parseHead() else { return nil }
                pending = request
                if try !startBody(of: request) { return finish() }
            case .fixedBody(let remaining):
                let n = min(remaining, bufferedCount)
                pending!.body.append(contentsOf: buffer[cursor..<cursor + n])
                cursor += n
                if n < remaining {
                    state = .fixedBody(remaining: remaining - n)
                    return nil
                }
                return finish()
            case .chunkSize:
                guard let line = try takeLine(limit: 1024, what: "chunk size line") else { return nil }
                let size = try chunkSize(line)
                if size == 0 {
                    state = .trailers
                } else {
                    if pending!.body.count + size > maxBodyBytes { throw tooLarge() }
                    state = .chunkData(remaining: size)
                }
            case .chunkData(let remaining):
                let n = min(remaining, bufferedCount)
                pending!.body.append(contentsOf: buffer[cursor..<cursor + n])
                cursor += n
                if n < remaining {
                    state = .chunkData(remaining: remaining - n)
                    return nil
                }
                state = .chunkDataEnd
            case .chunkDataEnd:
                guard let line = try takeLine(limit: 2, what: "chunk end") else { return nil }
                guard line.isEmpty else { throw .bad("chunk data is longer than its size") }
                state = .chunkSize
            case .trailers:
                guard let line = try takeLine(limit: maxHeaderBytes, what: "trailer") else { return nil }
                if line.isEmpty { return finish() }
            }
        }
    }

    private mutating func finish() -> HTTPRequest? {
        state = .head
        wantsContinue = false
        defer { pending = nil }
        return pending
    }

    private func tooLarge() -> HTTPParseError {
        HTTPParseError(413, "body_too_large", "the request body exceeds \(maxBodyBytes) bytes")
    }

    /// One line ending in LF (a CR before it is dropped), or nil when it has not fully arrived.
    private mutating func takeLine(limit: Int, what: String) throws(HTTPParseError) -> ArraySlice<UInt8>? {
        let end = Swift.min(buffer.count, cursor + limit + 2)
        guard let lf = buffer[cursor..<end].firstIndex(of: 10) else {
            if end - cursor >= limit + 2 { throw .bad("\(what) too long") }
            return nil
        }
        var line = buffer[cursor..<lf]
        cursor = lf + 1
        if line.last == 13 { line = line.dropLast() }
        return line
    }

    /// Parses the request line and headers once the blank line that ends them has arrived.
    private mutating func parseHead() throws(HTTPParseError) -> HTTPRequest? {
        // Tolerate blank lines before a request (RFC 9112 §2.2).
        while bufferedCount > 0 && (buffer[cursor] == 13 || buffer[cursor] == 10) { cursor += 1 }
        guard bufferedCount > 0 else { return nil }
        let window = buffer[cursor..<Swift.min(buffer.count, cursor + maxHeaderBytes)]
        guard let end = headEnd(window) else {
            if window.count >= maxHeaderBytes {
                throw HTTPParseError(431, "header_too_large", "the request head exceeds \(maxHeaderBytes) bytes")
            }
            return nil
        }
        let head = buffer[cursor..<end]
        cursor = end
        var lines = head.split(separator: 10, omittingEmptySubsequences: false).map { $0.last == 13 ? $0.dropLast() : $0 }
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard !lines.isEmpty else { throw .bad("empty request") }
        var request = try requestLine(lines[0])
        for raw in lines.dropFirst() {
            guard let first = raw.first else { continue }
            if first == 32 || first == 9 { throw .bad("obsolete header line folding is not accepted") }
            guard let colon = raw.firstIndex(of: 58) else { throw .bad("header line without a colon") }
            let name = raw[raw.startIndex..<colon]
            guard !name.isEmpty, name.allSatisfy(Self.isTokenByte) else { throw .bad("malformed header name") }
            var value = raw[(colon + 1)...]
            while let f = value.first, f == 32 || f == 9 { value = value.dropFirst() }
            while let l = value.last, l == 32 || l == 9 { value = value.dropLast() }
            if value.contains(where: { $0 == 0 || $0 == 13 || $0 == 10 }) { throw .bad("control character in a header value") }
            request.headers.append((String(decoding: name, as: UTF8.self).lowercased(), String(decoding: value, as: UTF8.self)))
        }
        let connection = request.headers.filter { $0.name == "connection" }.map { $0.value.lowercased() }.joined(separator: ",")
        let options = connection.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        request.keepAlive = request.version == "HTTP/1.1" ? !options.contains("close") : options.contains("keep-alive")
        return request
    }

    /// The index just past the blank line ending the head (`\r\n\r\n` or `\n\n`), if present.
    private func headEnd(_ window: ArraySlice<UInt8>) -> Int? {
        var i = window.startIndex
        while let lf = window[i...].firstIndex(of: 10) {
            var j = lf + 1
            if j < window.endIndex && window[j] == 13 { j += 1 }
            if j < window.endIndex && window[j] == 10 { return j + 1 }
            i = lf + 1
        }
        return nil
    }

    private func requestLine(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> HTTPRequest {
        let parts = line.split(separator: 32, omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .bad("malformed request line") }
        let method = parts[0], target = parts[1], version = String(decoding: parts[2], as: UTF8.self)
        guard !method.isEmpty, method.allSatisfy(Self.isTokenByte) else { throw .bad("malformed method") }
        guard target.first == 47, target.allSatisfy({ $0 > 32 && $0 < 127 }) else {
            throw .bad("the request target must be a path starting with /")
        }
        guard version.hasPrefix("HTTP/") else { throw .bad("malformed HTTP version") }
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else {
            throw HTTPParseError(505, "version_not_supported", "only HTTP/1.1 and HTTP/1.0 are supported")
        }
        return HTTPRequest(method: String(decoding: method, as: UTF8.self), target: String(decoding: target, as: UTF8.self), version: version)
    }

    /// Decides how the body is framed; returns false when the request has no body.
    private mutating func startBody(of request: HTTPRequest) throws(HTTPParseError) -> Bool {
        let lengths = request.headers.filter { $0.name == "content-length" }.flatMap { $0.value.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let codings = request.headers.filter { $0.name == "transfer-encoding" }.flatMap { $0.value.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let expectContinue = request.header("expect")?.lowercased() == "100-continue"
        if !codings.isEmpty {
            guard lengths.isEmpty else { throw .bad("both Content-Length and Transfer-Encoding are present") }
            guard codings == ["chunked"] else {
                throw HTTPParseError(501, "not_implemented", "only the chunked transfer coding is supported")
            }
            state = .chunkSize
            wantsContinue = expectContinue
            return true
        }
        guard let first = lengths.first else { return false }
        guard lengths.allSatisfy({ $0 == first }) else { throw .bad("conflicting Content-Length values") }
        guard !first.isEmpty, first.count <= 18, first.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(first) else {
            throw .bad("malformed Content-Length")
        }
        if n > maxBodyBytes { throw tooLarge() }
        if n == 0 { return false }
        state = .fixedBody(remaining: n)
        wantsContinue = expectContinue
        return true
    }

    private func chunkSize(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> Int {
        var digits = line
        if let semi = line.firstIndex(of: 59) { digits = line[line.startIndex..<semi] }
        while let l = digits.last, l == 32 || l == 9 { digits = digits.dropLast() }
        guard !digits.isEmpty else { throw .bad("missing chunk size") }
        var size = 0
        for b in digits {
            let v: Int
            switch b {
            case 48...57: v = Int(b) - 48
            case 65...70: v = Int(b) - 55
            case 97...102: v = Int(b) - 87
            default: throw .bad("malformed chunk size")
            }
            size = size * 16 + v
            if size > maxBodyBytes { throw tooLarge() }
        }
        return size
    }

    static func isTokenByte(_ b: UInt8) -> Bool {
        switch b {
        case 48...57, 65...90, 97...122: return true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
             UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default: return false
        }
    }
}
