import Foundation
import Testing
@testable import HelpdeskCore

@Suite struct TimestampTests {
    @Test func formatsUTCWithMilliseconds() {
        #expect(Timestamp.iso8601(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp.iso8601(Date(timeIntervalSince1970: 1_787_000_000.25)) == "2026-08-17T20:53:20.250Z")
        #expect(Timestamp.day(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29")
    }
}
