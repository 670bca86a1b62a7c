import StableStructures
import StableTestSupport
import Testing

/// The wasm benchmark module (Benchmarks/wasm, what Scripts/wasm-bench.sh
/// counts) computes the right thing: a few thousand of its operations run
/// under WasmKit, each workload's checksum is recomputed from a model built
/// with Swift's own collections, and the stable memory it leaves equals the
/// image of the same operations on the native library over a `VectorMemory`
/// (so the canister's code paths write the crate's bytes too).
@Suite("Wasm benchmark module on WasmKit", .serialized)
struct BenchmarkModuleTests {
    static var toolchainHasEmbeddedWasm: Bool {
        if case let .failure(failure) = BenchmarkHost.build, failure.description.hasPrefix("skipped") { return false }
        return true
    }

    func host() throws -> BenchmarkHost {
        switch BenchmarkHost.build {
        case let .success(path): return try BenchmarkHost(modulePath: path)
        case let .failure(failure): throw failure
        }
    }

    /// The inputs the module draws (WORKLOADS.md: SplitMix64 from 0x5EED).
    static func words(_ n: Int) -> [UInt64] {
        var random = SplitMix64(seed: 0x5EED)
        return (0..<n).map { _ in random.next() }
    }

    static func value(_ key: UInt64) -> UInt64 { key ^ 0xFFFF }

    @Test("BTreeMap<u64, u64> insert, get, remove, scan, set and canbench workloads match the model",
          .enabled(if: toolchainHasEmbeddedWasm))
    func wordMaps() throws {
        let host = try host()
        let n = 300
        let keys = Self.words(n)
        let distinct = Set(keys)
        let valueSum = distinct.reduce(UInt64(0)) { $0 &+ Self.value($1) }
        let native = VectorMemory()
        let map = try BTreeMap<UInt64, UInt64, VectorMemory>.new(memory: native)
        for key in keys { _ = try map.insert(key, Self.value(key)) }

        for prefix in ["btree", "canbench"] {
            #expect(try host.run("\(prefix)_insert_u64", n: UInt64(n)) == UInt64(distinct.count))
            #expect(host.operations == n)
            #expect(host.stableMemory == native.bytes, "\(prefix)_insert_u64: the image differs from the native one")
            #expect(try host.run("\(prefix)_get_u64", n: UInt64(n)) == valueSum)
            #expect(try host.run("\(prefix)_remove_u64", n: UInt64(n)) == valueSum)
        }
        for key in keys { _ = try map.remove(key) }
        #expect(host.stableMemory == native.bytes, "remove: the image differs from the native one")
        #expect(try host.run("btree_scan_u64", n: UInt64(n)) == valueSum)
        #expect(host.operations == distinct.count)
        #expect(try host.run("btreeset_insert_u64", n: UInt64(n)) == UInt64(distinct.count))

        let managed = VectorMemory()
        let managedMap = try BTreeMap<UInt64, UInt64, VirtualMemory<VectorMemory>>.new(
            memory: try MemoryManager(managed).memory(MemoryId(0)))
        for key in keys { _ = try managedMap.insert(key, Self.value(key)) }
        #expect(try host.run("btree_insert_u64_mm", n: UInt64(n)) == UInt64(distinct.count))
        #expect(host.stableMemory == managed.bytes, "btree_insert_u64_mm: the image differs from the native one")
    }

    @Test("blob B-tree workloads match the model", .enabled(if: toolchainHasEmbeddedWasm))
    func blobMaps() throws {
        let host = try host()
        let n = 200
        var random = SplitMix64(seed: 0x5EED)
        var pairs: [([UInt8], [UInt8])] = []
        for _ in 0..<n { pairs.append((random.bytes(32), random.bytes(128))) }
        let native = VectorMemory()
        let map = try BTreeMap<[UInt8], [UInt8], VectorMemory>.new(memory: native)
        var model: [[UInt8]: [UInt8]] = [:]
        for (key, value) in pairs {
            _ = try map.insert(key, value)
            model[key] = value
        }
        #expect(try host.run("btree_insert_blob32_blob128", n: UInt64(n)) == UInt64(model.count))
        #expect(host.stableMemory == native.bytes, "blob32/blob128: the image differs from the native one")
        let getSum = pairs.reduce(UInt64(0)) { sum, pair in
            let value = model[pair.0]!
            return sum &+ UInt64(value[0]) &+ UInt64(value.count)
        }
        #expect(try host.run("btree_get_blob32_blob128", n: UInt64(n)) == getSum)

        let large = 40
        random = SplitMix64(seed: 0x5EED)
        let blobMemory = VectorMemory()
        let blobMap = try BTreeMap<UInt64, [UInt8], VectorMemory>.new(memory: blobMemory)
        var largeKeys = Set<UInt64>()
        for _ in 0..<large {
            let key = random.next()
            _ = try blobMap.insert(key, random.bytes(1024))
            largeKeys.insert(key)
        }
        #expect(try host.run("btree_insert_u64_blob1k", n: UInt64(large)) == UInt64(largeKeys.count))
        #expect(host.stableMemory == blobMemory.bytes, "u64/blob1k: the image differs from the native one")
    }

    @Test("vec, log, heap and cell workloads match the model", .enabled(if: toolchainHasEmbeddedWasm))
    func sequences() throws {
        let host = try host()
        let n = 1500
        let values = Self.words(n)
        let vecMemory = VectorMemory()
        let vec = try StableVec<UInt64, VectorMemory>.new(memory: vecMemory)
        for value in values { try vec.push(value) }
        #expect(try host.run("vec_push_u64", n: UInt64(n)) == UInt64(n))
        #expect(host.stableMemory == vecMemory.bytes, "vec: the image differs from the native one")
        #expect(try host.run("vec_get_u64", n: UInt64(n)) == values.reduce(0, &+))

        let entries = 800
        var random = SplitMix64(seed: 0x5EED)
        let blobs = (0..<entries).map { _ in random.bytes(100) }
        let logMemory = VectorMemory()
        let log = try Log<[UInt8], RestrictedMemory<VectorMemory>, RestrictedMemory<VectorMemory>>.new(
            indexMemory: try RestrictedMemory(logMemory, pages: 0..<64),
            dataMemory: try RestrictedMemory(logMemory, pages: 64..<65_536))
        for blob in blobs { _ = try log.append(blob) }
        #expect(try host.run("log_append_blob100", n: UInt64(entries)) == UInt64(entries * (entries - 1) / 2))
        #expect(host.stableMemory == logMemory.bytes, "log: the image differs from the native one")
        #expect(try host.run("log_get_blob100", n: UInt64(entries))
                == blobs.reduce(UInt64(0)) { $0 &+ UInt64($1[0]) &+ 100 })

        let heapValues = Array(values.prefix(400))
        let heapMemory = VectorMemory()
        let heap = try MinHeap<UInt64, VectorMemory>.new(memory: heapMemory)
        for value in heapValues { try heap.push(value) }
        var popped: [UInt64] = []
        while let value = try heap.pop() { popped.append(value) }
        #expect(popped == heapValues.sorted())
        #expect(try host.run("minheap_push_pop_u64", n: UInt64(heapValues.count)) == heapValues.reduce(0, &+))
        #expect(host.operations == 2 * heapValues.count)
        #expect(host.stableMemory == heapMemory.bytes, "heap: the image differs from the native one")

        let sets = 300
        random = SplitMix64(seed: 0x5EED)
        let cellValue = random.bytes(1024)
        let cellMemory = VectorMemory()
        let cell = try Cell<[UInt8], VectorMemory>.new(memory: cellMemory, value: cellValue)
        for _ in 0..<sets { try cell.set(cellValue) }
        #expect(try host.run("cell_set_blob1k", n: UInt64(sets)) == UInt64(sets * 1024) + UInt64(cellValue[0]))
        #expect(host.stableMemory == cellMemory.bytes, "cell: the image differs from the native one")
    }
}
