import Foundation
#if canImport(Glibc)
import Glibc
#endif
import HelpdeskCore

/// `helpdesk eval FILE`: measures the intent model on a labelled file (`intent<TAB>utterance`):
/// accuracy, per-intent precision/recall/F1, macro F1 and the confusion pairs, as text or JSON;
/// `--timing` adds start-up time and classifications per second on one core (the benchmark).
enum EvalCommand: Command {
    static let name = "eval"
    static let summary = "evaluates the intent model on a labelled file"
    static let help = """
    usage: helpdesk eval FILE [--intents DIR] [--json] [--timing]

    FILE holds intent<TAB>utterance lines (blank lines and # comments are skipped). Prints
    accuracy, per-intent precision/recall/F1, macro F1 and the confusion pairs. A malformed
    line is reported as path:line: message (exit 1).

    options:
      --intents DIR   the intent catalog folder (env HELPDESK_INTENTS, default Intents)
      --json          one JSON object instead of text
      --timing        also measure start-up (catalog load + model build) and classifications
                      per second on one core over FILE (best of five rounds, about two seconds)

    """

    static func run(_ argv: [String]) throws -> Int32 {
        let args = try Arguments(argv, options: [IntentsOption.flag], switches: ["--json", "--timing"])
        guard args.positionals.count == 1, let path = args.positionals.first else {
            throw UsageError(args.positionals.isEmpty ? "missing FILE (intent<TAB>utterance lines)" : "expected one FILE")
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw RuntimeFailure("\(path): cannot read file (or not UTF-8)")
        }
        let items: [Evaluation.Item]
        do { items = try Evaluation.parse(text, path: path) } catch let e as Problem { throw RuntimeFailure(e.description) }
        let clock = ContinuousClock()
        let t0 = clock.now
        let model = try IntentsOption.loadModel(args)
        let startup = clock.now - t0
        let now = Date()
        let result = Evaluation.run(items, with: model, now: now)
        var timing: (startupMS: Double, perSecond: Double)?
        if args.has("--timing") { timing = (milliseconds(startup), throughput(model, items, now: now)) }
        Console.out(args.has("--json") ? json(result, timing) + "\n" : report(result, timing))
        return 0
    }

    static func milliseconds(_ d: Duration) -> Double {
        Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
    }

    /// Classifications per second of this thread's CPU time over the file's utterances: the
    /// best of five rounds of about 0.4 s each, so other work on a shared machine (which evicts
    /// caches and steals cycles) skews the figure as little as possible.
    static func throughput(_ model: IntentModel, _ items: [Evaluation.Item], now: Date) -> Double {
        guard !items.isEmpty else { return 0 }
        var checksum = 0
        var best = 0.0
        for _ in 0..<5 {
            var count = 0
            let start = threadCPUSeconds()
            var elapsed = 0.0
            while elapsed < 0.4 {
                for item in items { checksum &+= model.classify(item.text, now: now).entities.count; count += 1 }
                elapsed = threadCPUSeconds() - start
            }
            best = max(best, Double(count) / elapsed)
        }
        if checksum == -1 { Console.error("") } // keeps the loop from being optimized away
        return best
    }

    static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    static func pct(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }

    static func report(_ r: Evaluation, _ timing: (startupMS: Double, perSecond: Double)?) -> String {
        var s = "accuracy \(pct(r.accuracy)) (\(r.correct)/\(r.total)), macro F1 \(String(format: "%.3f", r.macroF1)), out_of_scope recall \(pct(r.recall(of: .outOfScope)))\n\n"
        s += "intent".padding(toLength: 22, withPad: " ", startingAt: 0) + "precision  recall     F1  support\n"
        for p in r.perIntent where p.support > 0 || p.precision > 0 {
            s += p.intent.rawValue.padding(toLength: 22, withPad: " ", startingAt: 0)
                + String(format: "%9.3f %7.3f %6.3f %8d\n", p.precision, p.recall, p.f1, p.support)
        }
        if !r.confusions.isEmpty {
            s += "\nconfusions (expected -> predicted):\n"
            for c in r.confusions {
                s += "  \(c.count)  \(c.expected.rawValue) -> \(c.predicted.rawValue)   e.g. " + c.examples.map { "\"\($0)\"" }.joined(separator: ", ") + "\n"
            }
        }
        if let t = timing {
            s += String(format: "\nstart-up %.1f ms (load catalog + build model); %.0f classifications/s on one core\n", t.startupMS, t.perSecond)
        }
        return s
    }

    static func json(_ r: Evaluation, _ timing: (startupMS: Double, perSecond: Double)?) -> String {
        var pairs: [(String, String)] = [
            ("total", String(r.total)), ("correct", String(r.correct)),
            ("accuracy", JSONText.number(r.accuracy)), ("macro_f1", JSONText.number(r.macroF1)),
            ("per_intent", JSONText.array(r.perIntent.map {
                JSONText.object([("intent", JSONText.string($0.intent.rawValue)), ("precision", JSONText.number($0.precision)),
                                 ("recall", JSONText.number($0.recall)), ("f1", JSONText.number($0.f1)), ("support", String($0.support))])
            })),
            ("confusions", JSONText.array(r.confusions.map {
                JSONText.object([("expected", JSONText.string($0.expected.rawValue)), ("predicted", JSONText.string($0.predicted.rawValue)),
                                 ("count", String($0.count)), ("examples", JSONText.array($0.examples.map(JSONText.string)))])
            })),
        ]
        if let t = timing {
            pairs.append(("startup_ms", JSONText.number(t.startupMS)))
            pairs.append(("classifications_per_second", String(Int(t.perSecond))))
        }
        return JSONText.object(pairs)
    }
}
