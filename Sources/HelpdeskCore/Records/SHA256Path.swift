import CSHA256
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which block function `SHA256` uses, decided once per process: the x86 SHA extensions when
/// CPUID reports them (`CSHA256`), unless the operator sets `HELPDESK_SHA256=portable`, which
/// forces the portable Swift block function (for a suspected CPU or emulator fault, or to
/// compare). Both give the same digests; the tests check them against each other.
enum SHA256Path {
    /// The environment variable and the value that forces the Swift path.
    static let variable = "HELPDESK_SHA256"
    static let portableValue = "portable"

    /// Whether this CPU can run the hardware block function.
    static let available: Bool = helpdesk_sha256_x86_available() != 0

    /// Whether new hashers take the hardware path: available and not turned off.
    static let hardware: Bool = choose(available: available, setting: getenv(variable).map { String(cString: $0) })

    /// The rule behind `hardware`: the hardware when the CPU has it and `setting` (the
    /// variable's value, nil when unset) is not `portable`.
    static func choose(available: Bool, setting: String?) -> Bool {
        available && setting != portableValue
    }
}
