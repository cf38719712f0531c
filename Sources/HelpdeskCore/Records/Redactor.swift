#if canImport(Glibc)
import Glibc
#endif

/// Masks personal data in free text before it reaches disk: identity numbers (NIK, 16 digits;
/// NIP, 18 digits), phone numbers (Indonesian mobile and landline, with `+62`/`62`/`0`
/// prefixes, spaces, dots, dashes or an area code in brackets) and e-mail addresses, as
/// `[NIK]`, `[NIP]`, `[TELEPON]`, `[EMAIL]`. A hand-written byte scanner (no regular
/// expressions) so that it costs microseconds per message. It leaves alone what the helpdesk
/// needs to keep: tickets (`ADU-20261122-0007`), registration ids (`REG-2026-00042`), dates,
/// cohort numbers and amounts, because their digit groups either hang off a word by a dash or
/// have digit counts and prefixes no phone or identity number has.
public struct Redactor: Sendable {
    public static let nik = "[NIK]"
    public static let nip = "[NIP]"
    public static let phone = "[TELEPON]"
    public static let email = "[EMAIL]"

    public init() {}

    public func redact(_ text: String) -> String {
        redact(text, skipping: true)
    }

    /// `redact`, with the byte-at-a-time scan when `skipping` is false (the reference the tests
    /// compare the skipping scan with).
    func redact(_ text: String, skipping: Bool) -> String {
        text.withUTF8Bytes { redact(bytes: $0, skipping: skipping) } ?? text
    }

    /// `redact` of a text given as its UTF-8 bytes (valid UTF-8).
    func redact(text u: UnsafeBufferPointer<UInt8>) -> String {
        redact(bytes: u, skipping: true) ?? String(decoding: u, as: UTF8.self)
    }

    /// The redacted bytes, or nil when nothing had to be masked (the caller keeps the original).
    /// One scan finds what to mask; the output is built only when something is (most texts,
    /// replies with dates and cohort numbers included, have nothing).
    private func redact(bytes u: UnsafeBufferPointer<UInt8>, skipping: Bool) -> String? {
        // Nothing to mask without a digit or an `@` (most messages): found eight bytes at a time.
        guard let first = Redactor.firstDigitOrAt(u) else { return nil }
        let hasAt = memchr(u.baseAddress! + first, Int32(UInt8(ascii: "@")), u.count - first) != nil

        let emails = hasAt ? emailSpans(u) : []
        var masks: [(span: Range<Int>, mask: String)] = []
        var nextEmail = 0
        let n = u.count
        // Before `first` there is no digit: only a `+` or `(` just before it, or the local part of
        // the first e-mail, can start something to mask there.
        var i = skipping ? min(max(first - 1, 0), emails.first?.lowerBound ?? n) : 0
        while i < n {
            // Every e-mail found is masked, also one whose start the scan has passed: skipping an
            // identifier or a digit run can step over it (`(9@lan.id`, `ADU-1a_b@lan.id`; before,
            // that e-mail and every later one in the text were written out unmasked). Skips add
            // no mask and a number stops at the next e-mail, so the masks stay in order.
            if nextEmail < emails.count, emails[nextEmail].lowerBound <= i {
                masks.append((emails[nextEmail], Redactor.email))
                i = emails[nextEmail].upperBound
                nextEmail += 1
                continue
            }
            // Jump over bytes that cannot start a number or an e-mail (the loop below would step
            // over them one by one): most of a reply with a date or a cohort number.
            if skipping {
                let bound = nextEmail < emails.count ? emails[nextEmail].lowerBound : n
                i = Redactor.nextNumberStart(u, from: i, to: bound)
                guard i < n else { break }
                if i == bound { continue }
            }
            let b = u[i]
            let startsNumber = isDigit(b)
                || ((b == UInt8(ascii: "+") || b == UInt8(ascii: "(")) && i + 1 < n && isDigit(u[i + 1]))
            guard startsNumber, !(i > 0 && isDigit(u[i - 1])) else { i += 1; continue }
            // `ADU-20261122-0007`, `REG-2026-00042`, `abc_123`: digits hung off a word by a joiner
            // belong to an identifier; skip the whole identifier. (Only from a digit: from the `+`
            // or `(` of "tel-+62..." the skip did not move and the scan looped for ever.)
            if isDigit(b), i >= 2, u[i - 1] == UInt8(ascii: "-") || u[i - 1] == UInt8(ascii: "_") || u[i - 1] == UInt8(ascii: "/"),
               isAlnum(u[i - 2]) {
                while i < n, isAlnum(u[i]) || u[i] == UInt8(ascii: "-") || u[i] == UInt8(ascii: "_") { i += 1 }
                continue
            }
            let limit = nextEmail < emails.count ? emails[nextEmail].lowerBound : n
            if let (end, mask) = number(u, from: i, limit: limit) {
                masks.append((i..<end, mask))
                i = end
            } else {
                // Skip the digit run so that its tail is not re-examined as a new number.
                i += 1
                while i < n, isDigit(u[i]) { i += 1 }
            }
        }
        guard !masks.isEmpty else { return nil }
        var out = [UInt8]()
        out.reserveCapacity(u.count + 8)
        var copied = 0
        for m in masks {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: u[copied..<m.span.lowerBound]))
            out.append(contentsOf: m.mask.utf8)
            copied = m.span.upperBound
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: u[copied..<n]))
        return String(decoding: out, as: UTF8.self)
    }

    /// Groups of digits joined by single spaces, dots or dashes (and a bracketed area code),
    /// from `start`; returns where the longest masked prefix of groups ends and its mask.
    private func number(_ u: UnsafeBufferPointer<UInt8>, from start: Int, limit: Int) -> (Int, String)? {
        var i = start
        var plus = false
        var bracket = false
        if u[i] == UInt8(ascii: "+") { plus = true; i += 1 }
        else if u[i] == UInt8(ascii: "(") { bracket = true; i += 1 }
        var digits = 0
        var first: UInt8 = 0, second: UInt8 = 0
        var groups = 0
        var best: (Int, String)?
        while i < limit {
            guard isDigit(u[i]) else { break }
            while i < limit, isDigit(u[i]) {
                if digits == 0 { first = u[i] } else if digits == 1 { second = u[i] }
                digits += 1; i += 1
            }
            groups += 1
            // The longest prefix of whole groups that reads as a number to mask wins.
            if let mask = classify(count: digits, first: first, second: second, plus: plus) { best = (i, mask) }
            if digits > 20 { break }
            // One separator, then more digits: the number goes on.
            var j = i
            if bracket, groups == 1, j < limit, u[j] == UInt8(ascii: ")") { j += 1 }
            if j < limit, u[j] == UInt8(ascii: " ") || u[j] == UInt8(ascii: ".") || u[j] == UInt8(ascii: "-") { j += 1 }
            guard j > i, j < limit, isDigit(u[j]) else { break }
            i = j
        }
        // A number glued to letters on its right ("3201...901abc") is still masked.
        return best
    }

    private func classify(count n: Int, first: UInt8, second: UInt8, plus: Bool) -> String? {
        if !plus && n == 16 { return Redactor.nik }
        if !plus && n == 18 { return Redactor.nip }
        if first == UInt8(ascii: "6"), second == UInt8(ascii: "2"), (10...14).contains(n) { return Redactor.phone }
        if first == UInt8(ascii: "0"), (9...13).contains(n) { return Redactor.phone }
        if first == UInt8(ascii: "8"), (9...12).contains(n) { return Redactor.phone }
        if plus, (8...15).contains(n) { return Redactor.phone }
        return nil
    }

    /// Spans `local@domain.tld` around each `@`, left to right, not overlapping.
    func emailSpans(_ u: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        var at = 0
        while at < u.count {
            defer { at += 1 }
            guard u[at] == UInt8(ascii: "@") else { continue }
            var s = at
            while s > 0, isLocal(u[s - 1]), spans.last.map({ s - 1 >= $0.upperBound }) ?? true { s -= 1 }
            var e = at + 1
            var dot = false
            while e < u.count, isAlnum(u[e]) || u[e] == UInt8(ascii: ".") || u[e] == UInt8(ascii: "-") {
                if u[e] == UInt8(ascii: ".") { dot = true }
                e += 1
            }
            while e > at + 1, u[e - 1] == UInt8(ascii: ".") || u[e - 1] == UInt8(ascii: "-") { e -= 1 }
            let domain = UnsafeBufferPointer(rebasing: u[(at + 1)..<e])
            guard s < at, dot, let lastDot = domain.lastIndex(of: UInt8(ascii: ".")),
                  domain.count - lastDot - 1 >= 2, lastDot > 0 else { continue }
            spans.append(s..<e)
            at = e - 1
        }
        return spans
    }

    /// The index of the first ASCII digit or `@` in `u`, if any (`ByteScan` with `digitOrAtBits`).
    static func firstDigitOrAt(_ u: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let p = u.baseAddress else { return nil }
        let i = ByteScan.first(p, from: 0, to: u.count, hits: digitOrAtBits) { b in
            b &- UInt8(ascii: "0") < 10 || b == UInt8(ascii: "@")
        }
        return i < u.count ? i : nil
    }

    /// Nonzero when a byte of `x` is an ASCII digit or `@` (`ByteScan`'s word test): `byte ^ 0x30`
    /// is below 10 only for the digits, and "has a byte less than" never misses one.
    @inline(__always) static func digitOrAtBits(_ x: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let d = x ^ (ones &* 0x30), at = x ^ (ones &* 0x40)
        return ((d &- ones &* 10) & ~d | (at &- ones) & ~at) & (ones &* 0x80)
    }

    /// The index of the first byte in `u[from..<end]` that is an ASCII digit, `+` or `(` (the
    /// only bytes a number to mask can start with), or `end` (`ByteScan` with `numberBits`).
    static func nextNumberStart(_ u: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        guard let p = u.baseAddress else { return end }
        return ByteScan.first(p, from: start, to: end, hits: numberBits) { b in
            b &- UInt8(ascii: "0") < 10 || b == UInt8(ascii: "+") || b == UInt8(ascii: "(")
        }
    }

    /// Nonzero when a byte of `x` is an ASCII digit, `+` or `(` (`ByteScan`'s word test).
    @inline(__always) static func numberBits(_ x: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let d = x ^ (ones &* 0x30), plus = x ^ (ones &* 0x2B), bracket = x ^ (ones &* 0x28)
        // the high bit of ~d, ~plus and ~bracket is that of ~x: one mask for the three
        return ((d &- ones &* 10) | (plus &- ones) | (bracket &- ones)) & ~x & (ones &* 0x80)
    }

    @inline(__always) private func isDigit(_ b: UInt8) -> Bool { b &- UInt8(ascii: "0") < 10 }
    @inline(__always) private func isAlnum(_ b: UInt8) -> Bool {
        isDigit(b) || (b | 0x20) &- UInt8(ascii: "a") < 26
    }
    @inline(__always) private func isLocal(_ b: UInt8) -> Bool {
        isAlnum(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "%")
            || b == UInt8(ascii: "+") || b == UInt8(ascii: "-")
    }
}
