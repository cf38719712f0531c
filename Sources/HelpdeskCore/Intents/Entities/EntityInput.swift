/// A message prepared once for every entity extractor: the folded bytes, the alphanumeric words
/// with their byte ranges, and the original text so an entity's `text` shows what the user
/// typed. Extractors scan bytes rather than running regular expressions (the hot path).
public struct EntityInput: Sendable {
    /// A word's byte range in `bytes` (its text, when an extractor needs it, is `text(_:)`:
    /// most messages never need most words as strings).
    public struct Word: Sendable {
        public var start: Int
        public var end: Int
        /// What the word may start (`EntityInput.month`, ...): one table lookup per word, shared by all extractors.
        public var role: UInt8
    }

    /// Word roles, so each extractor skips words (and whole messages) it cannot use.
    public static let month: UInt8 = 1, relativeDay: UInt8 = 2, cohortMarker: UInt8 = 4, filler: UInt8 = 8
    static let roles: [String: UInt8] = {
        var r = [String: UInt8]()
        for w in DateExtractor.months.keys { r[w, default: 0] |= month }
        for w in DateExtractor.relativeWords { r[w, default: 0] |= relativeDay }
        for w in CohortExtractor.markers { r[w, default: 0] |= cohortMarker }
        for w in ProgramExtractor.fillers { r[w, default: 0] |= filler }
        return r
    }()
    /// `roles` as an exact byte-keyed table (looked up before a word becomes a `String`).
    static let roleTable = WordTable(Array(roles.keys))
    static let roleValues: [UInt8] = roleTable.words.map { roles[$0]! }

    /// The union of the roles of all words.
    public let roles: UInt8

    public let bytes: [UInt8]
    public let words: [Word]
    public let hasDigits: Bool
    /// The text as typed, when folding kept byte offsets (pure ASCII); nil otherwise.
    private let original: String?

    public init(_ text: String) {
        self.init(text, reusing: [], [])
    }

    /// The same input, built in the storage of `bytes` and `words` (their contents are
    /// replaced). Pass arrays nothing else holds, moved in (`consume`), and take them back from
    /// `bytes` and `words` when done: the classifier's per-thread scratch does, so a message
    /// allocates neither.
    init(_ text: String, reusing bytes: consuming [UInt8], _ words: consuming [Word]) {
        var folded = consume bytes
        TextFolding.fold(text, into: &folded)
        var list = consume words
        var roles: UInt8 = 0
        var i = 0
        var digits = false
        let roleTable = Self.roleTable, roleValues = Self.roleValues
        folded.withUnsafeBufferPointer { f in
            let n = f.count
            // n bytes hold at most (n + 1) / 2 words: listed on the stack, then put in `list`'s
            // storage by one call (no clear, no append per word)
            withUnsafeTemporaryAllocation(of: Word.self, capacity: max(1, (n + 1) / 2)) { wb in
                let w = wb.baseAddress!
                var wn = 0
                while i < n {
                    guard TextFolding.isAlnum(f[i]) else { i += 1; continue }
                    let s = i
                    while i < n, TextFolding.isAlnum(f[i]) {
                        if TextFolding.isDigit(f[i]) { digits = true }
                        i += 1
                    }
                    let span = UnsafeBufferPointer(rebasing: f[s..<i])
                    let role = roleTable.index(span).map { roleValues[$0] } ?? 0
                    roles |= role
                    (w + wn).initialize(to: Word(start: s, end: i, role: role))
                    wn += 1
                }
                list.replaceSubrange(list.indices, with: UnsafeBufferPointer(start: w, count: wn))
            }
        }
        original = text.utf8.count == folded.count ? text : nil
        self.bytes = folded
        self.words = list
        hasDigits = digits
        self.roles = roles
    }

    /// The folded text of a word of this input.
    public func text(_ word: Word) -> String {
        withBytes(of: word) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the folded bytes of a word of this input.
    @inline(__always) func withBytes<R>(of word: Word, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[word.start..<word.end])) }
    }

    /// The text as typed between two byte offsets of the folded text.
    public func surface(_ start: Int, _ end: Int) -> String {
        guard let original else { return String(decoding: bytes[start..<end], as: UTF8.self) }
        let u = original.utf8
        let a = u.index(u.startIndex, offsetBy: start), b = u.index(u.startIndex, offsetBy: end)
        return String(decoding: u[a..<b], as: UTF8.self)
    }

    static func digitValue(_ s: String) -> Int? {
        guard !s.isEmpty, s.utf8.count <= 4, s.utf8.allSatisfy(TextFolding.isDigit) else { return nil }
        return Int(s)
    }
}

/// One entity found with the byte range it covers (so overlapping finds can be resolved).
public struct EntityMatch: Sendable {
    public var entity: Entity
    public var start: Int
    public var end: Int
}

/// Anything that finds entities of some kinds in a message. Implementations are immutable.
public protocol EntityExtracting: Sendable {
    func extract(_ input: EntityInput, now: Date) -> [EntityMatch]
}

import Foundation
