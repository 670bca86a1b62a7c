import Foundation
@testable import StableStructures
import StableTestSupport
import Testing

/// Flipped bytes in golden images: every operation either succeeds or throws
/// a `StableError` — no trap, no hang (a trap would crash the test process).
@Suite("BTreeMap corrupt images")
struct BTreeCorruptionTests {
    static var seed: UInt64 {
        if let text = ProcessInfo.processInfo.environment["STABLE_SEED"], let value = UInt64(text) { return value }
        return 0xC022_0F7
    }

    /// Runs reads, iterations and updates on a corrupted copy of `image`.
    func exercise<K: StorableKey, V: Storable>(
        _ image: [UInt8], _: K.Type, _: V.Type, random: inout SplitMix64,
        key: (inout SplitMix64) -> K, value: (inout SplitMix64) -> V
    ) throws {
        var bytes = image
        // Corrupt mostly the written area: headers, allocator, nodes.
        let used = min(bytes.count, Int(UInt32(littleEndian: bytes.withUnsafeBytes {
            $0.loadUnaligned(fromByteOffset: 76, as: UInt32.self)
        })) + 64)
        let limit = max(used, 128)
        let flips = 1 + Int(random.next() % 4)
        for _ in 0 ..< flips {
            let offset = Int(random.next() % UInt64(limit))
            bytes[offset] ^= UInt8(truncatingIfNeeded: 1 + random.next() % 255)
        }
        let memory = try VectorMemory(bytes: bytes)
        do {
            let map = try BTreeMap<K, V, VectorMemory>(memory: memory)
            var iterator = map.makeIterator()
            var seen = 0
            while seen < 400, try iterator.nextEntry() != nil { seen += 1 }
            var backwards = map.reversed().makeIterator()
            seen = 0
            while seen < 100, try backwards.nextEntry() != nil { seen += 1 }
            _ = try? map.first
            _ = try? map.last
            for _ in 0 ..< 5 {
                _ = try? map.get(key(&random))
                _ = try? map.containsKey(key(&random))
            }
            for _ in 0 ..< 20 {
                do {
                    try map.insert(key(&random), value(&random))
                    _ = try map.remove(key(&random))
                } catch {}
            }
            _ = try? map.popFirst()
            _ = try? map.popLast()
            var again = map.makeIterator()
            seen = 0
            while seen < 400, (try? again.nextEntry()) != nil { seen += 1 }
        } catch {
            // A StableError (typed throws guarantees the type).
        }
    }

    @Test(.enabled(if: Golden.isAvailable, "../shared/golden is absent"))
    func flippedBytes() throws {
        var random = SplitMix64(seed: Self.seed)
        let u64Images = ["btree_u64_u64_5k", "btree_u64_u64_removals", "btree_v1_u64_u64", "btree_v1_migrated"]
        for name in u64Images {
            let image = try Golden.image(name)
            for _ in 0 ..< 40 {
                try exercise(image, UInt64.self, UInt64.self, random: &random,
                             key: { $0.next() % 1_000_000 }, value: { $0.next() })
            }
        }
        let u32 = try Golden.image("btree_u32_u64")
        for _ in 0 ..< 30 {
            try exercise(u32, UInt32.self, UInt64.self, random: &random,
                         key: { UInt32(truncatingIfNeeded: $0.next() % 1_000_000) }, value: { $0.next() })
        }
        let blobs = try Golden.image("btree_blob_blob")
        for _ in 0 ..< 20 {
            try exercise(blobs, [UInt8].self, [UInt8].self, random: &random,
                         key: { $0.bytes(Int($0.next() % 8)) }, value: { $0.bytes(Int($0.next() % 3_000)) })
        }
        let strings = try Golden.image("file_memory_btree")
        for _ in 0 ..< 30 {
            try exercise(strings, UInt64.self, String.self, random: &random,
                         key: { $0.next() % 1_000 }, value: { String(repeating: "x", count: Int($0.next() % 50)) })
        }
        let set = try Golden.image("btreeset_string")
        for _ in 0 ..< 30 {
            try exercise(set, String.self, Unit.self, random: &random,
                         key: { String(repeating: "é", count: Int($0.next() % 5)) }, value: { _ in Unit() })
        }
    }

    @Test func foreignMemoryIsRefusedWithoutWriting() throws {
        let memory = VectorMemory()
        _ = memory.grow(1)
        try memory.write(0, bytes: Array("XYZ".utf8))
        let before = memory.bytes
        #expect(throws: StableError.self) { try BTreeMap<UInt64, UInt64, VectorMemory>(memory: memory) }
        #expect(memory.bytes == before)

        let other = VectorMemory()
        _ = try BTreeMap<UInt64, UInt64, VectorMemory>(memory: other)
        try other.write(3, bytes: [9])
        let snapshot = other.bytes
        #expect(throws: StableError.unsupportedVersion(structure: "BTreeMap", version: 9)) {
            try BTreeMap<UInt64, UInt64, VectorMemory>(memory: other)
        }
        #expect(other.bytes == snapshot)
    }

    @Test func boundsAreCheckedBeforeAnyWrite() throws {
        let memory = VectorMemory()
        let map = try BTreeMap<Sized, Sized, VectorMemory>(memory: memory)
        let empty = memory.bytes
        // On an empty tree the crate would allocate the root before failing on the key.
        #expect(throws: StableError.self) { try map.insert(Sized(5), Sized(1)) }
        #expect(throws: StableError.self) { try map.insert(Sized(1), Sized(5)) }
        #expect(memory.bytes == empty)
        for i in 0 ..< 40 { try map.insert(Sized(4, tag: UInt8(i)), Sized(4)) }
        let filled = memory.bytes
        #expect(throws: StableError.self) { try map.insert(Sized(9), Sized(1)) }
        #expect(throws: StableError.self) { try map.insert(Sized(4, tag: 3), Sized(8)) }
        #expect(throws: StableError.self) {
            try map.update(Sized(4, tag: 200), default: Sized(1)) { (value: inout Sized) throws(StableError) in value = Sized(7) }
        }
        #expect(memory.bytes == filled)
        #expect(map.count == 40)
    }
}

/// A key/value of a chosen encoded size with a bound of 4 bytes.
struct Sized: StorableKey, Equatable {
    var size: Int
    var tag: UInt8 = 0
    init(_ size: Int, tag: UInt8 = 0) { self.size = size; self.tag = tag }
    static var bound: StorableBound { .bounded(maxSize: 4, isFixedSize: false) }
    var encodedSize: Int { size }
    func encode(into buffer: UnsafeMutableRawBufferPointer) {
        for i in 0 ..< size { buffer[i] = i == 0 ? tag : 0 }
    }
    static func decode(from bytes: UnsafeRawBufferPointer) throws(StableError) -> Sized {
        Sized(bytes.count, tag: bytes.first ?? 0)
    }
    static func compareKeys(_ lhs: Sized, _ rhs: Sized) -> Int {
        lhs.tag != rhs.tag ? (lhs.tag < rhs.tag ? -1 : 1) : (lhs.size < rhs.size ? -1 : (lhs.size > rhs.size ? 1 : 0))
    }
}
