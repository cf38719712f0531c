import Foundation

/// Everything the service handlers know, read from one `Data/` folder: cohorts, participants,
/// holidays and service levels. Immutable once loaded; a reload builds a new value and the desk
/// swaps it in whole, so a request never sees half-old, half-new data. Loading never throws:
/// it returns the problems found (`path:line: message`) and the caller keeps the last good value.
public struct ServiceData: Sendable {
    public let cohorts: [Cohort]
    public let participantsByID: [String: Participant]
    public let participantsByNIP: [String: [Participant]]
    public let holidays: [Holiday]
    public let serviceLevels: ServiceLevels
    /// The complaint stage clocks (`Data/complaint_clocks.csv`, defaults when absent).
    public let complaintClocks: ComplaintClocks
    /// Canonical programme names with the aliases people use ("PKA", "revolusi mental").
    public let programs: [(canonical: String, aliases: [String])]
    /// Every programme name and alias lowered once at load, in `programs` order, for the
    /// schedule handler's per-message search (it used to lower each alias on every query).
    let programMatchers: [ProgramMatcher]
    public let workingDays: WorkingDays

    public init(cohorts: [Cohort], participants: [Participant], holidays: [Holiday],
                serviceLevels: ServiceLevels = .defaults, aliases: [String: [String]] = [:],
                complaintClocks: ComplaintClocks = .defaults) {
        self.complaintClocks = complaintClocks
        self.cohorts = cohorts.sorted { ($0.start, $0.program) < ($1.start, $1.program) }
        var byID: [String: Participant] = [:]
        var byNIP: [String: [Participant]] = [:]
        for p in participants {
            byID[p.registrationID] = p
            byNIP[p.nip, default: []].append(p)
        }
        self.participantsByID = byID
        self.participantsByNIP = byNIP
        self.holidays = holidays
        self.serviceLevels = serviceLevels
        var names: [String] = []
        for c in self.cohorts where !names.contains(c.program) { names.append(c.program) }
        self.programs = names.map { ($0, aliases[$0] ?? []) }
        self.programMatchers = programs.flatMap { p in ([p.canonical] + p.aliases).map { ProgramMatcher(canonical: p.canonical, name: $0) } }
        self.workingDays = WorkingDays(holidays: Set(holidays.map(\.day)))
    }

    public static let empty = ServiceData(cohorts: [], participants: [], holidays: [])

    /// Loads the folder. `data` is nil only when a required file is unreadable or malformed as a whole;
    /// bad rows are skipped and reported while the good ones load.
    public static func load(directory: String) -> (data: ServiceData?, problems: [Problem]) {
        var problems: [Problem] = []
        func table(_ name: String, optional: Bool = false) -> CSVTable? {
            let path = (directory as NSString).appendingPathComponent(name)
            if optional && !FileManager.default.fileExists(atPath: path) { return nil }
            switch CSVReader.read(path: path) {
            case .success(let t): return t
            case .failure(let p): problems.append(p); return nil
            }
        }
        let cohortTable = table("cohorts.csv")
        let participantTable = table("participants.csv")
        let holidayTable = table("holidays.csv")
        let levelTable = table("service_levels.csv", optional: true)
        let clockTable = table("complaint_clocks.csv", optional: true)

        var cohorts: [Cohort] = []
        var aliases: [String: [String]] = [:]
        if let t = cohortTable {
            let (c, a, p) = parseCohorts(t)
            cohorts = c; aliases = a; problems += p
        }
        var participants: [Participant] = []
        if let t = participantTable {
            let (ps, p) = parseParticipants(t, programs: Set(cohorts.map(\.program)))
            participants = ps; problems += p
        }
        var holidays: [Holiday] = []
        if let t = holidayTable {
            let (h, p) = parseHolidays(t)
            holidays = h; problems += p
        }
        var levels = ServiceLevels.defaults
        if let t = levelTable {
            let (l, p) = ServiceLevels.parse(t)
            levels = l; problems += p
        }
        var clocks = ComplaintClocks.defaults
        if let t = clockTable {
            let (c, p) = ComplaintClocks.parse(t)
            clocks = c; problems += p
        }
        guard cohortTable != nil, participantTable != nil, holidayTable != nil else { return (nil, problems) }
        return (ServiceData(cohorts: cohorts, participants: participants, holidays: holidays, serviceLevels: levels, aliases: aliases, complaintClocks: clocks), problems)
    }

    /// Every problem in the folder, for `helpdesk check`.
    public static func validate(directory: String) -> [Problem] { load(directory: directory).problems }

    /// The programme names and aliases the intent engine's extractor recognises.
    public var programNames: [(canonical: String, aliases: [String])] { programs }

    /// Programme names and aliases of the data in `directory` (empty when it cannot be read).
    public static func programNames(directory: String) -> [(canonical: String, aliases: [String])] {
        load(directory: directory).data?.programs ?? []
    }

    static func parseCohorts(_ t: CSVTable) -> ([Cohort], [String: [String]], [Problem]) {
        var problems = t.missingColumns(["program", "cohort", "start", "end", "mode", "location"])
        guard problems.isEmpty else { return ([], [:], problems) }
        var cohorts: [Cohort] = []
        var aliases: [String: [String]] = [:]
        for row in t.rows {
            func bad(_ m: String) { problems.append(Problem(path: t.path, line: row.line, message: m)) }
            let program = t.value("program", in: row)
            guard !program.isEmpty else { bad("program is empty"); continue }
            guard let number = CohortNumber.parse(t.value("cohort", in: row)) else { bad("cohort '\(t.value("cohort", in: row))' is not a cohort number"); continue }
            guard let start = Day(iso: t.value("start", in: row)) else { bad("start '\(t.value("start", in: row))' is not a date YYYY-MM-DD"); continue }
            guard let end = Day(iso: t.value("end", in: row)) else { bad("end '\(t.value("end", in: row))' is not a date YYYY-MM-DD"); continue }
            guard end >= start else { bad("end \(end) is before start \(start)"); continue }
            let seatsText = t.value("seats", in: row)
            let seats = Int(seatsText)
            if !seatsText.isEmpty && seats == nil { bad("seats '\(seatsText)' is not a number"); continue }
            if cohorts.contains(where: { $0.program == program && $0.cohort == number && $0.start.civil.year == start.civil.year }) {
                bad("duplicate cohort \(number) of '\(program)' in \(start.civil.year)"); continue
            }
            for alias in t.value("aliases", in: row).split(separator: ";") {
                let a = alias.trimmingCharacters(in: .whitespaces)
                if !a.isEmpty && !(aliases[program]?.contains(a) ?? false) { aliases[program, default: []].append(a) }
            }
            cohorts.append(Cohort(program: program, cohort: number, start: start, end: end, mode: t.value("mode", in: row),
                                  location: t.value("location", in: row), seats: seats, notes: t.value("notes", in: row)))
        }
        return (cohorts, aliases, problems)
    }

    static func parseParticipants(_ t: CSVTable, programs: Set<String>) -> ([Participant], [Problem]) {
        var problems = t.missingColumns(["registration_id", "nip", "name", "program", "cohort", "status"])
        guard problems.isEmpty else { return ([], problems) }
        var result: [Participant] = []
        var seen = Set<String>()
        for row in t.rows {
            func bad(_ m: String) { problems.append(Problem(path: t.path, line: row.line, message: m)) }
            let rawID = t.value("registration_id", in: row)
            guard let id = Identifiers.registrationID(in: rawID), id.count == rawID.count || rawID.uppercased() == id else {
                bad("registration_id '\(rawID)' is not REG-YYYY-NNNNN"); continue
            }
            guard seen.insert(id).inserted else { bad("duplicate registration_id \(id)"); continue }
            let nip = t.value("nip", in: row).filter { $0 != " " }
            guard nip.count == 18, nip.allSatisfy({ $0.isASCII && $0.isNumber }) else { bad("nip must be 18 digits"); continue }
            let name = t.value("name", in: row)
            guard !name.isEmpty else { bad("name is empty"); continue }
            let program = t.value("program", in: row)
            if !programs.isEmpty && !programs.contains(program) { bad("program '\(program)' is not in cohorts.csv"); continue }
            guard let cohort = CohortNumber.parse(t.value("cohort", in: row)) else { bad("cohort '\(t.value("cohort", in: row))' is not a cohort number"); continue }
            let statusText = t.value("status", in: row).lowercased()
            guard let status = Participant.Status(rawValue: statusText) else {
                bad("status '\(statusText)' is not one of \(Participant.Status.allCases.map(\.rawValue).joined(separator: ", "))"); continue
            }
            result.append(Participant(registrationID: id, nip: nip, name: name, program: program, cohort: cohort, status: status))
        }
        return (result, problems)
    }

    static func parseHolidays(_ t: CSVTable) -> ([Holiday], [Problem]) {
        var problems = t.missingColumns(["date", "name"])
        guard problems.isEmpty else { return ([], problems) }
        var result: [Holiday] = []
        for row in t.rows {
            guard let day = Day(iso: t.value("date", in: row)) else {
                problems.append(Problem(path: t.path, line: row.line, message: "date '\(t.value("date", in: row))' is not a date YYYY-MM-DD")); continue
            }
            result.append(Holiday(day: day, name: t.value("name", in: row)))
        }
        return (result, problems)
    }
}

/// One programme name or alias as the schedule handler searches for it: lowered, with the
/// spaced forms it looks for, and its length in characters.
struct ProgramMatcher: Sendable {
    let canonical: String
    let lowered: String
    let spaced: String
    let questioned: String
    let length: Int
    /// Whether this is the canonical name itself, not an alias.
    let isCanonical: Bool

    init(canonical: String, name: String) {
        self.canonical = canonical
        isCanonical = name == canonical
        lowered = name.lowercased()
        spaced = " " + lowered + " "
        questioned = " " + lowered + "?"
        length = lowered.count
    }
}
