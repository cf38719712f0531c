import Foundation

/// The engine's reading of one message: the best intent, a calibrated confidence in [0, 1],
/// the entities found, the language the message seems to be written in, and the runners-up
/// (best first) so that `classify --explain` and the review queue can show why.
public struct Classification: Sendable, Equatable {
    public var intent: IntentLabel
    public var confidence: Double
    public var entities: [Entity]
    /// The language the text looks like; `nil` when it gives no sign (digits, "ok", a name).
    public var lang: Lang?
    public var ranked: [Scored]

    public struct Scored: Sendable, Equatable, Codable {
        public var intent: IntentLabel
        public var score: Double
        public init(intent: IntentLabel, score: Double) {
            self.intent = intent
            self.score = score
        }
    }

    public init(intent: IntentLabel, confidence: Double, entities: [Entity] = [], lang: Lang? = nil, ranked: [Scored] = []) {
        self.intent = intent
        self.confidence = confidence
        self.entities = entities
        self.lang = lang
        self.ranked = ranked
    }
}

/// Anything that reads a message: the real intent model, or a fixed table in a test.
/// Implementations are immutable after construction and safe to call from any thread.
public protocol Classifying: Sendable {
    func classify(_ text: String, now: Date) -> Classification
}
