/// Parses one intent file. The format is meant for staff, not programmers: every non-empty
/// line is an example message, except `#` comments and one directive, `keywords:` followed by
/// comma-separated words that strongly suggest the intent. A line like `foo: ...` whose `foo`
/// is not a known directive is reported, since it is most likely a mistyped `keywords:`.
enum IntentFileParser {
    struct Parsed {
        var examples: [IntentCatalog.Example] = []
        var keywords: [String] = []
        var problems: [Problem] = []
    }

    static let maxExampleLength = 500

    static func parse(_ text: String, label: IntentLabel, path: String) -> Parsed {
        var out = Parsed()
        var lineNo = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNo += 1
            var line = Substring(raw)
            while let f = line.first, f == " " || f == "\t" || f == "\r" || f == "\u{FEFF}" { line = line.dropFirst() }
            while let l = line.last, l == " " || l == "\t" || l == "\r" { line = line.dropLast() }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("- ") { line = line.dropFirst(2) }
            if let colon = line.firstIndex(of: ":"), isDirectiveName(line[..<colon]) {
                let name = line[..<colon].lowercased()
                let value = line[line.index(after: colon)...]
                if name == "keywords" || name == "keyword" {
                    let words = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                    if words.isEmpty { out.problems.append(Problem(path: path, line: lineNo, message: "'keywords:' has no words (write them comma-separated)")) }
                    out.keywords += words
                } else {
                    out.problems.append(Problem(path: path, line: lineNo, message: "unknown directive '\(name):' (only 'keywords:' is allowed; write examples without a leading word and colon)"))
                }
                continue
            }
            if line.count > maxExampleLength {
                out.problems.append(Problem(path: path, line: lineNo, message: "example is longer than \(maxExampleLength) characters"))
                continue
            }
            if Normalizer.words(String(line)).isEmpty {
                out.problems.append(Problem(path: path, line: lineNo, message: "example has no words"))
                continue
            }
            out.examples.append(IntentCatalog.Example(intent: label, text: String(line), path: path, line: lineNo))
        }
        return out
    }

    /// A directive is one ASCII word directly before the colon ("keywords:"), not "jam 10:30".
    private static func isDirectiveName(_ s: Substring) -> Bool {
        !s.isEmpty && s.count <= 12 && s.allSatisfy { $0.isASCII && $0.isLetter }
    }
}
