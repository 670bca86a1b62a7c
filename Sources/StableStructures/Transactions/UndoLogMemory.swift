/// A memory whose changes since ``begin()`` can be undone: writes go straight
/// to the base memory, and the first write to each 1 KiB block first saves
/// the block's original bytes in an undo log.
///
/// Where ``TransactionalMemory`` keeps a transaction's writes aside until a
/// commit (what a durable file commit needs: the image is untouched until the
/// journal is safe), this memory is built for an in-heap base that needs
/// atomicity but no durability — a shell session on a ``VectorMemory``. Reads
/// are the base's own (zero-copy ``withBytes(at:count:_:)`` included), so they cost
/// nothing extra; a write costs one lookup per block it touches, and the
/// first write to a block copies it once.
///
/// ```swift
/// let memory = UndoLogMemory(VectorMemory())
/// memory.begin()
/// do {
///     try work(on: memory)
///     memory.commit()
/// } catch {
///     memory.rollback()   // byte for byte and page for page as at begin()
/// }
/// ```
///
/// Growth is undone too: the memory has a logical size of its own, at most the
/// base's. Pages past it stay allocated in the base, zero-filled, and are
/// reused by the next growth.
///
/// **Cached state.** A rollback restores the bytes, not the Swift objects built
/// on them: load the structures again from the memory.
///
/// Invariant: base bytes past the logical size are zero (growth hands out
/// zero pages without writing them).
///
/// - Complexity: ``commit()`` is O(1) amortised (it forgets the log);
///   ``rollback()`` is O(b × 1 KiB) for b blocks written since ``begin()``.
public final class UndoLogMemory<Base: Memory>: Memory {
    /// The memory written through.
    public let base: Base

    /// The logical size in pages.
    @exclusivity(unchecked) @usableFromInline var pages: UInt64
    /// The logical size at ``begin()``.
    @exclusivity(unchecked) @usableFromInline var pagesAtBegin: UInt64 = 0
    /// Whether changes are being logged.
    @exclusivity(unchecked) @usableFromInline var logging = false
    /// The saved blocks: block number → slot of `saved`.
    @exclusivity(unchecked) @usableFromInline var savedIndex = BlockIndex()
    /// The block of each slot.
    @exclusivity(unchecked) @usableFromInline var savedBlocks: [UInt64] = []
    /// The original bytes of the saved blocks, one 1 KiB slot each.
    @exclusivity(unchecked) @usableFromInline var saved = BlockPool()
    /// The block of the last lookup that found it saved (or `UInt64.max`).
    @exclusivity(unchecked) @usableFromInline var lastSavedBlock = UInt64.max

    /// Wraps `base`; its current size is the logical size.
    public init(_ base: Base) {
        self.base = base
        pages = base.size
    }

    deinit {
        savedIndex.deallocate()
        saved.deallocate()
    }

    /// Whether changes since ``begin()`` are being logged.
    @inlinable public var isLogging: Bool { logging }

    /// Starts logging changes (forgetting any earlier log).
    public func begin() {
        forget()
        pagesAtBegin = pages
        logging = true
    }

    /// Keeps every change since ``begin()`` and stops logging.
    public func commit() {
        forget()
        logging = false
    }

    /// Undoes every write and growth since ``begin()`` and stops logging.
    public func rollback() {
        guard logging else { return }
        let blockSize = BlockOverlay.blockSize
        for (slot, block) in savedBlocks.enumerated() {
            let original = UnsafeRawBufferPointer(start: saved.slot(slot), count: blockSize)
            // The block was read from the base, so writing it back cannot
            // fail for its bounds; a failing base keeps whatever it can.
            try? base.write(block << BlockOverlay.blockShift, original)
        }
        pages = pagesAtBegin
        forget()
        logging = false
    }

    func forget() {
        if !savedBlocks.isEmpty {
            savedIndex.removeAll()
            savedBlocks.removeAll(keepingCapacity: true)
        }
        lastSavedBlock = UInt64.max
    }

    /// Saves the original bytes of every block of `offset ..< offset + count`
    /// not saved yet.
    @inlinable @inline(__always)
    func saveBlocks(_ offset: UInt64, _ count: Int) throws(StableError) {
        guard logging, count > 0 else { return }
        let first = offset >> BlockOverlay.blockShift
        let last = (offset &+ UInt64(count) &- 1) >> BlockOverlay.blockShift
        if first == last && first == lastSavedBlock { return }
        try saveBlocksSlowly(first, last)
    }

    @usableFromInline
    func saveBlocksSlowly(_ first: UInt64, _ last: UInt64) throws(StableError) {
        let blockSize = BlockOverlay.blockSize
        var block = first
        while block <= last {
            if savedIndex.find(block) == nil {
                let slot = savedBlocks.count
                saved.reserve(slot: slot)
                // Blocks are whole within the base: its size is a multiple
                // of the page, which is a multiple of the block.
                try base.read(
                    block << BlockOverlay.blockShift,
                    into: UnsafeMutableRawBufferPointer(start: saved.slot(slot), count: blockSize))
                savedIndex.insert(block, slot)
                savedBlocks.append(block)
            }
            block &+= 1
        }
        lastSavedBlock = last
    }

    /// Throws unless `offset ..< offset + count` lies within the logical size.
    @inlinable @inline(__always)
    func checkLogicalBounds(_ offset: UInt64, _ count: Int) throws(StableError) {
        let (end, overflow) = offset.addingReportingOverflow(UInt64(count))
        if overflow || end > pages &* wasmPageSize {
            throw .outOfBounds(offset: offset, count: UInt64(count), memorySize: pages &* wasmPageSize)
        }
    }
}

extension UndoLogMemory {
    /// The logical size in pages.
    @inlinable public var size: UInt64 { pages }

    /// Grows by `pages` zero-filled pages, reusing pages the base already has
    /// past the logical size (left zero by a rollback) before growing it.
    ///
    /// - Returns: the previous size in pages, or `-1` if the base cannot grow.
    @inlinable
    public func grow(_ count: UInt64) -> Int64 {
        let old = pages
        let (new, overflow) = old.addingReportingOverflow(count)
        guard !overflow, new <= UInt64(Int64.max) / wasmPageSize else { return -1 }
        let available = base.size
        if new > available, base.grow(new &- available) == -1 { return -1 }
        pages = new
        return Int64(old)
    }

    /// Copies bytes from the base.
    @inlinable
    public func read(_ offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(StableError) {
        try checkLogicalBounds(offset, buffer.count)
        try base.read(offset, into: buffer)
    }

    /// Saves the blocks it touches (first write since ``begin()`` only), then
    /// writes through to the base.
    @inlinable
    public func write(_ offset: UInt64, _ bytes: UnsafeRawBufferPointer) throws(StableError) {
        try checkLogicalBounds(offset, bytes.count)
        try saveBlocks(offset, bytes.count)
        try base.write(offset, bytes)
    }

    /// The base's bytes, zero-copy where the base offers it.
    @inlinable
    public func withBytes<Result>(
        at offset: UInt64, count: Int, _ body: (UnsafeRawBufferPointer) throws(StableError) -> Result
    ) throws(StableError) -> Result {
        try checkLogicalBounds(offset, count)
        return try base.withBytes(at: offset, count: count, body)
    }

    /// Reads a little-endian integer from the base.
    @inlinable
    public func load<T: FixedWidthInteger>(_: T.Type, at offset: UInt64) throws(StableError) -> T {
        try checkLogicalBounds(offset, MemoryLayout<T>.size)
        return try base.load(T.self, at: offset)
    }

    /// Writes a little-endian integer through to the base (saving its block first).
    @inlinable
    public func store<T: FixedWidthInteger>(_ value: T, at offset: UInt64) throws(StableError) {
        try checkLogicalBounds(offset, MemoryLayout<T>.size)
        try saveBlocks(offset, MemoryLayout<T>.size)
        try base.store(value, at: offset)
    }
}
