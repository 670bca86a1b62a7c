import Foundation
import StableStructures
import StableTestSupport
import Testing

@Suite("MemoryManager over a FileMemory")
struct MemoryManagerFileTests {
    private func temporaryPath() -> String {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("stable-mm-\(UUID().uuidString).img").path
    }

    @Test("a manager written to a file loads from the same file opened read-only, with the same data")
    func reopenReadOnly() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var random = SplitMix64(seed: 21)
        let first = random.bytes(70_000)
        let second = random.bytes(3_000)
        do {
            let file = try FileMemory(path: path)
            let manager = try MemoryManager(file, bucketSize: 1)
            let a = manager.memory(try MemoryId(2))
            let b = manager.memory(try MemoryId(3))
            _ = a.grow(1)
            _ = b.grow(1)
            _ = a.grow(1)
            try a.write(1_000, bytes: first)  // spans buckets 0 and 2
            try b.write(60_000, bytes: second)
            try file.sync()
            file.close()
        }
        // Loading writes nothing, so a read-only file is enough.
        let file = try FileMemory(path: path, readOnly: true)
        defer { file.close() }
        let manager = try MemoryManager(file)
        #expect(manager.buckets(of: try MemoryId(2)) == [0, 2])
        #expect(try manager.memory(try MemoryId(2)).readBytes(1_000, count: first.count) == first)
        #expect(try manager.memory(try MemoryId(3)).readBytes(60_000, count: second.count) == second)
        #expect(file.size == 4)
    }

    @Test("a foreign file opened read-only is refused with badMagic")
    func foreignFile() throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let file = try FileMemory(path: path)
            _ = file.grow(1)
            try file.write(0, bytes: Array("BTR".utf8))
            file.close()
        }
        let file = try FileMemory(path: path, readOnly: true)
        defer { file.close() }
        #expect(throws: StableError.badMagic(expected: "MemoryManager", found: Array("BTR".utf8))) {
            try MemoryManager(file)
        }
    }
}
