import Foundation

/// The tamper-evidence scheme shared by transcripts and the complaint journal: every line is a
/// JSON object whose `seq` numbers it within its file (1, 2, 3, ...) and whose `prev` is the
/// SHA-256 hex of the previous line's bytes (without its newline). A file's first line points
/// at the last line of the file before it in the same series (yesterday's transcript), or at
/// 64 zeros. Changing, inserting or deleting a line breaks the chain at that line.
///
/// Writers keep one `HashChain` per file: ask `next()` for the `seq`/`prev` to put in the new
/// line, then `append(line:)` once the line is written. `resume(contents:)` recovers the state
/// from a file's existing bytes on restart.
public struct HashChain: Sendable, Equatable {
    public static let genesis = String(repeating: "0", count: 64)

    /// The `seq` of the last line written (0 before the first).
    public private(set) var seq: Int
    /// The hash the next line's `prev` must carry.
    public var prev: String { given ?? digest.withBytes { Hex.encode($0) } }
    /// The last line's SHA-256 once the chain has hashed a line itself: kept as 32 bytes and
    /// hex-encoded where it is needed (straight into the transcript line), not as a `String`.
    private var digest = Digest()
    /// `prev` as given to `init` (64 zeros, or read back from a file) until a line is appended.
    private var given: String?

    public init(seq: Int = 0, prev: String = HashChain.genesis) {
        self.seq = seq
        self.given = prev
    }

    public static func == (a: HashChain, b: HashChain) -> Bool { a.seq == b.seq && a.prev == b.prev }

    /// The `seq` and `prev` for the line about to be written.
    public func next() -> (seq: Int, prev: String) { (seq + 1, prev) }

    /// Records that `line` (without newline) was written as the next line.
    public mutating func append(line: String) {
        line.withUTF8Bytes { append(lineBytes: $0) }
    }

    /// Records that the line whose bytes are `line` (without newline) was written next.
    public mutating func append(lineBytes line: UnsafeBufferPointer<UInt8>) {
        seq += 1
        var h = SHA256()
        h.update(line)
        h.withDigest { bytes in
            withUnsafeMutableBytes(of: &digest.words) { $0.copyMemory(from: UnsafeRawBufferPointer(bytes)) }
        }
        given = nil
    }

    /// Appends `prev` as a JSON string, quotes included, to `out` (as `appendQuoted(prev)` would:
    /// hex digits need no escaping) without making the `String`.
    func appendQuotedPrev(to out: inout LineBuffer) {
        if let given { return out.appendQuoted(given) }
        out.reserve(66)
        let at = out.base + out.count
        at[0] = UInt8(ascii: "\"")
        digest.withBytes { Hex.write($0, to: at + 1) }
        at[65] = UInt8(ascii: "\"")
        out.advance(66)
    }

    /// 32 digest bytes inline (no allocation).
    private struct Digest: Sendable, Equatable {
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        static func == (a: Digest, b: Digest) -> Bool { a.words == b.words }
        func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
            withUnsafeBytes(of: words) { body($0.assumingMemoryBound(to: UInt8.self)) }
        }
    }

    /// Builds the next line with `make(seq, prev)`, advances the chain and returns the line.
    public mutating func chain(_ make: (Int, String) -> String) -> String {
        let (s, p) = next()
        let line = make(s, p)
        append(line: line)
        return line
    }

    /// The chain state after the complete lines of `contents`; `tornBytes` is the length of an
    /// unterminated tail (a write cut short by a crash) that a writer should truncate.
    /// `start` is the state to use when the file holds no complete line.
    public static func resume(contents: [UInt8], start: HashChain = HashChain()) -> (chain: HashChain, tornBytes: Int) {
        var end = contents.count
        while end > 0, contents[end - 1] != UInt8(ascii: "\n") { end -= 1 }
        let torn = contents.count - end
        guard end > 0 else { return (start, torn) }
        var lines = 0
        for b in contents[0..<end] where b == UInt8(ascii: "\n") { lines += 1 }
        var lastStart = end - 1
        while lastStart > 0, contents[lastStart - 1] != UInt8(ascii: "\n") { lastStart -= 1 }
        var lastLine = Array(contents[lastStart..<(end - 1)])
        if lastLine.last == UInt8(ascii: "\r") { lastLine.removeLast() }
        let seq = ChainFields.seq(in: lastLine[...]) ?? lines
        return (HashChain(seq: seq, prev: Hex.encode(SHA256.hash(lastLine))), torn)
    }
}

/// Pulls `seq` and `prev` out of a chained JSON line without parsing the whole object. A
/// JSON string value cannot contain an unescaped `"`, so the first `"prev":"` is the key.
enum ChainFields {
    static func prev(in line: ArraySlice<UInt8>) -> String? {
        guard let at = find(Array("\"prev\":\"".utf8), in: line) else { return nil }
        let start = at
        guard start + 64 <= line.endIndex else { return nil }
        let value = line[start..<(start + 64)]
        guard start + 64 < line.endIndex, line[start + 64] == UInt8(ascii: "\"") else { return nil }
        return String(decoding: value, as: UTF8.self)
    }

    static func seq(in line: ArraySlice<UInt8>) -> Int? {
        guard var i = find(Array("\"seq\":".utf8), in: line) else { return nil }
        var n = 0
        var digits = 0
        while i < line.endIndex, line[i] >= 48, line[i] <= 57, digits < 18 {
            n = n * 10 + Int(line[i] - 48); i += 1; digits += 1
        }
        return digits > 0 ? n : nil
    }

    /// The index just past the first occurrence of `needle`.
    private static func find(_ needle: [UInt8], in hay: ArraySlice<UInt8>) -> Int? {
        guard hay.count >= needle.count else { return nil }
        var i = hay.startIndex
        let last = hay.endIndex - needle.count
        while i <= last {
            if hay[i] == needle[0] {
                var j = 1
                while j < needle.count, hay[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i + needle.count }
            }
            i += 1
        }
        return nil
    }
}
