import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What the desk needs to carry out its public-service duties beyond answering: the pseudonym
/// key (to find a citizen's transcript lines), the eraser (journal, transcripts, audit log), the
/// survey log and the queue of erasures that must wait for a supervisor. Optional on `Desk`:
/// without it the desk still answers, gives the privacy notice and lists complaints, but queues
/// erasure requests and asks no survey.
public struct DutyRecords: Sendable {
    public var pseudonym: Pseudonym
    public var eraser: PersonalDataEraser
    public var surveys: SurveyLog?
    public var erasures: ErasureQueue
    public var audit: AuditLog { eraser.audit }
    /// Called with the user key after an erasure, so copies held in memory (the supervisor's
    /// ring of recent exchanges) are dropped too.
    public var erased: @Sendable (String) -> Void = { _ in }

    public init(pseudonym: Pseudonym, eraser: PersonalDataEraser, surveys: SurveyLog?, erasures: ErasureQueue = ErasureQueue()) {
        self.pseudonym = pseudonym
        self.eraser = eraser
        self.surveys = surveys
        self.erasures = erasures
    }

    /// The records of a `Transcripts/` folder: `audit.jsonl`, `surveys.jsonl`, the erasure queue
    /// (`erasures.json`; a malformed one is set aside and logged, not fatal), the transcripts
    /// (paused through `writer` while they are rewritten) and `journal`. `sync` is `fsync` except
    /// in tests that hold the disk or make it fail (the audit and survey logs use it).
    public static func open(directory: URL, journal: ComplaintJournal, pseudonym: Pseudonym,
                            writer: TranscriptWriter? = nil,
                            sync: @escaping @Sendable (Int32) -> Int32 = { fsync($0) }) throws(RecordsError) -> DutyRecords {
        let audit = try AuditLog(directory: directory, sync: sync)
        let surveys = try SurveyLog(directory: directory, sync: sync)
        let eraser = PersonalDataEraser(transcripts: directory, journal: journal, audit: audit, writer: writer)
        return DutyRecords(pseudonym: pseudonym, eraser: eraser, surveys: surveys, erasures: ErasureQueue(directory: directory))
    }
}
