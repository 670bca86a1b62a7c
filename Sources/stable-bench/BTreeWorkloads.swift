import StableStructures
import StableTestSupport

/// The `btree_*` and `btreeset_*` workloads of bench/WORKLOADS.md. Inputs are
/// generated before each timed region; every timed region is its own
/// `@inline(never)` function, and the untimed prefill of a get, remove or
/// scan workload is another (`prefill…`), so that callgrind counts the timed
/// operations only.
func btreeWorkloads() -> [Workload] {
    let n = 100_000
    return [
        Workload(name: "btree_insert_u64", n: n) {
            let keys = randomKeys(n)
            let map = openMap(VectorMemory(), UInt64.self, UInt64.self)
            return measure { timedRegionBTreeInsertU64(map, keys) }
        },
        Workload(name: "btree_get_u64", n: n) {
            let keys = randomKeys(n)
            let map = openMap(VectorMemory(), UInt64.self, UInt64.self)
            prefillBTreeU64(map, keys)
            return measure { timedRegionBTreeGetU64(map, keys) }
        },
        Workload(name: "btree_remove_u64", n: n) {
            let keys = randomKeys(n)
            let map = openMap(VectorMemory(), UInt64.self, UInt64.self)
            prefillBTreeU64(map, keys)
            return measure { timedRegionBTreeRemoveU64(map, keys) }
        },
        Workload(name: "btree_insert_u64_mm", n: n) {
            let keys = randomKeys(n)
            let memory: VirtualMemory<VectorMemory>
            do { memory = try MemoryManager(VectorMemory()).memory(MemoryId(0)) } catch { fail("\(error)") }
            let map = openMap(memory, UInt64.self, UInt64.self)
            return measure { timedRegionBTreeInsertU64(map, keys) }
        },
        Workload(name: "btree_insert_u64_file", n: n) {
            let keys = randomKeys(n)
            let map = openMap(temporaryFileMemory(), UInt64.self, UInt64.self)
            return measure { timedRegionBTreeInsertU64(map, keys) }
        },
        Workload(name: "btree_insert_blob32_blob128", n: 20_000) {
            let (keys, values) = randomBlobs(20_000, keySize: 32, valueSize: 128)
            let map = openMap(VectorMemory(), [UInt8].self, [UInt8].self)
            return measure { timedRegionBTreeInsertBlob(map, keys, values) }
        },
        Workload(name: "btree_get_blob32_blob128", n: 20_000) {
            let (keys, values) = randomBlobs(20_000, keySize: 32, valueSize: 128)
            let map = openMap(VectorMemory(), [UInt8].self, [UInt8].self)
            prefillBTreeBlob(map, keys, values)
            return measure { timedRegionBTreeGetBlob(map, keys) }
        },
        Workload(name: "btree_insert_u64_blob1k", n: 10_000) {
            var random = SplitMix64(seed: 0x5EED)
            var keys: [UInt64] = []
            var values: [[UInt8]] = []
            for _ in 0 ..< 10_000 {
                keys.append(random.next())
                values.append(random.bytes(1024))
            }
            let map = openMap(VectorMemory(), UInt64.self, [UInt8].self)
            return measure { timedRegionBTreeInsertU64Blob(map, keys, values) }
        },
        Workload(name: "btree_scan_u64", n: n) {
            let keys = randomKeys(n)
            let map = openMap(VectorMemory(), UInt64.self, UInt64.self)
            prefillBTreeU64(map, keys)
            return measure { timedRegionBTreeScanU64(map) }
        },
        Workload(name: "btreeset_insert_u64", n: n) {
            let keys = randomKeys(n)
            let set: BTreeSet<UInt64, VectorMemory>
            do { set = try BTreeSet(memory: VectorMemory()) } catch { fail("\(error)") }
            return measure { timedRegionBTreeSetInsertU64(set, keys) }
        },
    ]
}

/// `n` keys from SplitMix64 with the workloads' seed.
func randomKeys(_ n: Int) -> [UInt64] {
    var random = SplitMix64(seed: 0x5EED)
    return (0 ..< n).map { _ in random.next() }
}

/// `n` random keys and values of the given sizes.
func randomBlobs(_ n: Int, keySize: Int, valueSize: Int) -> ([[UInt8]], [[UInt8]]) {
    var random = SplitMix64(seed: 0x5EED)
    var keys: [[UInt8]] = []
    var values: [[UInt8]] = []
    for _ in 0 ..< n {
        keys.append(random.bytes(keySize))
        values.append(random.bytes(valueSize))
    }
    return (keys, values)
}

func openMap<K: StorableKey, V: Storable, M: Memory>(_ memory: M, _: K.Type, _: V.Type) -> BTreeMap<K, V, M> {
    do { return try BTreeMap(memory: memory) } catch { fail("\(error)") }
}

/// The untimed inserts before a get, remove or scan workload: the same
/// calls as the timed inserts, in a function whose name lacks `timedRegion`
/// so that callgrind's `--toggle-collect='*timedRegion*'` leaves them out.
@inline(never)
func prefillBTreeU64(_ map: BTreeMap<UInt64, UInt64, VectorMemory>, _ keys: [UInt64]) {
    do {
        for key in keys { try map.insert(key, key ^ 0xFFFF) }
    } catch { check(false, "\(error)") }
}

/// The untimed inserts before `btree_get_blob32_blob128` (see ``prefillBTreeU64(_:_:)``).
@inline(never)
func prefillBTreeBlob(_ map: BTreeMap<[UInt8], [UInt8], VectorMemory>, _ keys: [[UInt8]], _ values: [[UInt8]]) {
    do {
        for i in keys.indices { try map.insert(keys[i], values[i]) }
    } catch { check(false, "\(error)") }
}

@inline(never)
func timedRegionBTreeInsertU64<M: Memory>(_ map: BTreeMap<UInt64, UInt64, M>, _ keys: [UInt64]) -> Int {
    do {
        for key in keys { try map.insert(key, key ^ 0xFFFF) }
    } catch { check(false, "\(error)") }
    return map.count
}

@inline(never)
func timedRegionBTreeGetU64(_ map: BTreeMap<UInt64, UInt64, VectorMemory>, _ keys: [UInt64]) -> UInt64 {
    var sum: UInt64 = 0
    do {
        for key in keys { sum &+= try map.get(key) ?? 0 }
    } catch { check(false, "\(error)") }
    return sum
}

@inline(never)
func timedRegionBTreeRemoveU64(_ map: BTreeMap<UInt64, UInt64, VectorMemory>, _ keys: [UInt64]) -> UInt64 {
    var sum: UInt64 = 0
    do {
        for key in keys { sum &+= try map.remove(key) ?? 0 }
    } catch { check(false, "\(error)") }
    check(map.isEmpty, "map not empty after removing every key")
    return sum
}

@inline(never)
func timedRegionBTreeInsertBlob(_ map: BTreeMap<[UInt8], [UInt8], VectorMemory>, _ keys: [[UInt8]], _ values: [[UInt8]]) -> Int {
    do {
        for i in keys.indices { try map.insert(keys[i], values[i]) }
    } catch { check(false, "\(error)") }
    return map.count
}

@inline(never)
func timedRegionBTreeGetBlob(_ map: BTreeMap<[UInt8], [UInt8], VectorMemory>, _ keys: [[UInt8]]) -> Int {
    var total = 0
    do {
        for key in keys { total &+= try map.get(key)?.count ?? 0 }
    } catch { check(false, "\(error)") }
    return total
}

@inline(never)
func timedRegionBTreeInsertU64Blob(_ map: BTreeMap<UInt64, [UInt8], VectorMemory>, _ keys: [UInt64], _ values: [[UInt8]]) -> Int {
    do {
        for i in keys.indices { try map.insert(keys[i], values[i]) }
    } catch { check(false, "\(error)") }
    return map.count
}

@inline(never)
func timedRegionBTreeScanU64(_ map: BTreeMap<UInt64, UInt64, VectorMemory>) -> UInt64 {
    var sum: UInt64 = 0
    var iterator = map.makeIterator()
    do {
        while let entry = try iterator.nextEntry() { sum &+= entry.value }
    } catch { check(false, "\(error)") }
    return sum
}

@inline(never)
func timedRegionBTreeSetInsertU64(_ set: BTreeSet<UInt64, VectorMemory>, _ keys: [UInt64]) -> Int {
    do {
        for key in keys { try set.insert(key) }
    } catch { check(false, "\(error)") }
    return set.count
}
