import Testing
@testable import HelpdeskCore

/// Tickets past the 9,999th of a day: the sequence grows a digit instead of the desk refusing
/// complaints (found by the complaint-filing benchmark, which filed 12,000 in one morning).
@Suite struct TicketNumberTests {
    @Test func aDaysTenThousandthTicketHasFiveDigits() {
        #expect(TicketNumber.format(day: "20261122", sequence: 7) == "ADU-20261122-0007")
        #expect(TicketNumber.format(day: "20261122", sequence: 10_000) == "ADU-20261122-10000")
        #expect(TicketNumber.parts("ADU-20261122-10000")?.sequence == 10_000)
        #expect(TicketNumber.parts("ADU-20261122-007") == nil)
    }

    @Test func longTicketsAreReadAsTypedByPeopleAndByTheEngine() {
        #expect(Identifiers.ticket(in: "status adu 20261122 10000 ya") == "ADU-20261122-10000")
        #expect(Identifiers.ticket(in: "status ADU-20261122-0007?") == "ADU-20261122-0007")
        #expect(Identifiers.ticket(in: "adu 20261122 1234567") == nil)   // more digits than any ticket has
        let entity = PrefixedIDExtractor.ticket.first(in: "cek ADU-20261122-123456")
        #expect(entity == "ADU-20261122-123456")
    }
}
