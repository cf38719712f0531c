import Foundation

/// The identifiers people type when they ask about their own case, normalised to the fixed
/// formats: `REG-YYYY-NNNNN`, `ADU-YYYYMMDD-NNNN` (more digits past the 9,999th of a day), an
/// 18-digit NIP. People write them in
/// lowercase, with spaces instead of dashes, or with spaces inside the digits. The parsing is the
/// intent engine's entity extractors'; these return the canonical form, or nil.
public enum Identifiers {
    /// Finds a registration number anywhere in `text` ("reg 2026 00042" → "REG-2026-00042").
    public static func registrationID(in text: String) -> String? {
        PrefixedIDExtractor.registration.first(in: text)
    }

    /// Finds a complaint ticket anywhere in `text` ("adu 20261122 0007" → "ADU-20261122-0007").
    /// The same parser as the intent engine's entity extractor, so both read a ticket alike.
    public static func ticket(in text: String) -> String? {
        PrefixedIDExtractor.ticket.first(in: text)
    }

    /// An 18-digit NIP in `text` (spaces allowed between its groups), as the intent engine's
    /// identity-number extractor reads it.
    public static func nip(in text: String) -> String? {
        IdentityNumberExtractor().extract(EntityInput(text), now: Date(timeIntervalSince1970: 0))
            .first { $0.entity.kind == .nip }?.entity.value
    }
}
