import Foundation

/// Scores a classifier against a labelled file (`intent<TAB>utterance` lines): accuracy,
/// per-intent precision/recall/F1, macro F1 and the most frequent confusions. This is what
/// `helpdesk eval` prints and what the accuracy test asserts, so staff and CI see one number.
public struct Evaluation: Sendable {
    public struct Item: Sendable, Equatable {
        public var intent: IntentLabel
        public var text: String
        public var line: Int
    }

    public struct PerIntent: Sendable {
        public var intent: IntentLabel
        public var precision: Double
        public var recall: Double
        public var f1: Double
        public var support: Int
    }

    public struct Confusion: Sendable {
        public var expected: IntentLabel
        public var predicted: IntentLabel
        public var count: Int
        public var examples: [String]
    }

    public var total: Int
    public var correct: Int
    public var perIntent: [PerIntent]
    public var confusions: [Confusion]
    public var accuracy: Double { total == 0 ? 0 : Double(correct) / Double(total) }
    public var macroF1: Double {
        let present = perIntent.filter { $0.support > 0 }
        return present.isEmpty ? 0 : present.map(\.f1).reduce(0, +) / Double(present.count)
    }
    public func recall(of label: IntentLabel) -> Double { perIntent.first { $0.intent == label }?.recall ?? 0 }

    /// Parses an evaluation file; blank lines and `#` comments are skipped.
    public static func parse(_ text: String, path: String) throws -> [Item] {
        var items = [Item]()
        var n = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            n += 1
            let line = raw.hasSuffix("\r") ? raw.dropLast() : Substring(raw)
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            guard let tab = line.firstIndex(of: "\t") else {
                throw Problem(path: path, line: n, message: "expected 'intent<TAB>utterance'")
            }
            let name = line[..<tab].trimmingCharacters(in: .whitespaces)
            guard let label = IntentLabel(rawValue: name) else {
                throw Problem(path: path, line: n, message: "unknown intent '\(name)'")
            }
            let utterance = line[line.index(after: tab)...].trimmingCharacters(in: .whitespaces)
            guard !utterance.isEmpty else { throw Problem(path: path, line: n, message: "empty utterance") }
            items.append(Item(intent: label, text: utterance, line: n))
        }
        return items
    }

    public static func run(_ items: [Item], with model: any Classifying, now: Date) -> Evaluation {
        var tp = [IntentLabel: Int](), fp = [IntentLabel: Int](), fn = [IntentLabel: Int](), support = [IntentLabel: Int]()
        var pairs = [String: Confusion]()
        var correct = 0
        for item in items {
            let got = model.classify(item.text, now: now).intent
            support[item.intent, default: 0] += 1
            if got == item.intent {
                correct += 1
                tp[got, default: 0] += 1
            } else {
                fp[got, default: 0] += 1
                fn[item.intent, default: 0] += 1
                let key = item.intent.rawValue + ">" + got.rawValue
                var c = pairs[key] ?? Confusion(expected: item.intent, predicted: got, count: 0, examples: [])
                c.count += 1
                if c.examples.count < 3 { c.examples.append(item.text) }
                pairs[key] = c
            }
        }
        let per = IntentLabel.allCases.map { l -> PerIntent in
            let t = Double(tp[l] ?? 0)
            let p = t + Double(fp[l] ?? 0) == 0 ? 0 : t / (t + Double(fp[l] ?? 0))
            let r = t + Double(fn[l] ?? 0) == 0 ? 0 : t / (t + Double(fn[l] ?? 0))
            return PerIntent(intent: l, precision: p, recall: r, f1: p + r == 0 ? 0 : 2 * p * r / (p + r), support: support[l] ?? 0)
        }
        let confusions = pairs.values.sorted { $0.count != $1.count ? $0.count > $1.count : ($0.expected, $0.predicted) < ($1.expected, $1.predicted) }
        return Evaluation(total: items.count, correct: correct, perIntent: per, confusions: confusions)
    }
}
