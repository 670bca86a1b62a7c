import StableStructures
import StableTestSupport
import Testing

/// The library's invariant checkers: silent on healthy structures (random
/// workloads and the crate's golden images), and naming the damage when
/// bytes of a stored structure are changed behind its back.
@Suite("Invariant checkers")
struct InvariantCheckerTests {
    typealias Mem = VectorMemory

    /// The problems reported, as text, for readable expectations.
    func problems(_ violations: [InvariantViolation]) -> [String] { violations.map(\.problem) }

    // MARK: - Healthy structures

    @Test("random inserts and removals leave a map and a set that pass every check")
    func healthyTrees() throws {
        var random = SplitMix64(seed: 0x1A7_A11D)
        let map = try BTreeMap<UInt64, String, Mem>(memory: Mem())
        let set = try BTreeSet<[UInt8], Mem>(memory: Mem())
        for step in 0 ..< 3000 {
            let key = random.next() % 800
            if random.next() % 3 == 0 {
                _ = try map.remove(key)
                _ = try set.remove(random.bytes(Int(key % 5)))
            } else {
                _ = try map.insert(key, String(repeating: "v", count: Int(random.next() % 40)))
                _ = try set.insert(random.bytes(Int(random.next() % 300)))
            }
            if step % 1000 == 999 {
                #expect(map.checkInvariants() == [])
                #expect(set.checkInvariants() == [])
            }
        }
    }

    @Test("vectors, heaps, cells and logs after random operations pass every check")
    func healthySequences() throws {
        var random = SplitMix64(seed: 0x5E0_0E)
        let vec = try StableVec<Blob<20>, Mem>(memory: Mem())
        let heap = try MinHeap<UInt32, Mem>(memory: Mem())
        let cell = try Cell<String, Mem>(memory: Mem(), defaultValue: "")
        let log = try Log<[UInt8], Mem, Mem>(indexMemory: Mem(), dataMemory: Mem())
        for _ in 0 ..< 1500 {
            switch random.next() % 6 {
            case 0: _ = try vec.pop()
            case 1: _ = try heap.pop()
            default:
                try vec.push(try Blob<20>(random.bytes(Int(random.next() % 21))))
                try heap.push(UInt32(truncatingIfNeeded: random.next() % 1000))
                _ = try cell.set(String(repeating: "c", count: Int(random.next() % 100)))
                _ = try log.append(random.bytes(Int(random.next() % 50)))
            }
        }
        #expect(vec.checkInvariants() == [])
        #expect(heap.checkInvariants() == [])
        #expect(cell.checkInvariants() == [])
        #expect(log.checkInvariants() == [])
    }

    @Test("golden images written by the crate pass every check")
    func goldenImagesAreHealthy() throws {
        guard Golden.isAvailable else { return }
        func whole(_ name: String) throws -> Mem { try Mem(bytes: try Golden.image(name)) }
        for name in ["btree_u64_u64_5k", "btree_u64_u64_removals", "btree_v1_u64_u64", "btree_v1_migrated"] {
            #expect(try BTreeMap<UInt64, UInt64, Mem>(memory: whole(name)).checkInvariants() == [], "\(name)")
        }
        #expect(try BTreeMap<UInt32, UInt64, Mem>(memory: whole("btree_u32_u64")).checkInvariants() == [])
        #expect(try BTreeSet<String, Mem>(memory: whole("btreeset_string")).checkInvariants() == [])
        #expect(try MinHeap<UInt32, Mem>(memory: whole("minheap_u32")).checkInvariants() == [])
        #expect(try StableVec<Blob<20>, Mem>(memory: whole("vec_bounded_blob20")).checkInvariants() == [])
        #expect(try Cell<UInt64, Mem>(memory: whole("cell_u64"), defaultValue: 0).checkInvariants() == [])
        #expect(try Cell<String, Mem>(memory: whole("cell_string"), defaultValue: "").checkInvariants() == [])
        let logImage = try whole("log_blob")
        let log = try Log<[UInt8], RestrictedMemory<Mem>, RestrictedMemory<Mem>>(
            indexMemory: try RestrictedMemory(logImage, pages: 0 ..< 1), dataMemory: try RestrictedMemory(logImage, pages: 1 ..< 5))
        #expect(log.count == 2000)
        #expect(log.checkInvariants() == [])
        for name in ["mm_mixed", "mm_default_bucket", "mm_reclaim"] {
            let memory = try whole(name)
            #expect(MemoryManager.checkInvariants(of: memory) == [], "\(name)")
            #expect(try MemoryManager(memory).checkInvariants() == [], "\(name)")
        }
    }

    // MARK: - Damaged structures

    /// A map of `count` entries `k → k` (u64 → u64, 275-byte pages) and its memory.
    func sampleMap(_ count: UInt64) throws -> (BTreeMap<UInt64, UInt64, Mem>, Mem) {
        let memory = Mem()
        let map = try BTreeMap<UInt64, UInt64, Mem>(memory: memory)
        for key in 0 ..< count { _ = try map.insert(key, key) }
        return (map, memory)
    }

    @Test("two swapped keys in a leaf are reported as out of order")
    func swappedKeys() throws {
        let (_, memory) = try sampleMap(8)  // one leaf root at 116
        // A v2 leaf with fixed-size keys: header (7), overflow link (8), then the 8-byte keys.
        let first = try memory.readBytes(116 + 15, count: 8)
        let second = try memory.readBytes(116 + 23, count: 8)
        #expect(first == [0, 0, 0, 0, 0, 0, 0, 0] && second == [0, 0, 0, 0, 0, 0, 0, 1])
        try memory.write(116 + 15, bytes: second)
        try memory.write(116 + 23, bytes: first)
        let reloaded = try BTreeMap<UInt64, UInt64, Mem>(memory: memory)
        #expect(problems(reloaded.checkInvariants()) == ["the keys of node 116 are not in ascending order"])
    }

    @Test("a length field that disagrees with the nodes is reported")
    func wrongLength() throws {
        let (_, memory) = try sampleMap(100)
        try memory.store(UInt64(99), at: 20)
        let reloaded = try BTreeMap<UInt64, UInt64, Mem>(memory: memory)
        #expect(problems(reloaded.checkInvariants()) == ["the length is 99 but the nodes hold 100 entries"])
    }

    @Test("an allocator count that disagrees with the reachable chunks is reported")
    func wrongAllocatorCount() throws {
        let (map, memory) = try sampleMap(100)
        let chunks = try map.statistics().allocatedChunkCount
        try memory.store(chunks + 1, at: 68)
        let reloaded = try BTreeMap<UInt64, UInt64, Mem>(memory: memory)
        let found = problems(reloaded.checkInvariants())
        #expect(found.contains("the allocator counts \(chunks + 1) chunks in use, \(chunks) are reachable"))
    }

    @Test("a reachable node whose chunk is marked free is reported")
    func nodeInFreeChunk() throws {
        let (_, memory) = try sampleMap(100)
        try memory.write(100 + 4, bytes: [0])  // the allocated flag of the first chunk (a node)
        let reloaded = try BTreeMap<UInt64, UInt64, Mem>(memory: memory)
        #expect(problems(reloaded.checkInvariants()).contains("node or overflow page 116 lies in a free chunk"))
    }

    @Test("a value that no longer decodes is reported with its node")
    func undecodableValue() throws {
        let memory = Mem()
        let map = try BTreeMap<UInt64, String, Mem>(memory: memory)
        _ = try map.insert(1, "hello")
        // Find the value's bytes in the root node and make them invalid UTF-8.
        let node = try memory.readBytes(116, count: 200)
        let offset = try #require(node.indices.first { Array(node[$0 ..< $0 + 5]) == Array("hello".utf8) })
        try memory.write(116 + UInt64(offset), bytes: [0xFF])
        let found = map.checkInvariants()
        #expect(found.count == 1)
        #expect(found.first?.structure == "BTreeMap")
        #expect(found.first?.problem.hasPrefix("the value of entry 0 of node 116 does not decode") == true)
    }

    @Test("a corrupt header is reported, not thrown")
    func corruptHeader() throws {
        let (map, memory) = try sampleMap(10)
        try memory.write(0, bytes: Array("XYZ".utf8))
        let found = problems(map.checkInvariants())
        #expect(found.count == 1 && found[0].hasPrefix("header: "))
    }

    @Test("a heap whose root is larger than a child is reported")
    func heapOrder() throws {
        let memory = Mem()
        let heap = try MinHeap<UInt32, Mem>(memory: memory)
        for value in [UInt32(1), 2, 3] { try heap.push(value) }
        try memory.store(UInt32(9).bigEndian, at: 64)  // slot 0 := 9 (big-endian encoding)
        let reloaded = try MinHeap<UInt32, Mem>(memory: memory)
        #expect(problems(reloaded.checkInvariants()) == [
            "element 1 is smaller than its parent 0", "element 2 is smaller than its parent 0",
        ])
    }

    @Test("a vector slot whose length prefix exceeds the bound is reported")
    func vecSlotPrefix() throws {
        let memory = Mem()
        let vec = try StableVec<Blob<20>, Mem>(memory: memory)
        for i in 0 ..< 4 { try vec.push(try Blob<20>([UInt8](repeating: UInt8(i), count: i))) }
        try memory.write(64 + 21 * 2, bytes: [25])  // element 2's one-byte prefix
        let found = vec.checkInvariants()
        #expect(found.count == 1 && found[0].problem.hasPrefix("element 2 does not decode"))
    }

    @Test("a log whose end offsets go backwards is reported")
    func logOffsets() throws {
        let index = Mem()
        let log = try Log<[UInt8], Mem, Mem>(indexMemory: index, dataMemory: Mem())
        for length in [3, 4, 5] { _ = try log.append([UInt8](repeating: 1, count: length)) }
        try index.store(UInt64(2), at: 48)  // entry 1 now ends at 2, before entry 0's end 3
        #expect(problems(log.checkInvariants()) == ["entry 1 ends at 2, before the previous entry's end 3"])
    }

    @Test("a cell whose length runs past the memory is reported")
    func cellLength() throws {
        let memory = Mem()
        let cell = try Cell<String, Mem>(memory: memory, defaultValue: "abc")
        try memory.store(UInt32(70_000), at: 4)
        let found = cell.checkInvariants()
        #expect(found.count == 1 && found[0].structure == "Cell")
    }

    @Test("a memory manager size field beyond its buckets, or a stray owner, is reported")
    func managerDamage() throws {
        let memory = Mem()
        let manager = try MemoryManager(memory, bucketSize: 1)
        _ = manager.memory(try MemoryId(3)).grow(2)
        #expect(manager.checkInvariants() == [])
        try memory.store(UInt64(5), at: 40 + 8 * 3)  // memory 3 claims 5 pages, owns 2 buckets of 1
        #expect(problems(MemoryManager.checkInvariants(of: memory)) == ["memory 3 has 5 pages but owns 2 buckets of 1 pages"])
        #expect(manager.checkInvariants().count == 1)
        try memory.store(UInt64(2), at: 40 + 8 * 3)
        try memory.write(2080 + 7, bytes: [1])  // bucket 7 owned, but only 2 were handed out
        #expect(MemoryManager.checkInvariants(of: memory).count == 1)
    }

    // MARK: - Statistics

    @Test("tree statistics agree with an independent count of entries and chunks")
    func statistics() throws {
        let (map, _) = try sampleMap(2000)
        let statistics = try map.statistics()
        #expect(statistics.entryCount == 2000)
        #expect(statistics.overflowPageCount == 0)
        #expect(UInt64(statistics.nodeCount) == statistics.allocatedChunkCount)
        #expect(statistics.chunkSize == 275)
        #expect(statistics.bytesInUse == 100 + statistics.allocatedChunkCount * (275 + 16))
        // 2000 entries at most 11 per node and at least 5 (root excepted).
        #expect(statistics.nodeCount >= 2000 / 12 && statistics.nodeCount <= 2000 / 5 + 1)
        #expect(statistics.depth >= 3 && statistics.depth <= 5)
        #expect(statistics.fill > 0.4 && statistics.fill <= 1)
        let empty = try BTreeMap<UInt64, UInt64, Mem>(memory: Mem()).statistics()
        #expect(empty.depth == 0 && empty.nodeCount == 0 && empty.allocatedChunkCount == 0 && empty.fill == 0)

        let blobs = try BTreeMap<UInt64, [UInt8], Mem>(memory: Mem())
        for key in UInt64(0) ..< 20 { _ = try blobs.insert(key, [UInt8](repeating: 7, count: 3000)) }
        let large = try blobs.statistics()
        #expect(large.overflowPageCount > 0)
        #expect(UInt64(large.nodeCount + large.overflowPageCount) == large.allocatedChunkCount)
    }
}
