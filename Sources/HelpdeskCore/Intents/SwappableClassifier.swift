import Foundation
import Synchronization

/// The classifier the running desk reads through, so a rebuilt intent model (after a reviewed
/// message was added to the catalog) can replace the old one without restarting the server or
/// dropping a connection. Each message costs one uncontended `Mutex` lock to copy the current
/// reference; the models themselves stay immutable and are shared read-only as before.
public final class SwappableClassifier: Classifying {
    private let model: Mutex<any Classifying>

    public init(_ initial: any Classifying) {
        model = Mutex(initial)
    }

    /// The model now in service.
    public var current: any Classifying { model.withLock { $0 } }

    /// Puts `new` in service; messages already being classified finish with the old one.
    public func swap(_ new: any Classifying) {
        model.withLock { $0 = new }
    }

    public func classify(_ text: String, now: Date) -> Classification {
        current.classify(text, now: now)
    }
}
