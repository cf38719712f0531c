import Foundation
import HelpdeskCore

/// What the supervisor side says in words: the lines a citizen sees when staff join, speak or
/// leave, and the readable lines and tables a person at a supervisor's terminal gets from the
/// `/` commands. Kept apart from the logic so wording and layout are reviewed in one place.
enum SupervisorText {
    static func staffLine(_ text: String, _ lang: Lang) -> String { (lang == .en ? "Staff: " : "Petugas: ") + text }

    static func joined(_ lang: Lang) -> String {
        lang == .en ? "Staff: a staff member has joined the conversation." : "Petugas: seorang petugas bergabung dalam percakapan."
    }

    static func released(_ lang: Lang) -> String {
        lang == .en ? "The staff member has left; the automatic assistant is answering again."
                    : "Petugas telah selesai; asisten otomatis kembali melayani Anda."
    }

    static func staffIsHere(_ lang: Lang) -> String {
        lang == .en ? "A staff member is with you; they will answer here shortly." : "Petugas sedang melayani Anda; jawabannya akan muncul di sini."
    }

    static let help = """
    Supervisor commands:
      /login TOKEN                 /logout
      /metrics                     live response times and volumes
      /sessions [date=YYYY-MM-DD] [intent=I] [outcome=O] [limit=N]
      /transcript SESSION          one conversation
      /complaints [STATUS]         /complaint TICKET
      /update TICKET STATUS NOTE…  the note is what the citizen sees
      /watch  /unwatch             live feed of exchanges
      /handoffs  /take [USER]  /say USER TEXT…  /release USER
      /reload                      re-read Data/ and reply texts
      /erasures  /erase USER       erasure requests waiting for a supervisor
      /review [N]                  messages the helpdesk did not understand, grouped
      /review-add INTENT TEXT…     add one to the intent's examples (model rebuilt)
      /review-eval INTENT TEXT…    add one to the evaluation set
    """

    /// One live-feed line: `10:42:07 telegram u-3f2a schedule.query 0.94 12ms | message → reply`.
    static func exchangeLine(_ r: TranscriptRecord) -> String {
        "\(clock(r.arrived)) \(r.channel) \(r.user) \(r.intent) \(String(format: "%.2f", r.confidence)) \(r.latencyMicros / 1000)ms | "
            + "\(oneLine(r.message, 80)) → \(oneLine(r.reply, 80))"
    }

    static func clock(_ date: Date) -> String {
        let s = Int((date.timeIntervalSince1970 + JakartaTime.offsetSeconds).rounded(.down))
        let d = ((s % 86_400) + 86_400) % 86_400
        return String(format: "%02d:%02d:%02d", d / 3600, d / 60 % 60, d % 60)
    }

    static func oneLine(_ text: String, _ width: Int) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return flat.count > width ? String(flat.prefix(width - 1)) + "…" : flat
    }

    /// Columns padded to their widest cell, a header and a rule; "(none)" when there are no rows.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        guard !rows.isEmpty else { return "(none)" }
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in i == cells.count - 1 ? c : c.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
        }
        return ([line(header), line(widths.map { String(repeating: "-", count: $0) })] + rows.map(line)).joined(separator: "\n")
    }
}
