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
/// Arrays longer than ``retainedLimit`` are never kept, so a structure does not
/// pin a large entry in the heap.
@usableFromInline
struct RecycledBytes {
    /// Results of up to this many bytes are kept for reuse (4 KiB).
    @usableFromInline static var retainedLimit: Int { 4096 }

    @usableFromInline var array: [UInt8]

    /// Nothing kept yet.
    @inlinable
    init() { array = [] }

    /// A new array value holding a copy of `bytes`.
    @inlinable @inline(__always)
    mutating func make(from bytes: UnsafeRawBufferPointer) -> [UInt8] {
        let count = bytes.count
        if count == array.count, count > 0 {
            // Unique: overwritten in place. Shared with an earlier result: copied first.
            array.withUnsafeMutableBytes { $0.copyMemory(from: bytes) }
            return array
        }
        let fresh = [UInt8](bytes)
        if count <= Self.retainedLimit {
            array = fresh
        } else if !array.isEmpty {
            array = []
        }
        return fresh
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
