import Dispatch
import Glibc

/// Process signal handling for the bridge: SIGPIPE ignored (a vanished peer is a normal
/// disconnect), and SIGINT/SIGTERM turned into one callback on a Dispatch queue so shutdown
/// runs as ordinary code rather than inside a signal handler.
public enum BridgeSignals {
    public static func ignoreSIGPIPE() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// Calls `handler` once on the first SIGINT or SIGTERM. Keep the returned sources alive.
    public static func onTermination(_ handler: @escaping @Sendable () -> Void) -> [any DispatchSourceSignal] {
        let queue = DispatchQueue(label: "helpdesk.bridge.signals")
        return [SIGINT, SIGTERM].map { sig in
            signal(sig, SIG_IGN)
            let s = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            s.setEventHandler(handler: handler)
            s.resume()
            return s
        }
    }
}
