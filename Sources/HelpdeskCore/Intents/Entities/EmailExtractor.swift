import Foundation

/// Finds e-mail addresses (local@domain.tld); value is the address in lower case.
public struct EmailExtractor: EntityExtracting {
    public init() {}
    public func extract(_ input: EntityInput, now: Date) -> [EntityMatch] {
        let b = input.bytes
        // most messages have no "@": one memchr instead of the byte loop below
        guard b.withUnsafeBufferPointer({ $0.count > 0 && memchr($0.baseAddress!, 64, $0.count) != nil }) else { return [] }
        var out = [EntityMatch]()
        func local(_ c: UInt8) -> Bool { TextFolding.isAlnum(c) || c == 46 || c == 95 || c == 45 || c == 43 }
        func domain(_ c: UInt8) -> Bool { TextFolding.isAlnum(c) || c == 46 || c == 45 }
        var i = 0
        while i < b.count {
            defer { i += 1 }
            guard b[i] == 64 else { continue }
            var s = i
            while s > 0, local(b[s - 1]) { s -= 1 }
            var e = i + 1
            while e < b.count, domain(b[e]) { e += 1 }
            while e > i + 1, b[e - 1] == 46 || b[e - 1] == 45 { e -= 1 } // trailing full stop
            while s < i, b[s] == 46 { s += 1 }
            let dom = b[(i + 1)..<e]
            guard s < i, let dot = dom.lastIndex(of: 46), dot > i + 1, e - dot > 2 else { continue }
            let value = String(decoding: b[s..<e], as: UTF8.self)
            out.append(EntityMatch(entity: Entity(kind: .email, value: value, text: input.surface(s, e)), start: s, end: e))
            i = e - 1
        }
        return out
    }
}
