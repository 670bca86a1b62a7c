// The workloads of WORKLOADS.md (all but the file one) on the canister's
// stable memory, plus the crate's canbench shape for BTreeMap<u64, u64>.
//
// Each workload ID exports `setup_ID(n) -> n` (untimed: inputs, a fresh
// structure on a fresh stable memory, any prefill) and `run_ID() -> checksum`
// (the counted operations, each followed by `operationDone()`). The host gives
// every workload a fresh instance. Checksums are defined so that a model can
// recompute them (BenchmarkModuleTests does).
import StableStructures

typealias Stable = Ic0StableMemory
typealias Window = RestrictedMemory<Ic0StableMemory>

nonisolated(unsafe) var count: UInt64 = 0
nonisolated(unsafe) var words: [UInt64] = []
nonisolated(unsafe) var keyBlobs: [[UInt8]] = []
nonisolated(unsafe) var valueBlobs: [[UInt8]] = []
nonisolated(unsafe) var wordMap: BTreeMap<UInt64, UInt64, Stable>?
nonisolated(unsafe) var managedWordMap: BTreeMap<UInt64, UInt64, VirtualMemory<Stable>>?
nonisolated(unsafe) var blobMap: BTreeMap<[UInt8], [UInt8], Stable>?
nonisolated(unsafe) var wordBlobMap: BTreeMap<UInt64, [UInt8], Stable>?
nonisolated(unsafe) var wordSet: BTreeSet<UInt64, Stable>?
nonisolated(unsafe) var wordVec: StableVec<UInt64, Stable>?
nonisolated(unsafe) var blobLog: Log<[UInt8], Window, Window>?
nonisolated(unsafe) var wordHeap: MinHeap<UInt64, Stable>?
nonisolated(unsafe) var blobCell: Cell<[UInt8], Stable>?

/// The value stored with key `key` in the u64 maps.
@inline(__always) func valueFor(_ key: UInt64) -> UInt64 { key ^ 0xFFFF }

func prepareWordMap(_ n: UInt64, prefill: Bool) {
    count = n
    var inputs = InputGenerator()
    words = inputs.words(n)
    let map = must("map new") { () throws(StableError) in try BTreeMap<UInt64, UInt64, Stable>.new(memory: Stable()) }
    if prefill {
        must("prefill") { () throws(StableError) in for key in words { _ = try map.insert(key, valueFor(key)) } }
    }
    wordMap = map
}

// MARK: - Counted regions (one function each, never inlined)

/// Inserts every key; returns the map's length plus 2^32 per replaced key.
@inline(never)
func timedRegionInsertWords<M: Memory>(_ map: BTreeMap<UInt64, UInt64, M>, _ keys: [UInt64]) -> UInt64 {
    var replaced: UInt64 = 0
    must("insert") { () throws(StableError) in
        for key in keys {
            if try map.insert(key, valueFor(key)) != nil { replaced &+= 1 }
            operationDone()
        }
    }
    return UInt64(map.count) &+ (replaced << 32)
}

/// Gets every key; returns the sum of the values found.
@inline(never)
func timedRegionGetWords(_ map: BTreeMap<UInt64, UInt64, Stable>, _ keys: [UInt64]) -> UInt64 {
    var sum: UInt64 = 0
    must("get") { () throws(StableError) in
        for key in keys {
            sum &+= try map.get(key) ?? 0
            operationDone()
        }
    }
    return sum
}

/// Removes every key; returns the sum of the values removed.
@inline(never)
func timedRegionRemoveWords(_ map: BTreeMap<UInt64, UInt64, Stable>, _ keys: [UInt64]) -> UInt64 {
    var sum: UInt64 = 0
    must("remove") { () throws(StableError) in
        for key in keys {
            sum &+= try map.remove(key) ?? 0
            operationDone()
        }
    }
    if !map.isEmpty { fail("the map is not empty after removing every key") }
    return sum
}

/// Inserts every blob pair; returns the length plus 2^32 per replaced key.
@inline(never)
func timedRegionInsertBlobs<K: StorableKey>(_ map: BTreeMap<K, [UInt8], Stable>, _ keys: [K], _ values: [[UInt8]]) -> UInt64 {
    var replaced: UInt64 = 0
    must("insert") { () throws(StableError) in
        for index in keys.indices {
            if try map.insert(keys[index], values[index]) != nil { replaced &+= 1 }
            operationDone()
        }
    }
    return UInt64(map.count) &+ (replaced << 32)
}

/// Gets every blob key; returns the sum of each value's first byte and length.
@inline(never)
func timedRegionGetBlobs(_ map: BTreeMap<[UInt8], [UInt8], Stable>, _ keys: [[UInt8]]) -> UInt64 {
    var sum: UInt64 = 0
    must("get") { () throws(StableError) in
        for key in keys {
            if let value = try map.get(key) { sum &+= UInt64(value[0]) &+ UInt64(value.count) }
            operationDone()
        }
    }
    return sum
}

/// Visits every entry in key order; returns the sum of the values.
@inline(never)
func timedRegionScanWords(_ map: BTreeMap<UInt64, UInt64, Stable>) -> UInt64 {
    var sum: UInt64 = 0
    var iterator = map.makeIterator()
    must("scan") { () throws(StableError) in
        while let entry = try iterator.nextEntry() {
            sum &+= entry.value
            operationDone()
        }
    }
    return sum
}

/// Inserts every key into the set; returns how many were new.
@inline(never)
func timedRegionSetInsertWords(_ set: BTreeSet<UInt64, Stable>, _ keys: [UInt64]) -> UInt64 {
    var inserted: UInt64 = 0
    must("set insert") { () throws(StableError) in
        for key in keys {
            if try set.insert(key) { inserted &+= 1 }
            operationDone()
        }
    }
    return inserted
}

/// Pushes every value; returns the vector's length.
@inline(never)
func timedRegionVecPush(_ vec: StableVec<UInt64, Stable>, _ values: [UInt64]) -> UInt64 {
    must("push") { () throws(StableError) in
        for value in values {
            try vec.push(value)
            operationDone()
        }
    }
    return vec.count
}

/// Gets every index; returns the sum of the elements.
@inline(never)
func timedRegionVecGet(_ vec: StableVec<UInt64, Stable>, _ n: UInt64) -> UInt64 {
    var sum: UInt64 = 0
    must("vec get") { () throws(StableError) in
        var index: UInt64 = 0
        while index < n {
            sum &+= try vec.get(index) ?? 0
            operationDone()
            index &+= 1
        }
    }
    return sum
}

/// Appends every blob; returns the sum of the indices returned.
@inline(never)
func timedRegionLogAppend(_ log: Log<[UInt8], Window, Window>, _ entries: [[UInt8]]) -> UInt64 {
    var sum: UInt64 = 0
    must("append") { () throws(StableError) in
        for entry in entries {
            sum &+= try log.append(entry)
            operationDone()
        }
    }
    return sum
}

/// Gets every entry; returns the sum of each entry's first byte and length.
@inline(never)
func timedRegionLogGet(_ log: Log<[UInt8], Window, Window>, _ n: UInt64) -> UInt64 {
    var sum: UInt64 = 0
    must("log get") { () throws(StableError) in
        var index: UInt64 = 0
        while index < n {
            if let entry = try log.get(index) { sum &+= UInt64(entry[0]) &+ UInt64(entry.count) }
            operationDone()
            index &+= 1
        }
    }
    return sum
}

/// Pushes every value, then pops them all; returns the sum popped (traps if
/// the pops are not in ascending order).
@inline(never)
func timedRegionHeapPushPop(_ heap: MinHeap<UInt64, Stable>, _ values: [UInt64]) -> UInt64 {
    var sum: UInt64 = 0
    var previous: UInt64 = 0
    must("heap") { () throws(StableError) in
        for value in values {
            try heap.push(value)
            operationDone()
        }
        for _ in values.indices {
            let value = try heap.pop() ?? 0
            if value < previous { fail("the heap popped out of order") }
            previous = value
            sum &+= value
            operationDone()
        }
    }
    if !heap.isEmpty { fail("the heap is not empty after popping every value") }
    return sum
}

/// Sets the cell `n` times, alternating two 1 KiB arrays; returns the bytes
/// set plus the first byte of the last previous value.
@inline(never)
func timedRegionCellSet(_ cell: Cell<[UInt8], Stable>, _ value: [UInt8], _ n: UInt64) -> UInt64 {
    var current = value
    var total: UInt64 = 0
    // Not `must`, and `consume`: the cell takes the value over (`set`
    // consumes its argument) with no copy, as the crate's `set` moves it.
    do {
        for _ in 0..<n {
            current = try cell.set(consume current)
            total &+= UInt64(current.count)
            operationDone()
        }
    } catch { fail("cell set") }
    return total &+ UInt64(current[0])
}

// MARK: - Exports

@_expose(wasm, "setup_btree_insert_u64") @_cdecl("setup_btree_insert_u64")
func setupInsertWords(_ n: UInt64) -> UInt64 { prepareWordMap(n, prefill: false); return n }
@_expose(wasm, "run_btree_insert_u64") @_cdecl("run_btree_insert_u64")
func runInsertWords() -> UInt64 { timedRegionInsertWords(wordMap!, words) }

@_expose(wasm, "setup_btree_get_u64") @_cdecl("setup_btree_get_u64")
func setupGetWords(_ n: UInt64) -> UInt64 { prepareWordMap(n, prefill: true); return n }
@_expose(wasm, "run_btree_get_u64") @_cdecl("run_btree_get_u64")
func runGetWords() -> UInt64 { timedRegionGetWords(wordMap!, words) }

@_expose(wasm, "setup_btree_remove_u64") @_cdecl("setup_btree_remove_u64")
func setupRemoveWords(_ n: UInt64) -> UInt64 { prepareWordMap(n, prefill: true); return n }
@_expose(wasm, "run_btree_remove_u64") @_cdecl("run_btree_remove_u64")
func runRemoveWords() -> UInt64 { timedRegionRemoveWords(wordMap!, words) }

@_expose(wasm, "setup_btree_insert_u64_mm") @_cdecl("setup_btree_insert_u64_mm")
func setupInsertWordsManaged(_ n: UInt64) -> UInt64 {
    count = n
    var inputs = InputGenerator()
    words = inputs.words(n)
    managedWordMap = must("mm setup") { () throws(StableError) in
        try BTreeMap<UInt64, UInt64, VirtualMemory<Stable>>.new(memory: try MemoryManager(Stable()).memory(MemoryId(0)))
    }
    return n
}
@_expose(wasm, "run_btree_insert_u64_mm") @_cdecl("run_btree_insert_u64_mm")
func runInsertWordsManaged() -> UInt64 { timedRegionInsertWords(managedWordMap!, words) }

func prepareBlobMap(_ n: UInt64, prefill: Bool) {
    count = n
    var inputs = InputGenerator()
    keyBlobs = []
    valueBlobs = []
    keyBlobs.reserveCapacity(Int(n))
    valueBlobs.reserveCapacity(Int(n))
    for _ in 0..<n {
        keyBlobs.append(inputs.blob(32))
        valueBlobs.append(inputs.blob(128))
    }
    let map = must("map new") { () throws(StableError) in try BTreeMap<[UInt8], [UInt8], Stable>.new(memory: Stable()) }
    if prefill {
        must("prefill") { () throws(StableError) in
            for index in keyBlobs.indices { _ = try map.insert(keyBlobs[index], valueBlobs[index]) }
        }
    }
    blobMap = map
}

@_expose(wasm, "setup_btree_insert_blob32_blob128") @_cdecl("setup_btree_insert_blob32_blob128")
func setupInsertBlobs(_ n: UInt64) -> UInt64 { prepareBlobMap(n, prefill: false); return n }
@_expose(wasm, "run_btree_insert_blob32_blob128") @_cdecl("run_btree_insert_blob32_blob128")
func runInsertBlobs() -> UInt64 { timedRegionInsertBlobs(blobMap!, keyBlobs, valueBlobs) }

@_expose(wasm, "setup_btree_get_blob32_blob128") @_cdecl("setup_btree_get_blob32_blob128")
func setupGetBlobs(_ n: UInt64) -> UInt64 { prepareBlobMap(n, prefill: true); return n }
@_expose(wasm, "run_btree_get_blob32_blob128") @_cdecl("run_btree_get_blob32_blob128")
func runGetBlobs() -> UInt64 { timedRegionGetBlobs(blobMap!, keyBlobs) }

@_expose(wasm, "setup_btree_insert_u64_blob1k") @_cdecl("setup_btree_insert_u64_blob1k")
func setupInsertWordBlobs(_ n: UInt64) -> UInt64 {
    count = n
    var inputs = InputGenerator()
    words = []
    valueBlobs = []
    for _ in 0..<n {
        words.append(inputs.next())
        valueBlobs.append(inputs.blob(1024))
    }
    wordBlobMap = must("map new") { () throws(StableError) in try BTreeMap<UInt64, [UInt8], Stable>.new(memory: Stable()) }
    return n
}
@_expose(wasm, "run_btree_insert_u64_blob1k") @_cdecl("run_btree_insert_u64_blob1k")
func runInsertWordBlobs() -> UInt64 { timedRegionInsertBlobs(wordBlobMap!, words, valueBlobs) }

@_expose(wasm, "setup_btree_scan_u64") @_cdecl("setup_btree_scan_u64")
func setupScanWords(_ n: UInt64) -> UInt64 { prepareWordMap(n, prefill: true); return n }
@_expose(wasm, "run_btree_scan_u64") @_cdecl("run_btree_scan_u64")
func runScanWords() -> UInt64 { timedRegionScanWords(wordMap!) }

@_expose(wasm, "setup_btreeset_insert_u64") @_cdecl("setup_btreeset_insert_u64")
func setupSetInsertWords(_ n: UInt64) -> UInt64 {
    count = n
    var inputs = InputGenerator()
    words = inputs.words(n)
    wordSet = must("set new") { () throws(StableError) in try BTreeSet<UInt64, Stable>.new(memory: Stable()) }
    return n
}
@_expose(wasm, "run_btreeset_insert_u64") @_cdecl("run_btreeset_insert_u64")
func runSetInsertWords() -> UInt64 { timedRegionSetInsertWords(wordSet!, words) }

func prepareVec(_ n: UInt64, prefill: Bool) {
    count = n
    var inputs = InputGenerator()
    words = inputs.words(n)
    let vec = must("vec new") { () throws(StableError) in try StableVec<UInt64, Stable>.new(memory: Stable()) }
    if prefill { must("prefill") { () throws(StableError) in for value in words { try vec.push(value) } } }
    wordVec = vec
}

@_expose(wasm, "setup_vec_push_u64") @_cdecl("setup_vec_push_u64")
func setupVecPush(_ n: UInt64) -> UInt64 { prepareVec(n, prefill: false); return n }
@_expose(wasm, "run_vec_push_u64") @_cdecl("run_vec_push_u64")
func runVecPush() -> UInt64 { timedRegionVecPush(wordVec!, words) }

@_expose(wasm, "setup_vec_get_u64") @_cdecl("setup_vec_get_u64")
func setupVecGet(_ n: UInt64) -> UInt64 { prepareVec(n, prefill: true); return n }
@_expose(wasm, "run_vec_get_u64") @_cdecl("run_vec_get_u64")
func runVecGet() -> UInt64 { timedRegionVecGet(wordVec!, count) }

func prepareLog(_ n: UInt64, prefill: Bool) {
    count = n
    var inputs = InputGenerator()
    valueBlobs = inputs.blobs(n, size: 100)
    let log = must("log new") { () throws(StableError) in
        try Log<[UInt8], Window, Window>.new(
            indexMemory: Window(Stable(), pages: 0..<64), dataMemory: Window(Stable(), pages: 64..<65_536))
    }
    if prefill { must("prefill") { () throws(StableError) in for entry in valueBlobs { _ = try log.append(entry) } } }
    blobLog = log
}

@_expose(wasm, "setup_log_append_blob100") @_cdecl("setup_log_append_blob100")
func setupLogAppend(_ n: UInt64) -> UInt64 { prepareLog(n, prefill: false); return n }
@_expose(wasm, "run_log_append_blob100") @_cdecl("run_log_append_blob100")
func runLogAppend() -> UInt64 { timedRegionLogAppend(blobLog!, valueBlobs) }

@_expose(wasm, "setup_log_get_blob100") @_cdecl("setup_log_get_blob100")
func setupLogGet(_ n: UInt64) -> UInt64 { prepareLog(n, prefill: true); return n }
@_expose(wasm, "run_log_get_blob100") @_cdecl("run_log_get_blob100")
func runLogGet() -> UInt64 { timedRegionLogGet(blobLog!, count) }

@_expose(wasm, "setup_minheap_push_pop_u64") @_cdecl("setup_minheap_push_pop_u64")
func setupHeap(_ n: UInt64) -> UInt64 {
    count = n
    var inputs = InputGenerator()
    words = inputs.words(n)
    wordHeap = must("heap new") { () throws(StableError) in try MinHeap<UInt64, Stable>.new(memory: Stable()) }
    return n
}
@_expose(wasm, "run_minheap_push_pop_u64") @_cdecl("run_minheap_push_pop_u64")
func runHeap() -> UInt64 { timedRegionHeapPushPop(wordHeap!, words) }

@_expose(wasm, "setup_cell_set_blob1k") @_cdecl("setup_cell_set_blob1k")
func setupCell(_ n: UInt64) -> UInt64 {
    count = n
    var inputs = InputGenerator()
    valueBlobs = [inputs.blob(1024)]
    blobCell = must("cell new") { () throws(StableError) in try Cell<[UInt8], Stable>.new(memory: Stable(), value: valueBlobs[0]) }
    return n
}
@_expose(wasm, "run_cell_set_blob1k") @_cdecl("run_cell_set_blob1k")
func runCell() -> UInt64 {
    let value = valueBlobs[0]
    valueBlobs = []
    return timedRegionCellSet(blobCell!, value, count)
}

// The crate's canbench shape: BTreeMap<u64, u64> on the stable memory, N
// random keys with random values, one operation per message.

func prepareCanbench(_ n: UInt64, prefill: Bool) {
    count = n
    var inputs = InputGenerator()
    words = inputs.words(n)
    valueBlobs = []
    let map = must("map new") { () throws(StableError) in try BTreeMap<UInt64, UInt64, Stable>.new(memory: Stable()) }
    if prefill {
        must("prefill") { () throws(StableError) in for key in words { _ = try map.insert(key, valueFor(key)) } }
    }
    wordMap = map
}

@_expose(wasm, "setup_canbench_insert_u64") @_cdecl("setup_canbench_insert_u64")
func setupCanbenchInsert(_ n: UInt64) -> UInt64 { prepareCanbench(n, prefill: false); return n }
@_expose(wasm, "run_canbench_insert_u64") @_cdecl("run_canbench_insert_u64")
func runCanbenchInsert() -> UInt64 { timedRegionInsertWords(wordMap!, words) }

@_expose(wasm, "setup_canbench_get_u64") @_cdecl("setup_canbench_get_u64")
func setupCanbenchGet(_ n: UInt64) -> UInt64 { prepareCanbench(n, prefill: true); return n }
@_expose(wasm, "run_canbench_get_u64") @_cdecl("run_canbench_get_u64")
func runCanbenchGet() -> UInt64 { timedRegionGetWords(wordMap!, words) }

@_expose(wasm, "setup_canbench_remove_u64") @_cdecl("setup_canbench_remove_u64")
func setupCanbenchRemove(_ n: UInt64) -> UInt64 { prepareCanbench(n, prefill: true); return n }
@_expose(wasm, "run_canbench_remove_u64") @_cdecl("run_canbench_remove_u64")
func runCanbenchRemove() -> UInt64 { timedRegionRemoveWords(wordMap!, words) }
