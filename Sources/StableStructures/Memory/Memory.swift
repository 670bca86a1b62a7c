/// The number of bytes in one page of a ``Memory``: 64 KiB, as in WebAssembly.
public let wasmPageSize: UInt64 = 65_536

/// A linear, growable memory of 64 KiB pages, modelled on a WebAssembly memory
/// and on the Internet Computer's stable memory.
///
/// Every stable structure stores all its data in a `Memory`. Conforming types
/// have reference semantics: copies of a memory value see the same bytes (as
/// the Rust crate's `Rc<RefCell<Vec<u8>>>`-based memories do), so the methods
/// are non-mutating.
///
/// Accesses outside `0 ..< size * 64 KiB` throw ``StableError/outOfBounds(offset:count:memorySize:)``;
/// a zero-length access at the very end is allowed.
public protocol Memory {
    /// The current size of the memory, in 64 KiB pages.
    var size: UInt64 { get }

    /// Appends `pages` zero-filled pages.
    ///
    /// - Returns: the previous size in pages, or `-1` if the memory cannot grow
    ///   (it is then unchanged). `grow(0)` returns the current size.
    func grow(_ pages: UInt64) -> Int64

    /// Copies `buffer.count` bytes starting at `offset` into `buffer`.
    func read(_ offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(StableError)

    /// Copies `bytes` into the memory starting at `offset`.
    func write(_ offset: UInt64, _ bytes: UnsafeRawBufferPointer) throws(StableError)

    /// Calls `body` with a view of `count` bytes at `offset`.
    ///
    /// In-heap memories pass a pointer into their own storage (no copy);
    /// others read into a temporary buffer. The view is valid only during
    /// `body`, which must not write to or grow this memory.
    func withBytes<Result>(
        at offset: UInt64, count: Int,
        _ body: (UnsafeRawBufferPointer) throws(StableError) -> Result
    ) throws(StableError) -> Result

    /// Reads a little-endian integer at `offset` without allocating.
    func load<T: FixedWidthInteger>(_: T.Type, at offset: UInt64) throws(StableError) -> T

    /// Writes `value` as a little-endian integer at `offset` without allocating.
    func store<T: FixedWidthInteger>(_ value: T, at offset: UInt64) throws(StableError)

    /// ``read(_:into:)`` of bytes the caller has already proven to lie inside
    /// the memory, so that the memory may skip its own bounds check.
    ///
    /// Precondition: the bytes lie within ``byteCount`` as the caller measured
    /// it, and the memory has not shrunk since. The default is the checked
    /// ``read(_:into:)``; ``RestrictedMemory`` passes the access on to its
    /// underlying memory's `readInBounds`, and the canister's stable memory
    /// makes the system call with no check.
    func readInBounds(_ offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(StableError)

    /// ``write(_:_:)`` of bytes the caller has already proven to lie inside
    /// the memory, so that the memory may skip its own bounds check.
    ///
    /// Precondition and implementations as for ``readInBounds(_:into:)``.
    /// Never grows the memory.
    func writeInBounds(_ offset: UInt64, _ bytes: UnsafeRawBufferPointer) throws(StableError)
}

extension Memory {
    /// The size of the memory in bytes.
    @inlinable
    public var byteCount: UInt64 { size &* wasmPageSize }

    /// Default: reads into a temporary buffer (on the stack when small).
    @inlinable
    public func withBytes<Result>(
        at offset: UInt64, count: Int,
        _ body: (UnsafeRawBufferPointer) throws(StableError) -> Result
    ) throws(StableError) -> Result {
        guard count >= 0 else { throw .invalidArgument("negative byte count \(count)") }
        return try withUnsafeTemporaryAllocation(byteCount: count, alignment: 8) {
            (buffer) throws(StableError) -> Result in
            try read(offset, into: buffer)
            return try body(UnsafeRawBufferPointer(buffer))
        }
    }

    /// Reads `count` bytes at `offset` into a new array.
    @inlinable
    public func readBytes(_ offset: UInt64, count: Int) throws(StableError) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: count)
        var failure: StableError?
        result.withUnsafeMutableBytes { buffer in
            do throws(StableError) { try read(offset, into: buffer) } catch { failure = error }
        }
        if let failure { throw failure }
        return result
    }

    /// Writes the bytes of `array` at `offset`.
    @inlinable @inline(__always)
    public func write(_ offset: UInt64, bytes array: [UInt8]) throws(StableError) {
        // Through a span: typed throws, and no retain of the array.
        try array.span.withUnsafeBytes { (buffer) throws(StableError) in try write(offset, buffer) }
    }

    /// Default: reads through ``read(_:into:)`` into a local.
    @inlinable
    public func load<T: FixedWidthInteger>(_: T.Type, at offset: UInt64) throws(StableError) -> T {
        var value = T.zero
        try withUnsafeMutableBytes(of: &value) { (buffer) throws(StableError) in
            try read(offset, into: buffer)
        }
        return T(littleEndian: value)
    }

    /// Default: writes through ``write(_:_:)`` from a local.
    @inlinable
    public func store<T: FixedWidthInteger>(_ value: T, at offset: UInt64) throws(StableError) {
        var encoded = value.littleEndian
        try withUnsafeBytes(of: &encoded) { (buffer) throws(StableError) in
            try write(offset, buffer)
        }
    }

    /// Writes `bytes` at `offset`, first growing the memory by the fewest pages
    /// that cover the write if it would cross the end (the crate's
    /// `safe_write`, StableStructures.docc/ByteLayout.md, "Conventions").
    ///
    /// - Throws: ``StableError/growFailed(pages:)`` when the memory cannot
    ///   grow; nothing is written then.
    @inlinable
    public func writeGrowing(_ offset: UInt64, _ bytes: UnsafeRawBufferPointer) throws(StableError) {
        try ensureCapacity(end: offset, count: bytes.count)
        try write(offset, bytes)
    }

    /// Writes a little-endian integer at `offset`, growing the memory if needed.
    @inlinable @inline(__always)
    public func storeGrowing<T: FixedWidthInteger>(_ value: T, at offset: UInt64) throws(StableError) {
        try ensureCapacity(end: offset, count: MemoryLayout<T>.size)
        try store(value, at: offset)
    }

    /// Grows the memory, if needed, so that `count` bytes at `offset` fit:
    /// by `ceil((offset + count - byteCount) / 64 KiB)` pages.
    @inlinable @inline(__always)
    public func ensureCapacity(end offset: UInt64, count: Int) throws(StableError) {
        // The common case, inline: the bytes fit already.
        let (end, overflow) = offset.addingReportingOverflow(UInt64(UInt(bitPattern: count)))
        if _fastPath(count >= 0 && !overflow && end <= byteCount) { return }
        try growToFit(offset, count: count)
    }

    /// ``ensureCapacity(end:count:)`` when the bytes do not fit (kept out of line).
    @usableFromInline @inline(never)
    func growToFit(_ offset: UInt64, count: Int) throws(StableError) {
        let (end, overflow) = offset.addingReportingOverflow(UInt64(count))
        if overflow { throw .outOfBounds(offset: offset, count: UInt64(count), memorySize: byteCount) }
        let current = byteCount
        if end > current {
            let missing = end - current
            let pages = missing / wasmPageSize + (missing % wasmPageSize == 0 ? 0 : 1)
            if grow(pages) == -1 { throw .growFailed(pages: pages) }
        }
    }
}

/// Checks that `count` bytes at `offset` lie within `limit` bytes.
@inlinable
func checkBounds(_ offset: UInt64, _ count: Int, limit: UInt64) throws(StableError) {
    let (end, overflow) = offset.addingReportingOverflow(UInt64(count))
    if overflow || end > limit {
        throw .outOfBounds(offset: offset, count: UInt64(count), memorySize: limit)
    }
}
