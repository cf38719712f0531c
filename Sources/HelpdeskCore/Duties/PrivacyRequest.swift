import Foundation

/// A citizen's data-rights request, recognised in the chat before classification: to see what
/// the helpdesk holds about them (`access`) or to erase it (`erase`). The phrases live in
/// `Intents/replies/privacy.txt` (`access: phrase` / `erase: phrase`, matched in lowercased text)
/// so staff can add ways people ask; the intent catalog's labels stay as the contract fixes them
/// (these requests are answered as intent `help`, handler `privacy`).
public enum PrivacyRequest: String, Sendable, Equatable {
    case access
    case erase

    /// The phrase list; built-in defaults when the file is missing.
    public struct Phrases: Sendable {
        public var access: [String] { didSet { groups = Phrases.groups(access: access, erase: erase) } }
        public var erase: [String] { didSet { groups = Phrases.groups(access: access, erase: erase) } }
        /// Both lists compiled for one pass over the text (kept in step with the lists): bit 0
        /// erase, bit 1 access. Two `PhraseSet` searches read every message twice.
        private var groups: PhraseGroups

        public init(access: [String], erase: [String]) {
            self.access = access
            self.erase = erase
            self.groups = Phrases.groups(access: access, erase: erase)
        }

        private static func groups(access: [String], erase: [String]) -> PhraseGroups {
            PhraseGroups([erase, access])
        }

        public static let defaults = Phrases(
            access: ["data apa yang kalian simpan", "data apa yang disimpan", "lihat data saya", "data saya apa saja",
                     "what data do you hold", "what data do you have", "show my data", "see my data"],
            erase: ["hapus data saya", "hapus semua data saya", "hapus dataku", "delete my data", "erase my data", "remove my data"])

        /// Reads `directory/privacy.txt`; returns the defaults and a problem for each bad line.
        public static func load(directory: String) -> (Phrases, [Problem]) {
            let path = (directory as NSString).appendingPathComponent("privacy.txt")
            guard let data = FileManager.default.contents(atPath: path) else { return (defaults, []) }
            var phrases = Phrases(access: [], erase: [])
            var problems: [Problem] = []
            for (i, raw) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = raw.trimmingCharacters(in: .whitespaces)
                if line.isEmpty || line.hasPrefix("#") { continue }
                let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                guard parts.count == 2, !parts[1].isEmpty, let kind = PrivacyRequest(rawValue: parts[0]) else {
                    problems.append(Problem(path: path, line: i + 1, message: "expected 'access: phrase' or 'erase: phrase'"))
                    continue
                }
                if kind == .access { phrases.access.append(parts[1]) } else { phrases.erase.append(parts[1]) }
            }
            if phrases.access.isEmpty { phrases.access = defaults.access }
            if phrases.erase.isEmpty { phrases.erase = defaults.erase }
            return (phrases, problems)
        }

        /// The request `text` makes, erasure first ("hapus data saya" also names the data).
        public func match(_ text: String) -> PrivacyRequest? {
            match(lowered: text.lowercased())
        }

        /// The same for text already lowercased (the desk lowercases each message once).
        func match(lowered t: String) -> PrivacyRequest? {
            let found = groups.found(in: t)
            if found & 1 != 0 { return .erase }
            if found & 2 != 0 { return .access }
            return nil
        }
    }
}
