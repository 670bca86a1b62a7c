import StableStructures
import StableTestSupport
import Testing

/// `UndoLogMemory` against a byte-array model: random writes, stores and
/// growth inside logged statements that are committed or rolled back.
@Suite("UndoLogMemory")
struct UndoLogMemoryTests {
    /// The memory's logical bytes.
    func contents(_ memory: UndoLogMemory<VectorMemory>) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0xAA, count: Int(memory.size * wasmPageSize))
        try bytes.withUnsafeMutableBytes { try memory.read(0, into: $0) }
        return bytes
    }

    @Test("commits keep and rollbacks undo every write and growth, byte for byte")
    func modelCheck() throws {
        var rng = SplitMix64(seed: 0x0DD_106)
        let memory = UndoLogMemory(VectorMemory())
        var model: [UInt8] = []
        for round in 0..<150 {
            memory.begin()
            var working = model
            for _ in 0..<Int(rng.next() % 20) {
                switch rng.next() % 16 {
                case 0:
                    let pages = rng.next() % 2
                    #expect(memory.grow(pages) == Int64(working.count / Int(wasmPageSize)))
                    working += [UInt8](repeating: 0, count: Int(pages * wasmPageSize))
                case 1 where !working.isEmpty:
                    let offset = Int(rng.next() % UInt64(working.count - 7))
                    let value = rng.next()
                    try memory.store(value, at: UInt64(offset))
                    withUnsafeBytes(of: value.littleEndian) { working.replaceSubrange(offset..<offset + 8, with: $0) }
                default:
                    guard !working.isEmpty else { continue }
                    let offset = Int(rng.next() % UInt64(working.count))
                    let count = Int(rng.next() % UInt64(min(3000, working.count - offset) + 1))
                    let bytes = rng.bytes(count)
                    try bytes.withUnsafeBytes { try memory.write(UInt64(offset), $0) }
                    working.replaceSubrange(offset..<offset + count, with: bytes)
                }
            }
            #expect(try contents(memory) == working)
            if rng.next() % 3 == 0 {
                memory.rollback()
            } else {
                memory.commit()
                model = working
            }
            #expect(memory.size == UInt64(model.count) / wasmPageSize, "round \(round)")
            #expect(try contents(memory) == model, "round \(round)")
        }
    }

    @Test("bounds follow the logical size; pages freed by a rollback come back zeroed")
    func boundsAndReuse() throws {
        let memory = UndoLogMemory(VectorMemory())
        memory.begin()
        #expect(memory.grow(2) == 0)
        try [UInt8](repeating: 7, count: 100).withUnsafeBytes { try memory.write(wasmPageSize + 10, $0) }
        memory.rollback()
        #expect(memory.size == 0)
        #expect(throws: StableError.self) { try memory.load(UInt8.self, at: 0) }
        #expect(throws: StableError.self) { try memory.store(UInt8(1), at: 0) }
        #expect(memory.grow(2) == 0)
        #expect(try contents(memory) == [UInt8](repeating: 0, count: Int(2 * wasmPageSize)))
        #expect(memory.base.size == 2)
    }
}
