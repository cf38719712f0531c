/// A connection's work on one read, as static functions with its state passed `inout`: the
/// framer, the events buffer and the protocol session are each claimed once per read or turn
/// instead of once per line (every access to a class's stored property is a dynamic
/// exclusivity check). Used only by `Connection`, on its event loop.
extension Connection {
    /// Lines answered per turn before the connection lets the loop's other connections go.
    static let linesPerTurn = 64

    /// Frames one read into `events`.
    static func frame(_ bytes: UnsafeRawBufferPointer, with framer: inout LineFramer, into events: inout [FramedEvent]) {
        framer.feed(bytes) { events.append($0) }
    }

    /// Answers up to `linesPerTurn` pending events while the unsent output stays at or under
    /// `highWater`; stops early at a line that closes the connection (`.close`) or whose reply is
    /// held for the disk (`.awaitingDurability`).
    static func answer(_ events: inout [FramedEvent], from index: inout Int, session: inout ProtocolSession,
                               arrival: Arrival, into out: inout [UInt8], keeping outStart: Int, upTo highWater: Int) -> Disposition {
        var handled = 0
        while index < events.count, handled < linesPerTurn, out.count - outStart <= highWater {
            let event = events[index]
            index += 1
            handled += 1
            let disposition = session.handle(event, arrival: arrival, into: &out)
            if disposition != .keepOpen { return disposition }
        }
        return .keepOpen
    }
}
