/// What the framer found in the byte stream: a complete line, or the news that a line ran past
/// the limit (reported once; the rest of that line is discarded up to its newline).
public enum FramedEvent: Sendable, Equatable {
    case line(String)
    /// `json` tells whether the over-long line began with `{`, so the error can be sent in kind.
    case lineTooLong(json: Bool)
}

/// Turns a TCP byte stream into text lines: the one place that knows about `\n` versus `\r\n`,
/// telnet's IAC negotiation, broken UTF-8, control bytes and the maximum line length. A pure
/// value type (bytes in, events out, no sockets, no clocks) so every rule is unit-testable and a
/// connection can own one without locking.
public struct LineFramer: Sendable {
    public let maxLineBytes: Int
    private var pending: [UInt8] = []
    private var discarding = false
    private var discardingJSON = false
    private var telnet = TelnetState.data

    private enum TelnetState: Sendable {
        case data, command, option, subnegotiation, subnegotiationCommand
    }

    private static let iac: UInt8 = 255

    public init(maxLineBytes: Int = 8192) {
        self.maxLineBytes = maxLineBytes
    }

    /// Bytes of the current unfinished line (what a client that disconnects now would lose).
    public var pendingByteCount: Int { pending.count }

    /// Feeds bytes; calls `emit` for each complete line or limit event, in order.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer, _ emit: (FramedEvent) -> Void) {
        for byte in bytes {
            switch telnet {
            case .data:
                if byte == Self.iac {
                    telnet = .command
                } else {
                    accept(byte, emit)
                }
            case .command:
                switch byte {
                case Self.iac: telnet = .data; accept(byte, emit)   // IAC IAC: a literal 255
                case 251...254: telnet = .option                     // WILL, WONT, DO, DONT + option
                case 250: telnet = .subnegotiation                  // SB ... IAC SE
                default: telnet = .data                             // NOP, GA, AYT, ...: dropped
                }
            case .option:
                telnet = .data
            case .subnegotiation:
                if byte == Self.iac { telnet = .subnegotiationCommand }
            case .subnegotiationCommand:
                telnet = byte == 240 ? .data : .subnegotiation
            }
        }
    }

    /// Convenience for tests and small inputs: the events from feeding `bytes`.
    public mutating func feed(_ bytes: [UInt8]) -> [FramedEvent] {
        var events: [FramedEvent] = []
        bytes.withUnsafeBytes { raw in feed(raw) { events.append($0) } }
        return events
    }

    private mutating func accept(_ byte: UInt8, _ emit: (FramedEvent) -> Void) {
        if byte == 0x0A {
            if discarding {
                discarding = false
            } else {
                emit(.line(Self.text(of: pending)))
            }
            pending.removeAll(keepingCapacity: pending.count <= 1024)
            return
        }
        if discarding { return }
        // Control bytes are single bytes in UTF-8, so they can be filtered before decoding.
        // CR (of CRLF, or telnet's CR NUL) and other controls go; a tab reads as a space.
        var b = byte
        if b < 0x20 || b == 0x7F {
            guard b == 0x09 else { return }
            b = 0x20
        }
        if pending.count >= maxLineBytes {
            discarding = true
            discardingJSON = pending.first == UInt8(ascii: "{")
            pending.removeAll()
            emit(.lineTooLong(json: discardingJSON))
            return
        }
        pending.append(b)
    }

    /// The line's text with invalid UTF-8 replaced by U+FFFD, trimmed of surrounding spaces.
    static func text(of bytes: [UInt8]) -> String {
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == 0x20 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
