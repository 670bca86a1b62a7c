#if canImport(Glibc) || canImport(Musl) || canImport(Darwin)

/// A memory whose writes are grouped into atomic *statements*: an in-heap
/// ``VectorMemory`` behind an ``UndoLogMemory``, or an image ``FileMemory``
/// behind a journaled ``TransactionalMemory``.
///
/// An interactive program (a shell, a script runner) wants every command it
/// runs to be all-or-nothing, and every successful command to be durable,
/// without paying a durable commit for a command that failed or wrote
/// nothing. The cycle is:
///
/// ```swift
/// let memory = try StatementMemory(file: FileMemory(recovering: "demo.img"))
/// let manager = try MemoryManager(memory)
/// try memory.begin()                // a savepoint in the open transaction
/// do {
///     try work(on: manager)
///     memory.commit()               // keep the statement's writes
///     try memory.commitDurably()    // journal, write and sync the image
/// } catch {
///     memory.rollback()             // byte for byte as at begin()
/// }
/// ```
///
/// In the heap, writes go straight to the vector and the first write to each
/// 1 KiB block saves its old bytes, so reads cost nothing extra; a rollback
/// copies the saved blocks back. For a file, a statement's writes stay in an
/// overlay of dirty blocks under a savepoint of one open transaction;
/// ``commitDurably()`` writes and syncs a rollback journal, then the image,
/// then removes the journal, so a crash loses at most the statement that was
/// committing, never half of one. A statement that changed no byte commits
/// without I/O.
///
/// A read-only memory refuses every write and growth with
/// ``StableError/readOnly(path:)`` before anything changes.
///
/// **Cached state.** A rollback restores bytes, not the Swift values built on
/// them: when ``hasChanges`` was true (or the memory is read-only, where a
/// structure may have updated its in-heap state before its write was
/// refused), load the memory manager and the structures again.
///
/// Memories have reference semantics: every handle to this object sees the
/// same bytes.
public final class StatementMemory: Memory {
    /// What the bytes live in.
    @usableFromInline
    enum Backing {
        case heap(UndoLogMemory<VectorMemory>)
        case file(TransactionalMemory<FileMemory>)
    }

    @usableFromInline let backing: Backing
    /// The path reported by a refused write; nil when writable.
    @usableFromInline let readOnlyPath: String?
    /// Set by every write or growth since ``begin()``. Unchecked: it is a
    /// plain flag, and a dynamic exclusivity check on every write would cost
    /// more than the write's bookkeeping.
    @exclusivity(unchecked) @usableFromInline var wrote = false

    /// A fresh, empty in-heap memory.
    public convenience init() {
        self.init(heap: VectorMemory())
    }

    /// Wraps an in-heap memory; statements are undone from an undo log.
    public init(heap: VectorMemory) {
        backing = .heap(UndoLogMemory(heap))
        readOnlyPath = nil
    }

    /// Wraps an image file; statements are kept in an overlay until a
    /// journaled, durable commit. A file opened read-only (or `readOnly`)
    /// refuses every write.
    ///
    /// Open the file with ``FileMemory/init(recovering:readOnly:)`` so that an
    /// interrupted commit of an earlier run is undone first.
    public init(file: FileMemory, readOnly: Bool = false) {
        backing = .file(TransactionalMemory(file))
        readOnlyPath = readOnly || file.isReadOnly ? file.path : nil
    }

    /// The image's path; nil for an in-heap memory.
    public var path: String? { file?.path }

    /// The image file under the statements; nil for an in-heap memory. Other
    /// processes may change it between statements (see ``ImageCoordinator``):
    /// reload its size before reading after such a change.
    public var file: FileMemory? {
        if case let .file(memory) = backing { return memory.base }
        return nil
    }

    /// Whether every write and growth is refused.
    @inlinable public var isReadOnly: Bool { readOnlyPath != nil }

    /// Whether the running statement wrote or grew the memory (a write of the
    /// bytes already there counts).
    @inlinable public var hasChanges: Bool { wrote }

    // MARK: - Statements

    /// Starts a statement: opens a transaction if none is open (a file) and
    /// sets a savepoint that ``rollback()`` returns to.
    ///
    /// - Throws: what ``TransactionalMemory/begin()`` throws after an earlier
    ///   commit failed beyond repair (see ``TransactionalMemory/failure``).
    public func begin() throws(StableError) {
        wrote = false
        switch backing {
        case let .heap(memory):
            memory.begin()
        case let .file(memory):
            if !memory.isInTransaction { try memory.begin() }
            if !memory.hasSavepoint { try memory.savepoint() }
        }
    }

    /// Ends the statement keeping its writes. For a file they stay in the
    /// open transaction until ``commitDurably()``.
    public func commit() {
        switch backing {
        case let .heap(memory): memory.commit()
        case let .file(memory): memory.releaseSavepoint()
        }
    }

    /// Undoes every write and growth since ``begin()``.
    public func rollback() {
        switch backing {
        case let .heap(memory): memory.rollback()
        case let .file(memory): memory.rollbackToSavepoint()
        }
    }

    /// Makes every committed statement durable: for a file, a journaled
    /// commit of the open transaction (no I/O when no byte changed); in the
    /// heap, nothing beyond forgetting the undo log.
    ///
    /// - Throws: ``StableError/io(operation:path:errno:)`` or
    ///   ``StableError/growFailed(pages:)``; the image is then as it was when
    ///   the transaction began, and every statement since is undone.
    public func commitDurably() throws(StableError) {
        switch backing {
        case let .heap(memory): memory.commit()
        case let .file(memory): if memory.isInTransaction { try memory.commit() }
        }
    }

    /// ``commitDurably()``, then flushes the image file to its device.
    public func sync() throws(StableError) {
        try commitDurably()
        if case let .file(memory) = backing { try memory.base.sync() }
    }

    /// Drops any uncommitted transaction and closes the image file; call
    /// ``sync()`` first to keep committed statements. No effect in the heap.
    public func close() {
        if case let .file(memory) = backing {
            memory.rollback()
            memory.base.close()
        }
    }

    // MARK: - Memory

    /// The size in pages, growth of the running statement included.
    @inlinable public var size: UInt64 {
        switch backing {
        case let .heap(memory): return memory.size
        case let .file(memory): return memory.size
        }
    }

    /// Grows by `pages` zero pages; `-1` when read-only or the base cannot grow.
    @inlinable public func grow(_ pages: UInt64) -> Int64 {
        if isReadOnly && pages > 0 { return -1 }
        if pages > 0 { wrote = true }
        switch backing {
        case let .heap(memory): return memory.grow(pages)
        case let .file(memory): return memory.grow(pages)
        }
    }

    /// Copies bytes out of the memory.
    @inlinable public func read(_ offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(StableError) {
        switch backing {
        case let .heap(memory): try memory.read(offset, into: buffer)
        case let .file(memory): try memory.read(offset, into: buffer)
        }
    }

    /// Writes bytes; throws ``StableError/readOnly(path:)`` when read-only.
    @inlinable public func write(_ offset: UInt64, _ bytes: UnsafeRawBufferPointer) throws(StableError) {
        if let readOnlyPath { throw .readOnly(path: readOnlyPath) }
        wrote = true
        switch backing {
        case let .heap(memory): try memory.write(offset, bytes)
        case let .file(memory): try memory.write(offset, bytes)
        }
    }

    /// Lends the bytes at `offset ..< offset + count` (zero-copy in the heap).
    @inlinable public func withBytes<Result>(
        at offset: UInt64, count: Int,
        _ body: (UnsafeRawBufferPointer) throws(StableError) -> Result
    ) throws(StableError) -> Result {
        switch backing {
        case let .heap(memory): return try memory.withBytes(at: offset, count: count, body)
        case let .file(memory): return try memory.withBytes(at: offset, count: count, body)
        }
    }

    /// Reads a little-endian integer.
    @inlinable public func load<T: FixedWidthInteger>(_ type: T.Type, at offset: UInt64) throws(StableError) -> T {
        switch backing {
        case let .heap(memory): return try memory.load(type, at: offset)
        case let .file(memory): return try memory.load(type, at: offset)
        }
    }

    /// Writes a little-endian integer; throws ``StableError/readOnly(path:)``
    /// when read-only.
    @inlinable public func store<T: FixedWidthInteger>(_ value: T, at offset: UInt64) throws(StableError) {
        if let readOnlyPath { throw .readOnly(path: readOnlyPath) }
        wrote = true
        switch backing {
        case let .heap(memory): try memory.store(value, at: offset)
        case let .file(memory): try memory.store(value, at: offset)
        }
    }
}

#endif
