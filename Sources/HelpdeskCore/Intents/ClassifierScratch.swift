import Glibc

/// The working storage of one classification, kept per thread and reused from message to
/// message so that classifying allocates only what it returns: the message's folded bytes and
/// words, the token references and the tokens worked out per message, the feature bag, and the
/// per-slot sums of the scoring (3.5 KB, more than `withUnsafeTemporaryAllocation` puts on the
/// stack). The model is shared by the event loops; each thread reaches its own scratch through
/// a `pthread` key (one look-up per message), so no two threads ever share one. A thread that
/// re-enters the classifier while its scratch is in use (nothing does today) gets a fresh
/// scratch for the inner call.
final class ClassifierScratch {
    /// Token references (`TextAnalyzer.analyze(folded:runs:refs:extras:lang:)`).
    var refs: [Int32] = []
    /// Tokens worked out for this message (unknown or elongated words).
    var extras: [TextAnalyzer.Token] = []
    var bag = FeatureBag()
    /// The storage of the message's `EntityInput` (folded bytes, words), lent to it per message.
    var inputBytes: [UInt8] = []
    var inputWords: [EntityInput.Word] = []
    /// Room for `sumsCapacity` floats.
    private(set) var sums: UnsafeMutablePointer<Float>
    private(set) var sumsCapacity: Int
    /// Whether a classification on this thread is using this scratch.
    private var busy = false

    init() {
        sumsCapacity = 1024
        sums = .allocate(capacity: sumsCapacity)
    }

    deinit { sums.deallocate() }

    /// `sums` with room for at least `count` floats (contents undefined).
    func sums(count: Int) -> UnsafeMutablePointer<Float> {
        if count > sumsCapacity {
            sums.deallocate()
            sumsCapacity = count
            sums = .allocate(capacity: count)
        }
        return sums
    }

    /// Messages longer than this leave no storage behind (a thread keeps what its longest
    /// message needed, and the server accepts lines up to 1 MiB when configured so).
    static let keptMessageBytes = 4096

    /// Drops the per-message storage (after a message longer than `keptMessageBytes`).
    func shrink() {
        refs = []
        extras = []
        bag = FeatureBag()
        inputBytes = []
        inputWords = []
    }

    /// Empties the per-message lists (keeping their storage).
    func reset() {
        refs.removeAll(keepingCapacity: true)
        if !extras.isEmpty { extras.removeAll(keepingCapacity: true) }
    }

    /// Calls `body` with this thread's scratch (or, re-entered, a fresh one).
    @inline(__always)
    static func with<R>(_ body: (ClassifierScratch) -> R) -> R {
        let scratch = current
        if scratch.busy { return body(ClassifierScratch()) }
        scratch.busy = true
        defer { scratch.busy = false }
        return body(scratch)
    }

    /// This thread's scratch, made on first use and released when the thread exits.
    static var current: ClassifierScratch {
        if let p = pthread_getspecific(key) { return Unmanaged<ClassifierScratch>.fromOpaque(p).takeUnretainedValue() }
        let scratch = ClassifierScratch()
        pthread_setspecific(key, Unmanaged.passRetained(scratch).toOpaque())
        return scratch
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let status = pthread_key_create(&key) { p in
            if let p { Unmanaged<ClassifierScratch>.fromOpaque(p).release() }
        }
        precondition(status == 0, "pthread_key_create failed")
        return key
    }()
}
