import Foundation

/// The wording of every reply in both languages, read from `Intents/replies/id.txt` and
/// `Intents/replies/en.txt` so staff can change it without recompiling. Lines are
/// `key: text with {placeholders}`; `#` starts a comment; `\n` in a text is a line break.
/// A key missing in one language falls back to the other (and `validate` reports it).
public struct ReplyBook: Sendable {
    /// Every key's template, compiled once, at `slot(key, lang)`: a flat array, so a reply's
    /// text is found without hashing (two dictionary look-ups per reply before).
    private let templates: [ReplyTemplate?]

    public init(texts: [Lang: [String: String]]) {
        var templates = [ReplyTemplate?](repeating: nil, count: 2 * ReplyKey.count)
        for (lang, table) in texts {
            for (name, text) in table {
                if let key = ReplyKey(rawValue: name) { templates[ReplyBook.slot(key, lang)] = ReplyTemplate(text) }
            }
        }
        self.templates = templates
    }

    @inline(__always) private static func slot(_ key: ReplyKey, _ lang: Lang) -> Int {
        (lang == .id ? 0 : ReplyKey.count) + key.ordinal
    }

    /// The template of `key` in `lang`, else in the other language.
    @inline(__always) private func template(_ key: ReplyKey, _ lang: Lang) -> ReplyTemplate? {
        let other: Lang = lang == .id ? .en : .id
        return templates[ReplyBook.slot(key, lang)] ?? templates[ReplyBook.slot(key, other)]
    }

    /// Loads both files; `book` is nil when neither file could be read.
    public static func load(directory: String) -> (book: ReplyBook?, problems: [Problem]) {
        var texts: [Lang: [String: String]] = [:]
        var lines: [Lang: [String: Int]] = [:]
        var problems: [Problem] = []
        for lang in Lang.allCases {
            let path = (directory as NSString).appendingPathComponent("\(lang.rawValue).txt")
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                problems.append(Problem(path: path, line: 0, message: "cannot read reply file"))
                continue
            }
            let (t, l, p) = parse(text, path: path)
            texts[lang] = t; lines[lang] = l; problems += p
        }
        guard !texts.isEmpty else { return (nil, problems) }
        for key in ReplyKey.allCases {
            let present = Lang.allCases.filter { texts[$0]?[key.rawValue] != nil }
            if present.isEmpty {
                let path = (directory as NSString).appendingPathComponent("id.txt")
                problems.append(Problem(path: path, line: 1, message: "missing key '\(key.rawValue)' in every language"))
            } else if present.count < Lang.allCases.count, let have = present.first, let missing = Lang.allCases.first(where: { !present.contains($0) }), texts[missing] != nil {
                let path = (directory as NSString).appendingPathComponent("\(have.rawValue).txt")
                problems.append(Problem(path: path, line: lines[have]?[key.rawValue] ?? 1,
                                        message: "key '\(key.rawValue)' has no text in \(missing.rawValue).txt (falls back to \(have.rawValue))"))
            }
        }
        return (ReplyBook(texts: texts), problems)
    }

    public static func validate(directory: String) -> [Problem] { load(directory: directory).problems }

    static func parse(_ text: String, path: String) -> ([String: String], [String: Int], [Problem]) {
        var texts: [String: String] = [:]
        var lines: [String: Int] = [:]
        var problems: [Problem] = []
        let known = Set(ReplyKey.allCases.map(\.rawValue))
        var number = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{FEFF}")))
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else {
                problems.append(Problem(path: path, line: number, message: "expected 'key: text'"))
                continue
            }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard known.contains(key) else {
                problems.append(Problem(path: path, line: number, message: "unknown key '\(key)'"))
                continue
            }
            if let first = lines[key] {
                problems.append(Problem(path: path, line: number, message: "duplicate key '\(key)' (first on line \(first))"))
                continue
            }
            guard !value.isEmpty else {
                problems.append(Problem(path: path, line: number, message: "empty text for '\(key)'"))
                continue
            }
            texts[key] = value.replacingOccurrences(of: "\\n", with: "\n")
            lines[key] = number
        }
        return (texts, lines, problems)
    }

    /// The text of `key` in `lang` (or the other language), with `{name}` placeholders filled.
    public func text(_ key: ReplyKey, _ lang: Lang, _ values: [String: String] = [:]) -> String {
        guard let t = template(key, lang) else { return "[\(key.rawValue)]" }
        return t.filled(values)
    }

    /// The same with the values as name/value pairs (the first pair of a name wins).
    func text(_ key: ReplyKey, _ lang: Lang, pairs: [(String, String)]) -> String {
        guard let t = template(key, lang) else { return "[\(key.rawValue)]" }
        return t.filled(pairs: pairs)
    }
}
