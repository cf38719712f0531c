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
    ///
    /// Runs of ordinary bytes (no control byte, no IAC) are taken in bulk: a line that arrives
    /// whole becomes its `String` straight from `bytes`, and a partial one is appended to
    /// `pending` in one copy. Every other byte goes through `step`, one at a time, with the same
    /// rules, so the fast path changes speed only.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer, _ emit: (FramedEvent) -> Void) {
        let count = bytes.count
        var i = 0
        while i < count {
            if telnet == .data, !discarding {
                let start = i
                while i < count, Self.isPlain(bytes[i]) { i += 1 }
                if i < count, bytes[i] == 0x0A, pending.isEmpty, i - start <= maxLineBytes {
                    emit(.line(Self.text(of: UnsafeRawBufferPointer(rebasing: bytes[start..<i]))))
                    i += 1
                    continue
                }
                if i > start { appendRun(UnsafeRawBufferPointer(rebasing: bytes[start..<i]), emit) }
                if i == count { return }
            }
            step(bytes[i], emit)
            i += 1
        }
    }

    /// Whether `byte` is kept as it is inside a line: not a control byte, DEL or telnet's IAC.
    @inline(__always)
    private static func isPlain(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte != 0x7F && byte != iac
    }

    /// Appends plain bytes to the current line up to the limit; one byte past it starts the
    /// discard exactly as `accept` would.
    private mutating func appendRun(_ run: UnsafeRawBufferPointer, _ emit: (FramedEvent) -> Void) {
        let room = maxLineBytes - pending.count
        if run.count <= room {
            pending.append(contentsOf: run)
            return
        }
        if room > 0 { pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: run[0..<room])) }
        accept(run[room], emit)   // over the limit: reports it and starts discarding the rest of the line
    }

    private mutating func step(_ byte: UInt8, _ emit: (FramedEvent) -> Void) {
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
        bytes.withUnsafeBytes { text(of: $0) }
    }

    static func text(of bytes: UnsafeRawBufferPointer) -> String {
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == 0x20 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 { end -= 1 }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }
}
