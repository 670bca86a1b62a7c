// Accesses the caller has already bounds-checked.
//
// A structure that caches what it knows of its memory (the log: the size it
// last measured, the end of its last entry) has often proven an access to lie
// inside the memory before it makes it. `readInBounds` and `writeInBounds` let
// it say so, and let a memory whose own check costs more than the access skip
// it: on the canister, a window of the stable memory checks the window's span
// and the stable memory's known size on every access, about as much wasm as
// the system call itself.
//
// Precondition for callers: the `count` bytes at `offset` lie within
// `byteCount` as the caller measured it earlier, and the memory cannot have
// shrunk since (the memories that skip the check, `RestrictedMemory` over a
// memory that skips it and `Ic0StableMemory`, never shrink). Memories that do
// not customise these methods check as always, so a broken precondition still
// throws there.

extension Memory {
    /// Default: ``read(_:into:)``, checked.
    @inlinable @inline(__always)
    public func readInBounds(_ offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(StableError) {
        try read(offset, into: buffer)
    }

    /// Default: ``write(_:_:)``, checked.
    @inlinable @inline(__always)
    public func writeInBounds(_ offset: UInt64, _ bytes: UnsafeRawBufferPointer) throws(StableError) {
        try write(offset, bytes)
    }

    /// Reads a little-endian integer at `offset`, proven inside the memory
    /// (see ``readInBounds(_:into:)``).
    @inlinable @inline(__always)
    func loadInBounds<T: FixedWidthInteger>(_: T.Type, at offset: UInt64) throws(StableError) -> T {
        var value = T.zero
        try withUnsafeMutableBytes(of: &value) { (buffer) throws(StableError) in
            try readInBounds(offset, into: buffer)
        }
        return T(littleEndian: value)
    }

    /// Writes `value` as a little-endian integer at `offset`, proven inside
    /// the memory (see ``writeInBounds(_:_:)``).
    @inlinable @inline(__always)
    func storeInBounds<T: FixedWidthInteger>(_ value: T, at offset: UInt64) throws(StableError) {
        var encoded = value.littleEndian
        try withUnsafeBytes(of: &encoded) { (buffer) throws(StableError) in
            try writeInBounds(offset, buffer)
        }
    }
}

extension RestrictedMemory {
    /// Copies `buffer.count` bytes at window `offset`, which the caller has
    /// proven to lie inside the window's ``size``, into `buffer`: the
    /// underlying memory's ``Memory/readInBounds(_:into:)`` at the absolute
    /// offset, with no check of the window's span.
    @inlinable @inline(__always)
    public func readInBounds(_ offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(StableError) {
        // Inside the size, so inside the underlying memory: the sum cannot overflow.
        try underlying.readInBounds(startOffset &+ offset, into: buffer)
    }

    /// Copies `bytes` to window `offset`, which the caller has proven to lie
    /// inside the window's ``size``: the underlying memory's
    /// ``Memory/writeInBounds(_:_:)`` at the absolute offset, with no check of
    /// the window's span.
    @inlinable @inline(__always)
    public func writeInBounds(_ offset: UInt64, _ bytes: UnsafeRawBufferPointer) throws(StableError) {
        try underlying.writeInBounds(startOffset &+ offset, bytes)
    }
}

#if arch(wasm32)
extension Ic0StableMemory {
    /// Copies `buffer.count` bytes at `offset`, which the caller has proven
    /// to lie inside the stable memory, into `buffer`: the system call alone
    /// (were they outside, the system would trap the canister).
    @inlinable @inline(__always)
    public func readInBounds(_ offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) {
        let count = UInt64(UInt(bitPattern: buffer.count))
        if count == 0 { return }
        ic0_stable64_read(UInt64(UInt(bitPattern: buffer.baseAddress)), offset, count)
    }

    /// Copies `bytes` to `offset`, which the caller has proven to lie inside
    /// the stable memory: the system call alone (were they outside, the
    /// system would trap the canister).
    @inlinable @inline(__always)
    public func writeInBounds(_ offset: UInt64, _ bytes: UnsafeRawBufferPointer) {
        let count = UInt64(UInt(bitPattern: bytes.count))
        if count == 0 { return }
        ic0_stable64_write(offset, UInt64(UInt(bitPattern: bytes.baseAddress)), count)
    }
}
#endif
