/// A memory whose writes can be grouped into atomic transactions: all of a
/// transaction's writes and growth reach the underlying memory together on
/// ``commit()``, or none of them does after ``rollback()``.
///
/// Wrap the base memory of a session (a ``VectorMemory``, a ``FileMemory``)
/// and build everything else — the memory manager, the structures — on top,
/// so that every write, headers and growth included, goes through the
/// transaction:
///
/// ```swift
/// let memory = TransactionalMemory(try FileMemory(recovering: "demo.img"))
/// try memory.begin()
/// do {
///     try work(on: memory)
///     try memory.commit()
/// } catch {
///     memory.rollback()
/// }
/// ```
///
/// (``atomically(_:)`` packages this pattern.) To make many statements atomic
/// one by one without paying a durable commit for each, keep one transaction
/// open and put a savepoint around each statement (``savepoint()``,
/// ``rollbackToSavepoint()``, ``releaseSavepoint()``, ``withSavepoint(_:)``),
/// committing every so often.
///
/// While a transaction is open, writes go to an overlay of dirty 1 KiB blocks
/// and growth only raises the memory's logical size; the base memory is not
/// touched until ``commit()``. Reads see the overlay first, so the transaction
/// reads its own writes. ``rollback()`` drops the overlay: the memory is then
/// byte for byte and page for page what it was at ``begin()``.
///
/// Outside a transaction, reads, writes and growth pass straight through to
/// the base memory, with no atomicity (useful for bulk loading, and what a
/// memory manager's first initialisation may do before a session starts).
///
/// **Durability.** With a base that adopts ``JournalingBase`` (``FileMemory``
/// does), ``commit()`` is crash-safe: it first writes a rollback journal file
/// holding the original bytes of every block it will overwrite and the old
/// size, syncs it, then updates and syncs the image, then deletes the journal
/// (the commit point). Opening the image again with
/// ``FileMemory/init(recovering:readOnly:)`` undoes an interrupted commit. With
/// any other base, ``commit()`` grows the base and copies the dirty blocks.
///
/// **Cached state.** A rollback restores the bytes, not the Swift objects built
/// on them: a memory manager or structure that cached a header, a length or a
/// root address during the rolled-back transaction must be loaded again from
/// the memory.
///
/// The base must not be written by anyone else while a transaction is open.
///
/// - Complexity: a read or write costs one hash lookup per 1 KiB block it
///   touches while a transaction with dirty blocks is open (nothing extra
///   otherwise); the first write to a block copies the block (1 KiB) from the
///   base; ``commit()`` is O(d log d + d × 1 KiB) for d dirty blocks;
///   ``rollback()`` is O(d).
public final class TransactionalMemory<Base: Memory>: Memory {
    /// The memory the transactions apply to.
    public let base: Base

    /// The blocks written by the open transaction.
    @usableFromInline let overlay = BlockOverlay()

    /// Whether a transaction is open.
    @exclusivity(unchecked) @usableFromInline var isOpen = false

    /// The memory's size in bytes within the open transaction.
    @exclusivity(unchecked) @usableFromInline var logicalByteCount: UInt64 = 0

    /// The logical size when the savepoint was set.
    var savepointByteCount: UInt64 = 0

    /// The base's size in bytes when the open transaction began (the base does
    /// not change until the commit).
    @exclusivity(unchecked) @usableFromInline var baseByteCount: UInt64 = 0

    /// The file operations of a ``JournalingBase`` (commits are then
    /// journaled), or `nil` for a plain base.
    let journaling: JournalingOperations?

    /// Set when a failed commit could not restore the base: the memory must
    /// not be used again (reopen the image; its journal undoes the commit).
    public internal(set) var failure: StableError?

    /// Test seam: the commit stops at this step as if the process had died.
    var simulatedCrash: CommitStep?

    /// Test seam: the commit fails at this step with an I/O error, as if a
    /// write had failed, and must clean up after itself.
    var simulatedFailure: CommitStep?

    /// Wraps `base`; no transaction is open.
    ///
    /// When `base` adopts ``JournalingBase`` (as ``FileMemory`` does), commits
    /// are journaled — decided at run time, so this holds in generic code too.
    /// Wrap the file memory itself, not a memory derived from it (a
    /// ``VirtualMemory`` over a file is not a ``JournalingBase``): put the
    /// memory manager on top of the transactional memory.
    ///
    /// - Complexity: O(1).
    public init(_ base: Base) {
        self.base = base
        #if hasFeature(Embedded) || !(canImport(Glibc) || canImport(Musl) || canImport(Darwin))
        journaling = nil
        #else
        if let file = base as? any JournalingBase {
            journaling = JournalingOperations(file)
        } else {
            journaling = nil
        }
        #endif
    }

    /// Whether commits are crash-safe (journaled): true for a ``JournalingBase``.
    public var isJournaled: Bool { journaling != nil }

    /// Whether a transaction is open.
    public var isInTransaction: Bool { isOpen }

    /// The number of 1 KiB blocks the open transaction has written (0 outside
    /// a transaction).
    public var dirtyBlockCount: Int { overlay.count }

    /// Opens a transaction.
    ///
    /// - Throws: ``StableError/invalidArgument(_:)`` if a transaction is
    ///   already open (transactions do not nest); the error of an earlier
    ///   failed commit that left the memory unusable (see ``failure``).
    /// - Complexity: O(1).
    public func begin() throws(StableError) {
        if let failure { throw failure }
        if isOpen { throw .invalidArgument("a transaction is already open; transactions do not nest") }
        baseByteCount = base.byteCount
        logicalByteCount = baseByteCount
        isOpen = true
    }

    /// Makes the open transaction's writes and growth part of the base memory,
    /// and closes the transaction.
    ///
    /// For a ``JournalingBase`` the update is atomic even across a crash (see
    /// the type's discussion), and only blocks whose bytes really change are
    /// journaled and written: a transaction that changed nothing (a query, or
    /// writes of the bytes already there) commits without any I/O. Whether it succeeds or throws, the transaction
    /// is closed afterwards; when it throws, the base holds its state from
    /// before ``begin()`` (unless ``failure`` is set: then the base could not
    /// be restored in place and must be reopened). For a plain base that
    /// grows but then fails a write — which an in-heap memory never does —
    /// the base is left partly updated.
    ///
    /// - Throws: ``StableError/invalidArgument(_:)`` if no transaction is open;
    ///   ``StableError/growFailed(pages:)`` if the base cannot grow to the
    ///   transaction's size; ``StableError/io(operation:path:errno:)`` on a file
    ///   failure.
    /// - Complexity: O(d log d + d × 1 KiB) for d dirty blocks, plus the base's
    ///   I/O (for a file: one journal write, two `fsync`s of files and two of
    ///   the directory).
    public func commit() throws(StableError) {
        guard isOpen else { throw .invalidArgument("no transaction is open") }
        #if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
        if let journaling { return try commitJournaled(journaling) }
        #endif
        try commitDirectly()
    }

    /// Discards the open transaction's writes and growth and closes it; the
    /// memory is exactly as it was at ``begin()``. Does nothing when no
    /// transaction is open.
    ///
    /// - Complexity: O(d) for d dirty blocks (no I/O).
    public func rollback() {
        endTransaction()
    }

    /// Runs `body` in a transaction: commits when it returns, rolls back when
    /// it (or the commit) throws.
    ///
    /// - Throws: what ``begin()``, `body` or ``commit()`` throws.
    public func atomically<Result>(_ body: () throws(StableError) -> Result) throws(StableError) -> Result {
        try begin()
        let result: Result
        do {
            result = try body()
        } catch {
            rollback()
            throw error
        }
        try commit()
        return result
    }

    /// Closes the transaction, forgetting its dirty blocks.
    func endTransaction() {
        overlay.removeAll()
        isOpen = false
    }

    /// The commit of a plain base: grow it, then copy the dirty blocks.
    func commitDirectly() throws(StableError) {
        defer { endTransaction() }
        let current = base.byteCount
        if logicalByteCount > current {
            let pages = (logicalByteCount - current) / wasmPageSize
            if base.grow(pages) == -1 { throw .growFailed(pages: pages) }
        }
        for slot in 0..<overlay.slotCount {
            let block = overlay.slotBlocks[slot]
            try base.write(
                block << BlockOverlay.blockShift,
                UnsafeRawBufferPointer(start: overlay.bytes(ofSlot: slot), count: BlockOverlay.blockSize))
        }
    }
}
