import StableStructures
import StableTestSupport
import Testing

@Suite("TransactionalMemory over FileMemory")
struct FileTransactionTests {
    /// Creates an image of `pages` random pages at `path` and returns its bytes.
    static func makeImage(at path: String, pages: Int, random: inout SplitMix64) throws -> [UInt8] {
        let bytes = random.bytes(pages * Int(wasmPageSize))
        let memory = try FileMemory(path: path)
        _ = memory.grow(UInt64(pages))
        try memory.write(0, bytes: bytes)
        try memory.sync()
        memory.close()
        return bytes
    }

    @Test("a file memory gets journaled commits")
    func journaled() throws {
        let directory = try TemporaryDirectory()
        let memory = TransactionalMemory(try FileMemory(recovering: directory.file("a.img")))
        #expect(memory.isJournaled)
        // Also when the memory type is only known generically.
        func wrap<M: Memory>(_ base: M) -> TransactionalMemory<M> { TransactionalMemory(base) }
        #expect(wrap(try FileMemory(recovering: directory.file("b.img"))).isJournaled)
        #expect(!wrap(VectorMemory()).isJournaled)
    }

    @Test("rollback leaves the image file byte for byte and in length as it was", arguments: 0..<3)
    func rollback(round: UInt64) throws {
        var random = SplitMix64(seed: transactionSeed &+ 200 &+ round)
        let directory = try TemporaryDirectory()
        let path = directory.file("image.img")
        let before = try Self.makeImage(at: path, pages: Int(round), random: &random)
        let file = try FileMemory(recovering: path)
        let memory = TransactionalMemory(file)
        var model = before
        try memory.begin()
        try randomOperations(on: memory, model: &model, random: &random, steps: longTests ? 3_000 : 300)
        #expect(try contents(of: memory) == model)
        memory.rollback()
        #expect(try fileBytes(path) == before)
        #expect(file.size == UInt64(round))
        #expect(try contents(of: memory) == before)
        #expect(try directory.contents() == ["image.img"])
    }

    @Test("commit writes every change to the image and removes its journal", arguments: 0..<3)
    func commit(round: UInt64) throws {
        var random = SplitMix64(seed: transactionSeed &+ 300 &+ round)
        let directory = try TemporaryDirectory()
        let path = directory.file("image.img")
        var model = try Self.makeImage(at: path, pages: Int(round), random: &random)
        do {
            let memory = TransactionalMemory(try FileMemory(recovering: path))
            for _ in 0..<3 {
                try memory.begin()
                try randomOperations(on: memory, model: &model, random: &random, steps: longTests ? 1_000 : 100)
                try memory.commit()
                #expect(try fileBytes(path) == model)
                #expect(try directory.contents() == ["image.img"])
            }
            // An empty transaction commits without a journal.
            try memory.begin()
            try memory.commit()
            #expect(try directory.contents() == ["image.img"])
        }
        let reopened = try FileMemory(recovering: path, readOnly: true)
        #expect(try contents(of: reopened) == model)
    }

    @Test("a commit to a read-only image fails before writing anything")
    func readOnlyBase() throws {
        var random = SplitMix64(seed: transactionSeed)
        let directory = try TemporaryDirectory()
        let path = directory.file("image.img")
        let before = try Self.makeImage(at: path, pages: 1, random: &random)
        let memory = TransactionalMemory(try FileMemory(recovering: path, readOnly: true))
        try memory.begin()
        try memory.store(UInt64(1), at: 0)
        #expect(memory.grow(1) == 1)
        #expect(throws: StableError.readOnly(path: path)) { try memory.commit() }
        #expect(memory.failure == nil)
        #expect(try fileBytes(path) == before)
        #expect(try directory.contents() == ["image.img"])
        // Reading in a transaction is fine.
        try memory.begin()
        #expect(try memory.readBytes(0, count: 8) == Array(before[0..<8]))
        try memory.commit()
    }
}
