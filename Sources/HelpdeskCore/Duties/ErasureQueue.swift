import Foundation
import Synchronization

/// Erasure requests that could not be carried out at once (a complaint still being handled, or a
/// failure), for supervisors: the server lists them and runs `PersonalDataEraser` once the
/// complaints close. Opened on a folder (`DutyRecords.open` uses `Transcripts/`), the queue is
/// kept in `erasures.json` (see `ErasureQueueFile`) and rewritten atomically on every change, so
/// a request the citizen was told is queued survives a restart; a malformed or unreadable file
/// is set aside and reported, never fatal, and the queue starts empty. `init()` keeps the queue
/// in memory only (tests, a desk without duty records).
public final class ErasureQueue: Sendable {
    public struct Entry: Sendable, Equatable {
        public var user: String
        public var openTickets: [String]
        public var at: Date

        public init(user: String, openTickets: [String], at: Date) {
            self.user = user
            self.openTickets = openTickets
            self.at = at
        }
    }

    public static let fileName = "erasures.json"

    /// The file the queue is kept in; nil when it lives in memory only.
    public let path: String?
    /// What was wrong with the file on open (it was set aside and the queue started empty).
    public let problem: Problem?
    private let entries: Mutex<[Entry]>

    /// A queue in memory only: a restart forgets it.
    public init() {
        path = nil
        problem = nil
        entries = Mutex([])
    }

    /// The queue kept in `directory/erasures.json`, loaded from it when it exists. A file that
    /// cannot be read or parsed is renamed to `erasures.json.bad-<time>`, logged as an error with
    /// its path, and the queue starts empty.
    public init(directory: URL) {
        let path = directory.appendingPathComponent(ErasureQueue.fileName).path
        let (loaded, problem) = ErasureQueueFile.load(path: path)
        if let problem { Log.error(problem.description) }
        self.path = path
        self.problem = problem
        entries = Mutex(loaded)
        let aside = setAside
        if !aside.isEmpty {
            // Said at every start until someone deals with them: they hold requests nobody carries out.
            Log.warning("\(directory.path): \(aside.count) set-aside erasure queue file(s) still hold requests: "
                        + aside.joined(separator: ", ") + "; repair one and put it back as \(ErasureQueue.fileName) while the "
                        + "server is stopped, or delete it once its requests are handled")
        }
    }

    /// The unreadable queue files set aside (`erasures.json.bad-<time>`) that are still in the
    /// folder, oldest first: their requests wait for an operator (retention does not touch them).
    public var setAside: [String] {
        guard let path else { return [] }
        let url = URL(fileURLWithPath: path)
        let prefix = url.lastPathComponent + ".bad-"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)) ?? []
        return names.filter { $0.hasPrefix(prefix) }.sorted()
    }

    /// Queues `entry`, replacing an earlier request of the same user, and saves the queue. When
    /// the save fails the entry is still queued in memory and the error says the file is behind.
    public func add(_ entry: Entry) throws(RecordsError) {
        try entries.withLock { (list: inout [Entry]) throws(RecordsError) in
            list.removeAll { $0.user == entry.user }
            list.append(entry)
            try save(list)
        }
    }

    public var pending: [Entry] { entries.withLock { $0 } }

    /// Drops `user`'s request and saves the queue (nothing is written when there was none).
    public func remove(user: String) throws(RecordsError) {
        try entries.withLock { (list: inout [Entry]) throws(RecordsError) in
            let before = list.count
            list.removeAll { $0.user == user }
            if list.count != before { try save(list) }
        }
    }

    /// Writes the snapshot under the lock, so files are replaced in the order the changes happened.
    private func save(_ list: [Entry]) throws(RecordsError) {
        guard let path else { return }
        try ErasureQueueFile.write(list, path: path)
    }
}
