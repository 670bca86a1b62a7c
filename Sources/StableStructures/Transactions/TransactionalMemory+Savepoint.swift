extension TransactionalMemory {
    /// Sets a savepoint in the open transaction: ``rollbackToSavepoint()``
    /// then undoes the writes and growth made after this call, keeping those
    /// made before it.
    ///
    /// Savepoints make statements atomic without a commit per statement:
    /// keep one transaction open across many statements, set a savepoint
    /// before each, roll back to it when the statement fails and release it
    /// when the statement succeeds; commit every so often (each commit of a
    /// file image costs a few `fsync`s, while a savepoint costs no I/O). A
    /// crash then loses the statements since the last commit, all together.
    ///
    /// - Throws: ``StableError/invalidArgument(_:)`` when no transaction is
    ///   open or a savepoint is already set (savepoints do not nest).
    /// - Complexity: O(1). While it is set, the first write since the
    ///   savepoint to a block dirtied before it copies the block (1 KiB).
    public func savepoint() throws(StableError) {
        guard isOpen else { throw .invalidArgument("a savepoint needs an open transaction") }
        if overlay.hasSavepoint { throw .invalidArgument("a savepoint is already set; savepoints do not nest") }
        overlay.setSavepoint()
        savepointByteCount = logicalByteCount
    }

    /// Whether a savepoint is set.
    public var hasSavepoint: Bool { overlay.hasSavepoint }

    /// Undoes every write and growth made since ``savepoint()`` and clears
    /// the savepoint; the transaction stays open. Does nothing without a
    /// savepoint.
    ///
    /// - Complexity: O(blocks written since the savepoint), no I/O.
    public func rollbackToSavepoint() {
        guard overlay.hasSavepoint else { return }
        overlay.rollbackToSavepoint()
        logicalByteCount = savepointByteCount
    }

    /// Clears the savepoint, keeping the writes made since it in the open
    /// transaction. Does nothing without a savepoint. (``commit()`` and
    /// ``rollback()`` clear it too.)
    ///
    /// - Complexity: O(blocks preserved since the savepoint).
    public func releaseSavepoint() {
        overlay.releaseSavepoint()
    }

    /// Runs `body` under a savepoint of the open transaction: keeps its
    /// writes when it returns, undoes them when it throws.
    ///
    /// - Throws: what ``savepoint()`` or `body` throws.
    public func withSavepoint<Result>(_ body: () throws(StableError) -> Result) throws(StableError) -> Result {
        try savepoint()
        do {
            let result = try body()
            releaseSavepoint()
            return result
        } catch {
            rollbackToSavepoint()
            throw error
        }
    }
}
