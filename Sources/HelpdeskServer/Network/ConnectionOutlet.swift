import HelpdeskCore
import Synchronization

/// The `LineOutlet` of one `Connection`: what supervisor code holds to push lines to it. It
/// refers to the connection weakly, so a table of outlets never keeps a closed connection (and
/// its buffers) alive, and a push to a connection that is gone is simply dropped.
///
/// `@unchecked Sendable`: `connection` is written once, in `Connection.init`, before the
/// connection is started and so before any other thread can see this object; afterwards it is
/// only read (and cleared by ARC when the connection goes, which weak references make safe).
final class ConnectionOutlet: LineOutlet, @unchecked Sendable {
    weak var connection: Connection?
    let connectionNumber: Int
    let dropped = Atomic<Int>(0)

    init(number: Int) {
        self.connectionNumber = number
    }

    func push(_ line: String) {
        guard let connection else { return }
        connection.push(line, outlet: self)
    }

    var droppedPushes: Int { dropped.load(ordering: .relaxed) }
}
