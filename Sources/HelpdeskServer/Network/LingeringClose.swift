/// The lingering close shared by the line server's `Connection` and the bridge's `SocketStream`:
/// once a connection's last bytes are with the kernel, send FIN and read and discard what the
/// peer still sends until it hangs up, has been quiet for `quiet` seconds, or sent `limit` bytes.
/// Closing with input unread would make the kernel reset the connection and throw away what it
/// has not transmitted yet (tested in `LingeringCloseTests` and `BridgeEndToEndTests`).
enum LingeringClose {
    /// Seconds with nothing arriving after which a lingering connection is closed.
    static let quiet = 0.5
    /// Bytes thrown away after which it is closed anyway (a peer that floods).
    static let limit = 1 << 20
}
