import Dispatch

/// One client's HTTP/1.1 connection: parses requests as bytes arrive, hands each complete one
/// to the handler, and writes responses strictly in request order (pipelined requests wait in
/// the parser's buffer while one is being answered; reading pauses if that buffer grows past
/// the largest possible request). It owns the slowloris defence: a whole request must arrive
/// within `requestTimeout` of the connection going idle.
///
/// `@unchecked Sendable`: all mutable state is touched only on `queue` (a serial queue of its
/// own); the handler's `respond` closure hops back onto it.
final class HTTPConnection: @unchecked Sendable {
    private let stream: SocketStream
    private let queue: DispatchQueue
    private let handler: any HTTPHandling
    private let limits: HTTPLimits
    private var parser: HTTPRequestParser
    private var busy = false
    private var draining = false
    private var timer: DispatchSourceTimer?
    private let onClose: @Sendable () -> Void

    init(fd: Int32, handler: any HTTPHandling, limits: HTTPLimits, onClose: @escaping @Sendable () -> Void) {
        queue = DispatchQueue(label: "helpdesk.bridge.http")
        stream = SocketStream(fd: fd, queue: queue)
        self.handler = handler
        self.limits = limits
        self.onClose = onClose
        parser = HTTPRequestParser(maxHeaderBytes: limits.maxHeaderBytes, maxBodyBytes: limits.maxBodyBytes)
    }

    func start() {
        queue.async { [self] in
            stream.onBytes = { bytes in self.received(bytes) }
            stream.onClose = { self.closed() }
            stream.start()
            let t = DispatchSource.makeTimerSource(queue: queue)
            t.setEventHandler { [weak self] in self?.timedOut() }
            timer = t
            armTimer()
            t.resume()
        }
    }

    /// Finish the request in progress (if any), then close: used at shutdown.
    func drain() {
        queue.async { [self] in
            draining = true
            if !busy { stream.closeAfterFlush() }
        }
    }

    private func armTimer() {
        timer?.schedule(deadline: .now() + limits.requestTimeout)
    }

    private func received(_ bytes: UnsafeRawBufferPointer) {
        parser.feed(bytes)
        process()
    }

    private func process() {
        guard !busy, !stream.isClosed else { return }
        let request: HTTPRequest?
        do {
            request = try parser.next()
        } catch {
            handler.refused(status: error.status, code: error.code)
            stream.write(HTTPResponse.error(error).encode(keepAlive: false))
            stream.closeAfterFlush()
            return
        }
        guard let request else {
            if parser.wantsContinue {
                parser.acknowledgeContinue()
                stream.write(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
            }
            return
        }
        busy = true
        if parser.bufferedCount > limits.maxHeaderBytes + limits.maxBodyBytes { stream.pauseReading() }
        handler.handle(request) { [self] response in
            queue.async { self.answer(request, with: response) }
        }
    }

    private func answer(_ request: HTTPRequest, with response: HTTPResponse) {
        busy = false
        guard !stream.isClosed else { return }
        let keepAlive = request.keepAlive && !draining
        stream.write(response.encode(keepAlive: keepAlive, headOnly: request.method == "HEAD"))
        if !keepAlive {
            stream.closeAfterFlush()
            return
        }
        armTimer()
        stream.resumeReading()
        process()
    }

    private func timedOut() {
        guard !busy, !stream.isClosed else { return }
        if parser.hasPartialRequest {
            handler.refused(status: 408, code: "request_timeout")
            let message = "the whole request must arrive within \(limits.requestTimeout) seconds"
            stream.write(HTTPResponse.error(408, code: "request_timeout", message: message).encode(keepAlive: false))
            stream.closeAfterFlush()
        } else {
            stream.close()
        }
    }

    private func closed() {
        timer?.cancel()
        timer = nil
        onClose()
    }
}
