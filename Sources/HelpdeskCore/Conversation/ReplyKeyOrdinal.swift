/// A dense number for every `ReplyKey` (its position in `allCases`), so `ReplyBook` can keep its
/// templates in a flat array instead of hashing the key's text on every reply. The switch is
/// checked for completeness by the compiler and for order by `ReplyBookTests`.
extension ReplyKey {
    static let count = 74

    var ordinal: Int {
        switch self {
        case .greeting: 0
        case .help: 1
        case .thanks: 2
        case .goodbye: 3
        case .fallback: 4
        case .emptyMessage: 5
        case .outOfScope: 6
        case .outOfScopeDukcapil: 7
        case .outOfScopeBPJS: 8
        case .outOfScopeTax: 9
        case .outOfScopeLapor: 10
        case .scheduleFound: 11
        case .scheduleItem: 12
        case .scheduleMore: 13
        case .scheduleNone: 14
        case .scheduleEnds: 15
        case .scheduleStarts: 16
        case .modeOnline: 17
        case .modeBlended: 18
        case .modeClassroom: 19
        case .registrationAsk: 20
        case .registrationFound: 21
        case .registrationNotFound: 22
        case .registrationLocked: 23
        case .statusSubmitted: 24
        case .statusVerified: 25
        case .statusAccepted: 26
        case .statusWaitlisted: 27
        case .statusRejected: 28
        case .complaintAskCategory: 29
        case .complaintAskDescription: 30
        case .complaintDescriptionShort: 31
        case .complaintAskMode: 32
        case .complaintAskContact: 33
        case .complaintConfirm: 34
        case .complaintConfirmAgain: 35
        case .complaintFiled: 36
        case .complaintFiledConfidential: 37
        case .complaintFailed: 38
        case .complaintResume: 39
        case .cancelled: 40
        case .nothingToCancel: 41
        case .categoryService: 42
        case .categoryTrainer: 43
        case .categoryLMS: 44
        case .categorySchedule: 45
        case .categoryIntegrity: 46
        case .categoryOther: 47
        case .modeNormalName: 48
        case .modeConfidentialName: 49
        case .modeAnonymousName: 50
        case .noContact: 51
        case .complaintStatusAsk: 52
        case .complaintStatusReply: 53
        case .complaintStatusNote: 54
        case .complaintStatusNotFound: 55
        case .complaintStatusReceived: 56
        case .complaintStatusInProgress: 57
        case .complaintStatusResolved: 58
        case .complaintStatusRejected: 59
        case .handoffQueued: 60
        case .handoffOffline: 61
        case .complaintStatusAwaitingCitizen: 62
        case .complaintStatusClosed: 63
        case .privacyNotice: 64
        case .privacyAccess: 65
        case .privacyAccessComplaint: 66
        case .privacyAccessNone: 67
        case .privacyErased: 68
        case .privacyEraseQueued: 69
        case .surveyAsk: 70
        case .surveyThanks: 71
        case .privacyEraseFailed: 72
        case .privacyEraseNotSaved: 73
        }
    }
}
