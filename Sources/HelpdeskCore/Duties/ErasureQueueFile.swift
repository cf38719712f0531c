import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `Transcripts/erasures.json`, the snapshot of the erasure queue: one object with `version` 1
/// and `erasures`, an array of `{"user","open_tickets","at"}` (one a line, `at` as
/// `Timestamp.iso8601`). It holds user keys, so it is mode 0600. Every change writes the whole
/// snapshot to `erasures.json.tmp` beside it, fsyncs it, renames it over the old file and fsyncs
/// the folder, so a crash leaves the old or the new file, never a torn one. Reading is strict:
/// anything unexpected makes the whole file malformed, and `load` sets it aside.
public enum ErasureQueueFile {
    public static let version = 1

    /// The entries in `path`; none when the file is missing. A file that cannot be read or parsed
    /// is renamed to `path.bad-<UTC time>` and described in the returned problem.
    public static func load(path: String, now: Date = Date()) -> ([ErasureQueue.Entry], Problem?) {
        unlink(path + ".tmp")   // left by a crash mid-write; the snapshot itself is whole
        let fm = FileManager.default
        guard fm.fileExists(atPath: path) else { return ([], nil) }
        let problem: Problem
        if let data = fm.contents(atPath: path) {
            do throws(Malformed) {
                return (try parse([UInt8](data)), nil)
            } catch {
                problem = Problem(path: path, line: error.line, message: error.message)
            }
        } else {
            problem = Problem(path: path, line: 0, message: "cannot read the file")
        }
        let outcome: String
        do throws(RecordsError) {
            outcome = "is kept as " + (try setAside(path, now: now) as NSString).lastPathComponent
        } catch {
            outcome = "could not be set aside (\(error.description))"
        }
        return ([], Problem(path: problem.path, line: problem.line,
                            message: "\(problem.message); the erasure queue starts empty and the file \(outcome)"))
    }

    /// What is wrong with a snapshot: a message and its line (0 for the whole file).
    public struct Malformed: Error, Sendable, Equatable {
        public var line: Int
        public var message: String
    }

    /// The entries of a snapshot's bytes.
    public static func parse(_ bytes: [UInt8]) throws(Malformed) -> [ErasureQueue.Entry] {
        let root: JSONValue
        do throws(JSONParseError) {
            root = try JSONParser.parse(bytes)
        } catch {
            let line = bytes.prefix(min(error.offset, bytes.count)).reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
            throw Malformed(line: line, message: "not JSON: \(error.message)")
        }
        guard root.objectValue != nil else { throw Malformed(line: 0, message: "expected an object with \"erasures\"") }
        guard root["version"]?.doubleValue == Double(version) else {
            throw Malformed(line: 0, message: "expected \"version\":\(version)")
        }
        guard let list = root["erasures"]?.arrayValue else { throw Malformed(line: 0, message: "expected an \"erasures\" array") }
        var entries: [ErasureQueue.Entry] = []
        for (i, item) in list.enumerated() {
            let which = "erasure \(i + 1)"
            guard let user = item["user"]?.stringValue, !user.isEmpty else {
                throw Malformed(line: 0, message: "\(which): expected a non-empty \"user\"")
            }
            guard let tickets = item["open_tickets"]?.arrayValue?.compactMap(\.stringValue),
                  tickets.count == item["open_tickets"]?.arrayValue?.count else {
                throw Malformed(line: 0, message: "\(which): expected \"open_tickets\" as an array of strings")
            }
            guard let text = item["at"]?.stringValue, let at = TranscriptRecord.parseTimestamp(text) else {
                throw Malformed(line: 0, message: "\(which): expected \"at\" as YYYY-MM-DDTHH:MM:SS.fffZ")
            }
            entries.append(ErasureQueue.Entry(user: user, openTickets: tickets, at: at))
        }
        return entries
    }

    /// The snapshot's text: `{"version":1,"erasures":[` then one entry a line.
    public static func encode(_ entries: [ErasureQueue.Entry]) -> [UInt8] {
        var w = JSONWriter(capacity: 64 + entries.count * 96)
        w.beginObject()
        w.field("version")
        w.int(version)
        w.field("erasures")
        w.beginArray()
        for e in entries {
            w.element()
            w.bytes.append(UInt8(ascii: "\n"))
            w.beginObject()
            w.field("user")
            w.string(e.user)
            w.field("open_tickets")
            w.beginArray()
            for t in e.openTickets {
                w.element()
                w.string(t)
            }
            w.endArray()
            w.field("at")
            w.string(Timestamp.iso8601(e.at))
            w.endObject()
        }
        if !entries.isEmpty { w.bytes.append(UInt8(ascii: "\n")) }
        w.endArray()
        w.endObject()
        w.bytes.append(UInt8(ascii: "\n"))
        return w.bytes
    }

    /// Replaces `path` with the snapshot of `entries`: temp file, fsync, rename, fsync the folder.
    public static func write(_ entries: [ErasureQueue.Entry], path: String) throws(RecordsError) {
        let tmp = path + ".tmp"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw RecordsError("\(tmp): cannot create: \(String(cString: strerror(errno)))") }
        do throws(RecordsError) {
            guard fchmod(fd, 0o600) == 0 else { throw RecordsError("\(tmp): cannot set mode 0600: \(String(cString: strerror(errno)))") }
            try ChainedLog.writeAll(encode(entries), fd: fd, path: tmp)
        } catch {
            close(fd)
            unlink(tmp)
            throw error
        }
        close(fd)
        guard rename(tmp, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(tmp)
            throw RecordsError("\(path): cannot replace the file: \(reason)")
        }
        let dir = (path as NSString).deletingLastPathComponent
        let dfd = open(dir.isEmpty ? "." : dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 {
            _ = fsync(dfd)
            close(dfd)
        }
    }

    /// Renames `path` to `path.bad-YYYYMMDDTHHMMSSZ` (with `-2`, `-3`, ... if that exists);
    /// returns the new path.
    static func setAside(_ path: String, now: Date) throws(RecordsError) -> String {
        let iso = Timestamp.iso8601(now)
        let stamp = String(iso.prefix(19).filter { $0 != "-" && $0 != ":" }) + "Z"
        var target = path + ".bad-" + stamp
        var n = 1
        while FileManager.default.fileExists(atPath: target) {
            n += 1
            target = path + ".bad-" + stamp + "-\(n)"
        }
        guard rename(path, target) == 0 else { throw RecordsError("rename to \(target): \(String(cString: strerror(errno)))") }
        return target
    }
}
