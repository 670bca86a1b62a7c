@testable import StableStructures
import StableTestSupport
import Testing

/// Inserts and splits that edit v2 node streams directly
/// (`BTreeMap+DirectInsert`) against the general path (`BTreeNode` load and
/// save): the same operations on two maps must leave byte-identical images,
/// and the map must hold what a Swift dictionary holds.
@Suite("BTreeMap direct inserts and splits")
struct BTreeDirectInsertTests {
    /// Runs `operations` random inserts (and a few removes) on a map using
    /// the direct path and one using the general path, comparing the images
    /// every `compareEvery` operations and the content with a model at the
    /// end. Returns the bytes each map wrote (the totals differ when the
    /// direct path ran: it writes other pieces, e.g. not the unchanged bytes
    /// before the first edit, and page headers separately).
    @discardableResult
    func compare<K: StorableKey & Hashable, V: Storable & Equatable>(
        _ label: String, operations: Int, compareEvery: Int, seed: UInt64, removeShare: UInt64 = 0,
        makeKey: (inout SplitMix64) -> K, makeValue: (inout SplitMix64) -> V
    ) throws -> (direct: UInt64, general: UInt64) {
        var random = SplitMix64(seed: seed)
        let directMemory = CountingMemory(VectorMemory())
        let generalMemory = CountingMemory(VectorMemory())
        let direct = try BTreeMap<K, V, CountingMemory<VectorMemory>>(memory: directMemory)
        let general = try BTreeMap<K, V, CountingMemory<VectorMemory>>(memory: generalMemory)
        general.editsStreamsDirectly = false
        var model: [K: V] = [:]
        for step in 1 ... operations {
            let key = makeKey(&random)
            if random.next() % 100 < removeShare {
                let a = try direct.remove(key)
                let b = try general.remove(key)
                #expect(a == b, "\(label) step \(step): remove results differ")
                #expect(a == model.removeValue(forKey: key), "\(label) step \(step): remove differs from the model")
            } else {
                let value = makeValue(&random)
                let a = try direct.insert(key, value)
                let b = try general.insert(key, value)
                #expect(a == b, "\(label) step \(step): insert results differ")
                #expect(a == model.updateValue(value, forKey: key), "\(label) step \(step): insert differs from the model")
            }
            if step % compareEvery == 0 || step == operations {
                guard directMemory.base.bytes == generalMemory.base.bytes else {
                    Issue.record("\(label) step \(step): the images differ")
                    return (0, 0)
                }
            }
        }
        #expect(direct.count == model.count)
        for (key, value) in model {
            #expect(try direct.get(key) == value, "\(label): a stored value differs from the model")
        }
        let reopened = try BTreeMap<K, V, VectorMemory>.load(memory: directMemory.base)
        var seen = 0
        for entry in reopened {
            seen += 1
            #expect(model[entry.key] == entry.value)
        }
        #expect(seen == model.count)
        return (directMemory.counters.bytesWritten, generalMemory.counters.bytesWritten)
    }

    static func blob(_ random: inout SplitMix64, _ range: ClosedRange<Int>) -> [UInt8] {
        let count = range.lowerBound + Int(random.next() % UInt64(range.count))
        return (0 ..< count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    }

    @Test("u64 keys, 1 KiB-ish values (every node spans pages)")
    func wordKeysKilobyteValues() throws {
        let written = try compare("u64/1k", operations: 700, compareEvery: 25, seed: 0xB10B_1001,
                                  makeKey: { UInt64($0.next() % 5_000) },
                                  makeValue: { Self.blob(&$0, 900 ... 1_100) })
        #expect(written.direct != written.general, "the direct path did not run (the same bytes written)")
    }

    @Test("variable keys, values from empty to several pages, with removes")
    func blobKeysMixedValues() throws {
        let written = try compare("blob/mixed", operations: 900, compareEvery: 30, seed: 0xB10B_1002, removeShare: 15,
                                  makeKey: { Self.blob(&$0, 0 ... 24) },
                                  makeValue: { random -> [UInt8] in
                                      switch random.next() % 4 {
                                      case 0: return []
                                      case 1: return Self.blob(&random, 1 ... 40)
                                      case 2: return Self.blob(&random, 1_000 ... 1_030)
                                      default: return Self.blob(&random, 2_000 ... 3_500)
                                      }
                                  })
        #expect(written.direct != written.general, "the direct path did not run (the same bytes written)")
    }

    @Test("update whose body reads the map while the insert holds the read buffer")
    func updateReadingTheMap() throws {
        var random = SplitMix64(seed: 0xB10B_1004)
        let memories = (VectorMemory(), VectorMemory())
        let direct = try BTreeMap<UInt64, [UInt8], VectorMemory>(memory: memories.0)
        let general = try BTreeMap<UInt64, [UInt8], VectorMemory>(memory: memories.1)
        general.editsStreamsDirectly = false
        var model: [UInt64: [UInt8]] = [:]
        for step in 1 ... 400 {
            let key = random.next() % 3_000
            let probe = random.next() % 3_000
            let value = Self.blob(&random, 990 ... 1_060)
            for map in [direct, general] {
                try map.update(key, default: []) { (stored: inout [UInt8]) throws(StableError) in
                    // A lookup (of a spanning node's value) inside the insert.
                    let seen = try map.get(probe)
                    #expect(seen == model[probe], "step \(step): a lookup inside update differs from the model")
                    stored = value
                }
            }
            model[key] = value
            if step % 20 == 0 { #expect(memories.0.bytes == memories.1.bytes, "step \(step): the images differ") }
        }
        for (key, value) in model { #expect(try direct.get(key) == value) }
    }

    @Test("u64 to u64 (nodes overflow only when nearly full)")
    func wordKeysWordValues() throws {
        try compare("u64/u64", operations: 3_000, compareEvery: 100, seed: 0xB10B_1003, removeShare: 10,
                    makeKey: { $0.next() % 4_000 }, makeValue: { $0.next() })
    }

    @Test("values near the page size: a node's pieces cross page ends everywhere")
    func valuesNearThePageSize() throws {
        for seed in UInt64(1) ... 3 {
            try compare("near-page \(seed)", operations: 400, compareEvery: 20, seed: 0xB10B_2000 &+ seed,
                        makeKey: { UInt32(truncatingIfNeeded: $0.next() % 3_000) },
                        makeValue: { Self.blob(&$0, 1_005 ... 1_020) })
        }
    }

    /// A map with one spanning root leaf (three 1,000-byte values).
    func spanningLeaf() throws -> (BTreeMap<UInt64, [UInt8], VectorMemory>, VectorMemory) {
        let memory = VectorMemory()
        let map = try BTreeMap<UInt64, [UInt8], VectorMemory>(memory: memory)
        for key in UInt64(1) ... 3 { try map.insert(key * 10, [UInt8](repeating: UInt8(key), count: 1_000)) }
        return (map, memory)
    }

    @Test("a bad overflow page magic is reported, not trapped")
    func badOverflowMagic() throws {
        let (map, memory) = try spanningLeaf()
        let link = try memory.load(UInt64.self, at: map.root + 7)
        #expect(link != 0)
        try memory.write(link, bytes: [0x58, 0x58, 0x58])
        #expect(throws: StableError.self) { try map.insert(15, [1, 2, 3]) }
        #expect(throws: StableError.self) { try map.insert(1, [UInt8](repeating: 7, count: 1_000)) }
    }

    @Test("an overflow link off the chunk grid is reported, not trapped")
    func offGridLink() throws {
        let (map, memory) = try spanningLeaf()
        let link = try memory.load(UInt64.self, at: map.root + 7)
        try memory.store(link &+ 3, at: link + 3)  // the first overflow page's next link
        #expect(throws: StableError.self) { try map.insert(25, [UInt8](repeating: 9, count: 500)) }
    }

    @Test("a value length past the stream end is reported, not trapped")
    func valueLengthPastTheEnd() throws {
        let (map, memory) = try spanningLeaf()
        // Leaf: header 15, three u64 keys, then the first value's length.
        try memory.store(UInt32(0x7FFF_FFF0), at: map.root + 15 + 24)
        #expect(throws: StableError.self) { try map.insert(25, [4, 5]) }
    }

    @Test("splitting a spanning node under a corrupt parent is reported, not trapped")
    func corruptSplitParent() throws {
        let memory = VectorMemory()
        let map = try BTreeMap<UInt64, [UInt8], VectorMemory>(memory: memory)
        // 11 entries fill the root leaf; the 12th splits it (root split: the
        // general path), leaving a root with two spanning children.
        for key in UInt64(1) ... 12 { try map.insert(key * 100, [UInt8](repeating: UInt8(key), count: 1_000)) }
        // Fill the right child (keys above the median) until it is full.
        var key: UInt64 = 1_250
        while true {
            let rightChild = try memory.load(UInt64.self, at: map.root + 15 + 8)
            let count = try memory.load(UInt16.self, at: rightChild + 5)
            if count == 11 { break }
            try map.insert(key, [UInt8](repeating: 1, count: 1_000))
            key += 10
        }
        // A value length in the full child past its stream end: the split must throw.
        let rightChild = try memory.load(UInt64.self, at: map.root + 15 + 8)
        try memory.store(UInt32(0x7FFF_FFF0), at: rightChild + 15 + 11 * 8)
        let before = memory.bytes
        #expect(throws: StableError.self) { try map.insert(5_000, [1]) }
        #expect(memory.bytes == before, "a failed split wrote to the memory")
    }
}
