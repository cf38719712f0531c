import Testing
@testable import HelpdeskCore

/// `ComplaintDialog.mode(answer:)` counts the words that are not fillers instead of building
/// the filtered sentence; these cases pin it to the reading it replaced (fillers removed, the
/// rest joined with one space, then a choice word or a keyword).
@Suite struct ComplaintModeAnswerTests {
    static func reference(_ text: String) -> ComplaintMode? {
        let word = text.split(separator: " ").filter { !ComplaintDialog.choiceFillers.contains(String($0)) }.joined(separator: " ")
        switch word {
        case "1", "biasa", "normal", "umum": return .normal
        case "2": return .confidential
        case "3": return .anonymous
        default: return ComplaintDialog.mode(in: word)
        }
    }

    @Test(arguments: [
        "2", "biasa", "anonim", "rahasia", "x", "", " ", "   ",
        "biasa aja", "yang rahasia dong", "pilih 2", "  pilih   nomor  3 ", "2 aja", "aja 2 deh",
        "tanpa nama", "tanpa aja nama", "tanpa  nama", "tanpa namanya", "mau tanpa ya nama saja",
        "pilih 1 2", "biasa biasa", "aja dong ya", "yang anonymous", "confidential please", "normal mode",
        "lms nya error terus gak bisa login", "kapan jadwal angkatan 3", "no", "no 2", "the one option 3",
        "umum saja", "rahasia tapi tanpa nama", "é 2", "2 é",
    ])
    func sameChoiceAsTheFilteredSentence(answer: String) {
        #expect(ComplaintDialog.mode(answer: answer) == Self.reference(answer))
    }

    @Test func fillersAroundAChoiceAreIgnored() {
        #expect(ComplaintDialog.mode(answer: "pilih nomor 3 aja") == .anonymous)
        #expect(ComplaintDialog.mode(answer: "tanpa aja nama") == .anonymous)
        #expect(ComplaintDialog.mode(answer: "biasa") == .normal)
        #expect(ComplaintDialog.mode(answer: "lms nya error terus gak bisa login") == nil)
        #expect(ComplaintDialog.mode(answer: "pilih 1 2") == nil)
    }
}
