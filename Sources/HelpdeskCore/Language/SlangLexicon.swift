import Foundation

/// The slang and abbreviation lexicon ("sy" → "saya", "gmn" → "bagaimana"), kept as a data
/// file (`Intents/lexicon/slang.tsv`) so helpdesk staff can add what people really type without
/// touching code. A replacement may be several words ("otw" → "on the way").
public struct SlangLexicon: Sendable {
    public let entries: [String: [String]]

    public init(entries: [String: [String]] = [:]) { self.entries = entries }

    public func expand(_ word: String) -> [String]? { entries[word] }

    /// Parses `slang<TAB>replacement` lines; `#` starts a comment. Errors are `path:line: message`.
    public static func parse(_ text: String, path: String) throws -> SlangLexicon {
        var entries = [String: [String]]()
        var lineNo = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNo += 1
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = raw.split(separator: "\t", omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                throw Problem(path: path, line: lineNo, message: "expected 'slang<TAB>replacement', got '\(line)'")
            }
            let key = Normalizer.words(String(parts[0])).map(\.single)
            let value = Normalizer.words(String(parts[1])).map(\.single)
            guard key.count == 1, !value.isEmpty else {
                throw Problem(path: path, line: lineNo, message: "the slang side must be one word and the replacement non-empty")
            }
            if entries[key[0]] != nil {
                throw Problem(path: path, line: lineNo, message: "'\(key[0])' is listed twice")
            }
            entries[key[0]] = value
        }
        return SlangLexicon(entries: entries)
    }
}

