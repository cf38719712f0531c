import Foundation
import HelpdeskCore

/// `helpdesk report`: response-time and service metrics over a range of days of transcripts, as
/// a text table, JSON, or one self-contained HTML page.
enum ReportCommand: Command {
    static let name = "report"
    static let summary = "response-time and service metrics from Transcripts/"
    static let help = """
    usage: helpdesk report [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--transcripts DIR]
                           [--format text|json|html] [--out FILE]

    Reads transcript-YYYY-MM-DD.jsonl files (and complaints.jsonl, if present) and prints
    volume, response times (p50/p90/p99/max overall, per intent, per channel), volume per hour
    of day, fallback / hand-off / low-confidence rates, top fallback messages and complaint
    service-level compliance.

      --from DAY          first day, Asia/Jakarta (default: 29 days before --to)
      --to DAY            last day (default: today)
      --transcripts DIR   folder of transcripts (default Transcripts/, HELPDESK_TRANSCRIPTS)
      --format FORMAT     text (default), json or html
      --out FILE          write to FILE instead of standard output (required for html)

    """

    static func run(_ argv: [String]) throws -> Int32 {
        let args = try Arguments(argv, options: ["--from", "--to", "--transcripts", "--format", "--out"], switches: [])
        guard args.positionals.isEmpty else { throw UsageError("unexpected argument '\(args.positionals[0])'") }
        let today = JakartaTime.dayNumber(of: Date())
        let to = try day(args.string("--to"), flag: "--to") ?? today
        let from = try day(args.string("--from"), flag: "--from") ?? (to - 29)
        guard from <= to else { throw UsageError("--from \(JakartaTime.dayString(from)) is after --to \(JakartaTime.dayString(to))") }
        let format = args.string("--format", default: "text")
        guard ["text", "json", "html"].contains(format) else { throw UsageError("--format must be text, json or html, got '\(format)'") }
        let out = args.string("--out")
        if format == "html", out == nil { throw UsageError("--format html needs --out FILE") }
        let dir = args.string("--transcripts", env: "HELPDESK_TRANSCRIPTS", default: "Transcripts")
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw RuntimeFailure("\(dir): no such folder (--transcripts)")
        }
        let report = TranscriptReport.build(directory: URL(fileURLWithPath: dir),
                                            from: JakartaTime.dayString(from), to: JakartaTime.dayString(to))
        for w in report.warnings.prefix(20) { Console.error("warning: \(w)") }
        if report.warnings.count > 20 { Console.error("warning: \(report.warnings.count - 20) more malformed lines") }
        let text = switch format {
        case "json": ReportJSON.render(report) + "\n"
        case "html": ReportHTML.render(report)
        default: ReportText.render(report)
        }
        if let out {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
            } catch {
                throw RuntimeFailure("\(out): cannot write the report (--out)")
            }
            Console.error("report: wrote \(out) (\(report.tally.total) exchanges)")
        } else {
            Console.out(text)
        }
        return 0
    }

    private static func day(_ text: String?, flag: String) throws -> Int? {
        guard let text else { return nil }
        guard let n = JakartaTime.dayNumber(text) else { throw UsageError("\(flag) must be a date YYYY-MM-DD, got '\(text)'") }
        return n
    }
}
