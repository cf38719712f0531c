import Testing
@testable import HelpdeskServer

/// `ProtocolSession.micros` (one 64-bit division) against the `components` formula it replaced,
/// around the microsecond, the second and the 64-bit limit (~9.2 s), and negative durations.
@Suite struct LatencyMicrosTests {
    static func reference(_ d: Duration) -> Int64 {
        let (s, atto) = d.components
        return s * 1_000_000 + atto / 1_000_000_000_000
    }

    @Test func equalsTheComponentsFormula() {
        var durations: [Duration] = [.zero, .nanoseconds(1), .nanoseconds(999), .nanoseconds(1000), .nanoseconds(1001),
                                     .microseconds(1), .milliseconds(2), .seconds(1), .seconds(9), .seconds(10),
                                     .seconds(3600), .seconds(86_400 * 400)]
        for k in -3...3 {
            durations.append(Duration(secondsComponent: 9, attosecondsComponent: 223_372_036_854_775_807 + Int64(k)))
            durations.append(.nanoseconds(1_000_000_000 - k))
        }
        var x: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2000 {
            x = x &* 6364136223846793005 &+ 1442695040888963407
            durations.append(Duration(secondsComponent: Int64(x >> 60), attosecondsComponent: Int64((x >> 1) % 1_000_000_000_000_000_000)))
        }
        for d in durations {
            #expect(ProtocolSession.micros(d) == Self.reference(d), "\(d)")
            #expect(ProtocolSession.micros(.zero - d) == Self.reference(.zero - d), "-\(d)")
        }
    }
}
