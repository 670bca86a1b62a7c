/// One of the virtual memories of a ``MemoryManager``: its buckets, in
/// ascending index order, seen as one contiguous memory.
///
/// Obtain it with ``MemoryManager/memory(_:)``. Copies (and other handles of
/// the same id) share state: a growth through one is seen by all.
///
/// Accesses are checked against the memory's own ``size`` and throw
/// ``StableError/outOfBounds(offset:count:memorySize:)`` past it. (The crate
/// skips this check for accesses inside the last bucket a handle touched; we
/// always check.)
///
/// - Complexity: a read, write, ``load(_:at:)`` or ``store(_:at:)`` inside one
///   bucket is O(1) plus the copy; an access spanning buckets is split at the
///   bucket boundaries. ``withBytes(at:count:_:)`` inside one bucket lends the
///   underlying memory's view without copying.
public struct VirtualMemory<M: Memory>: Memory {
    /// The manager, which owns the underlying memory.
    @usableFromInline let manager: MemoryManager<M>

    /// This memory's size and bucket list, shared with the manager.
    @usableFromInline let state: VirtualMemoryState

    /// Which memory of the manager this is.
    public let id: MemoryId

    @inlinable
    init(manager: MemoryManager<M>, state: VirtualMemoryState, id: MemoryId) {
        self.manager = manager
        self.state = state
        self.id = id
    }

    /// The size in pages (the header's size field for this memory).
    @inlinable
    public var size: UInt64 { state.pages }

    /// Grows this memory by `pages` pages, taking buckets as needed and
    /// rewriting the manager's header (also for `grow(0)`).
    ///
    /// - Returns: the previous size in pages, or -1 (nothing changed) when
    ///   the manager would need more than 32 768 buckets or the underlying
    ///   memory cannot grow.
    public func grow(_ pages: UInt64) -> Int64 {
        manager.grow(id, by: pages)
    }

    /// Splits `offset` into a virtual bucket number and an offset inside it.
    @inlinable
    func locate(_ offset: UInt64) -> (bucket: Int, within: UInt64) {
        let shift = manager.bucketShift
        if shift >= 0 {
            return (Int(truncatingIfNeeded: offset &>> UInt64(shift)), offset & (manager.bucketBytes &- 1))
        }
        let (bucket, within) = offset.quotientAndRemainder(dividingBy: manager.bucketBytes)
        return (Int(truncatingIfNeeded: bucket), within)
    }

    /// The physical offset of `count` bytes at `offset`, if they lie in one
    /// bucket. The access must already be bounds-checked and non-empty.
    @inlinable
    func physicalOffset(_ offset: UInt64, count: Int) -> UInt64? {
        let (bucket, within) = locate(offset)
        guard within &+ UInt64(count) <= manager.bucketBytes else { return nil }
        return manager.bucketStart(state.buckets[bucket]) &+ within
    }

    /// Checks that `count` bytes at `offset` lie within this memory.
    @inlinable
    func checkAccess(_ offset: UInt64, _ count: Int) throws(StableError) {
        try checkBounds(offset, count, limit: state.pages &* wasmPageSize)
    }

    /// Copies `buffer.count` bytes at virtual `offset` into `buffer`, piece by
    /// piece across bucket boundaries.
    ///
    /// - Throws: ``StableError/outOfBounds(offset:count:memorySize:)`` past
    ///   ``size``; nothing is read then.
    @inlinable
    public func read(_ offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(StableError) {
        try checkAccess(offset, buffer.count)
        if buffer.isEmpty { return }
        if let physical = physicalOffset(offset, count: buffer.count) {
            try manager.memory.read(physical, into: buffer)
        } else {
            try readSpanning(offset, into: buffer)
        }
    }

    /// Copies `bytes` to virtual `offset`, piece by piece across bucket
    /// boundaries. Does not grow the memory.
    ///
    /// - Throws: ``StableError/outOfBounds(offset:count:memorySize:)`` past
    ///   ``size``; nothing is written then.
    @inlinable
    public func write(_ offset: UInt64, _ bytes: UnsafeRawBufferPointer) throws(StableError) {
        try checkAccess(offset, bytes.count)
        if bytes.isEmpty { return }
        if let physical = physicalOffset(offset, count: bytes.count) {
            try manager.memory.write(physical, bytes)
        } else {
            try writeSpanning(offset, bytes)
        }
    }

    /// Calls `body` with a view of `count` bytes at virtual `offset`: the
    /// underlying memory's own view when the bytes lie in one bucket (no copy
    /// for in-heap memories), otherwise a temporary copy.
    ///
    /// - Throws: ``StableError/outOfBounds(offset:count:memorySize:)`` past
    ///   ``size``, ``StableError/invalidArgument(_:)`` for a negative count,
    ///   or what `body` throws.
    @inlinable
    public func withBytes<Result>(
        at offset: UInt64, count: Int,
        _ body: (UnsafeRawBufferPointer) throws(StableError) -> Result
    ) throws(StableError) -> Result {
        guard count >= 0 else { throw .invalidArgument("negative byte count \(count)") }
        try checkAccess(offset, count)
        if count == 0 { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        if let physical = physicalOffset(offset, count: count) {
            return try manager.memory.withBytes(at: physical, count: count, body)
        }
        return try withUnsafeTemporaryAllocation(byteCount: count, alignment: 8) {
            (buffer) throws(StableError) -> Result in
            try readSpanning(offset, into: buffer)
            return try body(UnsafeRawBufferPointer(buffer))
        }
    }

    /// Reads a little-endian integer at virtual `offset` (one translated load
    /// when it lies in one bucket).
    ///
    /// - Throws: ``StableError/outOfBounds(offset:count:memorySize:)`` past
    ///   ``size``.
    @inlinable
    public func load<T: FixedWidthInteger>(_: T.Type, at offset: UInt64) throws(StableError) -> T {
        let count = MemoryLayout<T>.size
        try checkAccess(offset, count)
        if let physical = physicalOffset(offset, count: count) {
            return try manager.memory.load(T.self, at: physical)
        }
        var value = T.zero
        try withUnsafeMutableBytes(of: &value) { (buffer) throws(StableError) in
            try readSpanning(offset, into: buffer)
        }
        return T(littleEndian: value)
    }

    /// Writes `value` as a little-endian integer at virtual `offset` (one
    /// translated store when it lies in one bucket).
    ///
    /// - Throws: ``StableError/outOfBounds(offset:count:memorySize:)`` past
    ///   ``size``.
    @inlinable
    public func store<T: FixedWidthInteger>(_ value: T, at offset: UInt64) throws(StableError) {
        let count = MemoryLayout<T>.size
        try checkAccess(offset, count)
        if let physical = physicalOffset(offset, count: count) {
            return try manager.memory.store(value, at: physical)
        }
        var encoded = value.littleEndian
        try withUnsafeBytes(of: &encoded) { (buffer) throws(StableError) in
            try writeSpanning(offset, buffer)
        }
    }

    /// Reads a bounds-checked access that crosses bucket boundaries, piece by
    /// piece.
    @usableFromInline
    func readSpanning(_ offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(StableError) {
        var done = 0
        while done < buffer.count {
            let (bucket, within) = locate(offset + UInt64(done))
            let piece = Int(Swift.min(manager.bucketBytes - within, UInt64(buffer.count - done)))
            let target = UnsafeMutableRawBufferPointer(rebasing: buffer[done ..< done + piece])
            try manager.memory.read(manager.bucketStart(state.buckets[bucket]) + within, into: target)
            done += piece
        }
    }

    /// Writes a bounds-checked access that crosses bucket boundaries, piece by
    /// piece.
    @usableFromInline
    func writeSpanning(_ offset: UInt64, _ bytes: UnsafeRawBufferPointer) throws(StableError) {
        var done = 0
        while done < bytes.count {
            let (bucket, within) = locate(offset + UInt64(done))
            let piece = Int(Swift.min(manager.bucketBytes - within, UInt64(bytes.count - done)))
            let source = UnsafeRawBufferPointer(rebasing: bytes[done ..< done + piece])
            try manager.memory.write(manager.bucketStart(state.buckets[bucket]) + within, source)
            done += piece
        }
    }
}
