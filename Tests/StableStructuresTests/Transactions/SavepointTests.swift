import StableStructures
import StableTestSupport
import Testing

@Suite("Savepoints")
struct SavepointTests {
    @Test("rolling back to a savepoint restores the bytes and size it saw; earlier writes stay", arguments: 0..<4)
    func rollbackToSavepoint(round: UInt64) throws {
        var random = SplitMix64(seed: transactionSeed &+ 400 &+ round)
        let base = try VectorMemory(bytes: random.bytes(Int(round % 2) * Int(wasmPageSize)))
        let memory = TransactionalMemory(base)
        var model = base.bytes
        try memory.begin()
        for statement in 0..<(longTests ? 60 : 12) {
            let before = model
            try memory.savepoint()
            #expect(memory.hasSavepoint)
            try randomOperations(on: memory, model: &model, random: &random, steps: 40)
            if statement % 3 == 1 {
                memory.rollbackToSavepoint()
                model = before
                #expect(memory.byteCount == UInt64(model.count))
                #expect(try contents(of: memory) == model)
            } else {
                memory.releaseSavepoint()
            }
            #expect(!memory.hasSavepoint)
            #expect(memory.isInTransaction)
        }
        try memory.commit()
        #expect(base.bytes == model)
    }

    @Test("withSavepoint keeps a statement's writes, or undoes them when it throws")
    func withSavepoint() throws {
        let base = VectorMemory()
        _ = base.grow(1)
        let memory = TransactionalMemory(base)
        try memory.begin()
        try memory.store(UInt64(1), at: 0)
        try memory.withSavepoint { () throws(StableError) in try memory.store(UInt64(2), at: 8) }
        #expect(throws: StableError.invalidArgument("boom")) {
            try memory.withSavepoint { () throws(StableError) in
                try memory.store(UInt64(3), at: 0)     // a block dirty before the savepoint
                try memory.store(UInt64(4), at: 5000)  // a block clean before it
                _ = memory.grow(2)
                throw StableError.invalidArgument("boom")
            }
        }
        #expect(memory.size == 1)
        #expect(try memory.load(UInt64.self, at: 0) == 1)
        #expect(try memory.load(UInt64.self, at: 8) == 2)
        #expect(try memory.load(UInt64.self, at: 5000) == 0)
        #expect(memory.dirtyBlockCount == 1)
        try memory.commit()
        #expect(try base.readBytes(0, count: 16) == [1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0])
    }

    @Test("savepoints need a transaction and do not nest; commit and rollback clear them")
    func savepointErrors() throws {
        let memory = TransactionalMemory(VectorMemory())
        #expect(throws: StableError.self) { try memory.savepoint() }
        memory.rollbackToSavepoint()
        memory.releaseSavepoint()
        try memory.begin()
        try memory.savepoint()
        #expect(throws: StableError.self) { try memory.savepoint() }
        try memory.commit()
        #expect(!memory.hasSavepoint)
        try memory.begin()
        try memory.savepoint()
        memory.rollback()
        #expect(!memory.hasSavepoint)
    }

    @Test("statements rolled back to their savepoints never reach the image file")
    func fileImage() throws {
        var random = SplitMix64(seed: transactionSeed &+ 500)
        let directory = try TemporaryDirectory()
        let path = directory.file("image.img")
        var model = try FileTransactionTests.makeImage(at: path, pages: 1, random: &random)
        let memory = TransactionalMemory(try FileMemory(recovering: path))
        try memory.begin()
        for statement in 0..<10 {
            let before = model
            try memory.savepoint()
            try randomOperations(on: memory, model: &model, random: &random, steps: 30)
            if statement % 2 == 0 {
                memory.rollbackToSavepoint()
                model = before
            } else {
                memory.releaseSavepoint()
            }
        }
        try memory.commit()
        #expect(try fileBytes(path) == model)
    }
}
