import Foundation
@testable import StableStructures
import StableTestSupport
import Testing

/// A memory that forwards to another and records every access (unlike
/// StableTestSupport's `CountingMemory`, the offsets too): read calls,
/// bytes read, the offsets read, writes and growth.
private struct RecordingMemory<Base: Memory>: Memory {
    final class Counters {
        var reads = 0
        var bytesRead = 0
        var readOffsets: [(offset: UInt64, count: Int)] = []
        var writes = 0
        var grows = 0

        func reset() {
            reads = 0
            bytesRead = 0
            readOffsets = []
            writes = 0
            grows = 0
        }
    }

    let base: Base
    let counters = Counters()

    var size: UInt64 { base.size }

    func grow(_ pages: UInt64) -> Int64 {
        counters.grows += 1
        return base.grow(pages)
    }

    func read(_ offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(StableError) {
        counters.reads += 1
        counters.bytesRead += buffer.count
        counters.readOffsets.append((offset, buffer.count))
        try base.read(offset, into: buffer)
    }

    func write(_ offset: UInt64, _ bytes: UnsafeRawBufferPointer) throws(StableError) {
        counters.writes += 1
        try base.write(offset, bytes)
    }
}

/// A large map in a file image, re-opened: a lookup reads only the headers and
/// the nodes on the key's path, never the whole image, and writes nothing.
///
/// The image is built in the heap by ascending inserts, then written to a
/// temporary file in one piece: 250,000 u64 → u64 entries by default (about
/// 5 s in a debug build), 1,000,000 with `STABLE_LONG_TESTS=1`.
@Suite("BTreeMap in a large file image")
struct BTreeFileImageTests {
    static let entries = ProcessInfo.processInfo.environment["STABLE_LONG_TESTS"] == "1" ? 1_000_000 : 250_000

    /// The value stored for key `k`.
    static func value(_ k: UInt64) -> UInt64 { k &* 0x9E37_79B9_7F4A_7C15 ^ 0xFFFF }

    /// Resident set size of this process, in bytes (Linux; nil elsewhere).
    static func residentBytes() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// Builds the image file; returns the image size in bytes.
    static func buildImage(at path: String) throws -> Int {
        let heap = VectorMemory()
        let map = try BTreeMap<UInt64, UInt64, VectorMemory>(memory: heap)
        // Keys spread over the whole range (so the lookups below hit every
        // part of the tree) but inserted in ascending order (fast to build).
        for i in 0 ..< UInt64(entries) { try map.insert(i &* 4_096, value(i &* 4_096)) }
        let file = try FileMemory(path: path)
        defer { file.close() }
        #expect(file.grow(heap.size) == 0)
        let chunk = 1 << 22
        var offset = 0
        let total = Int(heap.byteCount)
        while offset < total {
            let count = min(chunk, total - offset)
            let bytes = try heap.readBytes(UInt64(offset), count: count)
            try file.write(UInt64(offset), bytes: bytes)
            offset += count
        }
        try file.sync()
        return total
    }

    @Test("a get after re-opening reads only the headers and the nodes on the key's path")
    func getReadsOnlyThePath() throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("stable-btree-\(UUID().uuidString).img").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let imageBytes = try Self.buildImage(at: path)
        #expect(imageBytes > Self.entries * 24)

        let file = try FileMemory(path: path, readOnly: true)
        defer { file.close() }
        let memory = RecordingMemory(base: file)
        let residentBefore = Self.residentBytes()

        let map = try BTreeMap<UInt64, UInt64, RecordingMemory<FileMemory>>.load(memory: memory)
        #expect(map.count == Self.entries)
        // Opening reads the tree header and the allocator header, nothing more.
        #expect(memory.counters.reads <= 2)
        #expect(memory.counters.bytesRead <= 100)
        #expect(memory.counters.writes == 0)
        #expect(memory.counters.grows == 0)

        let chunkSize = map.allocator.chunkSize
        let pageSize = map.layout.pageSize
        // A B-tree of minimum degree 6 holding n entries is at most
        // 1 + log6((n + 1) / 2) levels deep: 8 levels for a million entries.
        var maxDepth = 1
        var reach = 2.0
        while reach * 6 <= Double(Self.entries + 1) { reach *= 6; maxDepth += 1 }
        maxDepth += 1

        var random = SplitMix64(seed: 0xF11E)
        for _ in 0 ..< 100 {
            let k = (random.next() % UInt64(Self.entries)) &* 4_096
            memory.counters.reset()
            #expect(try map.get(k) == Self.value(k))
            #expect(try map.get(k &+ 1) == nil)
            let counters = memory.counters
            #expect(counters.writes == 0)
            #expect(counters.grows == 0)
            // Every read lies in one chunk (node or overflow page); at most
            // one chunk per level per lookup, plus the found node's overflow pages.
            var chunks = Set<UInt64>()
            for read in counters.readOffsets {
                #expect(read.offset >= BTreeAllocator.firstChunk + BTreeAllocator.chunkHeaderSize)
                let index = (read.offset - BTreeAllocator.firstChunk) / chunkSize
                let end = BTreeAllocator.firstChunk + (index + 1) * chunkSize
                #expect(read.offset + UInt64(read.count) <= end)
                chunks.insert(index)
            }
            #expect(chunks.count <= 2 * maxDepth + 2)
            #expect(counters.bytesRead <= (2 * maxDepth + 4) * pageSize)
        }
        if let before = residentBefore, let after = Self.residentBytes() {
            // The image is never loaded: the process grows by far less than it.
            #expect(after - before < 4 << 20)
            #expect(after - before < imageBytes / 8)
        }
    }
}
