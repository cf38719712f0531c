import Foundation
import Testing
@testable import HelpdeskCore

@Suite struct WorkingDaysTests {
    @Test func daysKnowTheirWeekdayAndWIBDate() {
        #expect(Day(iso: "2026-11-22")?.weekday == 0)
        #expect(Day(iso: "2026-02-30") == nil)
        // 2026-11-21 20:00 UTC is already 22 November in Jakarta.
        #expect(Day(Date(timeIntervalSince1970: Double(Day(iso: "2026-11-21")!.ordinal) * 86_400 + 20 * 3600)).description == "2026-11-22")
    }

    @Test func skipsWeekends() {
        let days = WorkingDays(holidays: [])
        // Friday + 2 working days = Tuesday.
        #expect(days.adding(2, to: Day(iso: "2026-11-20")!).description == "2026-11-24")
        // Sunday + 5 = next Friday.
        #expect(days.adding(5, to: Day(iso: "2026-11-22")!).description == "2026-11-27")
    }

    @Test func skipsHolidaysAndCutiBersama() throws {
        let data = try #require(ServiceData.load(directory: Fixtures.dataDirectory).data)
        // Wed 23 Dec 2026 + 2: 24 (cuti bersama) and 25 (Natal) skipped, 26-27 weekend: Mon 28, Tue 29.
        #expect(data.workingDays.adding(2, to: Day(iso: "2026-12-23")!).description == "2026-12-29")
        // Across the Idul Fitri 2026 holidays (18-24 March are off or weekend, except none).
        #expect(data.workingDays.adding(1, to: Day(iso: "2026-03-17")!).description == "2026-03-25")
        #expect(data.serviceLevels.days(for: .integrity) == 60)
        #expect(data.serviceLevels.days(for: .lms) == 2)
    }
}
