import Foundation
@_spi(Testing) import StableStructures
import StableTestSupport
import Testing

/// Small, valid starting points for the fuzzers, built with the library.
///
/// The committed seeds in `Fuzz/Seeds/` come from here:
/// `STABLE_WRITE_FUZZ_SEEDS=1 swift test --filter FuzzSeeds` rewrites them.
/// Images are stored without their trailing zero bytes (the harness pads).
enum FuzzSeeds {
    static func trimmed(_ bytes: [UInt8], padding: UInt8 = 0) -> [UInt8] {
        var end = bytes.count
        while end > 0 && bytes[end - 1] == padding { end -= 1 }
        return Array(bytes[..<end])
    }

    static func strings(_ count: Int) -> [String] {
        (0 ..< count).map { i in i % 5 == 0 ? "é\(i)" : String(repeating: "k", count: i % 7) + "\(i * 37)" }
    }

    static func imageBTreeMap() throws -> [String: [UInt8]] {
        var seeds: [String: [UInt8]] = [:]
        let u64 = VectorMemory()
        let map = try BTreeMap<UInt64, UInt64, VectorMemory>(memory: u64)
        for i in UInt64(0) ..< 40 { _ = try map.insert(i &* 0x9E37_79B9, i) }
        seeds["u64-two-levels"] = trimmed(u64.bytes)

        let v1 = VectorMemory()
        let v1Map = try BTreeMap<UInt64, UInt64, VectorMemory>.newV1(memory: v1)
        for i in UInt64(0) ..< 20 { _ = try v1Map.insert(i, i * i) }
        seeds["u64-v1"] = trimmed(v1.bytes)

        let blob = VectorMemory()
        let blobMap = try BTreeMap<[UInt8], [UInt8], VectorMemory>(memory: blob)
        for i in 0 ..< 14 {
            _ = try blobMap.insert([UInt8](repeating: UInt8(i), count: i % 4), [UInt8](repeating: UInt8(i), count: i == 3 ? 2_500 : i * 9))
        }
        seeds["blob-overflow"] = trimmed(blob.bytes)

        let strings = VectorMemory()
        let set = try BTreeSet<String, VectorMemory>(memory: strings)
        for s in Self.strings(30) { _ = try set.insert(s) }
        seeds["string-set"] = trimmed(strings.bytes)
        return seeds
    }

    /// Compact memory-manager inputs (see `FuzzHarness.imageMemoryManager`).
    static func imageMemoryManager() throws -> [String: [UInt8]] {
        let underlying = VectorMemory()
        let manager = try MemoryManager(underlying, bucketSize: 1)
        let map = try BTreeMap<UInt64, UInt64, VirtualMemory<VectorMemory>>(memory: manager.memory(MemoryId(0)))
        let blobs = try BTreeMap<[UInt8], [UInt8], VirtualMemory<VectorMemory>>(memory: manager.memory(MemoryId(1)))
        let set = try BTreeSet<String, VirtualMemory<VectorMemory>>(memory: manager.memory(MemoryId(2)))
        for i in UInt64(0) ..< 15 {
            _ = try map.insert(i, i)
            _ = try blobs.insert([UInt8(i)], [UInt8](repeating: 7, count: Int(i) * 3))
            _ = try set.insert("s\(i)")
        }
        return ["three-memories": FuzzHarness.compactManagerInput(underlying.bytes)]
    }

    /// Images of each structure `FuzzHarness.imageStructures` opens.
    static func imageStructures() throws -> [String: [UInt8]] {
        var seeds: [String: [UInt8]] = [:]
        let cell = VectorMemory()
        _ = try Cell<String, VectorMemory>(memory: cell, defaultValue: "hello, stable world")
        seeds["cell-string"] = trimmed(cell.bytes)
        let vec = VectorMemory()
        let numbers = try StableVec<UInt64, VectorMemory>(memory: vec)
        for i in UInt64(0) ..< 30 { try numbers.push(i &* 0x1234_5678) }
        seeds["vec-u64"] = trimmed(vec.bytes)
        let blobVec = VectorMemory()
        let blobs = try StableVec<Blob<20>, VectorMemory>(memory: blobVec)
        for i in 0 ..< 12 { try blobs.push(try Blob<20>([UInt8](repeating: UInt8(i), count: i))) }
        seeds["vec-blob20"] = trimmed(blobVec.bytes)
        let heapMemory = VectorMemory()
        let heap = try MinHeap<UInt32, VectorMemory>(memory: heapMemory)
        for i in UInt32(0) ..< 25 { try heap.push((i &* 7_919) % 101) }
        seeds["minheap-u32"] = trimmed(heapMemory.bytes)
        let index = VectorMemory()
        let data = VectorMemory()
        let log = try Log<[UInt8], VectorMemory, VectorMemory>(indexMemory: index, dataMemory: data)
        for i in 0 ..< 20 { _ = try log.append([UInt8](repeating: UInt8(i), count: i % 3 == 0 ? 0 : i * 5)) }
        // Index memory in page 0, data memory from page 1.
        var indexPage = index.bytes
        indexPage += [UInt8](repeating: 0, count: FuzzHarness.pageBytes - indexPage.count)
        seeds["log-blob"] = trimmed(indexPage + data.bytes)
        return seeds
    }

    static func opsBTreeMap() -> [String: [UInt8]] {
        var generator = SplitMix64(seed: 0xF022)
        var deep: [UInt8] = []
        // Many small-key inserts (a three-level tree), then removals and checks.
        for i in 0 ..< 200 { deep += [0x00, UInt8(i), UInt8(i), 1, 2] }
        for i in 0 ..< 150 { deep += [0x03, UInt8((i * 7) % 256)] }
        deep += [0x0F]
        var blobs: [UInt8] = []
        for i in 0 ..< 60 { blobs += [0x80, UInt8(i), UInt8(0x80 | (i & 0x3F))] }
        for i in 0 ..< 40 { blobs += [0x83, UInt8(i)] }
        blobs += [0x8F]
        return ["deep-small": deep, "blob-overflow": blobs, "random": generator.bytes(600)]
    }
}

@Suite("Fuzz seeds")
struct FuzzSeedsTests {
    /// The seeds are valid inputs: each runs through its target.
    @Test func seedsRun() throws {
        for seed in try FuzzSeeds.imageBTreeMap().values { FuzzHarness.imageBTreeMap(seed) }
        for seed in try FuzzSeeds.imageMemoryManager().values { FuzzHarness.imageMemoryManager(seed) }
        for seed in FuzzSeeds.opsBTreeMap().values { FuzzHarness.opsBTreeMap(seed) }
        for seed in try FuzzSeeds.imageStructures().values { FuzzHarness.imageStructures(seed) }
    }

    /// The structure seeds open as what they are.
    @Test func structureSeedsLoad() throws {
        let seeds = try FuzzSeeds.imageStructures()
        let log = try #require(seeds["log-blob"])
        var padded = log + [UInt8](repeating: 0, count: (FuzzHarness.pageBytes - log.count % FuzzHarness.pageBytes) % FuzzHarness.pageBytes)
        let index = try VectorMemory(bytes: Array(padded.prefix(FuzzHarness.pageBytes)))
        padded.removeFirst(FuzzHarness.pageBytes)
        let reopened = try Log<[UInt8], VectorMemory, VectorMemory>(indexMemory: index, dataMemory: VectorMemory(bytes: padded))
        #expect(reopened.count == 20)
        #expect(try reopened.get(19) == [UInt8](repeating: 19, count: 95))
        let vec = try #require(seeds["vec-u64"])
        let numbers = try StableVec<UInt64, VectorMemory>(memory: FuzzHarness.cappedMemory(vec).underlying)
        #expect(numbers.count == 30)
    }

    /// The compact memory-manager seed decodes to the manager it came from.
    @Test func compactManagerSeedLoads() throws {
        let seed = try #require(FuzzSeeds.imageMemoryManager()["three-memories"])
        let decoded = FuzzHarness.cappedMemory(FuzzHarness.managerImage(seed))
        let manager = try MemoryManager(decoded)
        let map = try BTreeMap<UInt64, UInt64, VirtualMemory<RestrictedMemory<VectorMemory>>>(memory: manager.memory(MemoryId(0)))
        #expect(try map.entries.collect().map(\.key) == Array(0 ..< 15))
        let set = try BTreeSet<String, VirtualMemory<RestrictedMemory<VectorMemory>>>(memory: manager.memory(MemoryId(2)))
        #expect(set.count == 15)
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["STABLE_WRITE_FUZZ_SEEDS"] == "1"))
    func writeSeeds() throws {
        let root = FuzzCorpusTests.seedsDirectory
        let all: [(String, [String: [UInt8]])] = [
            ("image_btreemap", try FuzzSeeds.imageBTreeMap()),
            ("image_memory_manager", try FuzzSeeds.imageMemoryManager()),
            ("ops_btreemap", FuzzSeeds.opsBTreeMap()),
            ("image_structures", try FuzzSeeds.imageStructures()),
        ]
        for (target, seeds) in all {
            let directory = root.appendingPathComponent(target)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for (name, bytes) in seeds { try Data(bytes).write(to: directory.appendingPathComponent(name)) }
        }
    }
}
