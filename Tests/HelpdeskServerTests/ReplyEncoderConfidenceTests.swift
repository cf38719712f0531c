import Testing
@testable import HelpdeskCore
@testable import HelpdeskServer

/// `ReplyEncoder.confidence` writes without `Double.description`; it must give the bytes that
/// `JSONWriter.number` gives for the same rounded value.
@Suite struct ReplyEncoderConfidenceTests {
    static func reference(_ c: Double) -> [UInt8] {
        var w = JSONWriter()
        w.number((c * 1000).rounded() / 1000)
        return w.bytes
    }

    static func fast(_ c: Double) -> [UInt8] {
        var w = JSONWriter()
        ReplyEncoder.confidence(c, into: &w)
        return w.bytes
    }

    @Test func everyThousandthReadsAsTheGeneralNumber() {
        for k in 0...1000 {
            let c = Double(k) / 1000
            #expect(Self.fast(c) == Self.reference(c), "\(k)")
        }
    }

    @Test func unroundedAndOutOfRangeValues() {
        for c in [0.99449, 0.9995, 0.0004, 0.0005, 0.123456, 1e-9, -0.25, 1.5, 2, 0.1 + 0.2, 0.7 * 3, .nan, .infinity, 0.3333333] {
            #expect(Self.fast(c) == Self.reference(c), "\(c)")
        }
        #expect(Self.fast(0.994) == Array("0.994".utf8))
        #expect(Self.fast(0.5) == Array("0.5".utf8))
        #expect(Self.fast(0.07) == Array("0.07".utf8))
    }
}
