// libFuzzer entry for CSVReader (Sources/HelpdeskCore/Data/CSVReader.swift).
// Invariants: no crash; on success row line numbers are increasing, start after the header and
// stay within the text's line count; on failure the problem's line is within the text too
// (so `path:line: message` always points into the file).

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    // Upper bound: CR, LF and CRLF each end one line.
    var lines = 1
    var previous: Unicode.Scalar = " "
    for s in text.unicodeScalars {
        if s == "\r" || (s == "\n" && previous != "\r") { lines += 1 }
        previous = s
    }
    switch CSVReader.parse(text, path: "fuzz.csv") {
    case .success(let table):
        var last = 1
        for row in table.rows {
            invariant(row.line > last, "row line \(row.line) not after \(last)")
            invariant(row.line <= lines, "row line \(row.line) beyond the \(lines) lines of the text")
            last = row.line
            for name in table.header { _ = table.value(name, in: row) }
        }
    case .failure(let problem):
        invariant(problem.line >= 1 && problem.line <= lines, "problem line \(problem.line) outside 1...\(lines)")
        invariant(problem.description.hasPrefix("fuzz.csv:\(problem.line): "), "problem not printed as path:line: \(problem.description)")
    }
    return 0
}
