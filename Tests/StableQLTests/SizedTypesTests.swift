@testable import StableQL
import StableStructures
import Testing

/// The sizes of `blob<N>` and `bytes<N>`: one list, every entry opens the
/// library type of its own size, and the refusal names the list.
@Suite("Sized types")
struct SizedTypesTests {
    /// Encodes a blob of `count` bytes with the codec of `type` and reports
    /// the encoding's length and the library type's bound.
    struct Probe: CodecVisitor {
        let count: Int
        func visit<T: StorableKey>(_ codec: ValueCodec<T>) throws(QLError) -> (encoded: Int, bound: StorableBound) {
            let value = try codec.encode(.blob([UInt8](repeating: 7, count: count)))
            guard case let .blob(back) = try codec.decode(value), back.count == count else {
                throw QLError("round trip failed")
            }
            return (value.encodedBytes.count, T.bound)
        }
    }

    @Test("sizes are listed once, ascending, and each opens its own size")
    func everySizeOpens() throws {
        let sizes = SizedTypes.supportedSizes
        #expect(sizes == sizes.sorted() && Set(sizes).count == sizes.count)
        #expect(sizes.first == 0 && sizes.last == 65536 && sizes.count == 90)
        for size in sizes {
            let fixed = try QLType.fixedBytes(size).withCodec(Probe(count: size))
            #expect(fixed.encoded == size && fixed.bound == .bounded(maxSize: size, isFixedSize: true))
            guard size >= 1 else { continue }
            let blob = try QLType.boundedBlob(size).withCodec(Probe(count: size / 2))
            #expect(blob.encoded == size / 2 && blob.bound == .bounded(maxSize: size, isFixedSize: false))
        }
    }

    @Test("an unavailable size is refused with the list of sizes, ranges folded")
    func refusal() {
        #expect(throws: QLError.self) { try QLType.boundedBlob(0).withCodec(Probe(count: 0)) }
        #expect(throws: QLError.self) { try QLType.fixedBytes(65).withCodec(Probe(count: 65)) }
        let message = SizedTypes.unsupported(.boundedBlob(65)).message
        #expect(message == "blob<65> is not available: N must be one of 1...64, 72, 80, 96, 100, 128, 160, 192, 200, 255, 256, 300, 320, 384, 400, 500, 512, 1000, 1024, 2000, 2048, 4096, 8192, 16384, 32768 or 65536")
        #expect(SizedTypes.describe([1, 2, 3, 5, 6, 9]) == "1...3, 5, 6 or 9")
        #expect(SizedTypes.describe([4]) == "4")
    }
}
