import StableStructures
import StableTestSupport
import Testing

/// `StatementMemory` on both backings against a byte-array model: random
/// statements committed or rolled back, durable commits, read-only refusal,
/// and structures re-loaded after a rollback.
@Suite("StatementMemory")
struct StatementMemoryTests {
    /// The memory's logical bytes.
    func contents(_ memory: StatementMemory) throws -> [UInt8] {
        try memory.readBytes(0, count: Int(memory.size * wasmPageSize))
    }

    /// Runs random statements on `memory`, rolling a third of them back, and
    /// checks the bytes against the model after each; returns the model.
    func randomStatements(_ memory: StatementMemory, seed: UInt64, durableEvery: Int) throws -> [UInt8] {
        var random = SplitMix64(seed: seed)
        var model = try contents(memory)
        for round in 0..<60 {
            try memory.begin()
            #expect(!memory.hasChanges)
            var working = model
            for _ in 0..<Int(random.next() % 12) {
                if random.next() % 8 == 0 || working.isEmpty {
                    let pages = random.next() % 2
                    #expect(memory.grow(pages) == Int64(working.count) / Int64(wasmPageSize))
                    working += [UInt8](repeating: 0, count: Int(pages * wasmPageSize))
                } else {
                    let offset = Int(random.next() % UInt64(working.count))
                    let bytes = random.bytes(Int(random.next() % UInt64(min(2500, working.count - offset) + 1)))
                    try memory.write(UInt64(offset), bytes: bytes)
                    working.replaceSubrange(offset..<offset + bytes.count, with: bytes)
                }
            }
            #expect(try contents(memory) == working)
            if random.next() % 3 == 0 {
                memory.rollback()
            } else {
                memory.commit()
                model = working
            }
            #expect(try contents(memory) == model, "round \(round)")
            if round % durableEvery == 0 { try memory.commitDurably() }
        }
        try memory.commitDurably()
        return model
    }

    @Test("in the heap, committed statements stay and rolled-back ones vanish, byte for byte")
    func heap() throws {
        let memory = StatementMemory()
        #expect(memory.path == nil && !memory.isReadOnly)
        let model = try randomStatements(memory, seed: 0x57A7_E, durableEvery: 1)
        #expect(try contents(memory) == model)
    }

    @Test("on a file, statements reach the image only through a durable commit, without a journal left behind")
    func file() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("image.bin")
        let memory = StatementMemory(file: try FileMemory(recovering: path))
        #expect(memory.path == path)
        let model = try randomStatements(memory, seed: 0xF11E, durableEvery: 7)
        try memory.sync()
        #expect(try fileBytes(path) == model)
        #expect(try directory.contents() == ["image.bin"])

        // A committed statement not yet made durable is lost on close.
        try memory.begin()
        try memory.write(0, bytes: [1, 2, 3])
        memory.commit()
        #expect(try fileBytes(path) == model)
        memory.close()
        #expect(try fileBytes(path) == model)
    }

    @Test("a read-only memory refuses writes, stores and growth and changes nothing")
    func readOnly() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("image.bin")
        let writable = StatementMemory(file: try FileMemory(recovering: path))
        try writable.begin()
        _ = writable.grow(1)
        try writable.write(0, bytes: [9, 9])
        writable.commit()
        try writable.sync()
        writable.close()
        let before = try fileBytes(path)

        for memory in [StatementMemory(file: try FileMemory(path: path), readOnly: true),
                       StatementMemory(file: try FileMemory(path: path, readOnly: true))] {
            #expect(memory.isReadOnly)
            try memory.begin()
            #expect(throws: StableError.readOnly(path: path)) { try memory.write(0, bytes: [1]) }
            #expect(throws: StableError.readOnly(path: path)) { try memory.store(UInt32(5), at: 4) }
            #expect(memory.grow(1) == -1)
            #expect(memory.grow(0) == 1)
            #expect(try memory.readBytes(0, count: 2) == [9, 9])
            memory.rollback()
            try memory.commitDurably()
            memory.close()
        }
        #expect(try fileBytes(path) == before)
    }

    @Test("a rolled-back statement leaves a map that loads again with its earlier entries", arguments: [false, true])
    func structureRollback(onFile: Bool) throws {
        let directory = try TemporaryDirectory()
        let memory = onFile ? StatementMemory(file: try FileMemory(recovering: directory.file("m.bin"))) : StatementMemory()
        try memory.begin()
        var map = try BTreeMap<UInt64, UInt64, StatementMemory>(memory: memory)
        for key in UInt64(0)..<200 { _ = try map.insert(key, key * 2) }
        memory.commit()
        try memory.commitDurably()

        try memory.begin()
        for key in UInt64(0)..<200 where key % 3 == 0 { _ = try map.remove(key) }
        for key in UInt64(500)..<900 { _ = try map.insert(key, 1) }
        #expect(memory.hasChanges)
        memory.rollback()
        map = try BTreeMap<UInt64, UInt64, StatementMemory>(memory: memory)
        #expect(map.count == 200)
        for key in UInt64(0)..<200 { #expect(try map.get(key) == key * 2) }
        #expect(try map.get(600) == nil)
    }
}
