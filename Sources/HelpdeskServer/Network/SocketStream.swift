import Dispatch
import Glibc

/// One connected non-blocking socket driven by Dispatch sources: bytes in through `onBytes`,
/// bytes out through `write` (sent at once, the rest kept with a cursor and flushed by a write
/// source that is resumed only while output is pending), and one orderly close that closes the
/// descriptor only after both sources have cancelled. The bridge's HTTP side and upstream side
/// sit on it (the line server's `Connection` keeps its own, protocol-aware loop), so the
/// Dispatch rules (resume before cancel, close in the cancel handler) are kept in one place and
/// the system calls themselves are `Socket`'s.
///
/// `@unchecked Sendable`: every mutable field is touched only on `queue`, a serial queue the
/// owner also uses for its own state; `dispatchPrecondition` checks it in the entry points.
final class SocketStream: @unchecked Sendable {
    let fd: Int32
    let queue: DispatchQueue
    /// Called on `queue` with each chunk read.
    var onBytes: (UnsafeRawBufferPointer) -> Void = { _ in }
    /// Called on `queue` once, when the peer closed, an error happened or `close` was called.
    var onClose: () -> Void = {}

    private var readSource: DispatchSourceRead?
    private var writeSource: DispatchSourceWrite?
    private var writeActive = false
    private var readPaused = false
    private var outbox: [UInt8] = []
    private var cursor = 0
    private var closeWhenDrained = false
    /// FIN is sent and the input is read only to be thrown away (see `linger`).
    private var lingering = false
    private var discarded = 0
    private var openSources = 0
    private(set) var isClosed = false

    init(fd: Int32, queue: DispatchQueue) {
        self.fd = fd
        self.queue = queue
    }

    var pendingOutput: Int { outbox.count - cursor }

    func start() {
        dispatchPrecondition(condition: .onQueue(queue))
        let fd = self.fd
        let read = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
        read.setEventHandler { [weak self] in self?.readAvailable() }
        read.setCancelHandler { self.sourceCancelled() }  // keeps the stream alive until the fd is closed
        let write = DispatchSource.makeWriteSource(fileDescriptor: fd, queue: queue)
        write.setEventHandler { [weak self] in self?.flush() }
        write.setCancelHandler { self.sourceCancelled() }
        readSource = read
        writeSource = write
        openSources = 2
        read.resume()
    }

    private func readAvailable() {
        guard !isClosed else { return }
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        for _ in 0..<4 {
            let result = buffer.withUnsafeMutableBytes { Socket.read(fd, into: $0) }
            switch result {
            case .done(let n) where lingering:
                discarded += n
                if discarded > LingeringClose.limit { return close() }
            case .done(let n):
                buffer.withUnsafeBytes { onBytes(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
                if isClosed || readPaused { return }
                if n < buffer.count { return }
            case .wouldBlock:
                return
            case .closed, .failed:
                close()
                return
            }
        }
    }

    func write(_ bytes: [UInt8]) {
        dispatchPrecondition(condition: .onQueue(queue))
        guard !isClosed, !lingering, !bytes.isEmpty else { return }
        if pendingOutput == 0 {
            outbox = bytes
            cursor = 0
        } else {
            outbox.append(contentsOf: bytes)
        }
        flush()
    }

    /// Closes once everything written so far has been sent, lingering (see `linger`).
    func closeAfterFlush() {
        dispatchPrecondition(condition: .onQueue(queue))
        closeWhenDrained = true
        if pendingOutput == 0 { linger() }
    }

    /// Once the last bytes are with the kernel: the `LingeringClose`, as the line server's
    /// `Connection.linger`. Without it a client that pipelined requests behind a refused one and
    /// read slowly lost the responses still queued
    /// (`BridgeEndToEndTests.responsesQueuedBeforeARefusalAreNotDiscarded`).
    private func linger() {
        guard !isClosed, !lingering else { return }
        lingering = true
        shutdown(fd, Int32(SHUT_WR))
        onBytes = { _ in }
        if readPaused { resumeReading() }
        closeWhenQuiet(seen: discarded)
    }

    private func closeWhenQuiet(seen: Int) {
        queue.asyncAfter(deadline: .now() + LingeringClose.quiet) { [self] in
            guard !isClosed else { return }
            if discarded == seen { close() } else { closeWhenQuiet(seen: discarded) }
        }
    }

    private func flush() {
        guard !isClosed else { return }
        while pendingOutput > 0 {
            let result = outbox.withUnsafeBytes { Socket.send(fd, UnsafeRawBufferPointer(rebasing: $0[cursor...])) }
            switch result {
            case .done(let n):
                cursor += n
            case .wouldBlock:
                if !writeActive {
                    writeActive = true
                    writeSource?.resume()
                }
                return
            case .closed, .failed:
                close()
                return
            }
        }
        outbox.removeAll(keepingCapacity: outbox.capacity <= 64 * 1024)
        cursor = 0
        if writeActive {
            writeActive = false
            writeSource?.suspend()
        }
        if closeWhenDrained { linger() }
    }

    func pauseReading() {
        guard !readPaused, !isClosed else { return }
        readPaused = true
        readSource?.suspend()
    }

    func resumeReading() {
        guard readPaused, !isClosed else { return }
        readPaused = false
        readSource?.resume()
    }

    /// Stops both sources; the descriptor is closed when both cancel handlers have run.
    func close() {
        guard !isClosed else { return }
        isClosed = true
        if readPaused { readSource?.resume() }
        if !writeActive { writeSource?.resume() }
        readSource?.cancel()
        writeSource?.cancel()
        if readSource == nil { Glibc.close(fd) }
        let callback = onClose
        onClose = {}
        onBytes = { _ in }
        callback()
    }

    private func sourceCancelled() {
        openSources -= 1
        if openSources == 0 {
            Glibc.close(fd)
            readSource = nil
            writeSource = nil
        }
    }
}
