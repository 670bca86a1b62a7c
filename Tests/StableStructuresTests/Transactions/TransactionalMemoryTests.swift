import StableStructures
import StableTestSupport
import Testing

@Suite("TransactionalMemory")
struct TransactionalMemoryTests {
    /// A vector memory of `pages` pages of random bytes.
    static func randomVector(pages: Int, random: inout SplitMix64) throws -> VectorMemory {
        try VectorMemory(bytes: random.bytes(pages * Int(wasmPageSize)))
    }

    @Test("rollback restores a vector memory byte for byte and page for page", arguments: 0..<4)
    func rollbackVector(round: UInt64) throws {
        var random = SplitMix64(seed: transactionSeed &+ round)
        let base = try Self.randomVector(pages: Int(round % 3), random: &random)
        let before = base.bytes
        let memory = TransactionalMemory(base)
        #expect(!memory.isJournaled)
        var model = before
        try memory.begin()
        try randomOperations(on: memory, model: &model, random: &random, steps: longTests ? 5_000 : 400)
        #expect(try contents(of: memory) == model)
        #expect(base.bytes == before, "the base is untouched until the commit")
        memory.rollback()
        #expect(!memory.isInTransaction)
        #expect(base.bytes == before)
        #expect(memory.size == UInt64(before.count) / wasmPageSize)
        #expect(try contents(of: memory) == before)
    }

    @Test("commit makes every write and the growth visible in a vector memory", arguments: 0..<4)
    func commitVector(round: UInt64) throws {
        var random = SplitMix64(seed: transactionSeed &+ 100 &+ round)
        let base = try Self.randomVector(pages: Int(round % 3), random: &random)
        let memory = TransactionalMemory(base)
        var model = base.bytes
        for _ in 0..<3 {
            try memory.begin()
            try randomOperations(on: memory, model: &model, random: &random, steps: longTests ? 2_000 : 150)
            try memory.commit()
            #expect(base.bytes == model)
            #expect(memory.size == base.size)
            // A rolled-back transaction after commits leaves the committed state.
            try memory.begin()
            var scratch = model
            try randomOperations(on: memory, model: &scratch, random: &random, steps: 50)
            memory.rollback()
            #expect(base.bytes == model)
        }
    }

    @Test("reads inside a transaction see its writes; the base sees them only after commit")
    func readYourWrites() throws {
        let base = VectorMemory()
        _ = base.grow(1)
        let memory = TransactionalMemory(base)
        try memory.begin()
        try memory.store(UInt64(0x0102_0304_0506_0708), at: 4092)  // straddles two blocks
        #expect(try memory.load(UInt64.self, at: 4092) == 0x0102_0304_0506_0708)
        #expect(try memory.readBytes(4092, count: 8) == [8, 7, 6, 5, 4, 3, 2, 1])
        #expect(try base.load(UInt64.self, at: 4092) == 0)
        #expect(memory.grow(2) == 1)
        #expect(memory.size == 3 && base.size == 1)
        #expect(try memory.load(UInt64.self, at: 2 * wasmPageSize + 8) == 0)
        try memory.write(3 * wasmPageSize - 3, bytes: [7, 8, 9])
        #expect(try memory.withBytes(at: 3 * wasmPageSize - 3, count: 3) { [UInt8]($0) } == [7, 8, 9])
        #expect(memory.dirtyBlockCount == 3)
        try memory.commit()
        #expect(base.size == 3)
        #expect(try base.load(UInt64.self, at: 4092) == 0x0102_0304_0506_0708)
        #expect(try base.readBytes(3 * wasmPageSize - 3, count: 3) == [7, 8, 9])
        #expect(memory.dirtyBlockCount == 0)
    }

    @Test("bounds follow the logical size within a transaction")
    func bounds() throws {
        let memory = TransactionalMemory(VectorMemory())
        try memory.begin()
        #expect(throws: StableError.outOfBounds(offset: 0, count: 1, memorySize: 0)) { try memory.write(0, bytes: [1]) }
        #expect(memory.grow(1) == 0)
        #expect(throws: StableError.outOfBounds(offset: 65_535, count: 2, memorySize: 65_536)) {
            try memory.store(UInt16(1), at: 65_535)
        }
        #expect(throws: StableError.self) { try memory.load(UInt32.self, at: 65_533) }
        #expect(throws: StableError.self) { try memory.withBytes(at: 65_536, count: 1) { _ in 0 } }
        #expect(throws: StableError.self) { try memory.withBytes(at: 0, count: -1) { _ in 0 } }
        #expect(try memory.withBytes(at: 65_536, count: 0) { $0.count } == 0)
        #expect(memory.grow(UInt64.max) == -1)
        #expect(memory.size == 1)
        memory.rollback()
        #expect(memory.size == 0)
    }

    @Test("transactions do not nest; commit without begin is an error; rollback without begin does nothing")
    func stateErrors() throws {
        let memory = TransactionalMemory(VectorMemory())
        #expect(throws: StableError.self) { try memory.commit() }
        memory.rollback()
        try memory.begin()
        #expect(throws: StableError.self) { try memory.begin() }
        do {
            try memory.begin()
        } catch let error {
            guard case .invalidArgument = error else { Issue.record("unexpected \(error)"); return }
        }
        #expect(memory.isInTransaction)
        try memory.commit()
        #expect(!memory.isInTransaction)
    }

    @Test("outside a transaction writes and growth pass straight through")
    func passThrough() throws {
        let base = VectorMemory()
        let memory = TransactionalMemory(base)
        #expect(memory.grow(1) == 0)
        try memory.store(UInt32(99), at: 10)
        #expect(base.size == 1)
        #expect(try base.load(UInt32.self, at: 10) == 99)
        #expect(try memory.withBytes(at: 10, count: 4) { [UInt8]($0) } == [99, 0, 0, 0])
    }

    @Test("atomically commits on success and rolls back on a thrown error")
    func atomically() throws {
        let base = VectorMemory()
        _ = base.grow(1)
        let memory = TransactionalMemory(base)
        let result = try memory.atomically { () throws(StableError) -> Int in
            try memory.store(UInt64(5), at: 0)
            return 5
        }
        #expect(result == 5)
        #expect(try base.load(UInt64.self, at: 0) == 5)
        #expect(throws: StableError.indexOutOfRange(index: 1, count: 0)) {
            try memory.atomically { () throws(StableError) in
                try memory.store(UInt64(6), at: 0)
                _ = memory.grow(4)
                throw StableError.indexOutOfRange(index: 1, count: 0)
            }
        }
        #expect(!memory.isInTransaction)
        #expect(try base.load(UInt64.self, at: 0) == 5)
        #expect(memory.size == 1)
    }

    @Test("a commit the base cannot grow for fails with growFailed and leaves the base as it was")
    func growFailure() throws {
        let base = LimitedMemory(maxPages: 2)
        _ = base.grow(1)
        let memory = TransactionalMemory(base)
        try memory.begin()
        try memory.store(UInt64(1), at: 0)
        #expect(memory.grow(5) == 1, "the logical size grows; the base's limit is met at the commit")
        #expect(throws: StableError.growFailed(pages: 5)) { try memory.commit() }
        #expect(!memory.isInTransaction)
        #expect(base.size == 1)
        #expect(try base.load(UInt64.self, at: 0) == 0)
    }
}

/// A vector memory that refuses to grow past `maxPages`.
struct LimitedMemory: Memory {
    let inner = VectorMemory()
    let maxPages: UInt64

    var size: UInt64 { inner.size }

    func grow(_ pages: UInt64) -> Int64 {
        inner.size + pages > maxPages ? -1 : inner.grow(pages)
    }

    func read(_ offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(StableError) {
        try inner.read(offset, into: buffer)
    }

    func write(_ offset: UInt64, _ bytes: UnsafeRawBufferPointer) throws(StableError) {
        try inner.write(offset, bytes)
    }
}
