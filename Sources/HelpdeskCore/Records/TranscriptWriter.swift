import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// The server's recorder: appends one redacted, pseudonymised, hash-chained JSON line per
/// exchange to `Transcripts/transcript-YYYY-MM-DD.jsonl` (Jakarta day). `record` only appends
/// to a Mutex-protected buffer (and feeds `LiveMetrics`), so the request path never waits on
/// disk; the writer's own thread (`FlushThread`, which never preempts an event loop) flushes
/// every `flushInterval` (a quarter second), sooner when `flushBatch` exchanges are waiting, and
/// `flush()` forces it, so a crash loses at most the last
/// interval and a busy server never holds more than a small batch in memory (a second's worth at
/// 16k exchanges/s made the resident size swing by 100 MB). The file is synchronised to disk at
/// most once per interval (and by `flush()`), not per batch: a batch is small (64 exchanges,
/// a quarter of a millisecond of work) so that the writer's work comes in short slices beside
/// the event loops instead of bursts of several milliseconds on the same cores, which were most
/// of the closed-loop p99 (batches of 2048 -> 256 -> 64: p99 5.4-6.4 -> 3.2-4.6 -> 2.6-3.2 ms;
/// docs/PERFORMANCE.md). Old files are pruned at start and once a day.
public final class TranscriptWriter: ExchangeRecording {
    public struct Configuration: Sendable {
        public var directory: URL
        /// Files of days older than this are removed; nil keeps everything.
        public var retentionDays: Int?
        public var flushInterval: Double
        /// Buffered exchanges that trigger a flush before the interval is up.
        public var flushBatch: Int
        /// Exchanges held in memory at most; beyond it new ones are dropped (and counted).
        public var maxBuffered: Int
        /// Whether to start the background flush thread (tests call `flush()` themselves).
        public var autoFlush: Bool

        public init(directory: URL, retentionDays: Int? = 90, flushInterval: Double = 0.25, flushBatch: Int = 64,
                    maxBuffered: Int = 100_000, autoFlush: Bool = true) {
            self.directory = directory
            self.retentionDays = retentionDays
            self.flushInterval = flushInterval
            self.flushBatch = flushBatch
            self.maxBuffered = maxBuffered
            self.autoFlush = autoFlush
        }
    }

    private struct Output: ~Copyable {
        var day: String?
        var handle: FileHandle?
        var chain = HashChain()
        var lastPrunedDay = Int.min
        /// User key → pseudonym, so a busy user costs one HMAC, not one per line; bounded.
        var pseudonyms: [String: String] = [:]
        var caches = TranscriptLineCaches()  // recent replies' and users' quoted bytes
        /// The bytes being written, kept between flushes (lent to `flush` while it runs): one
        /// buffer of about `chunkBytes` for the writer's life instead of one sized to each batch.
        var chunk: LineBuffer?
        /// The exchange list `flush` swaps with the pending one: two lists alternate and keep
        /// their capacity, so a flush allocates no list.
        var spare: [Exchange] = []
        /// Lines written since the file was last synchronised, and when that was (monotonic ns).
        var unsynced = false
        var lastSync: UInt64 = 0, syncs = 0
    }

    /// Written out whenever this much is waiting, so the buffer stays near this size however
    /// large a batch is (a buffer sized per batch, megabytes each and different every time,
    /// left the allocator's heap to grow in steps over a long busy run).
    static let chunkBytes = 256 * 1024

    /// Pseudonyms kept in `Output` at most; the cache is emptied when it is full.
    private static let pseudonymCacheLimit = 10_000

    public let configuration: Configuration
    public let metrics: LiveMetrics?
    private let redactor = Redactor()
    private let pseudonym: Pseudonym
    private let buffer = Mutex<[Exchange]>([])
    private let dropped = Atomic<Int>(0)
    private let output = Mutex(Output())
    private let thread = Mutex<FlushThread?>(nil)

    public init(configuration: Configuration, pseudonym: Pseudonym, metrics: LiveMetrics? = nil) throws {
        self.configuration = configuration
        self.pseudonym = pseudonym
        self.metrics = metrics
        do {
            try FileManager.default.createDirectory(at: configuration.directory, withIntermediateDirectories: true)
        } catch {
            throw RecordsError("\(configuration.directory.path): cannot create the transcripts folder")
        }
        pruneIfDue(now: Date())
        if configuration.autoFlush { startThread() }
    }

    deinit { thread.withLock { $0?.stop(waiting: false) } }

    /// How many times the current writer synchronised its file to disk (for tests of the policy).
    var synchronisations: Int { output.withLock { $0.syncs } }

    /// Exchanges dropped because the buffer was full (the disk could not keep up).
    public var droppedCount: Int { dropped.load(ordering: .relaxed) }

    public func record(_ exchange: Exchange) {
        metrics?.observe(exchange)
        let (accepted, count) = buffer.withLock { pending -> (Bool, Int) in
            guard pending.count < configuration.maxBuffered else { return (false, pending.count) }
            pending.append(exchange)
            return (true, pending.count)
        }
        if !accepted { dropped.add(1, ordering: .relaxed) }
        if count == configuration.flushBatch, configuration.autoFlush {
            thread.withLock { $0?.signal() }
        }
    }

    /// Writes every buffered exchange and synchronises the file to disk.
    public func flush() {
        flush(synchronising: .always)
    }

    private enum Sync { case always, whenDue }

    /// Writes every buffered exchange; synchronises the file `.always`, or `.whenDue`: when the
    /// last synchronisation is at least `flushInterval` old (a full batch between two timer ticks
    /// is written at once but synchronised with the next tick's).
    private func flush(synchronising sync: Sync) {
        output.withLock { out in
            // Taken under the output lock so that two concurrent flushes keep arrival order.
            var batch: [Exchange] = []
            swap(&batch, &out.spare)
            buffer.withLock { pending in swap(&pending, &batch) }
            var chunk = out.chunk.take() ?? LineBuffer(capacity: TranscriptWriter.chunkBytes + 16 * 1024)
            chunk.removeAll()
            var times = TimestampCache()
            // The Jakarta day of the last exchange, by day number: the name is made only when it changes.
            var lastDay: (number: Int64, name: String)?
            // The pseudonym cache is taken out of `out` for the loop, so that the look-up closure and
            // the chain (read where the line is written) are separate accesses; the same for replies.
            var names: [String: String] = [:]
            swap(&names, &out.pseudonyms)
            var caches = TranscriptLineCaches()
            swap(&caches, &out.caches)
            for index in batch.indices {
                let number = JakartaTime.dayIndex(batch[index].arrived)
                let day: String
                if let lastDay, lastDay.number == number { day = lastDay.name } else {
                    day = JakartaTime.day(batch[index].arrived)
                    lastDay = (number, day)
                }
                if day != out.day {
                    write(chunk, to: &out)
                    chunk.removeAll()
                    open(day: day, into: &out)
                }
                let start = chunk.count
                batch[index].appendTranscriptLine(chain: out.chain, redactor: redactor, pseudonymOf: { user in
                    if let known = names[user] { return known }
                    if names.count >= TranscriptWriter.pseudonymCacheLimit { names.removeAll(keepingCapacity: true) }
                    let p = pseudonym.of(user)
                    names[user] = p
                    return p
                }, to: &chunk, times: &times, caches: &caches)
                out.chain.append(lineBytes: chunk.bytes(from: start))
                chunk.append(UInt8(ascii: "\n"))
                if chunk.count >= TranscriptWriter.chunkBytes {
                    write(chunk, to: &out)
                    chunk.removeAll()
                }
            }
            swap(&names, &out.pseudonyms)
            swap(&caches, &out.caches)
            write(chunk, to: &out)
            chunk.removeAll()
            out.chunk = consume chunk
            if !batch.isEmpty { out.unsynced = true }
            let now = DispatchTime.now().uptimeNanoseconds
            if out.unsynced, sync == .always || Double(now &- out.lastSync) >= configuration.flushInterval * 1e9 {
                try? out.handle?.synchronize()
                out.unsynced = false
                out.lastSync = now
                out.syncs += 1
            }
            batch.removeAll(keepingCapacity: true)
            out.spare = batch
        }
        pruneIfDue(now: Date())
    }

    /// Flushes, closes the current file and runs `body` while no flush can write (for
    /// `PersonalDataEraser`, which rewrites and re-chains files); the next flush reopens the
    /// file and resumes its chain from the rewritten bytes.
    public func pausingOutput(_ body: () -> Void) {
        flush()
        output.withLock { out in
            try? out.handle?.close()
            out.handle = nil
            out.day = nil
            body()
        }
    }

    /// Stops the flush thread and flushes (at shutdown).
    public func close() {
        let stopped = thread.withLock { t -> FlushThread? in defer { t = nil }; return t }
        stopped?.stop(waiting: true)
        flush()
        output.withLock { out in
            try? out.handle?.close()
            out.handle = nil
            out.day = nil
        }
    }

    /// Writes the whole of `chunk` to the current file with `write(2)` (no copy into `Data`).
    private func write(_ chunk: borrowing LineBuffer, to out: inout Output) {
        guard chunk.count > 0, let handle = out.handle else { return }
        let fd = handle.fileDescriptor
        var done = 0
        while done < chunk.count {
            let n = systemWrite(fd, chunk.base + done, chunk.count - done)
            if n > 0 { done += n; continue }
            if n < 0, errno == EINTR { continue }
            let reason = n < 0 ? String(cString: strerror(errno)) : "wrote nothing"
            Log.error("transcripts: cannot write \(out.day.map(TranscriptFiles.name) ?? "?"): \(reason)")
            return
        }
    }

    /// Opens (appending) the file of `day`, recovering its chain and cutting a torn last line.
    private func open(day: String, into out: inout Output) {
        if out.unsynced { try? out.handle?.synchronize() }
        out.unsynced = false
        try? out.handle?.close()
        out.handle = nil
        out.day = day
        let url = configuration.directory.appendingPathComponent(TranscriptFiles.name(day: day))
        let fm = FileManager.default
        let start = HashChain(seq: 0, prev: previousDayHash(before: day))
        if !fm.fileExists(atPath: url.path) {
            _ = fm.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o640])
        }
        do {
            let handle = try FileHandle(forUpdating: url)
            let existing = try handle.readToEnd() ?? Data()
            let (chain, torn) = HashChain.resume(contents: [UInt8](existing), start: start)
            if torn > 0 {
                Log.warning("\(url.path): cut a torn last line of \(torn) bytes")
                try handle.truncate(atOffset: UInt64(existing.count - torn))
            }
            try handle.seekToEnd()
            out.handle = handle
            out.chain = chain
        } catch {
            Log.error("\(url.path): cannot open the transcript: \(error)")
        }
    }

    /// The hash of the last line of the latest transcript before `day`, else 64 zeros.
    private func previousDayHash(before day: String) -> String {
        guard let earlier = TranscriptFiles.list(configuration.directory).last(where: { $0.day < day }),
              let data = FileManager.default.contents(atPath: earlier.url.path) else { return HashChain.genesis }
        return HashChain.resume(contents: [UInt8](data)).chain.prev
    }

    private func pruneIfDue(now: Date) {
        guard let keep = configuration.retentionDays else { return }
        let today = JakartaTime.dayNumber(of: now)
        let due = output.withLock { out -> Bool in
            guard out.lastPrunedDay != today else { return false }
            out.lastPrunedDay = today
            return true
        }
        guard due else { return }
        for name in TranscriptFiles.prune(configuration.directory, keepDays: keep, today: today) {
            Log.info("transcripts: removed \(name) (older than \(keep) days)")
        }
    }

    /// A full batch is written at once and synchronised when due; the interval's round
    /// synchronises whatever is unsynced.
    private func startThread() {
        let flusher = FlushThread(name: "transcripts", interval: configuration.flushInterval) { [weak self] timedOut in
            self?.flush(synchronising: timedOut ? .always : .whenDue)
        }
        thread.withLock { $0 = flusher }
    }

    /// The flush thread's scheduling policy once it runs (for tests).
    var flushThreadPolicy: Int32? { thread.withLock { $0?.runningPolicy } }
}

/// `write(2)`, named apart from the writer's own `write(_:to:)`.
private func systemWrite(_ fd: Int32, _ bytes: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
    write(fd, bytes, count)
}
