@_spi(Testing) import StableStructures
import StableTestSupport
import Testing

/// The undecoded bytes of one stored value, for explaining values that do
/// not decode as a declared type.
@Suite("Stored bytes of one value")
struct StoredBytesTests {
    @Test("a map's stored value bytes are what was inserted, across splits and overflow pages; nil for absent keys")
    func mapValueBytes() throws {
        let memory = VectorMemory()
        let map = try BTreeMap<UInt64, [UInt8], VectorMemory>(memory: memory)
        var model: [UInt64: [UInt8]] = [:]
        var random = SplitMix64(seed: 18)
        for _ in 0..<400 {
            let key = random.next() % 5_000
            // Some values span the node's overflow pages.
            let value = (0..<Int(key % 7 == 0 ? 3_000 : key % 50)).map { UInt8(truncatingIfNeeded: $0 &+ Int(key)) }
            _ = try map.insert(key, value)
            model[key] = value
        }
        for (key, value) in model { #expect(try map.storedValueBytes(key) == value) }
        for key in [UInt64(5_000), 7_777, .max] { #expect(try map.storedValueBytes(key) == nil) }
        // Read as another value type, the same bytes: what a wrong declaration would see.
        let asText = try BTreeMap<UInt64, String, VectorMemory>(memory: memory)
        let some = try #require(model.keys.min())
        #expect(try asText.storedValueBytes(some) == model[some])
    }

    @Test("a vec's element bytes: big-endian for fixed-size integers, the payload for bounded blobs; nil past the end")
    func arrayElementBytes() throws {
        let fixed = VectorMemory()
        let numbers = try StableVec<UInt32, VectorMemory>(memory: fixed)
        let values: [UInt32] = [0, 1, 0xDEAD_BEEF, 70_000]
        for value in values { try numbers.push(value) }
        for (index, value) in values.enumerated() {
            let bigEndian = [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) }
            #expect(try RawContents.arrayElement(fixed, at: UInt64(index)) == bigEndian)
        }
        #expect(try RawContents.arrayElement(fixed, at: UInt64(values.count)) == nil)

        let variable = VectorMemory()
        let blobs = try StableVec<Blob<300>, VectorMemory>(memory: variable)
        let payloads: [[UInt8]] = [[], [7], [UInt8](repeating: 9, count: 300), Array(0..<200)]
        for payload in payloads { try blobs.push(try Blob<300>(payload)) }
        for (index, payload) in payloads.enumerated() {
            #expect(try RawContents.arrayElement(variable, at: UInt64(index)) == payload)
        }
        #expect(try RawContents.arrayElements(variable, limit: 10) == payloads)
        #expect(try RawContents.arrayElement(variable, at: .max) == nil)
    }
}
