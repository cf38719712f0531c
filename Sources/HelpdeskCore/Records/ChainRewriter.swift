import Foundation

/// Rewrites lines of a hash-chained file (see `HashChain`) and re-chains it, for erasure and
/// retention: a changed line changes its hash, so every later `prev` is recomputed (in this file
/// and, through `start`, in the files after it in the same series). The new file is written
/// beside the old one, fsynced and renamed over it, so a crash leaves one or the other whole.
/// What changed (lines, old and new chain heads) is returned for the audit log.
public enum ChainRewriter {
    public struct Change: Sendable, Equatable {
        public var file: String
        public var lines: [Int]
        public var oldHead: String
        public var newHead: String
    }

    /// Rewrites `path`: `transform(lineNumber, line)` returns a replacement line or nil to keep it;
    /// the first line's `prev` becomes `start` when given. Returns the change (nil when no byte
    /// changed) and the file's new head (hash of its last line) for the next file of the series.
    public static func rewrite(path: String, start: String?,
                               transform: (Int, String) -> String?) throws(RecordsError) -> (change: Change?, head: String?) {
        guard let data = FileManager.default.contents(atPath: path) else { throw RecordsError("\(path): cannot read") }
        var text = String(decoding: data, as: UTF8.self)
        var torn = ""
        if !text.isEmpty, !text.hasSuffix("\n") {
            let cut = text.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
            torn = String(text[cut...])
            text = String(text[..<cut])
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        var out: [String] = []
        var changed: [Int] = []
        var prev = start
        var oldHead: String?
        for (i, line) in lines.enumerated() {
            oldHead = SHA256.hex(line)
            var new = transform(i + 1, line) ?? line
            if new != line { changed.append(i + 1) }
            if let p = prev { new = replacePrev(in: new, with: p) }
            out.append(new)
            prev = SHA256.hex(new)
        }
        guard out != lines else { return (nil, oldHead) }
        let body = out.map { $0 + "\n" }.joined() + torn
        let tmp = path + ".rewrite"
        let fm = FileManager.default
        guard fm.createFile(atPath: tmp, contents: Data(body.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw RecordsError("\(tmp): cannot write")
        }
        if let h = FileHandle(forWritingAtPath: tmp) { try? h.synchronize(); try? h.close() }
        guard rename(tmp, path) == 0 else { throw RecordsError("\(path): cannot replace the file") }
        let name = (path as NSString).lastPathComponent
        return (Change(file: name, lines: changed, oldHead: oldHead ?? HashChain.genesis, newHead: prev ?? HashChain.genesis), prev)
    }

    /// The line with the 64 hex digits after `"prev":"` replaced.
    static func replacePrev(in line: String, with hash: String) -> String {
        guard let r = line.range(of: "\"prev\":\"") else { return line }
        let start = r.upperBound
        guard let end = line.index(start, offsetBy: 64, limitedBy: line.endIndex) else { return line }
        return line.replacingCharacters(in: start..<end, with: hash)
    }
}
