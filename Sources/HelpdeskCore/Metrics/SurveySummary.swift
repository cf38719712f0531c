import Foundation

/// The satisfaction survey in `helpdesk report`, read from `surveys.jsonl` (see `SurveyLog`):
/// answers per service and per month, with the mean score (1-4) and the public-satisfaction
/// index the way Indonesian agencies publish it (IKM = mean x 25, from 25 to 100). Months
/// outside the report's range are left out.
public struct SurveySummary: Sendable, Equatable {
    public struct Tally: Sendable, Equatable {
        public var answers = 0
        public var total = 0
        /// How many answers gave each score, index 0 = score 1.
        public var scores = [0, 0, 0, 0]
        public var mean: Double { answers == 0 ? 0 : Double(total) / Double(answers) }
        public var index: Double { mean * 25 }

        mutating func add(_ score: Int) {
            answers += 1
            total += score
            scores[score - 1] += 1
        }
    }

    public var all = Tally()
    public var perService: [String: Tally] = [:]
    public var perMonth: [String: Tally] = [:]
    public var warnings: [String] = []

    public init() {}

    /// Reads `url` (nil when there is no file) for months `fromMonth...toMonth` (`YYYY-MM`).
    public static func read(_ url: URL, fromMonth: String, toMonth: String) -> SurveySummary? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        var s = SurveySummary()
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for (i, line) in lines.enumerated() where !line.isEmpty {
            guard let o = (try? JSONParser.parse(Array(line)))?.objectValue,
                  let month = o["month"]?.stringValue, let service = o["service"]?.stringValue,
                  let score = o["score"]?.doubleValue.map(Int.init), (1...4).contains(score) else {
                if i != lines.count - 1 { s.warnings.append("\(url.path):\(i + 1): not a survey record, skipped") }
                continue
            }
            guard month >= fromMonth, month <= toMonth else { continue }
            s.all.add(score)
            s.perService[service, default: Tally()].add(score)
            s.perMonth[month, default: Tally()].add(score)
        }
        return s
    }

    /// Rows for printing: all, then each service, then each month.
    public var rows: [(String, Tally)] {
        [("all", all)] + perService.sorted { $0.key < $1.key }.map { ("service " + $0.key, $0.value) }
            + perMonth.sorted { $0.key < $1.key }.map { ("month " + $0.key, $0.value) }
    }
}
