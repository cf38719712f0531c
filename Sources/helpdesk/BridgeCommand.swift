import Dispatch
import Foundation
import HelpdeskCore
import HelpdeskServer

/// `helpdesk bridge`: the HTTP webhook adapter. Parses flags (with `HELPDESK_…` fallbacks),
/// starts the bridge, logs `listening on HOST:PORT`, and stops gracefully on SIGINT/SIGTERM.
enum BridgeCommand: Command {
    static let name = "bridge"
    static let summary = "HTTP webhook adapter to a running server"
    static let help = """
    usage: helpdesk bridge [--listen HOST:PORT] [--upstream HOST:PORT] [options]

    Serves HTTP/1.1 webhooks and forwards each message to a running helpdesk server over
    persistent line-protocol connections.

      POST /webhook    {"user":…,"text":…,"channel":…}  -> the server's JSON reply
      POST /telegram   a Telegram Update                 -> {"method":"sendMessage",…}
      GET  /healthz    200 when the server answers ping, else 502/503
      GET  /metrics    Prometheus text format

    options:
      --listen HOST:PORT       where to serve HTTP (default 127.0.0.1:8080; port 0 = any)
                               env HELPDESK_BRIDGE_LISTEN
      --upstream HOST:PORT     the helpdesk server (default 127.0.0.1:7000)  env HELPDESK_UPSTREAM
      --connections N          persistent upstream connections (default 4)
      --max-body BYTES         largest request body accepted (default 65536), else 413
      --request-timeout SECS   time to receive a whole request (default 10), else 408
      --upstream-timeout SECS  time to wait for the server's reply (default 10), else 502

    With HELPDESK_WEBHOOK_SECRET set, POST /webhook needs the header X-Helpdesk-Secret and
    POST /telegram the header X-Telegram-Bot-Api-Secret-Token with that value, else 401.

    """

    static func run(_ argv: [String]) throws -> Int32 {
        let args = try Arguments(argv, options: ["--listen", "--upstream", "--connections", "--max-body",
                                                 "--request-timeout", "--upstream-timeout"], switches: [])
        if let extra = args.positionals.first { throw UsageError("unexpected argument '\(extra)'") }
        var config = WebhookBridge.Configuration()
        (config.listenHost, config.listenPort) = try address(args, "--listen", env: "HELPDESK_BRIDGE_LISTEN", default: "127.0.0.1:8080")
        (config.upstreamHost, config.upstreamPort) = try address(args, "--upstream", env: "HELPDESK_UPSTREAM", default: "127.0.0.1:7000")
        guard config.upstreamPort > 0 else { throw UsageError("--upstream needs a port above 0") }
        config.connections = try args.int("--connections", default: 4, in: 1...64)
        config.limits.maxBodyBytes = try args.int("--max-body", default: 65536, in: 1...(64 << 20))
        config.limits.requestTimeout = try args.seconds("--request-timeout", default: 10)
        config.upstreamTimeout = try args.seconds("--upstream-timeout", default: 10)
        config.secret = args.environment["HELPDESK_WEBHOOK_SECRET"]

        let bridge: WebhookBridge
        do {
            bridge = try WebhookBridge(config)
        } catch let error as SocketError {
            throw RuntimeFailure("cannot listen on \(config.listenHost):\(config.listenPort): \(error)")
        } catch {
            throw RuntimeFailure("\(error)")
        }
        bridge.start()
        if config.secret?.isEmpty ?? true {
            Log.warning("HELPDESK_WEBHOOK_SECRET is not set: webhooks are accepted without a secret")
        }
        Log.info("forwarding to \(config.upstreamHost):\(config.upstreamPort) over \(config.connections) connections")
        Log.info("listening on \(config.listenHost):\(bridge.port)")
        let done = DispatchSemaphore(value: 0)
        let signals = BridgeSignals.onTermination { done.signal() }
        done.wait()
        Log.info("shutting down")
        bridge.stop()
        // Give open connections a moment to finish the request they are answering.
        var waited = 0
        while bridge.listener.openConnections > 0 && waited < 30 {
            usleep(100_000)
            waited += 1
        }
        withExtendedLifetime(signals) {}
        return 0
    }

    private static func address(_ args: Arguments, _ flag: String, env: String, default value: String) throws -> (String, Int) {
        let text = args.string(flag, env: env, default: value)
        guard let parsed = BridgeAddress.split(text) else {
            throw UsageError("\(flag) must be HOST:PORT with a port in 0...65535, got '\(text)'")
        }
        return parsed
    }
}
