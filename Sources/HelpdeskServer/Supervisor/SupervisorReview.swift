import Foundation
import HelpdeskCore

/// What the review commands need from the assembly: where reviewed lines go, the classifier the
/// desk reads through, and how to rebuild the model from the catalog folder (with the programme
/// names of the data in service) so it can be swapped in without dropping a connection.
public struct ReviewDesk: Sendable {
    public let additions: CatalogAdditions
    public let classifier: SwappableClassifier
    public let build: @Sendable (String) throws -> any Classifying

    public init(additions: CatalogAdditions, classifier: SwappableClassifier, build: @escaping @Sendable (String) throws -> any Classifying) {
        self.additions = additions
        self.classifier = classifier
        self.build = build
    }
}

/// The review queue over the protocol: `review` groups the low-confidence and fallback messages
/// of the exchanges in memory and of today's transcript (redacted, as on disk) with the model's
/// top guesses for each group; `review.add` + `text`, `intent`, `target` (`examples`, the
/// default, or `eval`) appends a reviewed message and, for examples, rebuilds and swaps the model.
extension SupervisorConsole {
    static let reviewMembersShown = 20

    func reviewCommand(_ name: String, _ request: JSONObject) -> CommandResult {
        guard let review else { return .failure(ProtocolError(.badRequest, "the review queue is not available on this server")) }
        return name == "review" ? reviewQueue(review, request) : reviewAdd(review, request)
    }

    private func reviewQueue(_ review: ReviewDesk, _ request: JSONObject) -> CommandResult {
        var limit = 20
        if let value = request["limit"], !value.isNull {
            guard let n = value.doubleValue, n >= 1, n <= 1000, n == n.rounded() else {
                return .failure(ProtocolError(.badRequest, "limit must be a whole number from 1 to 1000"))
            }
            limit = Int(n)
        }
        let model = review.classifier.current
        let analyzer = (model as? IntentModel)?.analyzer
        let groups = ReviewQueue.group(reviewCandidates()) { text in
            Set((analyzer?.analyze(text).map(\.stem) ?? Normalizer.words(text).map(\.single)).filter { $0.count > 1 })
        }
        let now = Date()
        let shown = groups.prefix(limit).map { g -> JSONValue in
            let guess = model.classify(g.representative.text, now: now)
            return .object(SupervisorJSON.object([
                ("representative", .string(g.representative.text)), ("count", SupervisorJSON.int(g.count)),
                ("members", .array(g.members.prefix(Self.reviewMembersShown).map(Self.member))),
                ("guesses", .array(guess.ranked.map { s in
                    .object(SupervisorJSON.object([("intent", .string(s.intent.rawValue)), ("score", SupervisorJSON.double(s.score))]))
                })),
                ("now", .object(SupervisorJSON.object([("intent", .string(guess.intent.rawValue)),
                                                       ("confidence", SupervisorJSON.double(guess.confidence))]))),
            ]))
        }
        return .success(SupervisorJSON.object([
            ("ok", .bool(true)), ("total", SupervisorJSON.int(groups.reduce(0) { $0 + $1.count })),
            ("groups", .array(Array(shown))),
        ]))
    }

    static func member(_ c: ReviewQueue.Candidate) -> JSONValue {
        .object(SupervisorJSON.object([
            ("text", .string(c.text)), ("intent", .string(c.intent)), ("confidence", SupervisorJSON.double(c.confidence)),
            ("outcome", .string(c.outcome)), ("session", .string(c.session)), ("arrived", SupervisorJSON.time(c.arrived)),
        ]))
    }

    /// Today's transcript (Jakarta day) and the exchanges in memory, each exchange once.
    func reviewCandidates() -> [ReviewQueue.Candidate] {
        var seen = Set<String>()
        var out: [ReviewQueue.Candidate] = []
        func take(_ r: TranscriptRecord) {
            guard seen.insert(r.session + "|" + Timestamp.iso8601(r.arrived) + "|" + r.message).inserted,
                  let c = ReviewQueue.Candidate(r) else { return }
            out.append(c)
        }
        let today = JakartaTime.day(Date())
        TranscriptReader(directory: transcripts).forEach(from: today, to: today, take)
        for r in recent.records() { take(r) }
        return out
    }

    private func reviewAdd(_ review: ReviewDesk, _ request: JSONObject) -> CommandResult {
        guard let text = request["text"]?.stringValue, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            return .failure(ProtocolError(.badRequest, "review.add needs \"text\" (the message to add)"))
        }
        let labels = IntentLabel.allCases.map(\.rawValue).joined(separator: ", ")
        guard let name = request["intent"]?.stringValue, let intent = IntentLabel(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
            return .failure(ProtocolError(.badRequest, "review.add needs \"intent\", one of \(labels)"))
        }
        let targetName = request["target"]?.stringValue ?? CatalogAdditions.Target.examples.rawValue
        guard let target = CatalogAdditions.Target(rawValue: targetName) else {
            return .failure(ProtocolError(.badRequest, "target must be examples or eval, got '\(targetName)'"))
        }
        let now = Date()
        let added: CatalogAdditions.Added
        do {
            added = try review.additions.add(text, intent: intent, target: target, now: now) { directory in
                review.classifier.swap(try review.build(directory))
            }
        } catch {
            return .failure(ProtocolError(.badRequest, error.description))
        }
        Log.info("review: added a \(intent.rawValue) line to \(added.path):\(added.line)" + (target == .examples ? "; intent model rebuilt" : ""))
        let check = review.classifier.classify(text, now: now)
        return .success(SupervisorJSON.object([
            ("ok", .bool(true)), ("path", .string(added.path)), ("line", SupervisorJSON.int(added.line)),
            ("target", .string(target.rawValue)), ("rebuilt", .bool(target == .examples)),
            ("now", .object(SupervisorJSON.object([("intent", .string(check.intent.rawValue)),
                                                   ("confidence", SupervisorJSON.double(check.confidence))]))),
        ]))
    }
}
