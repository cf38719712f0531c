import Testing
@testable import HelpdeskServer
// Placeholder: replaced by the network tests.
