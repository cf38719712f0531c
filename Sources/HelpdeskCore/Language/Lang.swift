/// The two languages the helpdesk answers in. Indonesian is the default; a session switches
/// to English when the user writes English or asks for it with `/lang en`.
public enum Lang: String, Sendable, Codable, CaseIterable {
    case id
    case en
}
