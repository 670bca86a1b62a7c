import StableStructures
import StableTestSupport
import Testing

@Suite("VectorMemory")
struct VectorMemoryTests {
    @Test("starts empty and grows by whole zeroed pages, returning the old size")
    func growSemantics() throws {
        let memory = VectorMemory()
        #expect(memory.size == 0)
        #expect(memory.grow(0) == 0)
        #expect(memory.grow(2) == 0)
        #expect(memory.size == 2)
        #expect(memory.grow(1) == 2)
        #expect(memory.byteCount == 3 * 65_536)
        #expect(try memory.readBytes(0, count: 16) == [UInt8](repeating: 0, count: 16))
        #expect(memory.grow(VectorMemory.maxPages) == -1)
        #expect(memory.grow(.max) == -1)
        #expect(memory.size == 3)
    }

    @Test("reads and writes are bounds-checked with typed errors")
    func bounds() throws {
        let memory = VectorMemory()
        #expect(throws: StableError.outOfBounds(offset: 0, count: 1, memorySize: 0)) {
            try memory.readBytes(0, count: 1)
        }
        _ = memory.grow(1)
        try memory.write(65_535, bytes: [7])
        #expect(try memory.readBytes(65_535, count: 1) == [7])
        try memory.write(65_536, bytes: [])  // zero-length access at the end is allowed
        #expect(throws: StableError.outOfBounds(offset: 65_535, count: 2, memorySize: 65_536)) {
            try memory.write(65_535, bytes: [1, 2])
        }
        #expect(throws: StableError.self) { try memory.readBytes(.max, count: 2) }
        #expect(throws: StableError.self) { try memory.load(UInt64.self, at: 65_530) }
    }

    @Test("copies share their bytes, like the crate's Rc<RefCell<Vec<u8>>>")
    func sharing() throws {
        let memory = VectorMemory()
        let alias = memory
        _ = alias.grow(1)
        try alias.store(UInt64(0x0102_0304_0506_0708), at: 10)
        #expect(memory.size == 1)
        #expect(try memory.load(UInt64.self, at: 10) == 0x0102_0304_0506_0708)
        #expect(try memory.readBytes(10, count: 8) == [8, 7, 6, 5, 4, 3, 2, 1])
    }

    @Test("writeGrowing grows by the fewest pages that cover the write")
    func growingWrite() throws {
        let memory = VectorMemory()
        try memory.write(0, bytes: [])
        #expect(memory.size == 0)
        try memory.storeGrowing(UInt32(5), at: 65_534)
        #expect(memory.size == 2)
        try memory.storeGrowing(UInt8(1), at: 0)
        #expect(memory.size == 2)
        #expect(try memory.load(UInt32.self, at: 65_534) == 5)
    }

    @Test("withBytes sees the stored bytes in place")
    func withBytesView() throws {
        let memory = try VectorMemory(bytes: [UInt8](repeating: 9, count: 65_536))
        let sum = try memory.withBytes(at: 100, count: 10) { bytes in bytes.reduce(0) { $0 + Int($1) } }
        #expect(sum == 90)
        #expect(throws: StableError.self) { try VectorMemory(bytes: [1, 2, 3]) }
    }
}
