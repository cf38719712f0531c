/// The two languages the helpdesk answers in. Indonesian is the default; a session switches
/// to English when the user writes English or asks for it with `/lang en`.
public enum Lang: String, Sendable, Codable, CaseIterable {
    case id
    case en

    /// The language's position in `allCases`, for arrays indexed by language.
    public var ordinal: Int {
        switch self {
        case .id: 0
        case .en: 1
        }
    }
}
