import StableStructures
import StableTestSupport
import Testing

@Suite("MemoryManager")
struct MemoryManagerTests {
    private func id(_ value: UInt8) throws -> MemoryId { try MemoryId(value) }

    @Test("creating on an empty memory writes the header and an all-free table in one page")
    func create() throws {
        let underlying = VectorMemory()
        let manager = try MemoryManager(underlying)
        #expect(underlying.size == 1)
        #expect(manager.bucketSizeInPages == 128)
        #expect(manager.allocatedBucketCount == 0)
        #expect(manager.bucketOwners().isEmpty)
        let page = underlying.bytes
        #expect(Array(page[0 ..< 2080]) == ManagerImage.header(allocated: 0, bucketSize: 128, sizes: [:]))
        #expect(Array(page[2080 ..< 2080 + 32_768]) == [UInt8](repeating: 0xFF, count: 32_768))
        #expect(Array(page[34_848...]) == [UInt8](repeating: 0, count: 65_536 - 34_848))
        #expect(manager.memory(try id(3)).size == 0)
    }

    @Test("interleaved growth hands out buckets in order and rewrites the header each time")
    func interleavedGrowth() throws {
        let underlying = VectorMemory()
        let manager = try MemoryManager(underlying, bucketSize: 2)
        let m0 = manager.memory(try id(0))
        let m1 = manager.memory(try id(1))
        let m7 = manager.memory(try id(7))

        #expect(m0.grow(1) == 0)            // bucket 0
        #expect(m1.grow(3) == 0)            // buckets 1, 2
        #expect(m0.grow(1) == 1)            // fits in bucket 0
        #expect(underlying.size == 1 + 2 * 3)
        #expect(m0.grow(1) == 2)            // bucket 3
        #expect(m7.grow(0) == 0)            // no bucket, header still rewritten
        #expect(m1.grow(2) == 3)            // fills bucket 2, then bucket 4
        #expect(m7.grow(4) == 0)            // buckets 5, 6

        #expect(underlying.size == 1 + 2 * 7)
        #expect(manager.allocatedBucketCount == 7)
        #expect(manager.buckets(of: try id(0)) == [0, 3])
        #expect(manager.buckets(of: try id(1)) == [1, 2, 4])
        #expect(manager.buckets(of: try id(7)) == [5, 6])
        #expect(manager.bucketOwners() == [0, 1, 1, 0, 1, 7, 7].map { try? MemoryId($0) })
        #expect(try underlying.readBytes(0, count: 2080)
            == ManagerImage.header(allocated: 7, bucketSize: 2, sizes: [0: 3, 1: 5, 7: 4]))
        #expect(try ManagerImage.readTable(underlying) == ManagerImage.table([0, 1, 1, 0, 1, 7, 7], count: 64))
        #expect(m0.size == 3 && m1.size == 5 && m7.size == 4)
        #expect(manager.size(of: try id(1)) == 5)
    }

    @Test("handles of one id share state: growth and writes through one are seen by the others")
    func sharedHandles() throws {
        let manager = try MemoryManager(VectorMemory(), bucketSize: 1)
        let first = manager.memory(try id(6))
        let copy = first
        let second = manager.memory(try id(6))
        #expect(copy.grow(2) == 0)
        let six = try id(6)
        #expect(first.size == 2 && second.size == 2 && manager.size(of: six) == 2)
        try second.store(UInt32(77), at: 65_536 + 4)
        #expect(try first.load(UInt32.self, at: 65_536 + 4) == 77)
        #expect(second.id == (try id(6)))
        #expect(manager.memory(try id(7)).size == 0)
    }

    @Test("every grow, even grow(0), rewrites reserved bytes as zeros and leaves 34848..<65536 alone")
    func headerRewrite() throws {
        let underlying = VectorMemory()
        let manager = try MemoryManager(underlying, bucketSize: 1)
        try underlying.write(8, bytes: [UInt8](repeating: 0xAB, count: 32))
        try underlying.write(40 + 8 * 9, bytes: [5, 0, 0, 0, 0, 0, 0, 0])  // a stale size field
        try underlying.write(34_848, bytes: [1, 2, 3])
        try underlying.write(65_535, bytes: [4])
        #expect(manager.memory(try id(2)).grow(0) == 0)
        #expect(try underlying.readBytes(0, count: 2080) == ManagerImage.header(allocated: 0, bucketSize: 1, sizes: [:]))
        #expect(try underlying.readBytes(34_848, count: 3) == [1, 2, 3])
        #expect(try underlying.readBytes(65_535, count: 1) == [4])
        #expect(underlying.size == 1)
    }

    @Test("a write spanning two non-adjacent buckets lands at both physical places and reads back")
    func spanningAccess() throws {
        let underlying = VectorMemory()
        let manager = try MemoryManager(underlying, bucketSize: 1)
        let m0 = manager.memory(try id(0))
        let m1 = manager.memory(try id(1))
        _ = m0.grow(1)  // bucket 0
        _ = m1.grow(1)  // bucket 1
        _ = m0.grow(1)  // bucket 2
        var random = SplitMix64(seed: 7)
        let data = random.bytes(100)
        try m0.write(65_536 - 50, bytes: data)
        #expect(try m0.readBytes(65_536 - 50, count: 100) == data)
        #expect(try underlying.readBytes(65_536 + 65_536 - 50, count: 50) == Array(data[..<50]))
        #expect(try underlying.readBytes(65_536 + 2 * 65_536, count: 50) == Array(data[50...]))
        #expect(try underlying.readBytes(65_536 + 65_536, count: 65_536) == [UInt8](repeating: 0, count: 65_536))
        #expect(try m1.readBytes(0, count: 65_536) == [UInt8](repeating: 0, count: 65_536))

        // load/store and withBytes across the boundary.
        try m0.store(UInt64(0x1122_3344_5566_7788), at: 65_532)
        #expect(try m0.load(UInt64.self, at: 65_532) == 0x1122_3344_5566_7788)
        #expect(try underlying.readBytes(2 * 65_536 - 4, count: 4) == [0x88, 0x77, 0x66, 0x55])
        #expect(try underlying.readBytes(3 * 65_536, count: 4) == [0x44, 0x33, 0x22, 0x11])
        let spanned = try m0.withBytes(at: 65_530, count: 12) { Array($0) }
        #expect(spanned == (try m0.readBytes(65_530, count: 12)))
        // A big read across the whole memory.
        #expect(try m0.readBytes(0, count: 2 * 65_536)
            == (try underlying.readBytes(65_536, count: 65_536)) + (try underlying.readBytes(3 * 65_536, count: 65_536)))
    }

    @Test("inside one bucket, withBytes lends the underlying memory's own storage")
    func zeroCopyView() throws {
        let underlying = VectorMemory()
        let manager = try MemoryManager(underlying, bucketSize: 1)
        _ = manager.memory(try id(1)).grow(1)
        let m0 = manager.memory(try id(0))
        _ = m0.grow(2)  // buckets 1, 2
        let virtualAddress = try m0.withBytes(at: 65_536 + 100, count: 8) { $0.baseAddress }
        let physicalAddress = try underlying.withBytes(at: 3 * 65_536 + 100, count: 8) { $0.baseAddress }
        #expect(virtualAddress != nil)
        #expect(virtualAddress == physicalAddress)
        #expect(try m0.withBytes(at: 2 * 65_536, count: 0) { $0.count } == 0)
    }

    @Test("a bucket size that is not a power of two translates correctly")
    func oddBucketSize() throws {
        let underlying = VectorMemory()
        let manager = try MemoryManager(underlying, bucketSize: 3)
        let a = manager.memory(try id(4))
        let b = manager.memory(try id(5))
        _ = a.grow(2)  // bucket 0
        _ = b.grow(4)  // buckets 1, 2
        _ = a.grow(2)  // bucket 3
        #expect(manager.buckets(of: try id(4)) == [0, 3])
        let bucketBytes = 3 * 65_536
        var random = SplitMix64(seed: 11)
        let data = random.bytes(1000)
        try a.write(UInt64(bucketBytes - 300), bytes: data)
        #expect(try a.readBytes(UInt64(bucketBytes - 300), count: 1000) == data)
        #expect(try underlying.readBytes(UInt64(65_536 + bucketBytes - 300), count: 300) == Array(data[..<300]))
        #expect(try underlying.readBytes(UInt64(65_536 + 3 * bucketBytes), count: 700) == Array(data[300...]))
        try b.store(UInt32(0xCAFE_F00D), at: UInt64(bucketBytes + 8))
        #expect(try underlying.load(UInt32.self, at: UInt64(65_536 + 2 * bucketBytes + 8)) == 0xCAFE_F00D)
    }

    @Test("accesses are checked against the memory's own size, not its buckets")
    func bounds() throws {
        let manager = try MemoryManager(VectorMemory(), bucketSize: 2)
        let m0 = manager.memory(try id(0))
        #expect(throws: StableError.outOfBounds(offset: 0, count: 1, memorySize: 0)) { try m0.readBytes(0, count: 1) }
        try m0.write(0, bytes: [])
        _ = m0.grow(1)  // one page, in a two-page bucket
        try m0.write(65_535, bytes: [1])
        try m0.write(65_536, bytes: [])
        #expect(throws: StableError.outOfBounds(offset: 65_536, count: 1, memorySize: 65_536)) {
            try m0.readBytes(65_536, count: 1)
        }
        #expect(throws: StableError.outOfBounds(offset: 65_535, count: 2, memorySize: 65_536)) {
            try m0.write(65_535, bytes: [1, 2])
        }
        #expect(throws: StableError.self) { try m0.load(UInt16.self, at: 65_535) }
        #expect(throws: StableError.self) { try m0.store(UInt16(1), at: 65_535) }
        #expect(throws: StableError.self) { try m0.withBytes(at: 65_535, count: 2) { _ in 0 } }
        #expect(throws: StableError.self) { try m0.readBytes(.max, count: 2) }
    }

    @Test("a manager loaded again over the same memory sees the same sizes, buckets and data")
    func reload() throws {
        let underlying = VectorMemory()
        var expected: [UInt8: [UInt8]] = [:]
        do {
            let manager = try MemoryManager(underlying, bucketSize: 1)
            var random = SplitMix64(seed: 3)
            for round in 0 ..< 3 {
                for raw: UInt8 in [9, 0, 254] {
                    let memory = manager.memory(try id(raw))
                    let old = memory.grow(UInt64(round) + 1)
                    #expect(old >= 0)
                    let chunk = random.bytes(Int(memory.size - UInt64(old)) * 65_536)
                    try memory.write(UInt64(old) * 65_536, bytes: chunk)
                    expected[raw, default: []] += chunk
                }
            }
        }
        let before = underlying.bytes
        let reloaded = try MemoryManager(underlying, bucketSize: 99)  // the stored bucket size wins
        #expect(underlying.bytes == before)
        #expect(reloaded.bucketSizeInPages == 1)
        #expect(reloaded.allocatedBucketCount == 18)
        #expect(reloaded.buckets(of: try id(9)) == [0, 3, 4, 9, 10, 11])
        #expect(reloaded.buckets(of: try id(254)) == [2, 7, 8, 15, 16, 17])
        for (raw, bytes) in expected {
            let memory = reloaded.memory(try id(raw))
            #expect(memory.size == 6)
            #expect(try memory.readBytes(0, count: bytes.count) == bytes)
        }
        #expect(reloaded.freeBuckets.isEmpty)
    }

    @Test("the default bucket size is 128 pages and a custom one is stored in the header")
    func bucketSizes() throws {
        let underlying = VectorMemory()
        let manager = try MemoryManager(underlying)
        _ = manager.memory(try id(0)).grow(1)
        #expect(underlying.size == 1 + 128)
        #expect(manager.memory(try id(0)).grow(127) == 1)
        #expect(underlying.size == 1 + 128)
        #expect(manager.memory(try id(0)).grow(1) == 128)
        #expect(underlying.size == 1 + 256)

        let custom = VectorMemory()
        let small = try MemoryManager(custom, bucketSize: 5)
        _ = small.memory(try id(1)).grow(6)
        #expect(custom.size == 1 + 10)
        #expect(try custom.load(UInt16.self, at: 6) == 5)
        #expect(throws: StableError.self) { try MemoryManager(VectorMemory(), bucketSize: 0) }
        let untouched = VectorMemory()
        _ = try? MemoryManager(untouched, bucketSize: 0)
        #expect(untouched.size == 0)
    }

    @Test("all 255 memories can be used; MemoryId(255) is an error")
    func memoryLimit() throws {
        #expect(throws: StableError.self) { try MemoryId(255) }
        #expect(try MemoryId(254).rawValue == 254)
        let underlying = VectorMemory()
        let manager = try MemoryManager(underlying, bucketSize: 1)
        for raw in (0 ... 254).reversed() {
            let memory = manager.memory(try id(UInt8(raw)))
            #expect(memory.grow(1) == 0)
            try memory.store(UInt8(raw), at: 0)
        }
        #expect(manager.allocatedBucketCount == 255)
        #expect(try ManagerImage.readTable(underlying, count: 256) == ManagerImage.table((0 ... 254).reversed().map { UInt8($0) }, count: 256))
        let reloaded = try MemoryManager(underlying)
        for raw in 0 ... 254 {
            #expect(try reloaded.memory(try id(UInt8(raw))).load(UInt8.self, at: 0) == UInt8(raw))
        }
    }

    @Test("more than 32768 buckets: grow returns -1 and changes nothing")
    func bucketLimit() throws {
        let underlying = SparseTestMemory()
        let manager = try MemoryManager(underlying, bucketSize: 1)
        let m0 = manager.memory(try id(0))
        let m1 = manager.memory(try id(1))
        #expect(m0.grow(32_769) == -1)
        #expect(manager.allocatedBucketCount == 0)
        #expect(underlying.size == 1)
        #expect(m0.grow(32_000) == 0)
        #expect(m1.grow(768) == 0)
        #expect(underlying.size == 32_769)
        let header = try underlying.readBytes(0, count: 2080)
        #expect(header == ManagerImage.header(allocated: 32_768, bucketSize: 1, sizes: [0: 32_000, 1: 768]))
        #expect(m1.grow(1) == -1)
        #expect(m0.grow(.max) == -1)
        #expect(m1.grow(0) == 768)
        #expect(try underlying.readBytes(0, count: 2080) == header)
        try m1.store(UInt64(42), at: 767 * 65_536 + 65_528)
        #expect(try underlying.load(UInt64.self, at: 32_768 * 65_536 + 65_528) == 42)
    }

    @Test("a failing underlying grow makes grow return -1 with nothing changed")
    func underlyingGrowFailure() throws {
        let underlying = GrowthLimitedMemory(maxPages: 3)
        let manager = try MemoryManager(underlying, bucketSize: 1)
        let m0 = manager.memory(try id(0))
        #expect(m0.grow(2) == 0)
        let before = try underlying.readBytes(0, count: 3 * 65_536)
        #expect(m0.grow(1) == -1)
        #expect(manager.memory(try id(1)).grow(1) == -1)
        #expect(m0.size == 2)
        #expect(manager.allocatedBucketCount == 2)
        #expect(try underlying.readBytes(0, count: 3 * 65_536) == before)
    }

    @Test("a foreign memory is refused with badMagic and left byte-identical")
    func badMagic() throws {
        var random = SplitMix64(seed: 1)
        let image = random.bytes(2 * 65_536)
        let memory = try VectorMemory(bytes: image)
        #expect(throws: StableError.badMagic(expected: "MemoryManager", found: Array(image[..<3]))) {
            try MemoryManager(memory)
        }
        #expect(memory.bytes == image)
        let zeros = try VectorMemory(bytes: [UInt8](repeating: 0, count: 65_536))
        #expect(throws: StableError.badMagic(expected: "MemoryManager", found: [0, 0, 0])) { try MemoryManager(zeros) }
        #expect(zeros.bytes == [UInt8](repeating: 0, count: 65_536))
    }

    @Test("a layout version other than 1 is refused and the memory left byte-identical")
    func unsupportedVersion() throws {
        let memory = VectorMemory()
        _ = try MemoryManager(memory, bucketSize: 1).memory(try id(0)).grow(1)
        try memory.write(3, bytes: [2])
        let image = memory.bytes
        #expect(throws: StableError.unsupportedVersion(structure: "MemoryManager", version: 2)) {
            try MemoryManager(memory)
        }
        #expect(memory.bytes == image)
    }

    @Test("inconsistent headers and tables are typed errors, not traps")
    func corruptImages() throws {
        func corrupted(_ patch: (VectorMemory) throws -> Void) throws -> Bool {
            let memory = VectorMemory()
            let manager = try MemoryManager(memory, bucketSize: 1)
            _ = manager.memory(try id(0)).grow(2)
            try patch(memory)
            let image = memory.bytes
            do throws(StableError) {
                _ = try MemoryManager(memory)
                return false
            } catch {
                guard case .corrupted = error else { return false }
                return memory.bytes == image
            }
        }
        #expect(try corrupted { try $0.store(UInt16(40_000), at: 4) })               // too many buckets
        #expect(try corrupted { try $0.store(UInt16(0), at: 6) })                    // bucket size 0
        #expect(try corrupted { try $0.write(2080 + 5, bytes: [3]) })                // owner past the high-water mark
        #expect(try corrupted { try $0.store(UInt64(3), at: 40) })                   // size beyond its buckets
        #expect(try corrupted { try $0.store(UInt64.max, at: 40 + 8 * 17) })         // size without buckets
        #expect(try corrupted { try $0.store(UInt16(3), at: 4) })                    // more buckets than pages
        #expect(try corrupted { try $0.store(UInt16(30_000), at: 6) })               // huge buckets, same pages
    }
}
