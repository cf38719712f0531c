/// A message prepared once for every entity extractor: the folded bytes, the alphanumeric words
/// with their byte ranges, and the original text so an entity's `text` shows what the user
/// typed. Extractors scan bytes rather than running regular expressions (the hot path).
public struct EntityInput: Sendable {
    public struct Word: Sendable {
        public var text: String
        public var start: Int
        public var end: Int
    }

    public let bytes: [UInt8]
    public let words: [Word]
    public let hasDigits: Bool
    /// The text as typed, when folding kept byte offsets (pure ASCII); nil otherwise.
    private let original: String?

    public init(_ text: String) {
        let folded = TextFolding.fold(text)
        bytes = folded
        original = text.utf8.count == folded.count ? text : nil
        var words = [Word]()
        var i = 0
        var digits = false
        while i < folded.count {
            guard TextFolding.isAlnum(folded[i]) else { i += 1; continue }
            let s = i
            while i < folded.count, TextFolding.isAlnum(folded[i]) {
                if TextFolding.isDigit(folded[i]) { digits = true }
                i += 1
            }
            words.append(Word(text: String(decoding: folded[s..<i], as: UTF8.self), start: s, end: i))
        }
        self.words = words
        hasDigits = digits
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
