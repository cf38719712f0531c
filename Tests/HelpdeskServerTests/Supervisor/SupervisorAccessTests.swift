import Foundation
import Testing
@testable import HelpdeskServer
import HelpdeskCore

/// Nobody but a logged-in supervisor can use the supervisor commands, in JSON or `/` form; a wrong
/// token is refused and a quick retry is rate-limited; without a configured token nobody logs in.
@Suite(.serialized) struct SupervisorAccessTests {
    static let jsonRequests: [String: String] = [
        "logout": "", "metrics": "", "sessions": "", "transcript": #","session":"s-1""#, "watch": "", "unwatch": "",
        "handoffs": "", "take": #","user":"tg:1""#, "say": #","user":"tg:1","text":"halo""#, "release": #","user":"tg:1""#,
        "complaints": "", "complaint": #","ticket":"ADU-20261122-0001""#,
        "complaint.update": #","ticket":"ADU-20261122-0001","status":"resolved","note":"x""#, "reload": "",
        "erasures": "", "erase": #","user":"tg:1""#, "review": "",
        "review.add": #","text":"halo","intent":"greeting","target":"examples""#,
    ]
    static let slashCommands = ["/logout", "/metrics", "/sessions", "/transcript s-1", "/complaints", "/complaint ADU-20261122-0001",
                                "/update ADU-20261122-0001 resolved done", "/watch", "/unwatch", "/handoffs", "/take tg:1",
                                "/say tg:1 halo", "/release tg:1", "/reload",
                                "/erasures", "/erase tg:1", "/review", "/review-add greeting halo", "/review-eval greeting halo"]

    @Test func everySupervisorCommandIsUnauthorizedBeforeLogin() throws {
        let server = try SupervisorTestServer()
        defer { server.stop() }
        let client = try server.client()
        #expect(Set(Self.jsonRequests.keys) == Set(SupervisorConsole.commands.filter { $0 != "login" }))
        for (name, extra) in Self.jsonRequests.sorted(by: { $0.key < $1.key }) {
            let reply = try client.request(#"{"id":"\#(name)","cmd":"\#(name)"\#(extra)}"#)
            #expect(reply["error"]?["code"]?.stringValue == "unauthorized", "\(name): \(reply)")
        }
        // A good line between the two rounds keeps the refusals under the consecutive-error limit.
        #expect(try client.request(#"{"id":"p0","cmd":"ping"}"#)["ok"]?.boolValue == true)
        for command in Self.slashCommands {
            let line = try client.slash(command) { _ in true }.last ?? ""
            #expect(line.hasPrefix("error (unauthorized)"), "\(command): \(line)")
        }
        // Still a working citizen connection afterwards.
        #expect(try client.request(#"{"id":"p","cmd":"ping"}"#)["ok"]?.boolValue == true)
    }

    @Test func wrongTokenIsUnauthorizedThenRateLimited() throws {
        let server = try SupervisorTestServer()
        defer { server.stop() }
        let client = try server.client()
        let wrong = try client.request(#"{"id":1,"cmd":"login","token":"guess"}"#)
        #expect(wrong["error"]?["code"]?.stringValue == "unauthorized")
        // Even the right token is refused inside the window, and from another connection of the same peer.
        let retry = try client.request(#"{"id":2,"cmd":"login","token":"\#(SupervisorTestServer.token)"}"#)
        #expect(retry["error"]?["code"]?.stringValue == "rate_limited")
        let other = try server.client()
        let line = try other.slash("/login \(SupervisorTestServer.token)") { _ in true }.last ?? ""
        #expect(line.hasPrefix("error (rate_limited)"))
        #expect(try client.request(#"{"id":3,"cmd":"metrics"}"#)["error"]?["code"]?.stringValue == "unauthorized")
    }

    @Test func withoutATokenNobodyLogsIn() throws {
        let server = try SupervisorTestServer(token: nil)
        defer { server.stop() }
        let client = try server.client()
        let reply = try client.request(#"{"id":"a","cmd":"login","token":""}"#)
        #expect(reply["error"]?["code"]?.stringValue == "unauthorized")
        let again = try client.request(#"{"id":"b","cmd":"login","token":"anything"}"#)
        #expect(again["error"]?["code"]?.stringValue == "unauthorized")
        #expect(try client.request(#"{"id":"c","cmd":"handoffs"}"#)["error"]?["code"]?.stringValue == "unauthorized")
    }

    @Test func loginThenLogout() throws {
        let server = try SupervisorTestServer()
        defer { server.stop() }
        let client = try server.client()
        let lines = try client.slash("/login \(SupervisorTestServer.token)") { _ in true }
        #expect(lines.last?.hasPrefix("Logged in as supervisor") == true)
        #expect(server.helpdesk.supervisors.supervisorsOnline == 1)
        #expect(try client.request(#"{"id":1,"cmd":"logout"}"#)["ok"]?.boolValue == true)
        #expect(server.helpdesk.supervisors.supervisorsOnline == 0)
        #expect(try client.request(#"{"id":2,"cmd":"metrics"}"#)["error"]?["code"]?.stringValue == "unauthorized")
    }

    @Test func tokenComparisonAndPeerKeys() {
        let token = SupervisorToken("abc")
        #expect(token.matches("abc"))
        #expect(!token.matches("abd"))
        #expect(!token.matches("ab"))
        #expect(!SupervisorToken(nil).matches(""))
        #expect(LoginThrottle.host(of: "127.0.0.1:5000") == "127.0.0.1")
        #expect(LoginThrottle.host(of: "[::1]:5000") == "[::1]")
        let throttle = LoginThrottle(base: .seconds(10))
        let t0 = ContinuousClock.now
        throttle.failed(["k"], now: t0)
        #expect(!throttle.allows(["k"], now: t0 + .seconds(9)))
        #expect(throttle.allows(["k"], now: t0 + .seconds(11)))
        throttle.failed(["k"], now: t0 + .seconds(11))
        #expect(!throttle.allows(["k"], now: t0 + .seconds(30)))   // second failure: 20 s window
        #expect(throttle.allows(["k"], now: t0 + .seconds(32)))
    }
}
