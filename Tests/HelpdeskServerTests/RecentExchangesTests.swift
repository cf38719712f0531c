import Foundation
import Testing
import HelpdeskCore
@testable import HelpdeskServer

/// The supervisor's ring of recent exchanges: order, eviction (the evicted exchange is swapped
/// out under the lock and released after it), forgetting a user, and the day it still holds.
@Suite struct RecentExchangesTests {
    /// Counts what reaches the inner recorder.
    final class Counter: ExchangeRecording, @unchecked Sendable {
        var count = 0
        func record(_ exchange: Exchange) { count += 1 }
        func flush() {}
    }

    static func exchange(_ i: Int, user: String = "tg:1", at day: Double = 0) -> Exchange {
        let at = Date(timeIntervalSince1970: 1_795_316_400 + day * 86_400 + Double(i))
        return Exchange(session: "s\(i)", channel: "tcp", user: user, arrived: at, replied: at, latencyMicros: 5,
                        message: "pesan nomor \(i) yang cukup panjang", reply: Reply(text: "balasan \(i)", intent: .help, confidence: 1,
                                                                                    lang: .id, handler: "help", outcome: .answered))
    }

    @Test func keepsTheLastCapacityExchangesOldestFirst() {
        let inner = Counter()
        let recent = RecentExchanges(inner: inner, pseudonym: Pseudonym(key: Array("test-key-test-key".utf8)), capacity: 3,
                                     started: Date(timeIntervalSince1970: 1_795_316_400 - 86_400 * 2))
        for i in 0..<7 { recent.record(Self.exchange(i, user: i % 2 == 0 ? "tg:even" : "tg:odd")) }
        #expect(inner.count == 7)
        #expect(recent.records().map(\.session) == ["s4", "s5", "s6"])
        recent.forget(user: "tg:even")
        #expect(recent.records().map(\.session) == ["s5"])
        recent.record(Self.exchange(7))
        recent.record(Self.exchange(8))
        recent.record(Self.exchange(9))
        #expect(recent.records().map(\.session) == ["s7", "s8", "s9"])
    }

    @Test func aDayIsHeldUntilOneOfItsExchangesIsEvicted() {
        let started = Date(timeIntervalSince1970: 1_795_316_400 - 86_400)
        let recent = RecentExchanges(inner: Counter(), pseudonym: Pseudonym(key: Array("test-key-test-key".utf8)), capacity: 2, started: started)
        let today = JakartaTime.day(Date(timeIntervalSince1970: 1_795_316_400))
        recent.record(Self.exchange(0))
        recent.record(Self.exchange(1))
        #expect(recent.holds(day: today))
        recent.record(Self.exchange(2))
        #expect(!recent.holds(day: today))
        #expect(recent.holds(day: JakartaTime.day(Date(timeIntervalSince1970: 1_795_316_400 + 86_400))))
    }
}
