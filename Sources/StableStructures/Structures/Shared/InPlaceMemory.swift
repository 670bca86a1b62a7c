extension Memory {
    /// `self` when it is a ``VectorMemory``, else `nil`.
    ///
    /// Structures use this to take a path that reads and writes the storage
    /// through raw pointers. The test compares metatypes, so specialised code
    /// folds it away, and unspecialised code pays one comparison (no dynamic cast).
    @inlinable @inline(__always)
    var inPlace: VectorMemory? {
        Self.self == VectorMemory.self ? unsafeBitCast(self, to: VectorMemory.self) : nil
    }
}

extension VectorMemory {
    /// The start of the storage; `nil` only while the memory has no pages.
    /// Valid until the memory next grows.
    @inlinable @inline(__always)
    var storageBase: UnsafeMutableRawPointer? { storage.base }

    /// The size in bytes, read straight from the storage.
    @inlinable @inline(__always)
    var storageCount: UInt64 { UInt64(truncatingIfNeeded: storage.count) }

    /// Grows by the fewest pages that make the memory at least `end` bytes
    /// long (the crate's auto-growing write, StableStructures.docc/ByteLayout.md, "Conventions"). Kept out of line:
    /// the hot paths only call it when a write crosses the end.
    ///
    /// It releases no Swift object (it only reallocates and zeroes raw bytes).
    /// Saying so lets a caller that inlines `Log.append` keep borrowing the
    /// entry across the call instead of retaining and releasing it (two atomic
    /// operations, more than the rest of an append of a small entry).
    ///
    /// - Throws: ``StableError/growFailed(pages:)``.
    @usableFromInline @inline(never) @_effects(releasenone)
    func growToCover(end: UInt64) throws(StableError) {
        try ensureCapacity(end: end, count: 0)
    }
}
