import Foundation
import Testing
@testable import HelpdeskCore

/// `CohortWord.number` (bytes) against `CohortNumber.parse` (the Foundation form it stands in
/// for) on numbers at and past the edges, Roman numerals, mixed words and non-ASCII text.
@Suite struct CohortWordTests {
    static let words = [
        "1", "3", "12", "007", "0", "00", "999", "1000", "0999", "99999999999999999999999999", "i", "iv", "IV", "Iv", "ix",
        "xl", "xlix", "l", "ll", "iiii", "vx", "mcm", "c", "d", "a1", "1a", "x1", "lx", "ke3", "iii3", "z", "ab", "",
        " 3", "3 ", "+3", "-3", "3.0", "é", "ⅳ", "٣", "iv\u{301}", "x-1", "\t2\t",
    ]

    @Test(arguments: words)
    func agreesWithTheFoundationParse(word: String) {
        #expect(CohortWord.number(word) == CohortNumber.parse(word), "\(word)")
    }

    @Test func everyShortAlphanumericWordAgrees() {
        let alphabet = Array("0159ivxlIVXLa")
        var words = alphabet.map { String($0) }
        for a in alphabet { for b in alphabet { words.append(String([a, b])) } }
        for w in words.prefix(200) { for c in "0ivx" { words.append(w + String(c)) } }
        for w in words {
            #expect(CohortWord.number(w) == CohortNumber.parse(w), "\(w)")
        }
    }
}
