import StableStructures
import Testing

/// Decoding bytes no value encodes to gives a typed error, never a trap.
@Suite("Storable malformed decodes")
struct StorableMalformedTests {
    /// Expects `malformedEncoding` reported for the type named `culprit`
    /// (the outer type, or the component whose bytes are wrong).
    func expectMalformed<T: Storable>(
        _ type: T.Type, _ bytes: [UInt8], culprit: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        do {
            let value = try T.decode(bytes)
            Issue.record("decoded \(value) from \(bytes)", sourceLocation: sourceLocation)
        } catch {
            guard case let .malformedEncoding(name, _) = error else {
                Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
                return
            }
            #expect(name == (culprit ?? T.typeName), sourceLocation: sourceLocation)
        }
    }

    @Test func fixedSizeScalars() {
        expectMalformed(Float.self, [0, 0, 0])
        expectMalformed(Float.self, [0, 0, 0, 0, 0])
        expectMalformed(Double.self, [0, 0, 0, 0, 0, 0, 0])
        expectMalformed(Double.self, [])
        expectMalformed(Bool.self, [])
        expectMalformed(Bool.self, [2])
        expectMalformed(Bool.self, [0xFF])
        expectMalformed(Bool.self, [0, 1])
        expectMalformed(Unit.self, [0])
        expectMalformed(FixedBytes<4>.self, [1, 2, 3])
        expectMalformed(FixedBytes<4>.self, [1, 2, 3, 4, 5])
        expectMalformed(FixedBytes<0>.self, [1])
    }

    @Test func variableSizeScalars() {
        expectMalformed(Blob<8>.self, [UInt8](repeating: 1, count: 9))
        expectMalformed(Blob<0>.self, [1])
        expectMalformed(Principal.self, [UInt8](repeating: 1, count: 30))
        expectMalformed(String.self, [0xFF])
        expectMalformed(String.self, [0x61, 0xC3])  // truncated sequence
        expectMalformed(String.self, [0xC0, 0x80])  // overlong encoding of NUL
        expectMalformed(String.self, [0xED, 0xA0, 0x80])  // a UTF-16 surrogate
        expectMalformed(String.self, [0xF4, 0x90, 0x80, 0x80])  // beyond U+10FFFF
        expectMalformed(String.self, [0x80])  // a lone continuation byte
    }

    @Test func options() {
        expectMalformed(UInt32?.self, [])
        expectMalformed(UInt32?.self, [2])
        expectMalformed(UInt32?.self, [0, 0, 0, 0, 0])  // marker 00 after a payload
        expectMalformed(UInt32?.self, [0, 0, 0, 1], culprit: "u32")  // payload too short
        expectMalformed(String?.self, [0xFF, 1], culprit: "string")
        expectMalformed(UInt8??.self, [7, 0, 1], culprit: "option<u8>")
    }

    @Test func pairs() {
        typealias P = Pair<UInt32, Blob<20>>
        expectMalformed(P.self, [UInt8](repeating: 0, count: 24))
        expectMalformed(P.self, [UInt8](repeating: 0, count: 26))
        expectMalformed(P.self, [])
        expectMalformed(P.self, [UInt8](repeating: 0, count: 24) + [21])  // length past the slot
        expectMalformed(Pair<Blob<300>, UInt8>.self, [UInt8](repeating: 0, count: 301) + [0x01, 0x2D])  // 301 > 300
        expectMalformed(Pair<Blob<8>, Blob<70000>>.self, [UInt8](repeating: 0, count: 70008) + [0, 0, 0x01, 0x11, 0x71])
        expectMalformed(Pair<Blob<8>, Blob<70000>>.self,
                        [UInt8](repeating: 0, count: 70008) + [0, 0xFF, 0xFF, 0xFF, 0xFF])
        expectMalformed(Pair<UInt32, Bool>.self, [0, 0, 0, 0, 2], culprit: "bool")
        expectMalformed(Pair<UInt16, Unit>.self, [0, 0, 1])  // a unit of length 1 > 0
    }

    @Test func triples() {
        typealias T = Triple<[UInt8], String, UInt32>
        expectMalformed(T.self, [])
        expectMalformed(T.self, [0x10, 0, 0, 0, 0, 0, 0])  // high bits set
        expectMalformed(T.self, [0x08, 0, 0, 0, 0, 0, 0, 0])  // code 2 for the first part
        expectMalformed(T.self, [0x02, 0, 0, 0, 0, 0, 0, 0])  // code 2 for the second part
        expectMalformed(T.self, [0x00, 5, 1, 2])  // first length past the end
        expectMalformed(T.self, [0x04, 0])  // 2-byte length field cut short
        expectMalformed(T.self, [0x0C, 0xFF, 0xFF, 0xFF, 0xFF, 0])  // huge 4-byte length
        expectMalformed(T.self, [0x00, 0, 3, 0x61])  // second length past the end
        expectMalformed(T.self, [0x00, 0, 0, 0, 0, 0], culprit: "u32")  // third part too short
        expectMalformed(T.self, [0x00, 0, 1, 0xFF, 0, 0, 0, 0], culprit: "string")
        // Headerless (both leading parts fixed): too short for the fixed parts.
        expectMalformed(Triple<UInt8, UInt16, UInt32>.self, [1, 2])
        expectMalformed(Triple<UInt8, UInt16, UInt32>.self, [1, 0, 2, 0, 0, 3], culprit: "u32")
        // One fixed leading part: its size is the maximum, whatever the code says.
        expectMalformed(Triple<UInt64, String, [UInt8]>.self, [0x00, 0, 0, 0])
        expectMalformed(Triple<UInt64, String, [UInt8]>.self, [0x00, 0, 0, 0, 0, 0, 0, 0, 1])
    }

    @Test func everyTruncationOfValidTriplesFailsCleanly() throws {
        // Cutting or extending a valid encoding must never trap.
        let value = Triple([UInt8](repeating: 5, count: 300), "héllo", UInt16(9))
        let encoded = value.encodedBytes
        #expect(try Triple<[UInt8], String, UInt16>.decode(encoded) == value)
        for length in 0..<encoded.count {
            _ = try? Triple<[UInt8], String, UInt16>.decode(Array(encoded.prefix(length)))
        }
        for byte in 0...255 {
            var corrupted = encoded
            corrupted[0] = UInt8(byte)
            _ = try? Triple<[UInt8], String, UInt16>.decode(corrupted)
            corrupted = encoded
            corrupted[1] = UInt8(byte)
            _ = try? Triple<[UInt8], String, UInt16>.decode(corrupted)
        }
    }
}
