import Testing
@testable import HelpdeskCore

/// Which category a free-text complaint falls in.
@Suite struct ComplaintCategoryTests {
    @Test func theCategoryWithMoreEvidenceWins() {
        // "zoom" alone points to LMS, but trainer and material say more (found over telnet).
        #expect(ComplaintCategory.infer(from: "the trainer never shows up on zoom and the material is outdated") == .trainer)
        #expect(ComplaintCategory.infer(from: "lms error terus, tidak bisa login") == .lms)
        #expect(ComplaintCategory.infer(from: "jadwal diundur tanpa pemberitahuan") == .schedule)
        #expect(ComplaintCategory.infer(from: "cuaca cerah") == nil)
    }

    @Test func integrityIsNeverFiledAsSomethingMilder() {
        #expect(ComplaintCategory.infer(from: "panitia minta uang pelicin lewat zoom, login dipersulit, jadwal diubah") == .integrity)
    }
}
