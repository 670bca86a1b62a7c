import StableStructures
import Testing

/// A user type that breaks its own bound: it declares at most 2 bytes but writes 3.
struct OverlongValue: Storable, Equatable {
    static var bound: StorableBound { .bounded(maxSize: 2, isFixedSize: false) }
    var encodedSize: Int { 3 }
    func encode(into buffer: UnsafeMutableRawBufferPointer) {
        for index in 0..<3 { buffer[index] = 0xEE }
    }
    static func decode(from bytes: UnsafeRawBufferPointer) throws(StableError) -> OverlongValue { OverlongValue() }
}

/// Pairs with unbounded parts (unsupported by the crate) and over-long components.
@Suite("Storable encodability checks")
struct StorableEncodabilityTests {
    @Test func pairWithUnboundedPartIsUnsupported() throws {
        #expect(Pair<String, UInt8>.bound == .unbounded)
        #expect(Pair<UInt8, [UInt8]>.bound == .unbounded)
        for check in [{ try Pair<String, UInt8>.checkEncodable() }, { try Pair<UInt8, [UInt8]>.checkEncodable() }] {
            do {
                try check()
                Issue.record("expected unsupportedType")
            } catch {
                guard case .unsupportedType = error as? StableError else {
                    Issue.record("unexpected \(error)")
                    continue
                }
            }
        }
        // Encoding stays total (no trap); the value check reports the type, decoding refuses it.
        let pair = Pair("ab", UInt8(1))
        #expect(pair.encodedBytes == [0x61, 0x62, 1])
        #expect(throws: StableError.unsupportedType("(string,u8): a pair needs two bounded components")) {
            try pair.checkBound()
        }
        #expect(throws: StableError.unsupportedType("(string,u8): a pair needs two bounded components")) {
            try Pair<String, UInt8>.decode([0x61, 0x62, 1])
        }
    }

    @Test func checksPropagateThroughComposites() {
        #expect(throws: StableError.self) { try Pair<String, UInt8>?.checkEncodable() }
        #expect(throws: StableError.self) { try Triple<UInt8, Pair<[UInt8], Bool>, String>.checkEncodable() }
        #expect(throws: StableError.self) { try Pair<UInt8, Pair<UInt8, String>>.checkEncodable() }
        #expect(throws: StableError.self) { try Triple(UInt8(1), Pair([UInt8](), true), "").checkBound() }
    }

    @Test func supportedTypesPass() throws {
        try Pair<UInt8, Blob<3>>.checkEncodable()
        try Triple<String, [UInt8], String>.checkEncodable()
        try String?.checkEncodable()
        try Pair<Triple<UInt8, UInt8, Unit>, Principal>.checkEncodable()
        try Triple("x", [UInt8](repeating: 0, count: 100_000), "y").checkBound()
    }

    @Test func overlongComponentFailsTheBoundInsteadOfTrapping() throws {
        let pair = Pair(OverlongValue(), UInt8(7))
        #expect(Pair<OverlongValue, UInt8>.bound == .bounded(maxSize: 4, isFixedSize: false))
        #expect(pair.encodedBytes == [0xEE, 0xEE, 0xEE, 7, 3])
        #expect(throws: StableError.boundViolated(type: "(OverlongValue,u8)", maxSize: 4, fixedSize: false, actualSize: 5)) {
            try pair.checkBound()
        }
        let second = Pair(UInt8(7), OverlongValue())
        #expect(second.encodedBytes == [7, 0xEE, 0xEE, 0xEE, 3])
        #expect(throws: StableError.self) { try second.checkBound() }
    }
}
