import StableStructures
import StableTestSupport
import Testing

/// Hand-made corrupt memory-manager images (StableStructures.docc/ByteLayout.md, "Memory manager"): a typed error
/// or correct data, never a trap, a hang or unbounded memory.
@Suite("Hostile MemoryManager images")
struct HostileMemoryManagerTests {
    static let allocatedOffset = 4
    static let bucketSizeOffset = 6
    static func sizeOffset(_ id: Int) -> Int { 40 + 8 * id }
    static let tableOffset = 2080

    /// A manager (bucket size 1) with a `BTreeMap<UInt64, UInt64>` of 50
    /// entries in memory 0 and one grown page in memory 1.
    static func managerImage() throws -> HostileImage {
        let underlying = VectorMemory()
        let manager = try MemoryManager(underlying, bucketSize: 1)
        let map = try BTreeMap<UInt64, UInt64, VirtualMemory<VectorMemory>>(memory: manager.memory(MemoryId(0)))
        for i in UInt64(0) ..< 50 { _ = try map.insert(i, i + 1) }
        _ = manager.memory(try MemoryId(1)).grow(1)
        return try HostileImage(of: underlying)
    }

    /// Loads the manager and, when that works, the map in memory 0; then runs
    /// the fuzz harness on the same bytes.
    static func open(_ image: HostileImage) throws -> (manager: StableError?, map: StableError?, keys: [UInt64]) {
        FuzzHarness.imageMemoryManager(image.bytes)
        let memory = try image.memory()
        let manager: MemoryManager<VectorMemory>
        do throws(StableError) { manager = try MemoryManager(memory) } catch { return (error, nil, []) }
        do throws(StableError) {
            let map = try BTreeMap<UInt64, UInt64, VirtualMemory<VectorMemory>>(memory: manager.memory(MemoryId(0)))
            return (nil, nil, try map.entries.collect().map(\.key))
        } catch {
            return (nil, error, [])
        }
    }

    @Test func cleanImageLoads() throws {
        let outcome = try Self.open(try Self.managerImage())
        #expect(outcome.manager == nil && outcome.map == nil)
        #expect(outcome.keys == Array(0 ..< 50))
    }

    @Test func tableEntryBeyondTheAllocatedCount() throws {
        var image = try Self.managerImage()
        let allocated = Int(image.read(UInt16.self, at: Self.allocatedOffset))
        image.bytes[Self.tableOffset + allocated + 3] = 0
        #expect(Hostile.isCorrupted(try Self.open(image).manager))
    }

    @Test func sizeLargerThanTheBucketsOwned() throws {
        var image = try Self.managerImage()
        let owned = image.read(UInt64.self, at: Self.sizeOffset(0))
        image.write(owned + 1, at: Self.sizeOffset(0))
        #expect(Hostile.isCorrupted(try Self.open(image).manager))
        image.write(UInt64.max, at: Self.sizeOffset(0))
        #expect(Hostile.isCorrupted(try Self.open(image).manager))
        // A memory that owns no bucket at all but claims pages.
        var other = try Self.managerImage()
        other.write(UInt64(1), at: Self.sizeOffset(200))
        #expect(Hostile.isCorrupted(try Self.open(other).manager))
    }

    @Test func allocatedCountAboveTheMaximum() throws {
        var image = try Self.managerImage()
        image.write(UInt16(32_769), at: Self.allocatedOffset)
        #expect(Hostile.isCorrupted(try Self.open(image).manager))
    }

    @Test func zeroBucketSize() throws {
        var image = try Self.managerImage()
        image.write(UInt16(0), at: Self.bucketSizeOffset)
        #expect(Hostile.isCorrupted(try Self.open(image).manager))
    }

    /// A one-page memory whose header claims all 32 768 buckets for memory 0
    /// (a consistent table and sizes): the buckets cannot be in the memory,
    /// so loading fails with a typed error.
    @Test(arguments: [UInt16(1), 128, 0xFFFF])
    func allBucketsClaimedOnOnePage(bucketSize: UInt16) throws {
        var image = HostileImage([UInt8](repeating: 0, count: 65_536))
        image.bytes.replaceSubrange(0 ..< 4, with: Array("MGR".utf8) + [1])
        image.write(UInt16(32_768), at: Self.allocatedOffset)
        image.write(bucketSize, at: Self.bucketSizeOffset)
        image.write(UInt64(32_768) * UInt64(bucketSize), at: Self.sizeOffset(0))
        // Table: every bucket owned by memory 0 (already 0 bytes).
        #expect(Hostile.isCorrupted(try Self.open(image).manager))
    }

    @Test func bucketHandedToAnotherMemory() throws {
        // Memory 0's only bucket now belongs to memory 254: memory 0 claims a
        // page it has no bucket for.
        var image = try Self.managerImage()
        image.bytes[Self.tableOffset] = 254
        #expect(Hostile.isCorrupted(try Self.open(image).manager))
    }

    @Test func truncatedUnderlyingMemory() throws {
        // Page 0 intact, the buckets cut off: the manager refuses to load.
        let image = try Self.managerImage()
        let cut = HostileImage(Array(image.bytes.prefix(65_536)))
        #expect(Hostile.isCorrupted(try Self.open(cut).manager))
    }
}
