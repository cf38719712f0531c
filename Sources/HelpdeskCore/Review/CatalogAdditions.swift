import Foundation
import Synchronization

/// The one-step way from the review queue into the catalog: a reviewed message is appended to
/// `Intents/<intent>.txt` (under a `# added from review on YYYY-MM-DD` comment) or to the
/// evaluation file (`intent<TAB>utterance`). Adding an example runs `rebuild` (build the model
/// from the folder and put it in service) before it returns; if the rebuild fails (the line made
/// the catalog invalid, e.g. the same sentence under another intent) the file is restored to its
/// exact former bytes. Additions are serialised, so two supervisors never interleave.
public final class CatalogAdditions: Sendable {
    public enum Target: String, Sendable, CaseIterable {
        case examples
        case eval
    }

    /// Where a line went: the file and its line number.
    public struct Added: Sendable, Equatable {
        public var path: String
        public var line: Int
    }

    /// Why a line was refused (the message names the problem; the files are unchanged).
    public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    public let intentsDirectory: String
    public let evalFile: String
    private let lock = Mutex(())

    public init(intentsDirectory: String, evalFile: String) {
        self.intentsDirectory = intentsDirectory
        self.evalFile = evalFile
    }

    public func path(of intent: IntentLabel) -> String {
        (intentsDirectory as NSString).appendingPathComponent(intent.rawValue + ".txt")
    }

    /// Appends `text` for `intent` to `target`. For `.examples`, `rebuild(intentsDirectory)` must
    /// build and swap in the new model; whatever it throws undoes the append.
    public func add(_ raw: String, intent: IntentLabel, target: Target, now: Date,
                    rebuild: (String) throws -> Void) throws(Refusal) -> Added {
        let text = raw.trimmingCharacters(in: .whitespaces)
        try Self.check(text)
        return try lock.withLock { _ throws(Refusal) -> Added in
            switch target {
            case .eval:
                return try append("\(intent.rawValue)\t\(text)\n", to: evalFile)
            case .examples:
                let path = path(of: intent)
                let parsed = IntentFileParser.parse(text, label: intent, path: path)
                guard parsed.problems.isEmpty, parsed.examples.count == 1 else {
                    throw Refusal(parsed.problems.first?.message ?? "not an example line")
                }
                guard let before = FileManager.default.contents(atPath: path) else {
                    throw Refusal("\(path): cannot read the intent file")
                }
                let key = Self.key(text)
                if IntentFileParser.parse(String(decoding: before, as: UTF8.self), label: intent, path: path)
                    .examples.contains(where: { Self.key($0.text) == key }) {
                    throw Refusal("'\(text)' is already an example of \(intent.rawValue)")
                }
                let added = try append("# added from review on \(JakartaTime.day(now))\n\(text)\n", to: path)
                do {
                    try rebuild(intentsDirectory)
                } catch {
                    try? before.write(to: URL(fileURLWithPath: path))
                    throw Refusal("the catalog would not load with this line (\(error)); \(path) is unchanged")
                }
                return Added(path: path, line: added.line + 1)
            }
        }
    }

    /// One line of words: not empty, at most 500 characters, no tab or line break, not a comment.
    static func check(_ text: String) throws(Refusal) {
        guard !text.isEmpty else { throw Refusal("text is empty") }
        guard text.count <= IntentFileParser.maxExampleLength else {
            throw Refusal("text is longer than \(IntentFileParser.maxExampleLength) characters")
        }
        guard !text.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\t" }) else {
            throw Refusal("text must be one line without tabs")
        }
        guard !text.hasPrefix("#"), !Normalizer.words(text).isEmpty else { throw Refusal("text has no words") }
    }

    static func key(_ text: String) -> String { Normalizer.words(text).map(\.single).joined(separator: " ") }

    /// Appends `lines` (ending in a newline) after a newline if the file lacks a final one;
    /// returns the line number of the first appended line.
    private func append(_ lines: String, to path: String) throws(Refusal) -> Added {
        let fm = FileManager.default
        let existing = fm.contents(atPath: path) ?? Data()
        var chunk = lines
        var count = existing.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        if let last = existing.last, last != 0x0A {
            chunk = "\n" + chunk
            count += 1
        }
        do {
            if !fm.fileExists(atPath: path) {
                try fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                guard fm.createFile(atPath: path, contents: nil) else { throw Refusal("\(path): cannot create the file") }
            }
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(chunk.utf8))
            try handle.synchronize()
        } catch let refusal as Refusal {
            throw refusal
        } catch {
            throw Refusal("\(path): cannot write: \(error.localizedDescription)")
        }
        return Added(path: path, line: count + 1)
    }
}
