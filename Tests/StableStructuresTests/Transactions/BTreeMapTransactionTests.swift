@testable import StableStructures
import StableTestSupport
import Testing

/// The interpreter's pattern: a BTreeMap on a transactional memory, one
/// transaction (or savepoint) per statement, the map reloaded from the memory
/// after a rollback (its cached root, length and allocator state are stale).
@Suite("Transactions under a BTreeMap")
struct BTreeMapTransactionTests {
    @Test("batches of inserts and removes: committed ones persist, rolled-back ones vanish without a trace")
    func statements() throws {
        var random = SplitMix64(seed: transactionSeed &+ 700)
        let base = VectorMemory()
        let memory = TransactionalMemory(base)
        var map = try BTreeMap<UInt64, UInt64, TransactionalMemory<VectorMemory>>(memory: memory)
        var model: [UInt64: UInt64] = [:]
        for batch in 0..<(longTests ? 200 : 30) {
            let before = base.bytes
            try memory.begin()
            var scratch = model
            for _ in 0..<Int(random.next() % 60) {
                let key = random.next() % 500
                if random.next() % 4 == 0 {
                    #expect(try map.remove(key) == scratch.removeValue(forKey: key))
                } else {
                    let value = random.next()
                    #expect(try map.insert(key, value) == scratch.updateValue(value, forKey: key))
                }
            }
            if batch % 3 == 2 {
                memory.rollback()
                #expect(base.bytes == before)
                map = try BTreeMap(memory: memory)  // reload: the object's caches are stale
            } else {
                try memory.commit()
                model = scratch
            }
            #expect(map.count == model.count)
            #expect(try map.entries.collect().map { $0.key } == model.keys.sorted())
        }
        // The committed image loads directly from the base.
        let reloaded = try BTreeMap<UInt64, UInt64, VectorMemory>(memory: base)
        for (key, value) in model { #expect(try reloaded.get(key) == value) }
    }

    @Test("a crash while committing a batch of inserts to a file recovers the map as it was before the batch")
    func crash() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("map.img")
        var model: [UInt64: UInt64] = [:]
        do {
            let memory = TransactionalMemory(try FileMemory(recovering: path))
            let map = try memory.atomically { () throws(StableError) in
                try BTreeMap<UInt64, UInt64, TransactionalMemory<FileMemory>>(memory: memory)
            }
            try memory.atomically { () throws(StableError) in
                for key in UInt64(0)..<300 { _ = try map.insert(key, key &* 3) }
            }
            for key in UInt64(0)..<300 { model[key] = key &* 3 }
            try memory.begin()
            for key in UInt64(300)..<900 { _ = try map.insert(key, key) }
            for key in UInt64(0)..<100 { _ = try map.remove(key) }
            memory.simulatedCrash = .imagePartiallyWritten
            #expect(throws: StableError.self) { try memory.commit() }
            memory.base.close()
        }
        let map = try BTreeMap<UInt64, UInt64, FileMemory>(memory: try FileMemory(recovering: path))
        #expect(map.count == model.count)
        #expect(try map.entries.collect().map { $0.key } == model.keys.sorted())
        for (key, value) in model { #expect(try map.get(key) == value) }
    }
}
