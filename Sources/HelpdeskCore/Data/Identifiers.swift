/// The identifiers people type when they ask about their own case, normalised to the fixed
/// formats: `REG-YYYY-NNNNN`, `ADU-YYYYMMDD-NNNN` (more digits past the 9,999th of a day), an
/// 18-digit NIP. People write them in
/// lowercase, with spaces instead of dashes, or with spaces inside the digits; these parsers
/// accept all of that and return the canonical form, or nil.
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

    /// The first run of exactly 18 digits (spaces allowed between them) in `text`.
    public static func nip(in text: String) -> String? {
        if let found = ASCIIText.scan(text, { asciiNIP($0) }) { return found }
        var run = ""
        for ch in text + " " {
            if ch.isASCII && ch.isNumber { run.append(ch); continue }
            if ch == " " && !run.isEmpty && run.count < 18 { continue }
            if run.count == 18 { return run }
            run = ""
        }
        return nil
    }

    // ASCII text (nearly every message) is scanned as bytes, with the same rules as the
    // Character scans above: in ASCII a Character is one byte (a "\r\n" pair is neither a
    // digit, a letter nor a separator either way).

    private static func asciiNIP(_ u: UnsafeBufferPointer<UInt8>) -> String? {
        var run: [UInt8] = []
        for i in 0...u.count {
            let b = i < u.count ? u[i] : UInt8(ascii: " ")
            if ASCIIText.isDigit(b) { run.append(b); continue }
            if b == UInt8(ascii: " ") && !run.isEmpty && run.count < 18 { continue }
            if run.count == 18 { return String(decoding: run, as: UTF8.self) }
            run.removeAll(keepingCapacity: true)
        }
        return nil
    }
}

/// Byte-level helpers for the ASCII fast paths of the text scanners.
enum ASCIIText {
    /// `body`'s answer when `text` is all ASCII (nil from `body` then means "not found");
    /// `.none` when the text is not ASCII and the caller must scan Characters.
    static func scan<T>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> T?) -> T?? {
        var text = text
        return text.withUTF8 { u -> T?? in
            for b in u where b >= 0x80 { return .none }
            return .some(body(u))
        }
    }

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- UInt8(ascii: "0") < 10 }
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- UInt8(ascii: "a") < 26 }
    @inline(__always) static func upper(_ b: UInt8) -> UInt8 { b &- UInt8(ascii: "a") < 26 ? b - 32 : b }
}
