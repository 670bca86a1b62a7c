@testable import StableStructures
import StableTestSupport
import Testing

/// Transactions under a memory manager: the manager's header writes and its
/// growth of the underlying memory are part of the transaction.
@Suite("Transactions under a MemoryManager")
struct ManagedTransactionTests {
    @Test("rolling back a manager's creation and growth leaves the memory empty; a commit keeps them")
    func managerCreation() throws {
        let base = VectorMemory()
        let memory = TransactionalMemory(base)
        let payload = Array(UInt8(1)...UInt8(200))

        try memory.begin()
        do {
            let manager = try MemoryManager(memory, bucketSize: 1)
            let virtual = manager.memory(try MemoryId(3))
            #expect(virtual.grow(2) == 0)
            try virtual.write(65_500, bytes: payload)
            #expect(memory.size == 3)
        }
        memory.rollback()
        #expect(base.size == 0 && memory.size == 0)

        try memory.begin()
        do {
            let manager = try MemoryManager(memory, bucketSize: 1)
            let virtual = manager.memory(try MemoryId(3))
            _ = virtual.grow(2)
            try virtual.write(65_500, bytes: payload)
        }
        try memory.commit()
        // The committed base holds a manager that loads on its own.
        let loaded = try MemoryManager(base)
        #expect(loaded.memory(try MemoryId(3)).size == 2)
        #expect(try loaded.memory(try MemoryId(3)).readBytes(65_500, count: payload.count) == payload)
    }

    @Test("a rolled-back statement that grew a virtual memory leaves the committed manager image intact")
    func statementRollback() throws {
        let base = VectorMemory()
        let memory = TransactionalMemory(base)
        try memory.atomically { () throws(StableError) in
            let manager = try MemoryManager(memory, bucketSize: 1)
            _ = manager.memory(try MemoryId(0)).grow(1)
            try manager.memory(try MemoryId(0)).store(UInt64(7), at: 0)
        }
        let committed = base.bytes
        #expect(throws: StableError.self) {
            try memory.atomically { () throws(StableError) in
                // The manager is loaded afresh for the statement (a rollback
                // invalidates the Swift objects of the statement before).
                let manager = try MemoryManager(memory)
                let virtual = manager.memory(try MemoryId(0))
                try virtual.store(UInt64(8), at: 0)
                _ = manager.memory(try MemoryId(1)).grow(3)
                try virtual.store(UInt64(9), at: 70_000)  // past the end of memory 0: fails
            }
        }
        #expect(base.bytes == committed)
        let manager = try MemoryManager(memory)
        #expect(try manager.memory(try MemoryId(0)).load(UInt64.self, at: 0) == 7)
        #expect(manager.memory(try MemoryId(1)).size == 0)
    }

    @Test("a crash in a manager's commit recovers to the previous manager image")
    func managerCrash() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("managed.img")
        do {
            let memory = TransactionalMemory(try FileMemory(recovering: path))
            try memory.atomically { () throws(StableError) in
                let manager = try MemoryManager(memory, bucketSize: 1)
                _ = manager.memory(try MemoryId(0)).grow(1)
                try manager.memory(try MemoryId(0)).store(UInt64(11), at: 8)
            }
            let old = try fileBytes(path)
            try memory.begin()
            let manager = try MemoryManager(memory)
            try manager.memory(try MemoryId(0)).store(UInt64(12), at: 8)
            _ = manager.memory(try MemoryId(2)).grow(2)
            try manager.memory(try MemoryId(2)).store(UInt64(13), at: 65_536)
            memory.simulatedCrash = .imagePartiallyWritten
            #expect(throws: StableError.self) { try memory.commit() }
            memory.base.close()
            #expect(try fileBytes(path) != old)
        }
        let reopened = try FileMemory(recovering: path)
        let manager = try MemoryManager(reopened)
        #expect(reopened.size == 2)
        #expect(try manager.memory(try MemoryId(0)).load(UInt64.self, at: 8) == 11)
        #expect(manager.memory(try MemoryId(2)).size == 0)
    }
}
