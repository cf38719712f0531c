/// How many working days each complaint category may take before it must be answered (the
/// service-level target). Defaults follow the usual public-complaint tiers: light 2, normative 5,
/// no investigation 14, needing investigation (integrity, extortion) 60. Staff can override them
/// per category in `Data/service_levels.csv` (`category`, `working_days`).
public struct ServiceLevels: Sendable, Equatable {
    public var workingDays: [ComplaintCategory: Int]

    public static let defaults = ServiceLevels(workingDays: [
        .lms: 2, .schedule: 2, .service: 5, .trainer: 5, .other: 14, .integrity: 60,
    ])

    public init(workingDays: [ComplaintCategory: Int]) { self.workingDays = workingDays }

    public func days(for category: ComplaintCategory) -> Int {
        workingDays[category] ?? ServiceLevels.defaults.workingDays[category] ?? 14
    }

    /// Reads overrides from a table; unknown categories and bad numbers are problems, the rest applies.
    static func parse(_ table: CSVTable) -> (ServiceLevels, [Problem]) {
        var levels = ServiceLevels.defaults
        var problems = table.missingColumns(["category", "working_days"])
        guard problems.isEmpty else { return (levels, problems) }
        for row in table.rows {
            let name = table.value("category", in: row).lowercased()
            guard let category = ComplaintCategory(rawValue: name) else {
                problems.append(Problem(path: table.path, line: row.line, message: "unknown category '\(name)' (expected one of \(ComplaintCategory.allCases.map(\.rawValue).joined(separator: ", ")))"))
                continue
            }
            guard let days = Int(table.value("working_days", in: row)), (1...365).contains(days) else {
                problems.append(Problem(path: table.path, line: row.line, message: "working_days must be a whole number from 1 to 365"))
                continue
            }
            levels.workingDays[category] = days
        }
        return (levels, problems)
    }
}

/// Counts working days in Asia/Jakarta: Saturdays, Sundays, national holidays and *cuti
/// bersama* (from `Data/holidays.csv`) are skipped.
public struct WorkingDays: Sendable {
    public let holidays: Set<Day>

    public init(holidays: Set<Day>) { self.holidays = holidays }

    public func isWorkingDay(_ day: Day) -> Bool { !day.isWeekend && !holidays.contains(day) }

    /// The day `count` working days after `day` (the day itself is not counted).
    public func adding(_ count: Int, to day: Day) -> Day {
        var d = day
        var left = count
        while left > 0 {
            d = d.adding(days: 1)
            if isWorkingDay(d) { left -= 1 }
        }
        return d
    }
}
