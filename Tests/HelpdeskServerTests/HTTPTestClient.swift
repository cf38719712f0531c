import Foundation
import Glibc
@testable import HelpdeskServer

/// A blocking loopback HTTP/1.1 client for the bridge tests: writes raw request bytes and reads
/// responses framed by `Content-Length`, with a 10-second receive timeout so nothing hangs.
final class HTTPTestClient {
    struct Response {
        var status: Int
        var headers: [String: String]
        var body: String
    }

    let fd: Int32
    private var buffer: [UInt8] = []

    init(port: Int) throws {
        fd = try connectLoopback(port: port)
    }

    deinit { Glibc.close(fd) }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw TestClientError(description: "send failed: errno \(errno)") }
            offset += n
        }
    }

    /// A POST with a Content-Length body and optional extra header lines.
    func post(_ path: String, _ body: String, headers: [String] = []) throws -> Response {
        let extra = headers.map { $0 + "\r\n" }.joined()
        try send("POST \(path) HTTP/1.1\r\nHost: test\r\n\(extra)Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
        return try readResponse()
    }

    func get(_ path: String) throws -> Response {
        try send("GET \(path) HTTP/1.1\r\nHost: test\r\n\r\n")
        return try readResponse()
    }

    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n == 0 || (n < 0 && errno == ECONNRESET) { return false }
        if n < 0 { throw TestClientError(description: "receive timed out or failed: errno \(errno)") }
        buffer.append(contentsOf: chunk[0..<n])
        return true
    }

    /// The next response; throws when the connection closes first.
    func readResponse() throws -> Response {
        while true {
            if let end = headEnd() {
                let head = String(decoding: buffer[..<end], as: UTF8.self)
                let lines = head.components(separatedBy: "\r\n").filter { !$0.isEmpty }
                let status = Int(lines[0].split(separator: " ")[1]) ?? 0
                var headers: [String: String] = [:]
                for l in lines.dropFirst() {
                    let parts = l.split(separator: ":", maxSplits: 1)
                    headers[parts[0].lowercased()] = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
                }
                let length = Int(headers["content-length"] ?? "0") ?? 0
                while buffer.count < end + length {
                    guard try fill() else { throw TestClientError(description: "closed inside a body") }
                }
                let body = String(decoding: buffer[end..<end + length], as: UTF8.self)
                buffer.removeFirst(end + length)
                return Response(status: status, headers: headers, body: body)
            }
            guard try fill() else { throw TestClientError(description: "connection closed before a response") }
        }
    }

    /// True when the server closed the connection (after any buffered bytes).
    func isClosedByPeer() throws -> Bool {
        buffer.isEmpty ? try !fill() : false
    }

    private func headEnd() -> Int? {
        let marker: [UInt8] = [13, 10, 13, 10]
        guard buffer.count >= 4 else { return nil }
        for i in 0...(buffer.count - 4) where buffer[i..<i + 4].elementsEqual(marker) { return i + 4 }
        return nil
    }
}
