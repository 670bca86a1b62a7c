import Foundation
import StableStructures
import Testing

@Suite("FileMemory")
struct FileMemoryTests {
    /// A fresh path in a temporary directory, removed after the test.
    final class TemporaryPath {
        let path: String
        init() {
            path = FileManager.default.temporaryDirectory
                .appendingPathComponent("stable-file-memory-\(UUID().uuidString).img").path
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    @Test("creates an empty image and grows it a page at a time with zeros")
    func growth() throws {
        let file = TemporaryPath()
        let memory = try FileMemory(path: file.path)
        #expect(memory.size == 0)
        #expect(memory.grow(0) == 0)
        #expect(memory.grow(3) == 0)
        #expect(memory.grow(1) == 3)
        #expect(memory.size == 4)
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        #expect((attributes[.size] as? NSNumber)?.intValue == 4 * 65_536)
        #expect(try memory.readBytes(4 * 65_536 - 4, count: 4) == [0, 0, 0, 0])
    }

    @Test("survives a process restart: write, close, reopen, read")
    func reopen() throws {
        let file = TemporaryPath()
        do {
            let memory = try FileMemory(path: file.path)
            _ = memory.grow(2)
            try memory.write(65_530, bytes: Array(1...12))
            try memory.store(UInt64(0xDEAD_BEEF), at: 8)
            try memory.sync()
            memory.close()
        }
        let reopened = try FileMemory(path: file.path)
        #expect(reopened.size == 2)
        #expect(try reopened.readBytes(65_530, count: 12) == Array(1...12))
        #expect(try reopened.load(UInt64.self, at: 8) == 0xDEAD_BEEF)
        // The file holds the memory's bytes and nothing else.
        let raw = try Data(contentsOf: URL(fileURLWithPath: file.path))
        #expect(raw.count == 2 * 65_536)
        #expect(Array(raw[65_530..<65_542]) == Array(1...12))
    }

    @Test("a file that is not a whole number of pages is refused with a typed error")
    func misalignedFile() throws {
        let file = TemporaryPath()
        try Data(repeating: 1, count: 65_537).write(to: URL(fileURLWithPath: file.path))
        #expect(throws: StableError.self) { try FileMemory(path: file.path) }
        do {
            _ = try FileMemory(path: file.path)
        } catch let error {
            guard case .corrupted = error else { Issue.record("unexpected \(error)"); return }
            #expect(error.description.contains("not a whole number of 64 KiB pages"))
        }
    }

    @Test("accesses past the end throw instead of extending the file")
    func bounds() throws {
        let file = TemporaryPath()
        let memory = try FileMemory(path: file.path)
        _ = memory.grow(1)
        #expect(throws: StableError.outOfBounds(offset: 65_535, count: 2, memorySize: 65_536)) {
            try memory.write(65_535, bytes: [1, 2])
        }
        #expect(throws: StableError.self) { try memory.readBytes(65_536, count: 1) }
        #expect(memory.size == 1)
    }

    @Test("a read-only memory refuses writes and growth and leaves the file as it was")
    func readOnly() throws {
        let file = TemporaryPath()
        do {
            let memory = try FileMemory(path: file.path)
            _ = memory.grow(1)
            try memory.write(0, bytes: [42])
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: file.path))
        let memory = try FileMemory(path: file.path, readOnly: true)
        #expect(memory.isReadOnly)
        #expect(try memory.readBytes(0, count: 1) == [42])
        #expect(throws: StableError.readOnly(path: file.path)) { try memory.write(0, bytes: [1]) }
        #expect(memory.grow(1) == -1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: file.path)) == before)
    }

    @Test("opening a missing file read-only is an I/O error, not a crash")
    func missingReadOnly() {
        #expect(throws: StableError.self) { try FileMemory(path: "/nonexistent/dir/x.img", readOnly: true) }
    }

    @Test("copies share one open file; close ends access for all of them")
    func sharingAndClose() throws {
        let file = TemporaryPath()
        let memory = try FileMemory(path: file.path)
        let copy = memory
        _ = copy.grow(1)
        try copy.write(3, bytes: [9])
        #expect(try memory.readBytes(3, count: 1) == [9])
        memory.close()
        #expect(throws: StableError.self) { try copy.readBytes(3, count: 1) }
        #expect(copy.grow(1) == -1)
    }

    @Test("DefaultMemory is the in-heap memory off the Internet Computer")
    func defaultMemory() {
        let memory = DefaultMemory()
        #expect(memory.size == 0)
        #expect(memory.grow(1) == 0)
    }
}
