import StableStructures

/// The memory a session runs on — an in-heap ``VectorMemory`` wrapped in the
/// library's ``UndoLogMemory``, or an image ``FileMemory`` wrapped in its
/// ``TransactionalMemory`` — so that each statement is atomic.
///
/// In heap, writes go straight to the memory and a failed statement is
/// undone from the log of the blocks it changed (reads cost nothing extra);
/// a file keeps a statement's writes aside until its journaled commit.
///
/// Each top-level statement runs in a transaction under a savepoint
/// (``begin()``), released when it succeeds (``commit()``) and rolled back
/// when it fails (``rollback()``), with no I/O; ``commitTransaction()`` then
/// makes a successful statement's writes durable (the session calls it
/// after every top-level statement, and `open`, `close` and `upgrade` sync
/// too): for an image file, the library writes and syncs a rollback journal,
/// then the image, then removes the journal, so a crash loses at most the
/// statement that was running, never half of one. A statement that wrote
/// nothing commits without I/O. A read-only image refuses every write at once.
///
/// Copies share one storage (memories have reference semantics).
struct SessionMemory: Memory {
    /// What the bytes live in.
    enum Backing {
        case vector(UndoLogMemory<VectorMemory>)
        case file(TransactionalMemory<FileMemory>)
    }

    final class Storage {
        let backing: Backing
        let readOnlyPath: String?
        /// Set by every write or growth since the statement's savepoint.
        var wrote = false

        init(backing: Backing, readOnlyPath: String?) {
            self.backing = backing
            self.readOnlyPath = readOnlyPath
        }
    }

    let storage: Storage

    /// An in-heap memory.
    init() {
        storage = Storage(backing: .vector(UndoLogMemory(VectorMemory())), readOnlyPath: nil)
    }

    /// An image file; with `readOnly`, every write or growth throws.
    init(file: FileMemory, readOnly: Bool) {
        storage = Storage(backing: .file(TransactionalMemory(file)), readOnlyPath: readOnly ? file.path : nil)
    }

    /// The image path, nil for the in-heap memory.
    var path: String? {
        if case let .file(memory) = storage.backing { return memory.base.path }
        return nil
    }

    var isReadOnly: Bool { storage.readOnlyPath != nil }

    /// True when the running statement wrote or grew the memory.
    var hasChanges: Bool { storage.wrote }

    /// Whether two handles share one storage.
    static func === (lhs: SessionMemory, rhs: SessionMemory) -> Bool { lhs.storage === rhs.storage }

    // MARK: - Statements and transactions

    /// Starts a statement: opens the run's transaction if needed and sets a savepoint.
    func begin() throws(StableError) {
        storage.wrote = false
        switch storage.backing {
        case let .vector(memory): memory.begin()
        case let .file(memory): try SessionMemory.begin(memory)
        }
    }

    private static func begin<Base: Memory>(_ memory: TransactionalMemory<Base>) throws(StableError) {
        if !memory.isInTransaction { try memory.begin() }
        if !memory.hasSavepoint { try memory.savepoint() }
    }

    /// Keeps the statement's writes (in the open transaction).
    func commit() {
        switch storage.backing {
        case let .vector(memory): memory.commit()
        case let .file(memory): memory.releaseSavepoint()
        }
    }

    /// Undoes every write and growth of the statement.
    func rollback() {
        switch storage.backing {
        case let .vector(memory): memory.rollback()
        case let .file(memory): memory.rollbackToSavepoint()
        }
    }

    /// Makes the open transaction durable (a journaled commit for a file).
    /// On failure the memory is as it was when the transaction began.
    func commitTransaction() throws(StableError) {
        switch storage.backing {
        case let .vector(memory): memory.commit()
        case let .file(memory): if memory.isInTransaction { try memory.commit() }
        }
    }

    /// Commits, then syncs the image file.
    func sync() throws(StableError) {
        try commitTransaction()
        if case let .file(memory) = storage.backing { try memory.base.sync() }
    }

    /// Closes the image file (after ``sync()``).
    func close() {
        if case let .file(memory) = storage.backing {
            memory.rollback()
            memory.base.close()
        }
    }

    // MARK: - Memory

    var size: UInt64 {
        switch storage.backing {
        case let .vector(memory): return memory.size
        case let .file(memory): return memory.size
        }
    }

    func grow(_ pages: UInt64) -> Int64 {
        if isReadOnly && pages > 0 { return -1 }
        if pages > 0 { storage.wrote = true }
        switch storage.backing {
        case let .vector(memory): return memory.grow(pages)
        case let .file(memory): return memory.grow(pages)
        }
    }

    func read(_ offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(StableError) {
        switch storage.backing {
        case let .vector(memory): try memory.read(offset, into: buffer)
        case let .file(memory): try memory.read(offset, into: buffer)
        }
    }

    func write(_ offset: UInt64, _ bytes: UnsafeRawBufferPointer) throws(StableError) {
        if let path = storage.readOnlyPath { throw .readOnly(path: path) }
        storage.wrote = true
        switch storage.backing {
        case let .vector(memory): try memory.write(offset, bytes)
        case let .file(memory): try memory.write(offset, bytes)
        }
    }

    func withBytes<Result>(
        at offset: UInt64, count: Int,
        _ body: (UnsafeRawBufferPointer) throws(StableError) -> Result
    ) throws(StableError) -> Result {
        switch storage.backing {
        case let .vector(memory): return try memory.withBytes(at: offset, count: count, body)
        case let .file(memory): return try memory.withBytes(at: offset, count: count, body)
        }
    }

    func load<T: FixedWidthInteger>(_ type: T.Type, at offset: UInt64) throws(StableError) -> T {
        switch storage.backing {
        case let .vector(memory): return try memory.load(type, at: offset)
        case let .file(memory): return try memory.load(type, at: offset)
        }
    }

    func store<T: FixedWidthInteger>(_ value: T, at offset: UInt64) throws(StableError) {
        if let path = storage.readOnlyPath { throw .readOnly(path: path) }
        storage.wrote = true
        switch storage.backing {
        case let .vector(memory): try memory.store(value, at: offset)
        case let .file(memory): try memory.store(value, at: offset)
        }
    }
}
