@_spi(Testing) @testable import StableStructures
import StableTestSupport
import Testing

@Suite("BTreeMap golden images")
struct BTreeGoldenTests {
    static let integerScenarios: [(String, Bool)] = [
        ("btree_u64_u64_5k", false),
        ("btree_u64_u64_removals", false),
        ("btree_v1_u64_u64", true),
        ("btree_v1_migrated", true),
    ]

    @Test(.enabled(if: Golden.isAvailable, "../shared/golden is absent"), arguments: integerScenarios)
    func replayU64(_ scenario: (String, Bool)) throws {
        let memory = try replayBTreeScenario(scenario.0, v1: scenario.1,
                                             key: UInt64.fromGolden, value: UInt64.fromGolden)
        let image = try Golden.image(scenario.0)
        let bytes = memory.bytes
        #expect(bytes == image, "\(scenario.0): \(firstDifference(bytes, image))")
    }

    @Test(.enabled(if: Golden.isAvailable, "../shared/golden is absent"))
    func replayU32() throws {
        let memory = try replayBTreeScenario("btree_u32_u64", key: UInt32.fromGolden, value: UInt64.fromGolden)
        let image = try Golden.image("btree_u32_u64")
        let bytes = memory.bytes
        #expect(bytes == image, "btree_u32_u64: \(firstDifference(bytes, image))")
    }

    @Test(.enabled(if: Golden.isAvailable, "../shared/golden is absent"),
          arguments: ["btree_u64_u64_5k", "btree_u64_u64_removals", "btree_v1_u64_u64", "btree_v1_migrated"])
    func readU64(_ name: String) throws {
        let image = try Golden.image(name)
        let memory = try VectorMemory(bytes: image)
        let map = try BTreeMap<UInt64, UInt64, VectorMemory>(memory: memory)
        try checkBTreeContents(name, map, key: UInt64.fromGolden, value: UInt64.fromGolden)
        let layout = try goldenLayout(name)
        #expect(Int(image[3]) == layout["version"])
        if let pageSize = layout["page_size"] {
            #expect(map.layout.pageSize == pageSize)
        } else {
            #expect(Int(map.layout.maxKeySize) == layout["max_key_size"])
            #expect(Int(map.layout.maxValueSize) == layout["max_value_size"])
        }
        #expect(memory.bytes == image, "opening and reading wrote to the image")
    }

    @Test(.enabled(if: Golden.isAvailable, "../shared/golden is absent"))
    func readU32() throws {
        let image = try Golden.image("btree_u32_u64")
        let memory = try VectorMemory(bytes: image)
        let map = try BTreeMap<UInt32, UInt64, VectorMemory>(memory: memory)
        try checkBTreeContents("btree_u32_u64", map, key: UInt32.fromGolden, value: UInt64.fromGolden)
        #expect(map.layout.pageSize == 242)
        #expect(memory.bytes == image)
    }
}
