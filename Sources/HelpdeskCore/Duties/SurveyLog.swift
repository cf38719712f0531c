import Foundation

/// The satisfaction survey's answers (`Transcripts/surveys.jsonl`), in the style of the
/// public-satisfaction index (IKM/SKM) Indonesian agencies publish: a 1-4 score (1 tidak baik
/// ... 4 sangat baik), an optional comment (redacted), the service rated and the month, and no
/// identity at all, not even a pseudonym. Hash-chained like every record, so `helpdesk verify`
/// covers it; `SurveySummary` reads it for `helpdesk report`. Answers are synced in the background
/// (`ChainedLog`'s `syncInBackground`): the thanks does not wait for the disk, and a crash loses
/// at most the answers of the last moment, which nobody was promised anything about.
public final class SurveyLog: Sendable {
    public static let fileName = "surveys.jsonl"
    private let log: ChainedLog
    private let redactor = Redactor()

    public init(directory: URL, sync: @escaping @Sendable (Int32) -> Int32 = { fsync($0) }) throws(RecordsError) {
        log = try ChainedLog(path: directory.appendingPathComponent(SurveyLog.fileName).path, syncInBackground: true, sync: sync)
    }

    public func record(_ answer: SurveyAnswer, service: String, at: Date) throws(RecordsError) {
        let comment = answer.comment.map { redactor.redact($0) }
        try log.append { w in
            w.string("month", String(JakartaTime.day(at).prefix(7)))
            w.string("service", service)
            w.int("score", Int64(answer.score))
            if let comment, !comment.isEmpty { w.string("comment", String(comment.prefix(500))) }
        }
    }
}

/// One answer to the survey: a score from 1 to 4 and what followed it. `parse` accepts only a
/// message that starts with a lone digit 1-4 ("4", "3 cukup cepat", "4. mantap"), so anything
/// else goes on to the desk as an ordinary message: the survey never traps anyone.
public struct SurveyAnswer: Sendable, Equatable {
    public var score: Int
    public var comment: String?

    public init(score: Int, comment: String? = nil) {
        self.score = score
        self.comment = comment
    }

    public static func parse(_ text: String) -> SurveyAnswer? {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let first = t.first, let score = first.wholeNumberValue, (1...4).contains(score) else { return nil }
        let rest = t.dropFirst()
        if let next = rest.first, next.isNumber || next.isLetter { return nil }
        let comment = rest.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: ".,:-/)")))
        return SurveyAnswer(score: score, comment: comment.isEmpty ? nil : comment)
    }
}
