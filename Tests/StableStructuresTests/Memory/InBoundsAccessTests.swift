import StableStructures
import StableTestSupport
import Testing

/// `Memory.readInBounds` / `writeInBounds`: checked by default, passed on
/// unchecked at the absolute offset by a `RestrictedMemory`.
@Suite("Memory in-bounds accesses")
struct InBoundsAccessTests {
    @Test("default: the checked read and write (out of bounds still throws)")
    func defaultIsChecked() throws {
        let memory = VectorMemory()
        _ = memory.grow(1)
        let bytes: [UInt8] = [1, 2, 3, 4]
        try bytes.withUnsafeBytes { try memory.writeInBounds(65_532, $0) }
        #expect(try memory.readBytes(65_532, count: 4) == bytes)
        var back = [UInt8](repeating: 0, count: 4)
        try back.withUnsafeMutableBytes { try memory.readInBounds(65_532, into: $0) }
        #expect(back == bytes)
        #expect(throws: StableError.outOfBounds(offset: 65_533, count: 4, memorySize: 65_536)) {
            try bytes.withUnsafeBytes { try memory.writeInBounds(65_533, $0) }
        }
        #expect(throws: StableError.outOfBounds(offset: 65_533, count: 4, memorySize: 65_536)) {
            try back.withUnsafeMutableBytes { try memory.readInBounds(65_533, into: $0) }
        }
        #expect(memory.size == 1)
    }

    @Test("RestrictedMemory: the underlying memory's in-bounds access at start + offset, no checked access")
    func windowForwards() throws {
        let base = InBoundsRecordingMemory()
        let window = try RestrictedMemory(base, pages: 3..<5)
        #expect(window.grow(2) == 0)
        let bytes: [UInt8] = [9, 8, 7]
        try bytes.withUnsafeBytes { try window.writeInBounds(70_000, $0) }
        #expect(try base.inner.readBytes(3 * 65_536 + 70_000, count: 3) == bytes)
        var back = [UInt8](repeating: 0, count: 3)
        try back.withUnsafeMutableBytes { try window.readInBounds(70_000, into: $0) }
        #expect(back == bytes)
        #expect(base.inBoundsWrites == 1 && base.inBoundsReads == 1)
        #expect(base.checkedWrites == 0 && base.checkedReads == 0)
        #expect(base.violations == 0)
        // Over a memory that checks (the default), a broken promise still throws.
        let plain = VectorMemory()
        let plainWindow = try RestrictedMemory(plain, pages: 0..<1)
        #expect(plainWindow.grow(1) == 0)
        #expect(throws: StableError.self) {
            try bytes.withUnsafeBytes { try plainWindow.writeInBounds(65_535, $0) }
        }
    }
}
