// A single savepoint inside a transaction: blocks first dirtied after it are
// forgotten on a rollback to it; blocks dirty before it and written after it
// are copied once, at their first write after it, and copied back.
extension BlockOverlay {
    /// Sets the savepoint at the overlay's current state.
    ///
    /// - Complexity: O(1).
    func setSavepoint() {
        hasSavepoint = true
        savepointSlotCount = slotCount
    }

    /// Keeps the savepoint-time bytes of `slot` (dirty before the savepoint)
    /// before its first write since, unless already kept.
    ///
    /// - Complexity: amortised O(block size).
    @usableFromInline
    func preserve(_ slot: Int) {
        if preserved.find(UInt64(slot)) != nil { return }
        let kept = preserved.count
        undoPool.reserve(slot: kept)
        undoPool.slot(kept)
            .copyMemory(from: bytes(ofSlot: slot), byteCount: BlockOverlay.blockSize)
        preserved.insert(UInt64(slot), kept)
        preservedSlots.append(slot)
    }

    /// Puts the overlay back as it was at the savepoint and clears it.
    ///
    /// - Complexity: O(blocks dirtied or preserved since the savepoint).
    func rollbackToSavepoint() {
        guard hasSavepoint else { return }
        for (kept, slot) in preservedSlots.enumerated() {
            bytes(ofSlot: slot).copyMemory(
                from: undoPool.slot(kept), byteCount: BlockOverlay.blockSize)
        }
        for slot in savepointSlotCount..<slotCount {
            index.remove(slotBlocks[slot])
        }
        slotCount = savepointSlotCount
        cachedSlot = -1
        releaseSavepoint()
    }

    /// Forgets the savepoint, keeping every write made since.
    ///
    /// - Complexity: O(blocks preserved since the savepoint).
    func releaseSavepoint() {
        if !preservedSlots.isEmpty {
            preserved.removeAll()
            preservedSlots.removeAll(keepingCapacity: true)
        }
        hasSavepoint = false
        savepointSlotCount = 0
    }
}
