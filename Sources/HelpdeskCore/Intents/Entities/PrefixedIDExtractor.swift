import Foundation

/// Finds the helpdesk's own prefixed identifiers, typed however people type them:
/// registration ids `REG-2026-00042` ("reg 2026 42", "reg-2026-00042", "REG202600042") and
/// complaint tickets `ADU-20261122-0007` ("adu 20261122 7"). The value is always the canonical
/// upper-case, zero-padded form, so services can look it up directly.
public struct PrefixedIDExtractor: EntityExtracting {
    let prefix: [UInt8]
    let canonicalPrefix: String
    let firstDigits: Int
    /// The second group is zero-padded to this many digits...
    let secondDigits: Int
    /// ...and may have up to this many (a day's 10,000th ticket is `ADU-20261122-10000`).
    let secondMaxDigits: Int
    let kind: Entity.Kind

    public static let registration = PrefixedIDExtractor(prefix: "reg", firstDigits: 4, secondDigits: 5, kind: .registrationID)
    public static let ticket = PrefixedIDExtractor(prefix: "adu", firstDigits: 8, secondDigits: 4, secondMaxDigits: 6, kind: .ticket)

    init(prefix: String, firstDigits: Int, secondDigits: Int, secondMaxDigits: Int? = nil, kind: Entity.Kind) {
        self.prefix = Array(prefix.utf8)
        self.canonicalPrefix = prefix.uppercased()
        self.firstDigits = firstDigits
        self.secondDigits = secondDigits
        self.secondMaxDigits = secondMaxDigits ?? secondDigits
        self.kind = kind
    }

    /// The canonical form of the first identifier in `text`, if any.
    public func first(in text: String) -> String? {
        extract(EntityInput(text), now: Date(timeIntervalSince1970: 0)).first?.entity.value
    }

    public func extract(_ input: EntityInput, now: Date) -> [EntityMatch] {
        guard input.hasDigits else { return [] }
        let b = input.bytes
        var out = [EntityMatch]()
        var i = 0
        while i + prefix.count < b.count {
            defer { i += 1 }
            guard b[i] == prefix[0], i == 0 || !TextFolding.isAlnum(b[i - 1]),
                  b[i..<(i + prefix.count)].elementsEqual(prefix) else { continue }
            var j = i + prefix.count
            j = skipSeparators(b, j)
            let (first, afterFirst) = digits(b, j, max: firstDigits)
            guard first.count == firstDigits else { continue }
            var k = skipSeparators(b, afterFirst)
            var second = digits(b, k, max: secondMaxDigits)
            if second.0.isEmpty, afterFirst == k { continue }
            if afterFirst == k, second.0.count < secondDigits { continue } // glued digits must be complete
            if second.0.isEmpty { continue }
            k = second.1
            guard k >= b.count || !TextFolding.isDigit(b[k]) else { continue }
            while second.0.count < secondDigits { second.0.insert(48, at: 0) }
            let value = canonicalPrefix + "-" + String(decoding: first, as: UTF8.self) + "-" + String(decoding: second.0, as: UTF8.self)
            out.append(EntityMatch(entity: Entity(kind: kind, value: value, text: input.surface(i, k)), start: i, end: k))
            i = k - 1
        }
        return out
    }

    private func skipSeparators(_ b: [UInt8], _ j: Int) -> Int {
        var j = j
        var n = 0
        while j < b.count, n < 2, b[j] == 45 || b[j] == 32 || b[j] == 95 || b[j] == 46 || b[j] == 47 { j += 1; n += 1 }
        return j
    }

    private func digits(_ b: [UInt8], _ j: Int, max: Int) -> ([UInt8], Int) {
        var j = j
        var d = [UInt8]()
        while j < b.count, TextFolding.isDigit(b[j]), d.count < max { d.append(b[j]); j += 1 }
        return (d, j)
    }
}
