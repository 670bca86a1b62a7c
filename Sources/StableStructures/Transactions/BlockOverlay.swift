/// The dirty blocks of an open transaction: for each 1 KiB block of the memory
/// that the transaction wrote, the block's new bytes.
///
/// Blocks live in one pool of contiguous 1 KiB slots that is kept across
/// transactions, so a transaction allocates nothing once the pool and the
/// index have reached their working size. The index maps a block number to
/// its slot; a one-entry cache of the last block looked up makes runs of
/// accesses to one block (a B-tree node, a header) skip the hashing.
///
/// Accesses to the properties never overlap (no method calls out while one
/// is being modified), so runtime exclusivity checks are skipped on them.
///
/// Invariant: `index`, `slotBlocks` and `slotCount` agree — slots
/// `0 ..< slotCount` are each owned by exactly one block of `index`, and
/// `slotBlocks[slot]` names it.
@usableFromInline
final class BlockOverlay {
    /// Bytes per block: a divisor of the 64 KiB page, so a block is either
    /// wholly below or wholly above any page boundary. Small enough that the
    /// first write to a block (which copies it) and its journal entry stay
    /// cheap for the scattered small writes of a B-tree operation; large
    /// enough that a big write touches few blocks. (For statements of four
    /// scattered u64 stores, 1 KiB measured faster than 4 KiB, as fast as
    /// 512 or 256 bytes within noise.)
    @usableFromInline static let blockSize = 1024

    /// log2 of ``blockSize``.
    @usableFromInline static let blockShift: UInt64 = 10

    /// Block number → slot number in `pool`.
    @exclusivity(unchecked) @usableFromInline var index = BlockIndex()

    /// Slots of `blockSize` bytes; the first `slotCount` are used.
    @exclusivity(unchecked) @usableFromInline var pool = BlockPool()
    @exclusivity(unchecked) @usableFromInline var slotCount = 0

    /// The block found by the last lookup, and its slot (or `-1`: none cached).
    @exclusivity(unchecked) @usableFromInline var cachedBlock: UInt64 = 0
    @exclusivity(unchecked) @usableFromInline var cachedSlot = -1

    /// The block of each slot (`slotBlocks[slot]`), to undo insertions.
    @exclusivity(unchecked) @usableFromInline var slotBlocks: [UInt64] = []

    /// With a savepoint: the slot count when it was set, so slots below it
    /// hold blocks dirty before the savepoint. 0 without a savepoint.
    @exclusivity(unchecked) @usableFromInline var savepointSlotCount = 0

    /// Whether a savepoint is set.
    @exclusivity(unchecked) @usableFromInline var hasSavepoint = false

    /// With a savepoint: the older slots written since, as slot → slot of
    /// `undoPool` holding their savepoint-time bytes.
    @exclusivity(unchecked) @usableFromInline var preserved = BlockIndex(capacity: 16)

    /// The slots of `preserved`, by their `undoPool` slot.
    @exclusivity(unchecked) @usableFromInline var preservedSlots: [Int] = []

    /// Copies of older slots kept for a rollback to the savepoint.
    @exclusivity(unchecked) @usableFromInline var undoPool = BlockPool()

    @usableFromInline init() {}

    deinit {
        index.deallocate()
        preserved.deallocate()
        pool.deallocate()
        undoPool.deallocate()
    }

    /// Whether no block is dirty.
    @inlinable var isEmpty: Bool { slotCount == 0 }

    /// The number of dirty blocks.
    @inlinable var count: Int { slotCount }

    /// The bytes of slot `slot` (valid until the next ``addSlot()``).
    @inlinable
    func bytes(ofSlot slot: Int) -> UnsafeMutableRawPointer {
        pool.slot(slot)
    }

    /// The slot of `block`, or `nil` when the block is clean.
    ///
    /// - Complexity: O(1) expected.
    @inlinable
    func slot(of block: UInt64) -> Int? {
        if cachedSlot >= 0 && cachedBlock == block { return cachedSlot }
        guard slotCount > 0, let slot = index.find(block) else { return nil }
        cachedBlock = block
        cachedSlot = slot
        return slot
    }

    /// Makes `block` dirty with uninitialised bytes the caller must fill, and
    /// returns its slot. `block` must be clean.
    ///
    /// - Complexity: amortised O(1) (the pool doubles when full).
    @usableFromInline
    func insert(_ block: UInt64) -> Int {
        pool.reserve(slot: slotCount)
        let slot = slotCount
        slotCount += 1
        index.insert(block, slot)
        if slot < slotBlocks.count { slotBlocks[slot] = block } else { slotBlocks.append(block) }
        cachedBlock = block
        cachedSlot = slot
        return slot
    }

    /// Undoes the ``insert(_:)`` of `block`, the latest one.
    @usableFromInline
    func removeLast(_ block: UInt64) {
        index.remove(block)
        slotCount -= 1
        cachedSlot = -1
    }

    /// Whether any block of `blocks` is dirty.
    ///
    /// - Complexity: O(min(blocks.count, d)) lookups for d dirty blocks.
    @usableFromInline
    func containsAny(_ blocks: ClosedRange<UInt64>) -> Bool {
        if slotCount == 0 { return false }
        if UInt64(slotCount) < blocks.upperBound - blocks.lowerBound {
            for slot in 0..<slotCount where blocks.contains(slotBlocks[slot]) { return true }
            return false
        }
        for block in blocks where slot(of: block) != nil { return true }
        return false
    }

    /// The dirty block numbers in increasing order, each with its slot.
    ///
    /// - Complexity: O(d log d) for d dirty blocks.
    func sortedBlocks() -> [(block: UInt64, slot: Int)] {
        var result: [(block: UInt64, slot: Int)] = []
        result.reserveCapacity(slotCount)
        for slot in 0..<slotCount { result.append((slotBlocks[slot], slot)) }
        result.sort { $0.block < $1.block }
        return result
    }

    /// Forgets every dirty block, keeping the pool and the index's storage.
    ///
    /// - Complexity: O(capacity of the index).
    @usableFromInline
    func removeAll() {
        index.removeAll()
        slotCount = 0
        cachedSlot = -1
        releaseSavepoint()
    }
}
