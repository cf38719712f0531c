import Foundation

/// Names and finds the daily transcript files (`transcript-YYYY-MM-DD.jsonl`, the day in
/// Asia/Jakarta) and applies retention, so that writer, reader, verifier and report agree on
/// one naming scheme.
public enum TranscriptFiles {
    public static let prefix = "transcript-"
    public static let suffix = ".jsonl"

    public static func name(day: String) -> String { prefix + day + suffix }

    /// The day of a transcript file name, or nil if the name is not one.
    public static func day(ofName name: String) -> String? {
        guard name.hasPrefix(prefix), name.hasSuffix(suffix) else { return nil }
        let day = String(name.dropFirst(prefix.count).dropLast(suffix.count))
        return JakartaTime.dayNumber(day) == nil ? nil : day
    }

    /// The name with any `YYYY-MM-DD` removed: files of one series chain into each other.
    public static func series(of name: String) -> String {
        let u = Array(name.utf8)
        guard u.count >= 10 else { return name }
        for i in 0...(u.count - 10) {
            let candidate = String(decoding: u[i..<(i + 10)], as: UTF8.self)
            if JakartaTime.dayNumber(candidate) != nil {
                return String(decoding: u[0..<i] + u[(i + 10)...], as: UTF8.self)
            }
        }
        return name
    }

    /// Transcript files in `directory` as (day, url), oldest first; a missing folder has none.
    public static func list(_ directory: URL) -> [(day: String, url: URL)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.compactMap { n in day(ofName: n).map { ($0, directory.appendingPathComponent(n)) } }
            .sorted { $0.day < $1.day }
    }

    /// Removes transcript files of days more than `keepDays` before `today`; returns their names.
    @discardableResult
    public static func prune(_ directory: URL, keepDays: Int, today: Int) -> [String] {
        var removed: [String] = []
        for (day, url) in list(directory) {
            guard let n = JakartaTime.dayNumber(day), n <= today - keepDays else { continue }
            if (try? FileManager.default.removeItem(at: url)) != nil { removed.append(url.lastPathComponent) }
        }
        return removed
    }
}
