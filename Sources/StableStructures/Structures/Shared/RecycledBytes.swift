/// The last `[UInt8]` a structure's `get` returned, kept so that the next
/// `get` of a value of the same length can reuse its storage.
///
/// Decoding a `[UInt8]` normally allocates a new array, and the allocation and
/// release (through the Swift runtime) cost more than the rest of a `get` of a
/// small entry. When the caller has dropped the previous result, the kept
/// array is the only reference to its storage, so it is overwritten in place
/// and returned again: no allocation. When the caller still holds it,
/// copy-on-write gives the kept array fresh storage first, so values already
/// handed out never change.
///
/// The kept array is always the value returned, on every path: `fill` then
/// `array`. With a single source for the result, a caller that inlines `get`
/// and only reads the result lets the optimizer drop the retain of the result
/// and its release, two atomic operations that otherwise cost more than the
/// copy itself. The price is that the storage of the last result (one entry's
/// worth of memory) stays allocated until the next `get` of another length or
/// until the structure is released.
@usableFromInline
struct RecycledBytes {
    @usableFromInline var array: [UInt8]

    /// Nothing kept yet.
    @inlinable
    init() { array = [] }

    /// Makes ``array`` a copy of `bytes`, in place when its storage is unique
    /// and of the same length.
    @inlinable @inline(__always)
    mutating func fill(from bytes: UnsafeRawBufferPointer) {
        if _fastPath(bytes.count == array.count && bytes.count > 0) {
            // Unique: overwritten in place. Shared with an earlier result: copied first.
            array.withUnsafeMutableBytes { $0.copyMemory(from: bytes) }
        } else {
            replace(with: bytes)
        }
    }

    /// Reads `count` bytes at `offset` of `memory` straight into the array
    /// (no intermediate buffer), reusing its storage as ``fill(from:)`` does.
    /// The caller has proven the bytes to lie inside the memory
    /// (``Memory/readInBounds(_:into:)``).
    @inlinable @inline(__always)
    mutating func readInBounds<M: Memory>(_ count: Int, at offset: UInt64, of memory: M) throws(StableError) {
        if array.count != count { array = [UInt8](repeating: 0, count: count) }
        if count == 0 { return }
        var failure: StableError?
        array.withUnsafeMutableBytes { buffer in
            do throws(StableError) { try memory.readInBounds(offset, into: buffer) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Gives ``array`` new storage holding `bytes` (kept out of line).
    @usableFromInline @inline(never)
    mutating func replace(with bytes: UnsafeRawBufferPointer) {
        array = [UInt8](bytes)
    }
}

extension Array where Element == UInt8 {
    /// Replaces the contents with a copy of `bytes`, reusing the storage when
    /// it is unique and large enough (no allocation then).
    @inlinable
    mutating func replaceContents(with bytes: UnsafeRawBufferPointer) {
        if count == bytes.count {
            if count > 0 { withUnsafeMutableBytes { $0.copyMemory(from: bytes) } }
        } else {
            removeAll(keepingCapacity: true)
            append(contentsOf: bytes)
        }
    }
}
