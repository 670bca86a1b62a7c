@_spi(Testing) @testable import StableStructures
import StableTestSupport
import Testing

@Suite("BTreeMap golden images")
struct BTreeGoldenTests {
    /// Replays `name` with key/value types `K`/`V` and compares the image.
    func replay<K: StorableKey & GoldenValue, V: Storable & GoldenValue>(
        _ name: String, _: K.Type, _: V.Type, v1: Bool = false
    ) throws {
        let memory = try replayBTreeScenario(name, v1: v1, key: { try K(golden: $0) }, value: { try V(golden: $0) })
        let image = try Golden.image(name)
        let bytes = memory.bytes
        #expect(bytes == image, "\(name): \(firstDifference(bytes, image))")
    }

    /// Opens the image of `name` and compares contents, layout and bytes.
    func read<K: StorableKey & GoldenValue, V: Storable & GoldenValue>(
        _ name: String, _: K.Type, _: V.Type
    ) throws {
        let image = try Golden.image(name)
        let memory = try VectorMemory(bytes: image)
        let map = try BTreeMap<K, V, VectorMemory>(memory: memory)
        try checkBTreeContents(name, map, key: { try K(golden: $0) }, value: { try V(golden: $0) })
        let layout = try goldenLayout(name)
        #expect(Int(image[3]) == layout["version"])
        if let pageSize = layout["page_size"] {
            #expect(map.layout.format == .explicit)
            #expect(map.layout.pageSize == pageSize)
        } else {
            #expect(map.layout.format == .derived)
            #expect(Int(map.layout.maxKeySize) == layout["max_key_size"])
            #expect(Int(map.layout.maxValueSize) == layout["max_value_size"])
        }
        #expect(memory.bytes == image, "\(name): opening and reading wrote to the image")
    }

    @Test(.enabled(if: Golden.isAvailable, "../shared/golden is absent"),
          arguments: ["btree_u64_u64_5k", "btree_u64_u64_removals", "btree_v1_u64_u64", "btree_v1_migrated"])
    func u64ToU64(_ name: String) throws {
        try replay(name, UInt64.self, UInt64.self, v1: name.contains("_v1_"))
        try read(name, UInt64.self, UInt64.self)
    }

    @Test(.enabled(if: Golden.isAvailable, "../shared/golden is absent"))
    func u32ToU64() throws {
        try replay("btree_u32_u64", UInt32.self, UInt64.self)
        try read("btree_u32_u64", UInt32.self, UInt64.self)
    }

    @Test(.enabled(if: Golden.isAvailable, "../shared/golden is absent"))
    func blobToBlobWithOverflowPages() throws {
        try replay("btree_blob_blob", [UInt8].self, [UInt8].self)
        try read("btree_blob_blob", [UInt8].self, [UInt8].self)
    }

    @Test(.enabled(if: Golden.isAvailable, "../shared/golden is absent"))
    func tupleKeyToString() throws {
        try replay("btree_tuple_key", Pair<UInt64, UInt64>.self, String.self)
        try read("btree_tuple_key", Pair<UInt64, UInt64>.self, String.self)
    }

    @Test(.enabled(if: Golden.isAvailable, "../shared/golden is absent"))
    func fileMemoryImage() throws {
        // The same ops on a VectorMemory give the FileMemory's bytes.
        try replay("file_memory_btree", UInt64.self, String.self)
        try read("file_memory_btree", UInt64.self, String.self)
    }

    @Test func workedExample() throws {
        // StableStructures.docc/ByteLayout.md, "B-tree map and set": `new` + `insert(1, 100)` on BTreeMap<u64, u64>.
        let memory = VectorMemory()
        let map = try BTreeMap<UInt64, UInt64, VectorMemory>(memory: memory)
        #expect(try map.insert(1, 100) == nil)
        var expected = [UInt8](repeating: 0, count: 65_536)
        func put(_ offset: Int, _ hexString: String) {
            let bytes = StableTestSupport.bytes(fromHex: hexString.replacingOccurrences(of: " ", with: "")) ?? []
            expected.replaceSubrange(offset ..< offset + bytes.count, with: bytes)
        }
        put(0, "42 54 52 02 13 01 00 00 ff ff ff ff 74 00 00 00 00 00 00 00 01 00 00 00 00 00 00 00")
        put(52, "42 54 41 01 00 00 00 00 13 01 00 00 00 00 00 00 01 00 00 00 00 00 00 00 87 01 00 00 00 00 00 00")
        put(100, "43 48 4b 01 01 00 00 00 00 00 00 00 00 00 00 00")
        put(116, "42 54 4e 02 00 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01 08 00 00 00 00 00 00 00 00 00 00 64")
        put(391, "43 48 4b 01 00 00 00 00 00 00 00 00 00 00 00 00")
        #expect(memory.bytes == expected, "\(firstDifference(memory.bytes, expected))")

        // Keys 1...12: root 407 = [6], children 116 = [1...5], 698 = [7...12], free-list head 973.
        for key in UInt64(2) ... 12 { try map.insert(key, key * 100) }
        #expect(map.root == 407)
        #expect(map.allocator.head == 973)
        let rootKeys = try map.withNode(407) { (view) throws(StableError) -> [UInt64] in
            try (0 ..< view.count).map { (i) throws(StableError) -> UInt64 in try UInt64.decode(from: try view.key(i)) }
        }
        #expect(rootKeys == [6])
        let children = try map.withNode(407) { (view) throws(StableError) -> [UInt64] in [view.child(0), view.child(1)] }
        #expect(children == [116, 698])
    }

    @Test func removingAnAbsentKeyRestructures() throws {
        // StableStructures.docc/ByteLayout.md, "B-tree map and set": keys 1...12, remove(3) rotates; remove(100) merges into one leaf at 116.
        let memory = VectorMemory()
        let map = try BTreeMap<UInt64, UInt64, VectorMemory>(memory: memory)
        for key in UInt64(1) ... 12 { try map.insert(key, key) }
        #expect(try map.remove(3) == 3)
        let rootKeys = try map.withNode(map.root) { (view) throws(StableError) -> [UInt64] in
            try (0 ..< view.count).map { (i) throws(StableError) -> UInt64 in try UInt64.decode(from: try view.key(i)) }
        }
        #expect(rootKeys == [7])
        #expect(try map.remove(100) == nil)
        #expect(map.root == 116)
        #expect(map.allocator.allocatedCount == 1)
        #expect(Array(map.keys) == [1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    }
}
