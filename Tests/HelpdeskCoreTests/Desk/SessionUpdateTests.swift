import Foundation
import Testing
@testable import HelpdeskCore

/// `Session.update(from:)` (the store's in-place save, which skips fields holding the same
/// storage) against `self = other`: random sessions and random changes of every field, with
/// texts that are equal but stored apart, canonically equal but not byte-equal, nil and back;
/// and a guard that fails when `Session` gains a field `update(from:)` does not list.
@Suite struct SessionUpdateTests {
    /// Every stored property of `Session`, as `update(from:)` handles them.
    static let fields = ["id", "lastSeen", "lang", "langPinned", "dialog", "awaiting", "throttle", "noticeGiven",
                         "surveyFor", "surveyAsked", "lastService", "lastTicket"]

    @Test func everyFieldIsHandled() {
        let labels = Mirror(reflecting: Session(id: "s1", lastSeen: Date())).children.compactMap(\.label)
        #expect(labels == Self.fields, "a new Session field must be added to Session.update(from:) and to this list")
    }

    /// Byte-exact equality of every field (strings by their UTF-8, not by `==`).
    static func identical(_ a: Session, _ b: Session) -> Bool {
        func bytes(_ s: String?) -> [UInt8]? { s.map { Array($0.utf8) } }
        func dialogBytes(_ d: ComplaintDialog?) -> [String] {
            guard let d else { return ["nil"] }
            return ["\(String(describing: d.category))", "\(bytes(d.description).map { "\($0)" } ?? "nil")",
                    "\(String(describing: d.mode))", "\(bytes(d.contact).map { "\($0)" } ?? "nil")", "\(d.contactAsked)"]
        }
        return Array(a.id.utf8) == Array(b.id.utf8) && a.lastSeen == b.lastSeen && a.lang == b.lang
            && a.langPinned == b.langPinned && dialogBytes(a.dialog) == dialogBytes(b.dialog) && a.awaiting == b.awaiting
            && a.throttle.failures == b.throttle.failures && a.noticeGiven == b.noticeGiven
            && bytes(a.surveyFor) == bytes(b.surveyFor) && a.surveyAsked == b.surveyAsked
            && bytes(a.lastService) == bytes(b.lastService) && bytes(a.lastTicket) == bytes(b.lastTicket)
    }

    /// A text from a small pool: the same storage, an equal copy in other storage, a canonically
    /// equal one with other bytes, small and large strings.
    static func text(_ r: inout SystemRandomNumberGenerator, _ pool: [String]) -> String {
        let s = pool[Int.random(in: 0..<pool.count, using: &r)]
        switch Int.random(in: 0..<3, using: &r) {
        case 0: return s
        case 1: return String(decoding: Array(s.utf8), as: UTF8.self)  // equal bytes, fresh storage
        default: return s + ""
        }
    }

    static let pool = ["schedule", "registration", "complaint", "ADU-2026-00042", "caf\u{E9}", "cafe\u{301}",
                       "sebuah deskripsi keluhan yang cukup panjang untuk disimpan di heap", ""]

    static func randomChange(_ s: inout Session, _ r: inout SystemRandomNumberGenerator) {
        switch Int.random(in: 0..<14, using: &r) {
        case 0: s.id = text(&r, pool)
        case 1: s.lastSeen = s.lastSeen.addingTimeInterval(Double(Int.random(in: -5...5, using: &r)))
        case 2: s.lang = Bool.random(using: &r) ? .en : .id
        case 3: s.langPinned.toggle()
        case 4: s.dialog = Bool.random(using: &r) ? nil : ComplaintDialog()
        case 5: if s.dialog != nil { s.dialog!.description = Bool.random(using: &r) ? nil : text(&r, pool) }
        case 6: if s.dialog != nil { s.dialog!.contact = text(&r, pool); s.dialog!.contactAsked.toggle() }
        case 7: s.awaiting = [nil, .registration, .ticket][Int.random(in: 0..<3, using: &r)]
        case 8: s.throttle.recordFailure(now: s.lastSeen)
        case 9: s.throttle = LookupThrottle()
        case 10: s.noticeGiven.toggle(); s.surveyAsked.toggle()
        case 11: s.surveyFor = Bool.random(using: &r) ? nil : text(&r, pool)
        case 12: s.lastService = Bool.random(using: &r) ? nil : text(&r, pool)
        default: s.lastTicket = Bool.random(using: &r) ? nil : text(&r, pool)
        }
    }

    @Test func updateEqualsAssignment() {
        var r = SystemRandomNumberGenerator()
        var stored = Session(id: "s1abc", lastSeen: Date(timeIntervalSince1970: 1_795_000_000))
        for step in 0..<5_000 {
            // What the desk does: check a copy out, change some fields (or none), save it back.
            var working = stored
            for _ in 0..<Int.random(in: 0...3, using: &r) { Self.randomChange(&working, &r) }
            var assigned = stored
            assigned = working
            stored.update(from: working)
            #expect(Self.identical(stored, assigned), "step \(step)")
            #expect(Self.identical(stored, working), "step \(step)")
        }
    }

    /// The desk's save (`save(swapping:for:)`, the working copy swapped into the table) against
    /// the save by value: both stores read back the same session after every step, and the
    /// swapped-out value is what the table held before.
    @Test func swappingSaveEqualsSave() {
        var r = SystemRandomNumberGenerator()
        let byValue = SessionStore(), bySwap = SessionStore()
        let key = SessionStore.Key("tg:42")
        var now = Date(timeIntervalSince1970: 1_795_000_000)
        _ = byValue.checkout(key, now: now)
        var first = bySwap.checkout(key, now: now)
        first.id = byValue.checkout(key, now: now).id  // the two stores numbered their sessions apart
        bySwap.save(swapping: &first, for: key)
        for step in 0..<3_000 {
            now = now.addingTimeInterval(1)
            var working = byValue.checkout(key, now: now)
            let before = bySwap.checkout(key, now: now)
            #expect(Self.identical(working, before), "step \(step)")
            working.lastSeen = now  // as the desk does (else the session times out and each store starts anew)
            for _ in 0..<Int.random(in: 0...3, using: &r) { Self.randomChange(&working, &r) }
            var swapped = working
            byValue.save(working, for: key)
            bySwap.save(swapping: &swapped, for: key)
            #expect(Self.identical(swapped, before), "step \(step)")
            #expect(Self.identical(bySwap.checkout(key, now: now), working), "step \(step)")
        }
        // A user the table does not hold is added, as `save` adds it.
        var fresh = Session(id: "s9", lastSeen: now)
        fresh.lastTicket = "ADU-2026-00042"
        bySwap.save(swapping: &fresh, for: SessionStore.Key("tg:new"))
        #expect(bySwap.checkout("tg:new", now: now).lastTicket == "ADU-2026-00042")
    }

    @Test func canonicallyEqualTextsAreStillReplaced() {
        var stored = Session(id: "s1", lastSeen: Date())
        stored.lastTicket = "caf\u{E9}"
        stored.dialog = ComplaintDialog()
        stored.dialog!.description = "caf\u{E9}"
        var working = stored
        working.lastTicket = "cafe\u{301}"
        working.dialog!.description = "cafe\u{301}"
        #expect(working.lastTicket == stored.lastTicket)  // `==` says equal; the bytes differ
        stored.update(from: working)
        #expect(Array(stored.lastTicket!.utf8) == Array("cafe\u{301}".utf8))
        #expect(Array(stored.dialog!.description!.utf8) == Array("cafe\u{301}".utf8))
    }

    @Test func storeSavesInPlaceAndReadsBack() {
        let store = SessionStore()
        let now = Date()
        var s = store.checkout("tg:1", now: now)
        s.lastService = "schedule"
        s.dialog = ComplaintDialog()
        s.throttle.recordFailure(now: now)
        store.save(s, for: "tg:1")
        var again = store.checkout("tg:1", now: now)
        #expect(Self.identical(again, s))
        again.dialog = nil
        again.lastService = nil
        store.save(again, for: "tg:1")
        #expect(Self.identical(store.checkout("tg:1", now: now), again))
    }
}
