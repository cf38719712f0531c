import Dispatch
import Glibc
import HelpdeskCore

/// The listening socket and its accept loop: a Dispatch read source that accepts a bounded batch
/// per wake-up (fairness), backs off for a moment when the process is out of descriptors
/// (EMFILE/ENFILE) instead of spinning, and hands each new socket to `onAccept`.
///
/// `@unchecked Sendable`: `suspended` and the source are touched only on `queue`.
final class Listener: @unchecked Sendable {
    let fd: Int32
    let address: String
    let port: Int
    private let queue = DispatchQueue(label: "helpdesk.accept")
    private var source: DispatchSourceRead?
    private var suspended = false
    private var cancelled = false
    private let onAccept: @Sendable (Int32, String) -> Void

    private static let acceptsPerWake = 64

    init(host: String, port: Int, backlog: Int32, onAccept: @escaping @Sendable (Int32, String) -> Void) throws(SocketError) {
        fd = try Socket.listen(host: host, port: port, backlog: backlog)
        (address, self.port) = SocketAddress.local(of: fd)
        self.onAccept = onAccept
    }

    func start() {
        queue.async { [self] in
            let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
            source.setEventHandler { [unowned self] in acceptBatch() }
            source.setCancelHandler { [fd] in Glibc.close(fd) }
            self.source = source
            source.resume()
        }
    }

    /// Stops accepting and closes the listening socket.
    func stop() {
        queue.async { [self] in
            guard !cancelled, let source else { return }
            cancelled = true
            if suspended { suspended = false; source.resume() }
            source.cancel()
        }
    }

    private func acceptBatch() {
        dispatchPrecondition(condition: .onQueue(queue))
        for _ in 0..<Self.acceptsPerWake {
            guard !cancelled else { return }
            switch Socket.accept(fd) {
            case .accepted(let client, let peer):
                onAccept(client, peer)
            case .wouldBlock:
                return
            case .failed(let code):
                if code == EMFILE || code == ENFILE || code == ENOBUFS || code == ENOMEM {
                    Log.warning("accept: \(SocketError("accept", code: code).description); pausing accepts for 100 ms")
                    pause()
                } else {
                    Log.warning(SocketError("accept", code: code).description)
                }
                return
            }
        }
    }

    private func pause() {
        guard !suspended, let source else { return }
        suspended = true
        source.suspend()
        queue.asyncAfter(deadline: .now() + .milliseconds(100)) { [self] in
            guard suspended, !cancelled, let source = self.source else { return }
            suspended = false
            source.resume()
        }
    }
}
