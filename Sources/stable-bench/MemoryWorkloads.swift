#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import StableStructures
import StableTestSupport

/// Raw memory workloads (issue 2): reads and writes of 8 bytes and of 4 KiB at
/// random offsets of a 16 MiB memory, for each kind of memory.
func memoryWorkloads() -> [Workload] {
    accessWorkloads(kind: "vector") { VectorMemory() }
        + accessWorkloads(kind: "file") { temporaryFileMemory() }
        + virtualMemoryWorkloads()
}

/// The four access workloads on memories made by `make` (one fresh memory per run).
func accessWorkloads<M: Memory>(kind: String, make: @escaping () -> M) -> [Workload] {
    [(8, true, 1_000_000), (8, false, 1_000_000), (4096, true, 100_000), (4096, false, 100_000)].map {
        (size, write, count) in
        Workload(name: "memory_\(kind)_\(write ? "write" : "read")_\(size == 8 ? "8" : "4k")", n: count) {
            memoryAccessWorkload(make(), count: count, size: size, write: write)
        }
    }
}

/// 16 MiB of memory, random 8-byte-aligned offsets prepared before timing.
func memoryAccessWorkload<M: Memory>(_ memory: M, count: Int, size: Int, write: Bool) -> Double {
    let pages: UInt64 = 256
    if memory.size < pages { check(memory.grow(pages - memory.size) != -1, "grow") }
    var random = SplitMix64(seed: 0x5EED)
    let span = pages * wasmPageSize - UInt64(size)
    let offsets = (0..<count).map { _ in (random.next() % span) & ~7 }
    let payload = random.bytes(size)
    if !write {
        // Make the reads see data.
        for offset in offsets.prefix(1000) { try? memory.write(offset, bytes: payload) }
    }
    return payload.withUnsafeBytes { source in
        let target = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 8)
        defer { target.deallocate() }
        switch (size, write) {
        case (8, true): return measure { timedRegionStore8(memory, offsets) }
        case (8, false): return measure { timedRegionLoad8(memory, offsets) }
        case (_, true): return measure { timedRegionWrite(memory, offsets, source) }
        case (_, false): return measure { timedRegionRead(memory, offsets, target) }
        }
    }
}

@inline(never)
func timedRegionStore8<M: Memory>(_ memory: M, _ offsets: [UInt64]) -> UInt64 {
    var stored: UInt64 = 0
    for offset in offsets {
        do { try memory.store(offset, at: offset) } catch { check(false, "\(error)") }
        stored &+= 1
    }
    return stored
}

@inline(never)
func timedRegionLoad8<M: Memory>(_ memory: M, _ offsets: [UInt64]) -> UInt64 {
    var sum: UInt64 = 0
    for offset in offsets {
        do { sum &+= try memory.load(UInt64.self, at: offset) } catch { check(false, "\(error)") }
    }
    return sum
}

@inline(never)
func timedRegionWrite<M: Memory>(_ memory: M, _ offsets: [UInt64], _ source: UnsafeRawBufferPointer) -> Int {
    for offset in offsets {
        do { try memory.write(offset, source) } catch { check(false, "\(error)") }
    }
    return offsets.count
}

@inline(never)
func timedRegionRead<M: Memory>(_ memory: M, _ offsets: [UInt64], _ target: UnsafeMutableRawBufferPointer) -> UInt64 {
    var sum: UInt64 = 0
    for offset in offsets {
        do { try memory.read(offset, into: target) } catch { check(false, "\(error)") }
        sum &+= UInt64(target[0])
    }
    return sum
}

/// A `FileMemory` over a new file in a temporary directory (removed at once;
/// the open descriptor keeps it alive for the run).
func temporaryFileMemory() -> FileMemory {
    var template = Array("/tmp/stable-bench-XXXXXX".utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    check(descriptor >= 0, "mkstemp failed")
    close(descriptor)
    let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    do {
        let memory = try FileMemory(path: path)
        unlink(path)
        return memory
    } catch {
        fail("\(error)")
    }
}

/// Virtual memory 0 of a memory manager over a `VectorMemory`, with the
/// default bucket size (128 pages, so the 16 MiB span crosses two buckets).
func virtualMemoryWorkloads() -> [Workload] {
    accessWorkloads(kind: "virtual") { () -> VirtualMemory<VectorMemory> in
        do {
            return try MemoryManager(VectorMemory()).memory(MemoryId(0))
        } catch {
            fail("\(error)")
        }
    }
}
