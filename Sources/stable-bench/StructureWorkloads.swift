import StableStructures
import StableTestSupport

/// The Vec, Log, MinHeap and Cell workloads of `bench/WORKLOADS.md`, plus
/// `log_read_blob100` (not in WORKLOADS.md: `log_get_blob100` reading each
/// entry into one caller's buffer with `Log.read(_:into:)`).
///
/// Inputs come from SplitMix64(0x5EED) and are generated before the timed
/// region; each run uses a fresh structure over a fresh `VectorMemory`.
func structureWorkloads() -> [Workload] {
    [
        Workload(name: "vec_push_u64", n: 1_000_000) { vecPushWorkload(count: 1_000_000) },
        Workload(name: "vec_get_u64", n: 1_000_000) { vecGetWorkload(count: 1_000_000) },
        Workload(name: "log_append_blob100", n: 100_000) { logAppendWorkload(count: 100_000) },
        Workload(name: "log_get_blob100", n: 100_000) { logGetWorkload(count: 100_000) },
        Workload(name: "log_read_blob100", n: 100_000) { logReadWorkload(count: 100_000) },
        Workload(name: "minheap_push_pop_u64", n: 100_000) { minHeapWorkload(count: 100_000) },
        Workload(name: "cell_set_blob1k", n: 100_000) { cellSetWorkload(count: 100_000) },
    ]
}

/// `count` values `rand()` from a fresh generator.
func randomValues(_ count: Int) -> [UInt64] {
    var random = SplitMix64(seed: 0x5EED)
    return (0..<count).map { _ in random.next() }
}

/// Unwraps a result inside a timed region, stopping the benchmark on an error.
@inline(__always)
func expectSuccess<T>(_ body: () throws(StableError) -> T) -> T? {
    do { return try body() } catch {
        check(false, "\(error)")
        return nil
    }
}

// MARK: - Vec

func vecPushWorkload(count: Int) -> Double {
    let values = randomValues(count)
    guard let vec = expectSuccess({ () throws(StableError) in try StableVec<UInt64, VectorMemory>(memory: VectorMemory()) }) else { return 0 }
    let seconds = measure { timedRegionVecPush(vec, values) }
    check(vec.count == UInt64(count), "vec length")
    return seconds
}

@inline(never)
func timedRegionVecPush(_ vec: StableVec<UInt64, VectorMemory>, _ values: [UInt64]) -> Int {
    for value in values {
        do { try vec.push(value) } catch { check(false, "\(error)") }
    }
    return values.count
}

func vecGetWorkload(count: Int) -> Double {
    let values = randomValues(count)
    guard let vec = expectSuccess({ () throws(StableError) in try StableVec<UInt64, VectorMemory>(memory: VectorMemory()) }) else { return 0 }
    for value in values { _ = expectSuccess({ () throws(StableError) in try vec.push(value) }) }
    let expected = values.reduce(0, &+)
    var sum: UInt64 = 0
    let seconds = measure { sum = timedRegionVecGet(vec, UInt64(count)) }
    check(sum == expected, "vec sum")
    return seconds
}

@inline(never)
func timedRegionVecGet(_ vec: StableVec<UInt64, VectorMemory>, _ count: UInt64) -> UInt64 {
    var sum: UInt64 = 0
    var index: UInt64 = 0
    while index < count {
        do { sum &+= try vec.get(index) ?? 0 } catch { check(false, "\(error)") }
        index &+= 1
    }
    return sum
}

// MARK: - Log

/// `count` blobs of `bytes(100)`.
func randomBlobs(_ count: Int, size: Int) -> [[UInt8]] {
    var random = SplitMix64(seed: 0x5EED)
    return (0..<count).map { _ in random.bytes(size) }
}

typealias BlobLog = Log<[UInt8], VectorMemory, VectorMemory>

func logAppendWorkload(count: Int) -> Double {
    let blobs = randomBlobs(count, size: 100)
    guard let log = expectSuccess({ () throws(StableError) in try BlobLog(indexMemory: VectorMemory(), dataMemory: VectorMemory()) }) else { return 0 }
    let seconds = measure { timedRegionLogAppend(log, blobs) }
    check(log.count == UInt64(count) && log.dataBytesUsed == 32 + UInt64(100 * count), "log size")
    return seconds
}

/// Appends every blob, borrowing each from the array (as the crate's
/// harness passes `&blob`) rather than copying it out.
@inline(never)
func timedRegionLogAppend(_ log: BlobLog, _ blobs: [[UInt8]]) -> UInt64 {
    var last: UInt64 = 0
    for index in blobs.indices {
        do { last = try log.append(blobs[index]) } catch { check(false, "\(error)") }
    }
    return last
}

func logGetWorkload(count: Int) -> Double {
    let blobs = randomBlobs(count, size: 100)
    guard let log = expectSuccess({ () throws(StableError) in try BlobLog(indexMemory: VectorMemory(), dataMemory: VectorMemory()) }) else { return 0 }
    for blob in blobs { _ = expectSuccess({ () throws(StableError) in try log.append(blob) }) }
    let expected = blobs.reduce(0) { $0 &+ Int($1[0]) &+ $1.count }
    var sum = 0
    let seconds = measure { sum = timedRegionLogGet(log, UInt64(count)) }
    check(sum == expected, "log checksum")
    return seconds
}

@inline(never)
func timedRegionLogGet(_ log: BlobLog, _ count: UInt64) -> Int {
    var sum = 0
    var index: UInt64 = 0
    while index < count {
        do {
            if let entry = try log.get(index) { sum &+= Int(entry[0]) &+ entry.count }
        } catch { check(false, "\(error)") }
        index &+= 1
    }
    return sum
}

func logReadWorkload(count: Int) -> Double {
    let blobs = randomBlobs(count, size: 100)
    guard let log = expectSuccess({ () throws(StableError) in try BlobLog(indexMemory: VectorMemory(), dataMemory: VectorMemory()) }) else { return 0 }
    for blob in blobs { _ = expectSuccess({ () throws(StableError) in try log.append(blob) }) }
    let expected = blobs.reduce(0) { $0 &+ Int($1[0]) &+ $1.count }
    var sum = 0
    let seconds = measure { sum = timedRegionLogRead(log, UInt64(count)) }
    check(sum == expected, "log checksum")
    return seconds
}

/// Reads every entry into one buffer (kept across calls), summing as `timedRegionLogGet`.
@inline(never)
func timedRegionLogRead(_ log: BlobLog, _ count: UInt64) -> Int {
    var sum = 0
    var buffer: [UInt8] = []
    var index: UInt64 = 0
    while index < count {
        do {
            if try log.read(index, into: &buffer) { sum &+= Int(buffer[0]) &+ buffer.count }
        } catch { check(false, "\(error)") }
        index &+= 1
    }
    return sum
}

// MARK: - MinHeap

func minHeapWorkload(count: Int) -> Double {
    let values = randomValues(count)
    guard let heap = expectSuccess({ () throws(StableError) in try MinHeap<UInt64, VectorMemory>(memory: VectorMemory()) }) else { return 0 }
    var sorted = true
    let seconds = measure { sorted = timedRegionMinHeapPushPop(heap, values) }
    check(sorted && heap.isEmpty, "heap order")
    return seconds
}

/// Pushes every value, then pops them all; true when they came out in order.
@inline(never)
func timedRegionMinHeapPushPop(_ heap: MinHeap<UInt64, VectorMemory>, _ values: [UInt64]) -> Bool {
    for value in values {
        do { try heap.push(value) } catch { check(false, "\(error)") }
    }
    var previous: UInt64 = 0
    var sorted = true
    for _ in 0..<values.count {
        do {
            let value = try heap.pop() ?? 0
            sorted = sorted && previous <= value
            previous = value
        } catch { check(false, "\(error)") }
    }
    return sorted
}

// MARK: - Cell

func cellSetWorkload(count: Int) -> Double {
    var random = SplitMix64(seed: 0x5EED)
    let value = random.bytes(1024)
    guard let cell = expectSuccess({ () throws(StableError) in try Cell<[UInt8], VectorMemory>(memory: VectorMemory(), defaultValue: value) }) else { return 0 }
    var total = 0
    let seconds = measure { total = timedRegionCellSet(cell, value, count) }
    check(total == 1024 * count && cell.get() == value, "cell value")
    return seconds
}

/// Sets the cell `count` times, each time to the value the previous set returned.
@inline(never)
func timedRegionCellSet(_ cell: Cell<[UInt8], VectorMemory>, _ value: [UInt8], _ count: Int) -> Int {
    var current = value
    var total = 0
    for _ in 0..<count {
        do { current = try cell.set(current) } catch { check(false, "\(error)") }
        total &+= current.count
    }
    return total
}
