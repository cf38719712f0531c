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
        // An ASCII text folds to itself (lowercased), so its digits are the folded text's
        // digits: with fewer than 18 there is no NIP, without building the extractor's input.
        if let short = text.utf8.withContiguousStorageIfAvailable({ u -> Bool in
            var high: UInt8 = 0
            var digits = 0
            for b in u {
                high |= b
                digits &+= b &- 48 < 10 ? 1 : 0
            }
            return high < 0x80 && digits < 18
        }), short {
            return nil
        }
        return IdentityNumberExtractor().extract(EntityInput(text), now: Date(timeIntervalSince1970: 0))
            .first { $0.entity.kind == .nip }?.entity.value
    }
}
