import Foundation
import HelpdeskCore

/// `helpdesk classify`: reads utterances from stdin, one a line, and writes one JSON object a
/// line with the intent, confidence and entities; `--explain` adds tokens, stems, spelling
/// corrections and the three best intents, for staff tuning the catalog.
enum ClassifyCommand: Command {
    static let name = "classify"
    static let summary = "classifies utterances from stdin as JSON lines"
    static let help = """
    usage: helpdesk classify [--intents DIR] [--explain]

    Reads utterances from standard input, one a line, and writes one JSON object a line:
      {"text":…,"intent":…,"confidence":…,"entities":[{"kind":…,"value":…,"text":…}]}

    options:
      --intents DIR   the intent catalog folder (env HELPDESK_INTENTS, default Intents)
      --explain       also print "lang", the normalized tokens ("tokens": typed, word, stem,
                      corrected) and the three best intents with their scores ("ranked")

    """

    static func run(_ argv: [String]) throws -> Int32 {
        let args = try Arguments(argv, options: [IntentsOption.flag], switches: ["--explain"])
        if let extra = args.positionals.first { throw UsageError("unexpected argument '\(extra)' (utterances come from stdin)") }
        let model = try IntentsOption.loadModel(args)
        let explain = args.has("--explain")
        var out = ""
        while let line = readLine() {
            let text = line.hasSuffix("\r") ? String(line.dropLast()) : line
            if text.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let a = model.analyze(text, now: Date())
            out += render(text, a, explain: explain) + "\n"
            if out.utf8.count > 64 * 1024 { Console.out(out); out = "" }
        }
        Console.out(out)
        return 0
    }

    static func render(_ text: String, _ a: IntentModel.Analysis, explain: Bool) -> String {
        let c = a.classification
        var pairs: [(String, String)] = [
            ("text", JSONText.string(text)),
            ("intent", JSONText.string(c.intent.rawValue)),
            ("confidence", JSONText.number(c.confidence)),
            ("entities", JSONText.array(c.entities.map {
                JSONText.object([("kind", JSONText.string($0.kind.rawValue)), ("value", JSONText.string($0.value)), ("text", JSONText.string($0.text))])
            })),
        ]
        if explain {
            pairs.append(("lang", c.lang.map { JSONText.string($0.rawValue) } ?? "null"))
            pairs.append(("tokens", JSONText.array(a.tokens.map { t in
                var p = [("typed", JSONText.string(t.typed)), ("word", JSONText.string(t.word)), ("stem", JSONText.string(t.stem))]
                if t.corrected { p.append(("corrected", "true")) }
                return JSONText.object(p)
            })))
            pairs.append(("ranked", JSONText.array(c.ranked.map {
                JSONText.object([("intent", JSONText.string($0.intent.rawValue)), ("score", JSONText.number($0.score))])
            })))
        }
        return JSONText.object(pairs)
    }
}
