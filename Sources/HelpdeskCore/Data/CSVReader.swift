import Foundation

/// A CSV file as a spreadsheet exports it (RFC 4180): quoted fields may hold commas, line
/// breaks and doubled quotes; a UTF-8 byte-order mark, `\r\n` line ends and blank trailing
/// lines are tolerated. Header names are matched case-insensitively. Every row keeps the line
/// number it started on, so later checks can report `path:line: message`.
public struct CSVTable: Sendable {
    public struct Row: Sendable {
        public var line: Int
        public var fields: [String]
    }

    public let path: String
    public let header: [String]
    public let rows: [Row]
    private let index: [String: Int]

    init(path: String, header: [String], rows: [Row]) {
        self.path = path
        self.header = header
        self.rows = rows
        var index: [String: Int] = [:]
        for (i, name) in header.enumerated() where index[name.lowercased()] == nil {
            index[name.lowercased()] = i
        }
        self.index = index
    }

    /// The column number of a header name (case-insensitive), if present.
    public func column(_ name: String) -> Int? { index[name.lowercased()] }

    /// The trimmed value of `name` in `row`, or "" when the column or the cell is missing.
    public func value(_ name: String, in row: Row) -> String {
        guard let c = index[name.lowercased()], c < row.fields.count else { return "" }
        return row.fields[c].trimmingCharacters(in: .whitespaces)
    }

    /// Problems for each required column the header lacks.
    public func missingColumns(_ required: [String]) -> [Problem] {
        required.filter { column($0) == nil }.map {
            Problem(path: path, line: 1, message: "missing column '\($0)' in header")
        }
    }
}

/// Parses CSV text into a `CSVTable`, or reports where the text stops being CSV.
public enum CSVReader {
    public static func read(path: String) -> Result<CSVTable, Problem> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(Problem(path: path, line: 0, message: "cannot read file"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(Problem(path: path, line: 1, message: "not valid UTF-8"))
        }
        return parse(text, path: path)
    }

    public static func parse(_ text: String, path: String) -> Result<CSVTable, Problem> {
        var records: [CSVTable.Row] = []
        var fields: [String] = []
        var field = ""
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var quotedField = false
        var afterQuote = false
        var chars = Array(text.unicodeScalars)
        if chars.first == "\u{FEFF}" { chars.removeFirst() }
        var i = 0

        func endRecord() {
            fields.append(field)
            let blank = fields.count == 1 && fields[0].isEmpty && !quotedField
            if !blank { records.append(CSVTable.Row(line: recordLine, fields: fields)) }
            fields = []
            field = ""
            quotedField = false
            afterQuote = false
        }

        while i < chars.count {
            let c = chars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" {
                        field.unicodeScalars.append("\"")
                        i += 1
                    } else {
                        inQuotes = false
                        afterQuote = true
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
            } else if c == "," {
                fields.append(field)
                field = ""
                afterQuote = false
            } else if c == "\r" || c == "\n" {
                if c == "\r" && i + 1 < chars.count && chars[i + 1] == "\n" { i += 1 }
                endRecord()
                line += 1
                recordLine = line
            } else if c == "\"" {
                guard field.isEmpty && !afterQuote else {
                    return .failure(Problem(path: path, line: line, message: "stray quote inside an unquoted field (quote the whole field and double inner quotes)"))
                }
                inQuotes = true
                quotedField = true
            } else {
                if afterQuote {
                    if c == " " || c == "\t" { i += 1; continue }
                    return .failure(Problem(path: path, line: line, message: "unexpected text after a closing quote"))
                }
                field.unicodeScalars.append(c)
            }
            i += 1
        }
        if inQuotes {
            return .failure(Problem(path: path, line: recordLine, message: "quoted field is never closed"))
        }
        if !field.isEmpty || !fields.isEmpty || quotedField { endRecord() }
        guard let first = records.first else {
            return .failure(Problem(path: path, line: 1, message: "empty file: expected a header row"))
        }
        let header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        return .success(CSVTable(path: path, header: header, rows: Array(records.dropFirst())))
    }
}
