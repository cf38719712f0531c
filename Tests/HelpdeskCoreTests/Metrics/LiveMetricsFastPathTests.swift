import Foundation
import Testing
@testable import HelpdeskCore

/// `LiveMetrics.observe(_:)` keeps intents by slot, channels by equality and the current hour
/// apart; these tests hold it to the reference: every exchange added to an `ExchangeTally` by
/// its strings and to an hour table pruned on every update, in the same round-robin shards.
@Suite struct LiveMetricsFastPathTests {
    let start = Date(timeIntervalSince1970: 1_795_316_400)

    /// The figures as `LiveMetrics` kept them before the fast path (4 shards, round robin).
    struct Reference {
        var tallies = [ExchangeTally](repeating: ExchangeTally(), count: 4)
        var hours = [[Int: Int64]](repeating: [:], count: 4)
        var n = 0

        mutating func add(intent: String, channel: String, micros: Int64, confidence: Double, outcome: String, at: Date) {
            n += 1
            let s = n & 3
            tallies[s].add(intent: intent, channel: channel, latencyMicros: micros, confidence: confidence, outcome: outcome)
            let hour = Int((at.timeIntervalSince1970 / 3600).rounded(.down))
            hours[s][hour, default: 0] += 1
            if hours[s].count > LiveMetrics.hoursKept, let newest = hours[s].keys.max() {
                hours[s] = hours[s].filter { $0.key > newest - LiveMetrics.hoursKept }
            }
        }

        func snapshot(now: Date) -> (ExchangeTally, [Int: Int64]) {
            var t = ExchangeTally()
            var h: [Int: Int64] = [:]
            for s in 0..<4 {
                t.merge(tallies[s])
                for (k, v) in hours[s] { h[k, default: 0] += v }
            }
            let current = Int((now.timeIntervalSince1970 / 3600).rounded(.down))
            return (t, h.filter { $0.key > current - LiveMetrics.hoursKept })
        }
    }

    @Test func sameFiguresAsTheStringPath() {
        let metrics = LiveMetrics(started: start)
        var reference = Reference()
        // 12 channels (more than are kept by equality), every intent and outcome, hours over
        // three days, some out of order, and string-path observations in between.
        let channels = (0..<12).map { $0 == 0 ? "tcp" : "chan\($0 * 7 % 12)" }
        let outcomes = Outcome.allCases
        var maxArrival = start
        for i in 0..<3000 {
            let intent = IntentLabel.allCases[(i * 7 + i / 13) % IntentLabel.allCases.count]
            let channel = channels[(i / 4 * 5 + i / 9) % channels.count]
            let micros = Int64((i * 7919) % 400_000) - (i % 97 == 0 ? 10 : 0)
            let confidence = Double((i * 31) % 101) / 100
            let outcome = outcomes[(i / 3) % outcomes.count]
            let back = i % 50 == 49 ? -7200.0 : 0
            let at = start.addingTimeInterval(Double(i) * 75 + back)
            maxArrival = max(maxArrival, at)
            if i % 11 == 5 {
                metrics.observe(intent: intent.rawValue, channel: channel, latencyMicros: micros, confidence: confidence,
                                outcome: outcome.rawValue, at: at)
            } else {
                let e = exchange("m\(i)", at: at, intent: intent, latency: micros, confidence: confidence,
                                 outcome: outcome, channel: channel)
                metrics.observe(e)
            }
            reference.add(intent: intent.rawValue, channel: channel, micros: micros, confidence: confidence,
                          outcome: outcome.rawValue, at: at)
            if i % 400 == 0 || i == 2999 {
                let now = maxArrival.addingTimeInterval(Double(i % 3) * 3600)
                let (tally, hours) = reference.snapshot(now: now)
                let snap = metrics.snapshot(now: now)
                #expect(snap.tally == tally)
                #expect(snap.volume.map(\.count) == hours.sorted { $0.key < $1.key }.map(\.value))
                #expect(snap.json() == MetricsSnapshot(tally: tally, volume: snap.volume, since: start, at: now).json())
            }
        }
        #expect(metrics.snapshot(now: maxArrival).tally.perChannel.count == 12)
    }

    @Test func slotsAreTheCasePositions() {
        for (i, label) in IntentLabel.allCases.enumerated() { #expect(label.ordinal == i) }
        for (i, lang) in Lang.allCases.enumerated() { #expect(lang.ordinal == i) }
    }
}

/// `SessionStore.Key` (the user's hash worked out once) finds the same sessions as the user string.
@Suite struct SessionStoreKeyTests {
    @Test func keyAndStringReachTheSameSession() {
        let store = SessionStore()
        let now = Date(timeIntervalSince1970: 1_795_316_400)
        let users = (0..<64).map { "tcp:127.0.0.1:\(50_000 + $0)#\($0)" } + ["", "tg:5512", "tg:5512 ", "Tg:5512"]
        var ids: [String: String] = [:]
        for (i, user) in users.enumerated() {
            var s = i % 2 == 0 ? store.checkout(SessionStore.Key(user), now: now) : store.checkout(user, now: now)
            s.lastTicket = "T\(i)"
            if i % 3 == 0 { store.save(s, for: user) } else { store.save(s, for: SessionStore.Key(user)) }
            ids[user] = s.id
        }
        #expect(Set(ids.values).count == users.count)
        #expect(store.count == users.count)
        for (i, user) in users.enumerated() {
            let byKey = store.checkout(SessionStore.Key(user), now: now.addingTimeInterval(1))
            let byString = store.checkout(user, now: now.addingTimeInterval(2))
            #expect(byKey.id == ids[user] && byString.id == ids[user])
            #expect(byKey.lastTicket == "T\(i)" && byString.lastTicket == "T\(i)")
        }
        #expect(SessionStore.Key("a") != SessionStore.Key("b") && SessionStore.Key("a") == SessionStore.Key("a"))
        store.remove("tg:5512")
        #expect(store.count == users.count - 1)
        #expect(store.checkout(SessionStore.Key("tg:5512 "), now: now).id == ids["tg:5512 "])
    }
}
