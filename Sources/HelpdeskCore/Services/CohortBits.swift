/// The cohorts a schedule question selects, worked out on a 64-bit set of cohort indices instead
/// of arrays of indices: `Schedules.matchIndices` (the reference) built a new array per step
/// (five allocations a question) and found the first cohort per programme through a
/// `Set<String>`. Built once per `ServiceData` (in `ScheduleTexts`), for at most 64 cohorts;
/// each programme gets a number, so a programme test is a mask, not a string comparison per
/// cohort. Gives the same cohorts in the same (ascending) order as the reference (tested).
struct CohortBits: Sendable {
    /// The distinct programme names, in the order of their first cohort.
    let programs: [String]
    /// `programMasks[p]`: the cohorts of programme `p`.
    let programMasks: [UInt64]
    /// `programOf[i]`: the programme number of cohort `i`.
    let programOf: [Int]

    /// Nil when there are more than 64 cohorts (the reference path then answers).
    init?(_ cohorts: [Cohort]) {
        guard cohorts.count <= 64 else { return nil }
        var programs: [String] = []
        var masks: [UInt64] = []
        var programOf: [Int] = []
        for (i, c) in cohorts.enumerated() {
            let p = programs.firstIndex(of: c.program) ?? {
                programs.append(c.program)
                masks.append(0)
                return programs.count - 1
            }()
            masks[p] |= UInt64(1) << UInt64(i)
            programOf.append(p)
        }
        self.programs = programs
        self.programMasks = masks
        self.programOf = programOf
    }

    /// The cohorts (bit `i` for `cohorts[i]`) that answer `q` on `today`: the same selection as
    /// `Schedules.matchIndices`.
    func matches(_ q: Schedules.Query, today: Day, cohorts: [Cohort]) -> UInt64 {
        let n = cohorts.count
        var matches: UInt64 = n == 64 ? ~0 : (UInt64(1) << UInt64(n)) - 1
        if let program = q.program {
            matches &= programs.firstIndex(of: program).map { programMasks[$0] } ?? 0
        }
        if let number = q.cohort { matches = keep(matches) { cohorts[$0].cohort == number } }
        if let r = q.range {
            matches = keep(matches) { cohorts[$0].start <= r.upperBound && cohorts[$0].end >= r.lowerBound }
        }
        if q.next || (q.range == nil && q.cohort == nil) {
            let upcoming = keep(matches) { cohorts[$0].start >= today }
            if q.next {
                matches = q.program == nil ? firstPerProgram(upcoming) : upcoming & (0 &- upcoming)
            } else {
                let current = keep(matches) { cohorts[$0].end >= today }
                matches = current == 0 ? CohortBits.highest(matches) : current
            }
        } else if q.cohort != nil && q.range == nil && matches.nonzeroBitCount > 1 {
            let current = keep(matches) { cohorts[$0].end >= today }
            if current != 0 {
                matches = current
            } else {
                let latest = 63 - matches.leadingZeroBitCount
                let program = programMasks[programOf[latest]]
                matches = keep(matches) { program & (UInt64(1) << UInt64($0)) == 0 || cohorts[$0] == cohorts[latest] }
            }
        }
        return matches
    }

    /// The indices of `bits`, ascending.
    static func indices(_ bits: UInt64) -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(bits.nonzeroBitCount)
        var rest = bits
        while rest != 0 {
            out.append(rest.trailingZeroBitCount)
            rest &= rest &- 1
        }
        return out
    }

    /// Only the highest set bit of `bits` (0 for 0).
    static func highest(_ bits: UInt64) -> UInt64 {
        bits == 0 ? 0 : UInt64(1) << UInt64(63 - bits.leadingZeroBitCount)
    }

    /// The bits of `bits` whose index passes `test`.
    @inline(__always)
    private func keep(_ bits: UInt64, _ test: (Int) -> Bool) -> UInt64 {
        var out: UInt64 = 0
        var rest = bits
        while rest != 0 {
            let i = rest.trailingZeroBitCount
            if test(i) { out |= UInt64(1) << UInt64(i) }
            rest &= rest &- 1
        }
        return out
    }

    /// The first cohort of each programme among `bits`, in index order.
    private func firstPerProgram(_ bits: UInt64) -> UInt64 {
        var out: UInt64 = 0
        var rest = bits
        while rest != 0 {
            let i = rest.trailingZeroBitCount
            out |= UInt64(1) << UInt64(i)
            rest &= ~programMasks[programOf[i]]
        }
        return out
    }
}
