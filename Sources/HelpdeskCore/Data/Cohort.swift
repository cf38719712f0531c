/// One run of a training programme (an *angkatan*): when it starts and ends, how it is taught
/// and where. Read from `Data/cohorts.csv`; the schedule handler answers questions from these.
public struct Cohort: Sendable, Equatable {
    public var program: String
    public var cohort: Int
    public var start: Day
    public var end: Day
    public var mode: String
    public var location: String
    public var seats: Int?
    public var notes: String

    public init(program: String, cohort: Int, start: Day, end: Day, mode: String, location: String, seats: Int? = nil, notes: String = "") {
        self.program = program
        self.cohort = cohort
        self.start = start
        self.end = end
        self.mode = mode
        self.location = location
        self.seats = seats
        self.notes = notes
    }
}

/// Cohort numbers as people write them: "3", "III", "iii".
public enum CohortNumber {
    public static func parse(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let n = Int(t), n > 0, n < 1000 { return n }
        let values: [Character: Int] = ["i": 1, "v": 5, "x": 10, "l": 50]
        var total = 0
        var previous = 0
        for ch in t.lowercased().reversed() {
            guard let v = values[ch] else { return nil }
            total += v < previous ? -v : v
            previous = max(previous, v)
        }
        return total > 0 ? total : nil
    }
}
