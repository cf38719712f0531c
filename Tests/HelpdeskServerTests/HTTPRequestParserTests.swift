import Testing
@testable import HelpdeskServer

@Suite struct HTTPRequestParserTests {
    func parse(_ text: String, maxBody: Int = 64 * 1024, maxHeader: Int = 16 * 1024) throws -> [HTTPRequest] {
        var p = HTTPRequestParser(maxHeaderBytes: maxHeader, maxBodyBytes: maxBody)
        p.feed(Array(text.utf8))
        var out: [HTTPRequest] = []
        while let r = try p.next() { out.append(r) }
        return out
    }

    func error(_ text: String, maxBody: Int = 64 * 1024, maxHeader: Int = 16 * 1024) -> HTTPParseError? {
        do {
            _ = try parse(text, maxBody: maxBody, maxHeader: maxHeader)
            return nil
        } catch let e as HTTPParseError {
            return e
        } catch {
            return nil
        }
    }

    @Test func parsesRequestWithContentLength() throws {
        let rs = try parse("POST /webhook?x=1 HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nX-Helpdesk-Secret: s3\r\n\r\nhello")
        #expect(rs.count == 1)
        #expect(rs[0].method == "POST")
        #expect(rs[0].path == "/webhook")
        #expect(rs[0].header("x-helpdesk-secret") == "s3")
        #expect(rs[0].header("HOST") == "a")
        #expect(String(decoding: rs[0].body, as: UTF8.self) == "hello")
        #expect(rs[0].keepAlive)
    }

    @Test func bytesArrivingOneAtATimeGiveTheSameRequest() throws {
        let text = "POST /telegram HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcGET /healthz HTTP/1.1\r\n\r\n"
        var p = HTTPRequestParser()
        var out: [HTTPRequest] = []
        for b in text.utf8 {
            p.feed([b])
            while let r = try p.next() { out.append(r) }
        }
        #expect(out.map(\.path) == ["/telegram", "/healthz"])
        #expect(out[0].body == Array("abc".utf8))
        #expect(!p.hasPartialRequest)
    }

    @Test func decodesChunkedBodyWithExtensionsAndTrailers() throws {
        let rs = try parse("POST /webhook HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\nWiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\nX-Trailer: t\r\n\r\n")
        #expect(String(decoding: rs[0].body, as: UTF8.self) == "Wikipedia in\r\n\r\nchunks.")
    }

    @Test func keepAliveRules() throws {
        #expect(try parse("GET / HTTP/1.1\r\nConnection: close\r\n\r\n")[0].keepAlive == false)
        #expect(try parse("GET / HTTP/1.0\r\n\r\n")[0].keepAlive == false)
        #expect(try parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n")[0].keepAlive == true)
        #expect(try parse("GET / HTTP/1.1\r\n\r\n")[0].keepAlive == true)
    }

    @Test func pipelinedRequestsComeOutInOrder() throws {
        let one = "POST /webhook HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}"
        let rs = try parse(String(repeating: one, count: 50))
        #expect(rs.count == 50)
        #expect(rs.allSatisfy { $0.body == Array("{}".utf8) })
    }

    @Test func oversizedBodyIs413BeforeItArrives() {
        #expect(error("POST /webhook HTTP/1.1\r\nContent-Length: 70000\r\n\r\n")?.status == 413)
        #expect(error("POST /webhook HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n", maxBody: 8)?.status == 413)
        #expect(error("POST /webhook HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffffff\r\n")?.status == 413)
    }

    @Test func oversizedHeadIs431() {
        let big = "GET / HTTP/1.1\r\nX-Big: " + String(repeating: "a", count: 2000) + "\r\n\r\n"
        #expect(error(big, maxHeader: 1024)?.status == 431)
        #expect(error(String(repeating: "a", count: 2000), maxHeader: 1024)?.status == 431)
    }

    @Test func malformedInputGetsClearErrors() {
        #expect(error("GARBAGE\r\n\r\n")?.status == 400)
        #expect(error("GET /x HTTP/2.0\r\n\r\n")?.status == 505)
        #expect(error("GET http://evil/ HTTP/1.1\r\n\r\n")?.status == 400)
        #expect(error("GET / HTTP/1.1\r\nBad Header: x\r\n\r\n")?.status == 400)
        #expect(error("GET / HTTP/1.1\r\nNoColon\r\n\r\n")?.status == 400)
        #expect(error("GET / HTTP/1.1\r\nA: b\r\n folded\r\n\r\n")?.status == 400)
        #expect(error("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n")?.status == 400)
        #expect(error("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab")?.status == 400)
        #expect(error("POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")?.status == 400)
        #expect(error("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n")?.status == 501)
        #expect(error("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")?.status == 400)
        #expect(error("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n")?.status == 400)
    }

    @Test func errorIsSticky() {
        var p = HTTPRequestParser()
        p.feed(Array("BROKEN LINE\r\n\r\nGET / HTTP/1.1\r\n\r\n".utf8))
        #expect(throws: HTTPParseError.self) { try p.next() }
        #expect(throws: HTTPParseError.self) { try p.next() }
    }

    @Test func expectContinueIsReportedUntilTheBodyArrives() throws {
        var p = HTTPRequestParser()
        p.feed(Array("POST /webhook HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n".utf8))
        #expect(try p.next() == nil)
        #expect(p.wantsContinue)
        p.acknowledgeContinue()
        p.feed(Array("{}".utf8))
        #expect(try p.next()?.body == Array("{}".utf8))
    }

    @Test func responseEncodingCarriesLengthAndConnection() {
        let r = HTTPResponse.error(404, code: "not_found", message: "no \"route\"")
        let text = String(decoding: r.encode(keepAlive: false), as: UTF8.self)
        #expect(text.hasPrefix("HTTP/1.1 404 Not Found\r\n"))
        #expect(text.contains("Content-Length: \(r.body.count)\r\n"))
        #expect(text.contains("Connection: close\r\n\r\n"))
        #expect(text.hasSuffix("{\"error\":{\"code\":\"not_found\",\"message\":\"no \\\"route\\\"\"}}"))
    }
}
