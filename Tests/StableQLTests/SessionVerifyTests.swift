import Foundation
import StableQL
import StableStructures
import Testing

/// `verify NAME;` on images made healthy and damaged with the library.
@Suite("verify")
struct SessionVerifyTests {
    /// A fresh image path in the temporary folder.
    func imagePath(_ tag: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("ql-verify-\(tag)-\(UUID().uuidString).img").path
    }

    /// Writes an image with a memory manager holding `map(0) of u64 -> u64`
    /// (keys 0..<8, one leaf at 116) and `heap(1) of u32` (1, 2, 3), then
    /// lets `damage` change bytes of the two virtual memories.
    func makeImage(_ path: String, damage: (VirtualMemory<FileMemory>, VirtualMemory<FileMemory>) throws -> Void) throws {
        let file = try FileMemory(path: path)
        let manager = try MemoryManager(file)
        let map = try BTreeMap<UInt64, UInt64, VirtualMemory<FileMemory>>(memory: manager.memory(MemoryId(0)))
        for key in UInt64(0) ..< 8 { _ = try map.insert(key, key * 10) }
        let heap = try MinHeap<UInt32, VirtualMemory<FileMemory>>(memory: manager.memory(MemoryId(1)))
        for value in [UInt32(1), 2, 3] { try heap.push(value) }
        try damage(manager.memory(MemoryId(0)), manager.memory(MemoryId(1)))
        try file.sync()
        file.close()
    }

    let declarations = "let m = map(0) of u64 -> u64; let h = heap(1) of u32;"

    @Test("healthy structures on an image verify ok, read-only too")
    func healthy() throws {
        let path = imagePath("ok")
        defer { removeImageFiles(path) }
        try makeImage(path) { _, _ in }
        let (session, sink) = makeSession()
        #expect(session.run("open \"\(path)\" readonly; \(declarations) verify m; verify h;", origin: "<stdin>"), "\(sink.errors)")
        #expect(sink.output == """
            verify m: ok (BTreeMap of length 8; memory manager ok)
            verify h: ok (MinHeap of length 3; memory manager ok)

            """)
    }

    @Test("swapped keys and a broken heap order are named, and the statement fails")
    func damaged() throws {
        let path = imagePath("bad")
        defer { removeImageFiles(path) }
        try makeImage(path) { map, heap in
            // The leaf's first two fixed-size keys follow its 15-byte prefix.
            let first = try map.readBytes(116 + 15, count: 8)
            let second = try map.readBytes(116 + 23, count: 8)
            try map.write(116 + 15, bytes: second)
            try map.write(116 + 23, bytes: first)
            try heap.store(UInt32(9).bigEndian, at: 64)  // the root becomes 9
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let (session, sink) = makeSession()
        #expect(session.run("open \"\(path)\"; \(declarations)", origin: "<stdin>"), "\(sink.errors)")
        #expect(!session.run("verify m;", origin: "<stdin>"))
        #expect(!session.run("verify h;", origin: "<stdin>"))
        #expect(sink.errors == """
            error: verify m: 1 problem in the stored BTreeMap:
              - BTreeMap: the keys of node 116 are not in ascending order
            error: verify h: 2 problems in the stored MinHeap:
              - MinHeap: element 1 is smaller than its parent 0
              - MinHeap: element 2 is smaller than its parent 0

            """)
        #expect(session.run("close;", origin: "<stdin>"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before, "verify wrote to the image")
    }

    @Test("verify refuses scalars, unknown names and a missing name")
    func refusals() {
        let (session, sink) = makeSession()
        #expect(!session.run("let x = 1; verify x;", origin: "<stdin>"))
        #expect(!session.run("verify y;", origin: "<stdin>"))
        #expect(sink.errors == """
            error: verify: `x` is a scalar; verify checks a structure
            error: verify: no structure binding named 'y'

            """)
        let (other, otherSink) = makeSession()
        #expect(!other.run("verify;", origin: "<stdin>"))
        #expect(otherSink.errors.contains("expected a binding name after 'verify'"))
    }
}
