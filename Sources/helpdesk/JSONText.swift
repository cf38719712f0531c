import HelpdeskCore

/// Writes the few JSON shapes the engine's commands print, with keys in a fixed order
/// (`text`, `intent`, `confidence`, `entities`) so output is stable and diffable. All JSON writing
/// of classify/eval lives here; string escaping is the shared JSON module's.
enum JSONText {
    static func string(_ s: String) -> String { JSONWriter.quoted(s) }

    static func number(_ x: Double) -> String {
        let r = (x * 1000).rounded() / 1000
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    /// An object from ordered (key, already-encoded value) pairs.
    static func object(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }
}
