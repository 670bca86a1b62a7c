import StableStructures
import StableTestSupport
import Testing

/// A memory image under construction for the hostile-image tests: valid
/// bytes written by the library, then patched at offsets taken from
/// StableStructures.docc/ByteLayout.md (not from the implementation).
struct HostileImage {
    var bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    init<M: Memory>(of memory: M) throws {
        bytes = try memory.readBytes(0, count: Int(memory.byteCount))
    }

    func read<T: FixedWidthInteger>(_: T.Type, at offset: Int) -> T {
        var value = T.zero
        for i in 0 ..< MemoryLayout<T>.size { value |= T(bytes[offset + i]) << (8 * i) }
        return value
    }

    mutating func write<T: FixedWidthInteger>(_ value: T, at offset: Int) {
        for i in 0 ..< MemoryLayout<T>.size { bytes[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * i)) }
    }

    /// A fresh memory holding these bytes (padded to whole pages).
    func memory() throws(StableError) -> VectorMemory {
        var padded = bytes
        let page = Int(wasmPageSize)
        if padded.count % page != 0 { padded += [UInt8](repeating: 0, count: page - padded.count % page) }
        return try VectorMemory(bytes: padded)
    }

    // StableStructures.docc/ByteLayout.md, "B-tree map and set"
    static let rootOffset = 12
    static let lengthOffset = 20
    static let allocatorSizeOffset = 60
    static let allocatorHeadOffset = 76
    static let firstChunk = 100
    static let chunkHeaderSize = 16
    static let nodeCountOffset = 5
    static let overflowOffset = 7
    static let childrenOffset = 15

    var root: Int { Int(read(UInt64.self, at: Self.rootOffset)) }
    var chunkSize: Int { Int(read(UInt64.self, at: Self.allocatorSizeOffset)) + Self.chunkHeaderSize }
}

/// What opening and exercising a hostile B-tree image gave.
struct HostileOutcome {
    var openError: StableError?
    var entries: [(key: UInt64, value: UInt64)] = []
    var iterationError: StableError?
}

enum Hostile {
    /// Opens `image` as a `BTreeMap<UInt64, UInt64>` and iterates it (bounded),
    /// then runs the fuzz harness' full exercise (lookups, ranges, inserts,
    /// removes) on a fresh copy: any trap fails the test run.
    static func openU64(_ image: HostileImage) throws -> HostileOutcome {
        var outcome = HostileOutcome()
        let memory = try image.memory()
        do {
            let map = try BTreeMap<UInt64, UInt64, VectorMemory>(memory: memory)
            var iterator = map.makeIterator()
            while outcome.entries.count < 100_000, let entry = iterator.next() { outcome.entries.append(entry) }
            outcome.iterationError = iterator.error
        } catch {
            outcome.openError = error
        }
        FuzzHarness.exerciseU64Map(FuzzHarness.cappedMemory(image.bytes))
        FuzzHarness.exerciseBlobMap(FuzzHarness.cappedMemory(image.bytes))
        FuzzHarness.exerciseStringSet(FuzzHarness.cappedMemory(image.bytes))
        return outcome
    }

    static func isCorrupted(_ error: StableError?) -> Bool {
        if case .corrupted = error { return true }
        return false
    }

    /// A `BTreeMap<UInt64, UInt64>` holding `(i, i * 10)` for `i in 0 ..< count`.
    static func u64Image(count: UInt64) throws -> HostileImage {
        let memory = VectorMemory()
        let map = try BTreeMap<UInt64, UInt64, VectorMemory>(memory: memory)
        for i in 0 ..< count { _ = try map.insert(i, i * 10) }
        return try HostileImage(of: memory)
    }
}
