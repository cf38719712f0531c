/// `HOST:PORT` as the bridge's flags take it (`[::1]:8080` for IPv6), public so the CLI can
/// validate `--listen` and `--upstream` before anything starts. The parsing itself is the
/// network layer's (`SocketAddress.split`).
public enum BridgeAddress {
    public static func split(_ text: String) -> (host: String, port: Int)? {
        SocketAddress.split(text)
    }
}
