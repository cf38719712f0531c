import Foundation

/// Checks the hash chain (see `HashChain`) of every `*.jsonl` file in a folder, for
/// `helpdesk verify`: in each file `seq` runs 1, 2, 3, ... and every `prev` is the SHA-256 of
/// the line before; a file's first line must point at 64 zeros or at the last line of the
/// previous file in its series (files whose names differ only by their date). Reports the first
/// broken or missing record of each file as `path:line: message`. A torn last line (a write
/// cut short by a crash) is a warning, not a break.
public struct ChainVerifier: Sendable {
    public struct Result: Sendable {
        public var files = 0
        public var records = 0
        public var problems: [String] = []
        public var warnings: [String] = []
    }

    public init() {}

    public func verify(directory: URL) throws -> Result {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: directory.path, isDirectory: &isDir), isDir.boolValue else {
            throw RecordsError("\(directory.path): no such directory")
        }
        let names = try fm.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".jsonl") }.sorted()
        var result = Result()
        var lastHashOfSeries: [String: String] = [:]
        for name in names {
            let path = directory.appendingPathComponent(name).path
            guard let data = fm.contents(atPath: path) else {
                result.problems.append("\(path): cannot read the file")
                continue
            }
            let series = TranscriptFiles.series(of: name)
            let before = lastHashOfSeries[series]
            let last = verify(bytes: [UInt8](data), path: path, previousFileHash: before, into: &result)
            if let last { lastHashOfSeries[series] = last }
            result.files += 1
        }
        return result
    }

    /// Checks one file's bytes; returns the hash of its last complete line.
    @discardableResult
    public func verify(bytes: [UInt8], path: String, previousFileHash: String?, into result: inout Result) -> String? {
        var lineNumber = 0
        var prevHash: String?
        var start = 0
        let n = bytes.count
        while start < n {
            var end = start
            while end < n, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            lineNumber += 1
            if end == n {
                result.warnings.append("\(path):\(lineNumber): torn last line (no newline at the end), ignored")
                break
            }
            var lineEnd = end
            if lineEnd > start, bytes[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
            let line = bytes[start..<lineEnd]
            start = end + 1
            guard let seq = ChainFields.seq(in: line), let prev = ChainFields.prev(in: line) else {
                result.problems.append("\(path):\(lineNumber): not a chained record (no seq or prev field)")
                return nil
            }
            if seq != lineNumber {
                let message = seq > lineNumber
                    ? "record \(lineNumber) is missing (found seq \(seq))"
                    : "seq \(seq) where \(lineNumber) was expected (record inserted, repeated or reordered)"
                result.problems.append("\(path):\(lineNumber): \(message)")
                return nil
            }
            if let expected = prevHash {
                if prev != expected {
                    result.problems.append("\(path):\(lineNumber - 1): record altered: its SHA-256 does not match prev in line \(lineNumber)")
                    return nil
                }
            } else if prev != HashChain.genesis, let before = previousFileHash, prev != before {
                result.problems.append("\(path):1: prev matches neither 64 zeros nor the last record of the previous file in this series")
                return nil
            }
            prevHash = Hex.encode(SHA256.hash(Array(line)))
            result.records += 1
        }
        return prevHash
    }
}
