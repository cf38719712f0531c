import Foundation

/// The review queue of issue 8: the messages the helpdesk did not understand well (confidence
/// below 0.5, `out_of_scope`, or a fallback answer), grouped by similarity so that a supervisor
/// reads one representative per kind of question and adds it, in one step, to an intent's
/// examples or to the evaluation set. Grouping is greedy and deterministic: candidates are taken
/// oldest first and each joins the earliest group whose representative shares at least half of
/// its analysed stems (Jaccard ≥ 0.5), else starts a new group.
public enum ReviewQueue {
    /// One message worth a look (already redacted, as the transcript holds it).
    public struct Candidate: Sendable, Equatable {
        public var text: String
        public var intent: String
        public var confidence: Double
        public var outcome: String
        public var session: String
        public var arrived: Date

        public init(text: String, intent: String, confidence: Double, outcome: String, session: String, arrived: Date) {
            self.text = text
            self.intent = intent
            self.confidence = confidence
            self.outcome = outcome
            self.session = session
            self.arrived = arrived
        }

        /// The candidate of a transcript record, or nil when it needs no review (understood,
        /// erased, a data-rights request, an empty line, or a message handled by staff or the survey).
        public init?(_ r: TranscriptRecord) {
            let text = r.message.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty, !ReviewQueue.skippedHandlers.contains(r.handler), !text.hasPrefix("["),
                  ReviewQueue.needsReview(intent: r.intent, confidence: r.confidence, outcome: r.outcome) else { return nil }
            self.init(text: text, intent: r.intent, confidence: r.confidence, outcome: r.outcome, session: r.session, arrived: r.arrived)
        }
    }

    /// Similar candidates; `representative` is the first (oldest) of `members`.
    public struct Group: Sendable, Equatable {
        public var representative: Candidate { members[0] }
        public var members: [Candidate]
        public var count: Int { members.count }
    }

    public static let lowConfidence = 0.5
    public static let similarity = 0.5
    static let skippedHandlers: Set<String> = ["privacy", "survey", "supervisor"]

    public static func needsReview(intent: String, confidence: Double, outcome: String) -> Bool {
        confidence < lowConfidence || intent == IntentLabel.outOfScope.rawValue || outcome == Outcome.fallback.rawValue
    }

    /// Jaccard similarity of two stem sets (two empty sets are alike only when their texts are).
    public static func jaccard(_ a: Set<String>, _ b: Set<String>) -> Double {
        if a.isEmpty && b.isEmpty { return 0 }
        let union = a.union(b).count
        return union == 0 ? 0 : Double(a.intersection(b).count) / Double(union)
    }

    /// Groups `candidates`, biggest group first (then by the representative's text). `stems`
    /// gives a message's analysed stems; a message with none is keyed by its folded text.
    public static func group(_ candidates: [Candidate], stems: (String) -> Set<String>) -> [Group] {
        let ordered = candidates.sorted { a, b in a.arrived != b.arrived ? a.arrived < b.arrived : a.text < b.text }
        var groups: [(key: Set<String>, members: [Candidate])] = []
        for c in ordered {
            var key = stems(c.text)
            if key.isEmpty { key = ["\u{1}" + c.text.lowercased()] }
            var best: Int?
            var bestScore = 0.0
            for (i, g) in groups.enumerated() {
                let score = jaccard(key, g.key)
                if score >= similarity && score > bestScore {
                    best = i
                    bestScore = score
                }
            }
            if let best { groups[best].members.append(c) } else { groups.append((key, [c])) }
        }
        return groups.map { Group(members: $0.members) }.sorted { a, b in
            a.count != b.count ? a.count > b.count : a.representative.text < b.representative.text
        }
    }
}
