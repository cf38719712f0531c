import Foundation
import HelpdeskCore
import HelpdeskServer

/// `helpdesk bench`: a closed-loop load generator against a running server (the contract's
/// command). Prints requests/s, latency percentiles and errors; bounded in time.
enum BenchCommand: Command {
    static let name = "bench"
    static let summary = "load generator against a running server; prints throughput and latency"
    static let help = """
    usage: helpdesk bench [options]

    Opens CONNECTIONS client connections to a running helpdesk (or any line server), keeps
    PIPELINE requests in flight on each, and prints requests/s, p50/p90/p99/max latency and errors.
    Runs for WARMUP + DURATION seconds, then stops.

    options:
      --host HOST          server host (HELPDESK_HOST, default 127.0.0.1)
      --port PORT          server port (HELPDESK_PORT, default 7000)
      --connections N      active connections (default 50)
      --idle N             extra idle connections held open during the run (default 0)
      --pipeline N         requests in flight per connection (default 1)
      --duration SECONDS   measured time (default 5)
      --warmup SECONDS     time before measuring starts (default 1)
      --threads N          load-generator threads (default 2)
      --scheduling POLICY  the generator threads' scheduling: batch (default: a reply wakes them
                           without preempting the server, as with clients on other machines) or
                           normal (they preempt it, as any woken thread may)
      --messages FILE      lines to send, cycled: a line starting with `{` is sent as is, any other
                           line as a JSON message {"id","user","text"} whose user is the connection
                           (`bench:N`), so each connection holds one conversation; `{connection}`
                           in a JSON line is replaced by N too (default: JSON ping)
      --in-order           every connection starts at the first line (for scripted dialogs, e.g.
                           Benchmarks/complaints.txt), instead of at a different line each
      --request LINE       one raw line to send instead (e.g. PING for a peer server)
      --no-banner          do not wait for a banner line after connecting
      --allow-remote       allow a target that is not a loopback address
      --json               print the result as one JSON object

    """

    static func run(_ argv: [String]) throws -> Int32 {
        let args = try Arguments(argv, options: ["--host", "--port", "--connections", "--idle", "--pipeline", "--duration",
                                                 "--warmup", "--threads", "--messages", "--request", "--scheduling"],
                                 switches: ["--no-banner", "--allow-remote", "--json", "--in-order"])
        guard args.positionals.isEmpty else { throw UsageError("unexpected argument '\(args.positionals[0])'") }
        var o = LoadGenerator.Options()
        o.host = args.string("--host", env: "HELPDESK_HOST", default: o.host)
        o.port = try args.int("--port", env: "HELPDESK_PORT", default: o.port, in: 1...65535)
        o.connections = try args.int("--connections", default: o.connections, in: 1...20_000)
        o.idleConnections = try args.int("--idle", default: 0, in: 0...100_000)
        o.pipeline = try args.int("--pipeline", default: 1, in: 1...1024)
        o.duration = try args.seconds("--duration", default: o.duration)
        o.warmup = try args.seconds("--warmup", default: 1)
        o.threads = try args.int("--threads", default: o.threads, in: 1...64)
        switch args.string("--scheduling") ?? "batch" {
        case "batch": o.batchScheduling = true
        case "normal": o.batchScheduling = false
        case let other: throw UsageError("--scheduling must be batch or normal, got '\(other)'")
        }
        o.expectBanner = !args.has("--no-banner")
        o.fromStart = args.has("--in-order")
        guard o.duration <= 3600, o.warmup <= 600 else { throw UsageError("--duration is at most 3600 s and --warmup 600 s") }
        if let line = args.string("--request") {
            o.requests = [line]
        } else if let path = args.string("--messages") {
            o.requests = try loadMessages(path)
        }
        guard LoadGenerator.isLoopback(host: o.host) || args.has("--allow-remote") else {
            throw UsageError("--host \(o.host) is not a loopback address; add --allow-remote to load a remote server")
        }
        let result: LoadGenerator.Result
        do {
            result = try LoadGenerator(options: o).run()
        } catch {
            throw RuntimeFailure("\(error)")
        }
        Console.out(args.has("--json") ? json(result, o) + "\n" : text(result, o))
        return result.errors == 0 && result.failedConnections == 0 && result.requests > 0 ? 0 : 1
    }

    static func loadMessages(_ path: String) throws -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RuntimeFailure("--messages \(path): cannot read the file")
        }
        let lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        guard !lines.isEmpty else { throw RuntimeFailure("--messages \(path): no lines to send") }
        return lines.enumerated().map { i, line in
            if line.hasPrefix("{") { return line }
            let text = line.split(separator: "\t").last.map(String.init) ?? line   // accepts eval files too
            return JSONWriter.text(of: .object(JSONObject([
                .init("id", .string("b\(i)")), .init("user", .string("bench:\(LoadGenerator.connectionToken)")),
                .init("channel", .string("bench")), .init("text", .string(text)),
            ])))
        }
    }

    static func text(_ r: LoadGenerator.Result, _ o: LoadGenerator.Options) -> String {
        let h = r.latency
        return """
        target       \(o.host):\(o.port)   connections \(o.connections)   pipeline \(o.pipeline)   idle \(o.idleConnections)   scheduling \(o.batchScheduling ? "batch" : "normal")
        duration     \(o.duration) s (after \(o.warmup) s warm-up)
        requests     \(r.requests)   (\(String(format: "%.0f", r.requestsPerSecond)) req/s)
        latency      p50 \(us(h.percentile(0.5)))  p90 \(us(h.percentile(0.9)))  p99 \(us(h.percentile(0.99)))  max \(us(h.max))
        errors       \(r.errors) error replies, \(r.failedConnections) failed connections\(r.firstFailure.map { " (first: \($0))" } ?? "")

        """
    }

    static func us(_ v: Int64) -> String {
        v >= 10_000 ? String(format: "%.1f ms", Double(v) / 1000) : "\(v) µs"
    }

    static func json(_ r: LoadGenerator.Result, _ o: LoadGenerator.Options) -> String {
        let h = r.latency
        func n(_ d: Double) -> JSONValue { .number(JSONNumber(d)) }
        let members: [JSONObject.Member] = [
            .init("connections", n(Double(o.connections))), .init("pipeline", n(Double(o.pipeline))),
            .init("scheduling", .string(o.batchScheduling ? "batch" : "normal")),
            .init("duration_s", n(o.duration)), .init("requests", n(Double(r.requests))),
            .init("requests_per_second", n(r.requestsPerSecond.rounded())),
            .init("p50_us", n(Double(h.percentile(0.5)))), .init("p90_us", n(Double(h.percentile(0.9)))),
            .init("p99_us", n(Double(h.percentile(0.99)))), .init("max_us", n(Double(h.max))),
            .init("errors", n(Double(r.errors))), .init("failed_connections", n(Double(r.failedConnections))),
        ]
        return JSONWriter.text(of: .object(JSONObject(members)))
    }
}
