#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import StableStructures
import StableTestSupport

/// The cost of atomic statements (TransactionalMemory): "statements" that each
/// store four u64 at random offsets of a 16 MiB memory, on a bare memory and
/// through a transactional one: committed per statement (`tx`), per 100
/// statements (`tx_batch100`), or with a savepoint per statement and a commit
/// per 100 statements (`savepoint_batch100`: atomic statements, durable
/// batches).
/// File images live in `$STABLE_BENCH_DIR` (default `/tmp`), so the figures
/// include that file system's `fsync`.
func journalWorkloads() -> [Workload] {
    [
        Workload(name: "journal_vector_bare_u64x4", n: 100_000) {
            statementsWorkload(VectorMemory(), statements: 100_000, batch: nil)
        },
        Workload(name: "journal_vector_tx_u64x4", n: 100_000) {
            statementsWorkload(TransactionalMemory(VectorMemory()), statements: 100_000, batch: 1)
        },
        Workload(name: "journal_vector_savepoint_batch100_u64x4", n: 100_000) {
            statementsWorkload(TransactionalMemory(VectorMemory()), statements: 100_000, batch: 100, savepoints: true)
        },
        Workload(name: "journal_file_bare_u64x4", n: 10_000) {
            withImageFile { path in statementsWorkload(openImage(path), statements: 10_000, batch: nil) }
        },
        Workload(name: "journal_file_bare_fsync_u64x4", n: 1_000) {
            withImageFile { path in statementsWorkload(openImage(path), statements: 1_000, batch: nil, syncEach: true) }
        },
        Workload(name: "journal_file_tx_u64x4", n: 500) {
            withImageFile { path in
                statementsWorkload(TransactionalMemory(openImage(path)), statements: 500, batch: 1)
            }
        },
        Workload(name: "journal_file_tx_batch100_u64x4", n: 10_000) {
            withImageFile { path in
                statementsWorkload(TransactionalMemory(openImage(path)), statements: 10_000, batch: 100)
            }
        },
        Workload(name: "journal_file_savepoint_batch100_u64x4", n: 10_000) {
            withImageFile { path in
                statementsWorkload(TransactionalMemory(openImage(path)), statements: 10_000, batch: 100, savepoints: true)
            }
        },
    ] + btreeJournalWorkloads()
}

/// Inserts of random u64 keys and values into a `BTreeMap<UInt64, UInt64>`:
/// on a bare memory, and on a transactional one with a commit per insert, a
/// commit per 100 inserts, or a savepoint per insert and a commit per 100.
func btreeJournalWorkloads() -> [Workload] {
    [
        Workload(name: "journal_btree_vector_bare_insert_u64", n: 20_000) {
            btreeInsertWorkload(VectorMemory(), count: 20_000, batch: nil)
        },
        Workload(name: "journal_btree_vector_tx_insert_u64", n: 20_000) {
            btreeInsertWorkload(TransactionalMemory(VectorMemory()), count: 20_000, batch: 1)
        },
        Workload(name: "journal_btree_file_bare_insert_u64", n: 10_000) {
            withImageFile { path in btreeInsertWorkload(openImage(path), count: 10_000, batch: nil) }
        },
        Workload(name: "journal_btree_file_tx_insert_u64", n: 300) {
            withImageFile { path in btreeInsertWorkload(TransactionalMemory(openImage(path)), count: 300, batch: 1) }
        },
        Workload(name: "journal_btree_file_tx_batch100_insert_u64", n: 10_000) {
            withImageFile { path in btreeInsertWorkload(TransactionalMemory(openImage(path)), count: 10_000, batch: 100) }
        },
        Workload(name: "journal_btree_file_savepoint_batch100_insert_u64", n: 10_000) {
            withImageFile { path in
                btreeInsertWorkload(TransactionalMemory(openImage(path)), count: 10_000, batch: 100, savepoints: true)
            }
        },
    ]
}

/// `count` inserts of random keys (a fresh map, created untimed); with a
/// transactional memory, a transaction around every `batch` inserts and a
/// savepoint around each when `savepoints`.
func btreeInsertWorkload<M: Memory>(_ memory: M, count: Int, batch: Int?, savepoints: Bool = false) -> Double {
    let transactional = memory as? any TransactionControl
    var random = SplitMix64(seed: 0x5EED)
    let keys = (0..<count).map { _ in random.next() }
    do {
        try transactional?.beginTransaction()
        let map = try BTreeMap<UInt64, UInt64, M>(memory: memory)
        try transactional?.commitTransaction()
        return measure { timedRegionJournalBTreeInserts(map, transactional, keys, batch: batch, savepoints: savepoints) }
    } catch {
        check(false, "\(error)")
        return 0
    }
}

@inline(never)
func timedRegionJournalBTreeInserts<M: Memory>(
    _ map: BTreeMap<UInt64, UInt64, M>, _ transactional: (any TransactionControl)?, _ keys: [UInt64],
    batch: Int?, savepoints: Bool
) -> Int {
    do {
        for (index, key) in keys.enumerated() {
            if let batch, index % batch == 0 { try transactional?.beginTransaction() }
            if savepoints { try transactional?.setSavepoint() }
            _ = try map.insert(key, key)
            if savepoints { transactional?.releaseTransactionSavepoint() }
            if let batch, (index + 1) % batch == 0 || index + 1 == keys.count { try transactional?.commitTransaction() }
        }
    } catch {
        check(false, "\(error)")
    }
    return map.count
}

/// Four u64 stores per statement at random 8-aligned offsets of 16 MiB; a
/// transaction around every `batch` statements when `memory` is
/// transactional (`batch` nil: no transactions), an `fsync` after each
/// statement when `syncEach`, a savepoint around each statement when
/// `savepoints`.
func statementsWorkload<M: Memory>(
    _ memory: M, statements: Int, batch: Int?, syncEach: Bool = false, savepoints: Bool = false,
    coordinator: ImageCoordinator? = nil
) -> Double {
    let pages: UInt64 = 256
    if memory.size < pages { check(memory.grow(pages - memory.size) != -1, "grow") }
    var random = SplitMix64(seed: 0x5EED)
    let offsets = (0..<statements * 4).map { _ in (random.next() % (pages * wasmPageSize - 8)) & ~7 }
    if let coordinator {
        return measure {
            timedRegionStatements(
                memory, offsets, batch: batch, syncEach: syncEach, savepoints: savepoints, gate: coordinator)
        }
    }
    return measure {
        timedRegionStatements(memory, offsets, batch: batch, syncEach: syncEach, savepoints: savepoints, gate: NoGate())
    }
}

/// What each statement of ``timedRegionStatements`` opens and closes: nothing
/// (`NoGate`, specialised away, so the uncoordinated workloads time the
/// memory alone) or an ``ImageCoordinator``'s write lock.
protocol StatementGate {
    func open() throws(StableError)
    func close()
}

struct NoGate: StatementGate {
    @inline(__always) func open() throws(StableError) {}
    @inline(__always) func close() {}
}

extension ImageCoordinator: StatementGate {
    func open() throws(StableError) { _ = try begin(.write) }
    func close() { end() }
}

@inline(never)
func timedRegionStatements<M: Memory, G: StatementGate>(
    _ memory: M, _ offsets: [UInt64], batch: Int?, syncEach: Bool, savepoints: Bool, gate: G
) -> Int {
    let transactional = memory as? any TransactionControl
    var index = 0
    var statement = 0
    do {
        while index < offsets.count {
            try gate.open()
            if let batch, statement % batch == 0 { try transactional?.beginTransaction() }
            if savepoints { try transactional?.setSavepoint() }
            for _ in 0..<4 {
                try memory.store(offsets[index], at: offsets[index])
                index += 1
            }
            if savepoints { transactional?.releaseTransactionSavepoint() }
            statement += 1
            if let batch, statement % batch == 0 || index == offsets.count { try transactional?.commitTransaction() }
            if syncEach, let file = memory as? FileMemory { try file.sync() }
            gate.close()
        }
    } catch {
        check(false, "\(error)")
    }
    return statement
}

/// Begin and commit, for the workloads' dynamic dispatch (outside the timed
/// memory accesses, which stay specialised).
protocol TransactionControl {
    func beginTransaction() throws(StableError)
    func commitTransaction() throws(StableError)
    func setSavepoint() throws(StableError)
    func releaseTransactionSavepoint()
}

extension TransactionalMemory: TransactionControl {
    func beginTransaction() throws(StableError) { try begin() }
    func commitTransaction() throws(StableError) { try commit() }
    func setSavepoint() throws(StableError) { try savepoint() }
    func releaseTransactionSavepoint() { releaseSavepoint() }
}

/// Runs `body` with the path of a new empty file in `$STABLE_BENCH_DIR` (or
/// `/tmp`), removing it and any journal afterwards.
func withImageFile(_ body: (String) -> Double) -> Double {
    let directory = getenv("STABLE_BENCH_DIR").map { String(cString: $0) } ?? "/tmp"
    var template = Array("\(directory)/stable-journal-bench-XXXXXX".utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    check(descriptor >= 0, "mkstemp failed in \(directory)")
    close(descriptor)
    let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    defer {
        unlink(path)
        unlink(FileMemory.journalPath(forImage: path))
        unlink(ChangeCounter.path(forImage: path))
    }
    return body(path)
}

/// Opens the image at `path` (recovering any journal).
func openImage(_ path: String) -> FileMemory {
    do {
        return try FileMemory(recovering: path)
    } catch {
        fail("\(error)")
    }
}
