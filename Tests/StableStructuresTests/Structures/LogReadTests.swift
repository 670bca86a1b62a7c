import StableStructures
import StableTestSupport
import Testing

/// The two ways a `Log` reaches its bytes: straight into the storage of two
/// `VectorMemory`s, or through the `Memory` protocol (here a `RestrictedMemory`
/// window over a `VectorMemory`, which grows like a plain memory). Both must
/// write the same images and read the same entries, and `get` must never hand
/// out an array that a later `get` changes.
@Suite("Log reads and the in-place path")
struct LogReadTests {
    typealias Support = StructureTestSupport
    typealias Window = RestrictedMemory<VectorMemory>
    typealias BlobLog = Log<[UInt8], VectorMemory, VectorMemory>
    typealias WindowLog = Log<[UInt8], Window, Window>

    /// A memory that takes the protocol path, over a fresh `VectorMemory`.
    static func window() throws -> Window {
        try RestrictedMemory(VectorMemory(), pages: 0..<RestrictedMemory<VectorMemory>.maxPageEnd)
    }

    /// Entries of mixed sizes (empty, small, repeated lengths, a few crossing pages).
    static func entries(seed: UInt64, count: Int) -> [[UInt8]] {
        var random = SplitMix64(seed: Support.seed(seed))
        return (0..<count).map { step in
            let size: Int
            switch random.next() % 8 {
            case 0: size = 0
            case 1: size = 70_000 + Int(random.next() % 70_000)
            case 2, 3: size = 100
            default: size = Int(random.next() % 5_000)
            }
            return random.bytes(size) + (size > 0 ? [UInt8(truncatingIfNeeded: step)] : [])
        }
    }

    @Test("both paths write byte-identical images and read the same entries")
    func pathsAgree() throws {
        let entries = Self.entries(seed: 0x10A1, count: Support.longRuns ? 2_000 : 300)
        let fast = try BlobLog(indexMemory: VectorMemory(), dataMemory: VectorMemory())
        let slow = try WindowLog(indexMemory: try Self.window(), dataMemory: try Self.window())
        for (index, entry) in entries.enumerated() {
            #expect(try fast.append(entry) == UInt64(index))
            #expect(try slow.append(entry) == UInt64(index))
        }
        Support.expectSameBytes(fast.indexMemory.bytes, slow.indexMemory.underlying.bytes)
        Support.expectSameBytes(fast.dataMemory.bytes, slow.dataMemory.underlying.bytes)
        var fastBuffer: [UInt8] = [], slowBuffer: [UInt8] = []
        for (index, entry) in entries.enumerated() {
            #expect(try fast.get(UInt64(index)) == entry)
            #expect(try slow.get(UInt64(index)) == entry)
            #expect(try fast.read(UInt64(index), into: &fastBuffer) && fastBuffer == entry)
            #expect(try slow.read(UInt64(index), into: &slowBuffer) && slowBuffer == entry)
        }
        #expect(try fast.entries() == entries)
        #expect(try slow.entries() == entries)
    }

    @Test("get: results the caller keeps never change, whatever is read next")
    func keptResultsAreStable() throws {
        let log = try BlobLog(indexMemory: VectorMemory(), dataMemory: VectorMemory())
        // Same-length entries are the case where `get` reuses storage.
        let same = (0..<20).map { [UInt8](repeating: UInt8($0), count: 100) }
        for entry in same { try log.append(entry) }
        try log.append([UInt8](repeating: 0xEE, count: 5_000))
        try log.append([])

        var kept: [[UInt8]] = []
        for index in 0..<20 as Range<UInt64> {
            let entry = try #require(try log.get(index))
            kept.append(entry)
            // Dropped results (the reusable case) in between.
            for other in 0..<20 as Range<UInt64> { #expect(try log.get(other) == same[Int(other)]) }
        }
        #expect(kept == same)

        // A kept result that the caller then mutates stays the caller's own.
        var mine = try #require(try log.get(3))
        mine[0] = 0xFF
        #expect(try log.get(3) == same[3])
        #expect(try log.get(4) == same[4])
        #expect(mine[0] == 0xFF && mine[1...] == same[3][1...])

        #expect(try log.get(20) == [UInt8](repeating: 0xEE, count: 5_000))
        // A long result the caller keeps while the same entry is read again.
        let long = try #require(try log.get(20))
        #expect(try log.get(20) == long)
        #expect(long == [UInt8](repeating: 0xEE, count: 5_000))
        #expect(try log.get(21) == [])
        #expect(try log.get(0) == same[0])
        #expect(try log.get(22) == nil)
        #expect(Array(log) == same + [[UInt8](repeating: 0xEE, count: 5_000), []])
    }

    @Test("read(_:into:) replaces the contents and reuses the buffer's storage")
    func readIntoBuffer() throws {
        let log = try BlobLog(indexMemory: VectorMemory(), dataMemory: VectorMemory())
        let entries: [[UInt8]] = [[1, 2, 3], [], [4, 5, 6], Array(0..<200), [7]]
        for entry in entries { try log.append(entry) }

        var buffer: [UInt8] = [9, 9, 9, 9, 9, 9, 9, 9, 9, 9]
        #expect(try log.read(0, into: &buffer))
        #expect(buffer == [1, 2, 3])
        #expect(try log.read(1, into: &buffer))
        #expect(buffer.isEmpty)
        #expect(try log.read(3, into: &buffer))
        #expect(buffer == Array(0..<200))
        let capacity = buffer.capacity
        for index in [0, 2, 4, 3, 1] as [UInt64] {
            #expect(try log.read(index, into: &buffer))
            #expect(buffer == entries[Int(index)])
            #expect(buffer.capacity == capacity, "a large enough unique buffer is reused")
        }

        // A buffer shared with another array: that array is left alone.
        let shared = buffer
        #expect(try log.read(0, into: &buffer))
        #expect(buffer == [1, 2, 3])
        #expect(shared == entries[1])
        let other = Array(0..<200) as [UInt8]
        var copy = other
        #expect(try log.read(2, into: &copy))
        #expect(copy == [4, 5, 6] && other == Array(0..<200))

        // Past the end: false, buffer unchanged.
        #expect(try log.read(5, into: &buffer) == false)
        #expect(try log.read(.max, into: &buffer) == false)
        #expect(buffer == [1, 2, 3])
    }

    @Test("inconsistent offsets: get and read throw .corrupted on both paths, the buffer is unchanged")
    func corruptOffsets() throws {
        for damage in 0..<3 {
            let fast = try BlobLog(indexMemory: VectorMemory(), dataMemory: VectorMemory())
            let slow = try WindowLog(indexMemory: try Self.window(), dataMemory: try Self.window())
            for size in [10, 20, 30] {
                try fast.append([UInt8](repeating: 1, count: size))
                try slow.append([UInt8](repeating: 1, count: size))
            }
            // Entry 1's end offset: before its start, past the data memory, or at UInt64.max.
            let end: UInt64 = [5, 1 << 40, .max][damage]
            try fast.indexMemory.store(end, at: 48)
            try slow.indexMemory.store(end, at: 48)
            let reloadedFast = try BlobLog(indexMemory: fast.indexMemory, dataMemory: fast.dataMemory)
            let reloadedSlow = try WindowLog(indexMemory: slow.indexMemory, dataMemory: slow.dataMemory)
            var buffer: [UInt8] = [42]
            for probe in [1, 2] as [UInt64] {  // entry 2 starts where entry 1 claims to end
                if probe == 2 && damage == 0 { continue }  // 5 ..< 60 is a valid range
                #expect(throws: StableError.self) { try reloadedFast.get(probe) }
                #expect(throws: StableError.self) { try reloadedSlow.get(probe) }
                #expect(throws: StableError.self) { try reloadedFast.read(probe, into: &buffer) }
                #expect(throws: StableError.self) { try reloadedSlow.read(probe, into: &buffer) }
                do {
                    _ = try reloadedFast.get(probe)
                } catch {
                    guard case .corrupted = error else { Issue.record("unexpected \(error)"); continue }
                }
            }
            #expect(buffer == [42])
            #expect(try reloadedFast.get(0) == [UInt8](repeating: 1, count: 10))
            #expect(try reloadedSlow.get(0) == [UInt8](repeating: 1, count: 10))
        }
    }
}
