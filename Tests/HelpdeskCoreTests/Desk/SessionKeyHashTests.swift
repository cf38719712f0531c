import Foundation
import Testing
@testable import HelpdeskCore

/// `SessionStore.Key`'s table hash (`_rawHashValue(seed:)`, the user's hash mixed with the
/// table's seed instead of hashed again): equal users give equal values under any seed, and the
/// store keeps thousands of users apart (sessions, languages, removal) as it did.
@Suite struct SessionKeyHashTests {
    static let users = (0..<3000).map { "user-\($0)" } + ["", "é", "e\u{301}", "62812345678", String(repeating: "x", count: 100)]

    @Test func equalUsersHashEquallyUnderEverySeed() {
        for user in Self.users {
            // Made apart (not the same storage), as each message makes its own key.
            let a = SessionStore.Key(user)
            let b = SessionStore.Key(String(decoding: Array(user.utf8), as: UTF8.self))
            #expect(a == b)
            for seed in [0, 1, -1, 42, Int.max, Int.min, 0x5bd1e995] {
                #expect(a._rawHashValue(seed: seed) == b._rawHashValue(seed: seed))
            }
        }
        // Canonically equal strings are equal keys (String equality), so they must hash alike too.
        #expect(SessionStore.Key("é") == SessionStore.Key("e\u{301}"))
        #expect(SessionStore.Key("é")._rawHashValue(seed: 7) == SessionStore.Key("e\u{301}")._rawHashValue(seed: 7))
    }

    @Test func bucketsSpreadUnderDifferentSeeds() {
        // The low bits (a table's bucket) take many values: no seed folds the users onto a few buckets.
        for seed in [0, 1, 1 << 20, Int.min] {
            let buckets = Set(Self.users.map { SessionStore.Key($0)._rawHashValue(seed: seed) & 4095 })
            #expect(buckets.count > 1500, "seed \(seed): \(buckets.count) buckets")
        }
    }

    @Test func storeKeepsManyUsersApart() {
        let store = SessionStore(timeout: 3600)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        var ids: [String: String] = [:]
        for (i, user) in Self.users.enumerated() {
            var s = store.checkout(user, now: now)
            s.lastTicket = "T\(i)"
            store.save(s, for: user)
            ids[user] = s.id
        }
        #expect(store.count == Set(Self.users.map { SessionStore.Key($0) }).count)
        for (i, user) in Self.users.enumerated() where user != "é" && user != "e\u{301}" {
            let s = store.checkout(user, now: now.addingTimeInterval(1))
            #expect(s.id == ids[user] && s.lastTicket == "T\(i)", "\(user)")
        }
        store.remove("user-7")
        #expect(store.checkout("user-7", now: now.addingTimeInterval(2)).lastTicket == nil)
        #expect(store.checkout("user-8", now: now.addingTimeInterval(2)).lastTicket == "T8")
    }
}
