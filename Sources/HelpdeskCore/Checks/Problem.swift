/// One thing wrong with a file staff edit by hand (a CSV row, a reply template), located so a
/// person can fix it: printed as `path:line: message`. Validation and reload return lists of
/// these instead of throwing, so one bad row never stops the server or hides the other problems.
public struct Problem: Sendable, Equatable, CustomStringConvertible, Error {
    public var path: String
    public var line: Int
    public var message: String

    public init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    /// `path:line: message`, or `path: message` for a problem with the whole file (line 0).
    public var description: String { line > 0 ? "\(path):\(line): \(message)" : "\(path): \(message)" }
}
