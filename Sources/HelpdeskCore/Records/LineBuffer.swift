/// The transcript flush's write buffer: a growable run of bytes in memory it owns, appended to
/// through raw pointers (one capacity check per field instead of `Array`'s uniqueness and
/// capacity checks per append), hashed where the line lies and written with `write(2)` from the
/// same memory. Noncopyable, so the memory has exactly one owner and is freed with it.
struct LineBuffer: ~Copyable {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 256)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Makes room for `extra` more bytes.
    @inline(__always) mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private mutating func grow(to needed: Int) {
        let bigger = max(needed, capacity * 2)
        let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: bigger)
        fresh.moveInitialize(from: base, count: count)
        base.deallocate()
        base = fresh
        capacity = bigger
    }

    mutating func removeAll() { count = 0 }

    /// Counts `n` bytes written at `base + count` after a `reserve`.
    @inline(__always) mutating func advance(_ n: Int) { count += n }

    @inline(__always) mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    /// Appends a literal's bytes (keys and punctuation of the line).
    @inline(__always) mutating func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let from = bytes.baseAddress else { return }
        reserve(bytes.count)
        (base + count).update(from: from, count: bytes.count)
        count += bytes.count
    }

    /// Appends a string's UTF-8 (a separate label, so that literals take the `StaticString` form).
    mutating func append(contentsOf text: String) {
        text.withUTF8Bytes { append($0) }
    }

    /// Appends `text` as a JSON string literal, escaped as `JSONWriter.appendQuoted` does.
    mutating func appendQuoted(_ text: String) {
        text.withUTF8Bytes { utf8 in
            reserve(6 * utf8.count + 2)
            base[count] = UInt8(ascii: "\"")
            count += 1
            count += JSONWriter.writeEscaped(utf8, to: base + count)
            base[count] = UInt8(ascii: "\"")
            count += 1
        }
    }

    /// Appends the decimal digits of `value` (as `String(value)` prints them).
    mutating func appendDecimal(_ value: Int64) {
        reserve(20)
        if value < 0 { base[count] = UInt8(ascii: "-"); count += 1 }
        var n = value.magnitude
        var digits = 0
        repeat { n /= 10; digits += 1 } while n > 0
        n = value.magnitude
        var at = count + digits - 1
        repeat {
            base[at] = UInt8(truncatingIfNeeded: 48 + n % 10)
            n /= 10
            at -= 1
        } while n > 0
        count += digits
    }

    /// Appends `JSONLineWriter.number(value)`; values from 0 to 1 (confidences) are written as
    /// digits in place (`0`, `1`, `0.` and up to four decimals without trailing zeros), others
    /// through the formatter.
    mutating func appendNumber(_ value: Double) {
        let scaled = (value * 10_000).rounded()
        guard scaled >= 0, scaled <= 10_000 else { return append(contentsOf: JSONLineWriter.number(value)) }
        var n = Int(scaled)
        reserve(6)
        if n == 0 || n == 10_000 {
            base[count] = n == 0 ? UInt8(ascii: "0") : UInt8(ascii: "1")
            count += 1
            return
        }
        var digits = 4
        while n % 10 == 0 { n /= 10; digits -= 1 }
        base[count] = UInt8(ascii: "0")
        base[count + 1] = UInt8(ascii: ".")
        for i in stride(from: digits - 1, through: 0, by: -1) {
            base[count + 2 + i] = UInt8(truncatingIfNeeded: 48 + n % 10)
            n /= 10
        }
        count += 2 + digits
    }

    /// The bytes from `start` to the end.
    func bytes(from start: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + start, count: count - start)
    }
}
