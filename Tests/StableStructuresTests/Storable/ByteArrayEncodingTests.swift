import StableStructures
import Testing

/// `[UInt8].withEncodedBytes` hands out the array's own storage (no copy).
@Suite("Byte-array encoding without a copy")
struct ByteArrayEncodingTests {
    @Test("the bytes passed are the array's, for empty, small and large arrays")
    func bytesAreTheArrays() throws {
        for count in [0, 1, 63, 64, 65, 1_024, 5_000] {
            let array = (0 ..< count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            let seen = try array.withEncodedBytes { (bytes) throws(StableError) -> [UInt8] in
                #expect(bytes.baseAddress != nil, "a nil base for \(count) bytes")
                return Array(bytes)
            }
            #expect(seen == array)
            #expect(seen == array.encodedBytes)
        }
    }

    @Test("an error thrown by the body comes out typed")
    func bodyErrorPropagates() {
        #expect(throws: StableError.self) {
            try [UInt8](repeating: 1, count: 100).withEncodedBytes { (_) throws(StableError) -> Int in
                throw .invalidArgument("from the body")
            }
        }
    }
}
