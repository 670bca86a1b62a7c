/// A window of pages `start ..< end` of another memory, used as a memory of
/// its own (the crate's `RestrictedMemory`, StableStructures.docc/ByteLayout.md, "Conventions").
///
/// Offset `o` of the window is offset `start × 64 KiB + o` of the underlying
/// memory. Size and growth follow the crate exactly, with `base` the
/// underlying memory's size:
///
/// | Condition | `size` | `grow(delta)` |
/// |---|---|---|
/// | `base < start` | 0 | grows the underlying memory by `start - base + delta` (not limited to the window); returns 0, or -1 if that fails |
/// | `start <= base < end` | `base - start` | -1 if `delta > end - base`; else the underlying `grow(delta)`, returning -1 or the previous size minus `start` |
/// | `base >= end` | `end - start` | `end - start` for `delta == 0`, else -1 |
///
/// **Difference from the crate:** reads and writes are checked against the
/// window's ``size`` and throw ``StableError/outOfBounds(offset:count:memorySize:)``
/// past it. The crate checks only the underlying memory's bounds, so an
/// access past `end` silently reaches the next window.
///
/// Copies share the underlying memory (reference semantics).
public struct RestrictedMemory<M: Memory>: Memory {
    /// The memory the window is cut from.
    public let underlying: M

    /// The pages of the underlying memory that the window covers.
    public let pages: Range<UInt64>

    /// The largest window end, `UInt64.max / 64 KiB`, so that every byte
    /// offset of the window fits in a `UInt64`.
    public static var maxPageEnd: UInt64 { UInt64.max / wasmPageSize }

    /// Creates the window `pages` of `memory`.
    ///
    /// - Throws: ``StableError/invalidArgument(_:)`` if `pages.upperBound`
    ///   exceeds ``maxPageEnd`` (the crate asserts this).
    public init(_ memory: M, pages: Range<UInt64>) throws(StableError) {
        guard pages.upperBound <= RestrictedMemory.maxPageEnd else {
            throw .invalidArgument("a restricted memory must end at or below page \(RestrictedMemory.maxPageEnd), not \(pages.upperBound)")
        }
        underlying = memory
        self.pages = pages
    }

    /// The byte offset of the window in the underlying memory.
    @inlinable
    var startOffset: UInt64 { pages.lowerBound &* wasmPageSize }

    /// The window's current size in pages: the part of `pages` the underlying
    /// memory covers.
    @inlinable
    public var size: UInt64 {
        let base = underlying.size
        if base < pages.lowerBound { return 0 }
        return Swift.min(base, pages.upperBound) - pages.lowerBound
    }

    /// Grows the window per the table in the type's documentation.
    public func grow(_ delta: UInt64) -> Int64 {
        let start = pages.lowerBound
        let end = pages.upperBound
        let base = underlying.size
        if base < start {
            let (total, overflow) = (start - base).addingReportingOverflow(delta)
            if overflow { return -1 }
            return underlying.grow(total) == -1 ? -1 : 0
        }
        if base < end {
            if end - base < delta { return -1 }
            let previous = underlying.grow(delta)
            return previous == -1 ? -1 : previous - Int64(start)
        }
        return delta == 0 ? Int64(end - start) : -1
    }

    /// Copies `buffer.count` bytes at window `offset` into `buffer`.
    ///
    /// - Throws: ``StableError/outOfBounds(offset:count:memorySize:)`` past
    ///   the window's ``size``.
    @inlinable @inline(__always)
    public func read(_ offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(StableError) {
        try within(offset, buffer.count) { (absolute) throws(StableError) in try underlying.read(absolute, into: buffer) }
    }

    /// Copies `bytes` to window `offset`. Does not grow the memory.
    ///
    /// - Throws: ``StableError/outOfBounds(offset:count:memorySize:)`` past
    ///   the window's ``size``.
    @inlinable @inline(__always)
    public func write(_ offset: UInt64, _ bytes: UnsafeRawBufferPointer) throws(StableError) {
        try within(offset, bytes.count) { (absolute) throws(StableError) in try underlying.write(absolute, bytes) }
    }

    /// Calls `body` with the underlying memory's view of `count` bytes at
    /// window `offset`.
    ///
    /// - Throws: ``StableError/outOfBounds(offset:count:memorySize:)`` past
    ///   the window's ``size``, ``StableError/invalidArgument(_:)`` for a
    ///   negative count, or what `body` throws.
    @inlinable
    public func withBytes<Result>(
        at offset: UInt64, count: Int,
        _ body: (UnsafeRawBufferPointer) throws(StableError) -> Result
    ) throws(StableError) -> Result {
        guard count >= 0 else { throw .invalidArgument("negative byte count \(count)") }
        try checkBounds(offset, count, limit: byteCount)
        return try underlying.withBytes(at: startOffset &+ offset, count: count, body)
    }

    /// Reads a little-endian integer at window `offset`.
    ///
    /// - Throws: ``StableError/outOfBounds(offset:count:memorySize:)`` past
    ///   the window's ``size``.
    @inlinable @inline(__always)
    public func load<T: FixedWidthInteger>(_: T.Type, at offset: UInt64) throws(StableError) -> T {
        try within(offset, MemoryLayout<T>.size) { (absolute) throws(StableError) in try underlying.load(T.self, at: absolute) }
    }

    /// Writes `value` as a little-endian integer at window `offset`.
    ///
    /// - Throws: ``StableError/outOfBounds(offset:count:memorySize:)`` past
    ///   the window's ``size``.
    @inlinable @inline(__always)
    public func store<T: FixedWidthInteger>(_ value: T, at offset: UInt64) throws(StableError) {
        try within(offset, MemoryLayout<T>.size) { (absolute) throws(StableError) in try underlying.store(value, at: absolute) }
    }

    /// The window's span in bytes: the most it can ever hold.
    @inlinable
    var spanByteCount: UInt64 { (pages.upperBound &- pages.lowerBound) &* wasmPageSize }

    /// Runs `access` on the underlying memory at the absolute offset of
    /// `count` bytes at window `offset`.
    ///
    /// Checks only the window's span and leaves the rest to the underlying
    /// memory's own check (bytes inside the span and the underlying memory
    /// lie inside the window's ``size``), so the size is not computed on
    /// every access. Errors name the window's offsets and size, as a
    /// check against ``size`` first would.
    @inlinable @inline(__always)
    func within<Result>(
        _ offset: UInt64, _ count: Int, _ access: (UInt64) throws(StableError) -> Result
    ) throws(StableError) -> Result {
        let (end, overflow) = offset.addingReportingOverflow(UInt64(UInt(bitPattern: count)))
        guard _fastPath(count >= 0 && !overflow && end <= spanByteCount) else { throw outside(offset, count, nil) }
        do {
            return try access(startOffset &+ offset)
        } catch {
            throw outside(offset, count, error)
        }
    }

    /// The error for `count` bytes at window `offset`: out of bounds when they
    /// do not fit the window's ``size``, else `underlyingError` (kept out of line).
    @usableFromInline @inline(never)
    func outside(_ offset: UInt64, _ count: Int, _ underlyingError: StableError?) -> StableError {
        let limit = byteCount
        let (end, overflow) = offset.addingReportingOverflow(UInt64(UInt(bitPattern: count)))
        if let underlyingError, count >= 0, !overflow, end <= limit { return underlyingError }
        if count < 0 { return .invalidArgument("negative byte count \(count)") }
        return .outOfBounds(offset: offset, count: UInt64(count), memorySize: limit)
    }
}
