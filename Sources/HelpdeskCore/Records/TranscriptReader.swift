import Foundation

/// Reads transcripts back for reports and the supervisor: every `transcript-YYYY-MM-DD.jsonl`
/// of a folder within a day range, one record at a time (so a month of lines never has to sit
/// in memory). A torn last line (a write cut short by a crash) is skipped silently; any other
/// line that is not a record is skipped with a `path:line: message` warning.
public struct TranscriptReader: Sendable {
    public var directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// Calls `body` with each record of the days `from...to` (`YYYY-MM-DD`, inclusive), oldest
    /// file first; returns the warnings.
    @discardableResult
    public func forEach(from: String, to: String, _ body: (TranscriptRecord) -> Void) -> [String] {
        var warnings: [String] = []
        for (day, url) in TranscriptFiles.list(directory) where day >= from && day <= to {
            guard let data = FileManager.default.contents(atPath: url.path) else {
                warnings.append("\(url.path): cannot read the file")
                continue
            }
            read(data, path: url.path, warnings: &warnings, body)
        }
        return warnings
    }

    /// All records of the days `from...to` (for tests and small ranges).
    public func records(from: String, to: String) -> (records: [TranscriptRecord], warnings: [String]) {
        var all: [TranscriptRecord] = []
        let warnings = forEach(from: from, to: to) { all.append($0) }
        return (all, warnings)
    }

    func read(_ data: Data, path: String, warnings: inout [String], _ body: (TranscriptRecord) -> Void) {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0
            var lineNumber = 0
            let n = bytes.count
            while start < n {
                var end = start
                while end < n, bytes[end] != UInt8(ascii: "\n") { end += 1 }
                lineNumber += 1
                if end == n { break }   // torn last line
                let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
                start = end + 1
                if line.isEmpty { continue }
                guard let object = (try? JSONParser.parse(line))?.objectValue else {
                    warnings.append("\(path):\(lineNumber): not a JSON object, skipped")
                    continue
                }
                do throws(TranscriptRecord.FieldError) {
                    body(try TranscriptRecord(json: object))
                } catch {
                    warnings.append("\(path):\(lineNumber): missing or invalid field '\(error.field)', skipped")
                }
            }
        }
    }
}
