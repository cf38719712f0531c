
/// The transcript writer's memory of texts as they appear in a line: the JSON-quoted bytes of a
/// transformed text (a reply redacted, a user key turned into its pseudonym), so that a text seen
/// again is copied into the line instead of being transformed and escaped each time (a
/// `TextMemoTable`). Replies: redacting and escaping one was ~4.9k instructions of a line's ~10.5k
/// outside SHA-256. Users: a connection's key looked up in a `String`-keyed dictionary (SipHash)
/// and its pseudonym escaped cost ~700 a line.
struct QuotedTextCache {
    static let longestText = TextMemoTable.longestText
    private var table: TextMemoTable
    /// Texts copied from the cache (for tests).
    var hits: Int { table.hits }

    /// `slotCount` must be a power of two.
    init(slotCount: Int, rememberAtFirstSight: Bool) {
        table = TextMemoTable(slotCount: slotCount, rememberAtFirstSight: rememberAtFirstSight)
    }

    /// Appends `"…"`: `transform(text's UTF-8)` escaped as `LineBuffer.appendQuoted` does.
    mutating func append(_ text: String, to out: inout LineBuffer,
                         transform: (UnsafeBufferPointer<UInt8>) -> String) {
        text.withUTF8Bytes { u in
            guard let miss = table.find(u, hit: { out.append($0) }) else { return }
            let start = out.count
            out.appendQuoted(transform(u))
            table.remember(u, form: out.bytes(from: start), after: miss)
        }
    }
}

/// The writer's two `QuotedTextCache`s, kept between flushes: replies (redacted) and users
/// (pseudonyms; the writer's pseudonym dictionary stays behind it for the texts it misses).
struct TranscriptLineCaches {
    var replies = QuotedTextCache(slotCount: 256, rememberAtFirstSight: false)
    var users = QuotedTextCache(slotCount: 256, rememberAtFirstSight: true)
}
