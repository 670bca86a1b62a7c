import StableStructures
import StableTestSupport
import Testing

@Suite("MemoryManager reclaim")
struct ReclaimTests {
    private func id(_ value: UInt8) throws -> MemoryId { try MemoryId(value) }

    /// Fills the pages `from ..< memory.size` of `memory` with random bytes and
    /// appends them to `model`.
    private func fill(_ memory: VirtualMemory<VectorMemory>, from page: UInt64, _ model: inout [UInt8], _ random: inout SplitMix64) throws {
        let bytes = random.bytes(Int(memory.size - page) * 65_536)
        try memory.write(page * 65_536, bytes: bytes)
        model += bytes
    }

    @Test("reclaim frees the buckets: table bytes 0xFF, size 0, allocated count kept, contents kept")
    func reclaimBytes() throws {
        let underlying = VectorMemory()
        let manager = try MemoryManager(underlying, bucketSize: 2)
        let m0 = manager.memory(try id(0))
        let m1 = manager.memory(try id(1))
        _ = m0.grow(3)  // buckets 0, 1
        _ = m1.grow(2)  // bucket 2
        _ = m0.grow(1)
        try m0.write(0, bytes: [1, 2, 3])
        try m1.write(0, bytes: [4, 5, 6])

        #expect(try manager.reclaimMemory(try id(0)) == 4)
        #expect(underlying.size == 1 + 2 * 3)
        #expect(try underlying.readBytes(0, count: 2080) == ManagerImage.header(allocated: 3, bucketSize: 2, sizes: [1: 2]))
        #expect(try ManagerImage.readTable(underlying) == ManagerImage.table([nil, nil, 1], count: 64))
        #expect(try underlying.readBytes(65_536, count: 3) == [1, 2, 3])
        #expect(manager.bucketOwners() == [nil, nil, try id(1)])
        #expect(manager.freeBuckets == [0, 1])
        #expect(manager.buckets(of: try id(0)).isEmpty)
        #expect(m0.size == 0)
        #expect(throws: StableError.self) { try m0.readBytes(0, count: 1) }
        #expect(try m1.readBytes(0, count: 3) == [4, 5, 6])

        // Nothing left to reclaim: 0 and no write at all.
        let image = underlying.bytes
        #expect(try manager.reclaimMemory(try id(0)) == 0)
        #expect(try manager.reclaimMemory(try id(200)) == 0)
        #expect(underlying.bytes == image)

        // The free pool is rebuilt from the table on load.
        let reloaded = try MemoryManager(underlying)
        #expect(reloaded.freeBuckets == [0, 1])
        #expect(reloaded.allocatedBucketCount == 3)
        #expect(reloaded.bucketOwners() == [nil, nil, try id(1)])
        #expect(underlying.bytes == image)
    }

    @Test("reuse keeps every memory's buckets ascending, so data survives a reload")
    func ascendingReuse() throws {
        let underlying = VectorMemory()
        var random = SplitMix64(seed: 99)
        var model: [UInt8: [UInt8]] = [:]
        let manager = try MemoryManager(underlying, bucketSize: 1)
        func grow(_ raw: UInt8, _ pages: UInt64) throws {
            let memory = manager.memory(try id(raw))
            let old = memory.grow(pages)
            #expect(old >= 0)
            try fill(memory, from: UInt64(old), &model[raw, default: []], &random)
        }
        try grow(0, 1)  // bucket 0
        try grow(1, 2)  // buckets 1, 2
        try grow(0, 1)  // bucket 3
        try grow(2, 1)  // bucket 4
        #expect(try manager.reclaimMemory(try id(1)) == 2)
        model[1] = nil

        // Memory 0 owns buckets below (0) and above (3) the freed ones: it may
        // not take 1 or 2, which would reorder it after a reload.
        try grow(0, 1)
        #expect(manager.buckets(of: try id(0)) == [0, 3, 5])
        // Memory 2 could only take a lower free bucket: it gets a new index too.
        try grow(2, 1)
        #expect(manager.buckets(of: try id(2)) == [4, 6])
        // A memory without buckets takes the lowest free ones.
        try grow(3, 2)
        #expect(manager.buckets(of: try id(3)) == [1, 2])
        #expect(manager.allocatedBucketCount == 7)
        #expect(manager.freeBuckets.isEmpty)
        #expect(try ManagerImage.readTable(underlying) == ManagerImage.table([0, 3, 3, 0, 2, 0, 2], count: 64))

        // Free two buckets above the highest ones of memories 3 and 0.
        #expect(try manager.reclaimMemory(try id(2)) == 2)
        model[2] = nil
        #expect(manager.freeBuckets == [4, 6])
        try grow(3, 1)  // lowest free above 2: 4
        try grow(0, 1)  // lowest free above 5: 6
        #expect(manager.buckets(of: try id(3)) == [1, 2, 4])
        #expect(manager.buckets(of: try id(0)) == [0, 3, 5, 6])
        #expect(manager.allocatedBucketCount == 7)
        #expect(try ManagerImage.readTable(underlying) == ManagerImage.table([0, 3, 3, 0, 3, 0, 0], count: 64))
        #expect(try underlying.readBytes(0, count: 2080)
            == ManagerImage.header(allocated: 7, bucketSize: 1, sizes: [0: 4, 3: 3]))

        for (raw, bytes) in model {
            #expect(try manager.memory(try id(raw)).readBytes(0, count: bytes.count) == bytes)
        }
        let reloaded = try MemoryManager(underlying)
        for (raw, bytes) in model {
            let memory = reloaded.memory(try id(raw))
            #expect(memory.size * 65_536 == UInt64(bytes.count))
            #expect(try memory.readBytes(0, count: bytes.count) == bytes)
            #expect(reloaded.buckets(of: try id(raw)) == manager.buckets(of: try id(raw)))
        }
    }

    @Test("the capacity check counts only the free buckets the growing memory may use")
    func capacityWithFreeBuckets() throws {
        let underlying = SparseTestMemory()
        let manager = try MemoryManager(underlying, bucketSize: 1)
        let m0 = manager.memory(try id(0))
        let m1 = manager.memory(try id(1))
        let m2 = manager.memory(try id(2))
        #expect(m0.grow(10) == 0)
        #expect(m1.grow(32_758) == 0)
        #expect(try manager.reclaimMemory(try id(0)) == 10)
        #expect(m1.grow(1) == -1)        // the free buckets all lie below memory 1's
        #expect(m2.grow(11) == -1)       // 10 usable, no new index left
        #expect(m2.size == 0)
        #expect(manager.freeBuckets.count == 10)
        #expect(m2.grow(10) == 0)
        #expect(manager.buckets(of: try id(2)) == Array(0 ..< 10))
        #expect(manager.freeBuckets.isEmpty)
        #expect(underlying.size == 32_769)
        #expect(m2.grow(1) == -1)
    }
}
