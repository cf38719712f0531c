/// `HOST:PORT` as the bridge's flags take it (`[::1]:8080` for IPv6), public so the CLI can
/// validate `--listen` and `--upstream` before anything starts.
public enum BridgeAddress {
    public static func split(_ text: String) -> (host: String, port: Int)? {
        BridgeSocket.split(text)
    }
}
