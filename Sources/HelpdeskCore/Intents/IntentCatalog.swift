import Foundation

/// The intent catalog as staff wrote it: one file per intent under `Intents/` (`greeting.txt`,
/// `schedule.query.txt`, ...), each holding example messages and optional keywords, plus the
/// language data in `Intents/lexicon/` (slang.tsv, roots.txt). It is plain data: the model is
/// built from it at start-up and `helpdesk check` validates it. The `replies/` subfolder belongs
/// to the conversation layer and is never read here.
public struct IntentCatalog: Sendable {
    /// One example message, with where it was written (for `check` and error messages).
    public struct Example: Sendable, Equatable {
        public var intent: IntentLabel
        public var text: String
        public var path: String
        public var line: Int
    }

    public var examples: [Example]
    public var keywords: [IntentLabel: [String]]
    public var lexicon: SlangLexicon
    /// Extra Indonesian root words for the stemmer (from `lexicon/roots.txt`).
    public var roots: Set<String>

    public init(examples: [Example], keywords: [IntentLabel: [String]] = [:], lexicon: SlangLexicon = SlangLexicon(), roots: Set<String> = []) {
        self.examples = examples
        self.keywords = keywords
        self.lexicon = lexicon
        self.roots = roots
    }

    /// Loads the catalog, throwing the first problem found as `path:line: message`.
    public static func load(directory: String) throws -> IntentCatalog {
        let (catalog, problems) = read(directory: directory)
        if let first = problems.first { throw first }
        return catalog
    }

    /// Reads everything it can and lists every problem (what `helpdesk check` prints).
    public static func read(directory: String) -> (IntentCatalog, [Problem]) {
        var problems = [Problem]()
        var examples = [Example]()
        var keywords = [IntentLabel: [String]]()
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else {
            return (IntentCatalog(examples: []), [Problem(path: directory, line: 0, message: "intent catalog folder not found")])
        }
        let names = ((try? fm.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
        var seenLabels = Set<IntentLabel>()
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            let labelName = String(name.dropLast(4))
            guard let label = IntentLabel(rawValue: labelName) else {
                problems.append(Problem(path: path, line: 0, message: "unknown intent label '\(labelName)' (expected one of: \(IntentLabel.allCases.map(\.rawValue).joined(separator: ", ")))"))
                continue
            }
            guard let text = readText(path, &problems) else { continue }
            seenLabels.insert(label)
            let parsed = IntentFileParser.parse(text, label: label, path: path)
            problems += parsed.problems
            if parsed.examples.isEmpty {
                problems.append(Problem(path: path, line: 0, message: "intent '\(label.rawValue)' has no examples"))
            }
            examples += parsed.examples
            if !parsed.keywords.isEmpty { keywords[label, default: []] += parsed.keywords }
        }
        for label in IntentLabel.allCases where !seenLabels.contains(label) {
            problems.append(Problem(path: (directory as NSString).appendingPathComponent(label.rawValue + ".txt"), line: 0, message: "intent '\(label.rawValue)' has no catalog file"))
        }
        problems += duplicates(examples)

        var lexicon = SlangLexicon()
        let slangPath = (directory as NSString).appendingPathComponent("lexicon/slang.tsv")
        if fm.fileExists(atPath: slangPath), let text = readText(slangPath, &problems) {
            do { lexicon = try SlangLexicon.parse(text, path: slangPath) } catch let e as Problem { problems.append(e) } catch {}
        }
        var roots = Set<String>()
        let rootsPath = (directory as NSString).appendingPathComponent("lexicon/roots.txt")
        if fm.fileExists(atPath: rootsPath), let text = readText(rootsPath, &problems) {
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                for w in Normalizer.words(String(line)) { roots.insert(w.single) }
            }
        }
        return (IntentCatalog(examples: examples, keywords: keywords, lexicon: lexicon, roots: roots), problems)
    }

    private static func readText(_ path: String, _ problems: inout [Problem]) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else {
            problems.append(Problem(path: path, line: 0, message: "cannot read file"))
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            problems.append(Problem(path: path, line: 0, message: "file is not valid UTF-8"))
            return nil
        }
        return text
    }

    /// The same example (after folding and punctuation) under two different intents.
    static func duplicates(_ examples: [Example]) -> [Problem] {
        var firstSeen = [String: Example]()
        var problems = [Problem]()
        for e in examples {
            let key = Normalizer.words(e.text).map(\.single).joined(separator: " ")
            if let prior = firstSeen[key] {
                if prior.intent != e.intent {
                    problems.append(Problem(path: e.path, line: e.line, message: "example '\(e.text)' is also in \(prior.intent.rawValue) (\(prior.path):\(prior.line))"))
                }
            } else {
                firstSeen[key] = e
            }
        }
        return problems
    }
}
