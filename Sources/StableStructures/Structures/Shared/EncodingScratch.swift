/// A reusable heap buffer into which a structure encodes values before
/// writing them to its memory, so that hot paths do not allocate.
///
/// The owner (a structure class) keeps one scratch buffer and frees it in its
/// `deinit`. The buffer only ever grows, up to ``retainedLimit``; a larger
/// encoding gets a temporary buffer that is freed straight away, so one huge
/// value does not pin its size in the heap for the structure's lifetime.
@usableFromInline
struct EncodingScratch {
    /// Encodings up to this many bytes reuse the retained buffer (1 MiB).
    @usableFromInline static var retainedLimit: Int { 1 << 20 }

    @usableFromInline var base: UnsafeMutableRawPointer?
    @usableFromInline var capacity: Int

    /// An empty scratch buffer (no allocation until first use).
    @inlinable
    init() {
        base = nil
        capacity = 0
    }

    /// A scratch buffer of `capacity` bytes allocated up front.
    @inlinable
    init(capacity: Int) {
        self.capacity = Swift.max(capacity, 0)
        base = self.capacity > 0 ? UnsafeMutableRawPointer.allocate(byteCount: self.capacity, alignment: 16) : nil
    }

    /// A buffer of exactly `count` bytes inside the scratch space, growing it
    /// if needed; `nil` when `count` exceeds ``retainedLimit`` and the current
    /// capacity (the caller then encodes into a temporary buffer).
    @inlinable
    mutating func buffer(count: Int) -> UnsafeMutableRawBufferPointer? {
        if count > capacity {
            if count > EncodingScratch.retainedLimit { return nil }
            base?.deallocate()
            let newCapacity = Swift.min(Swift.max(count, capacity &* 2, 64), EncodingScratch.retainedLimit)
            base = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
            capacity = newCapacity
        }
        return UnsafeMutableRawBufferPointer(start: base, count: count)
    }

    /// Frees the buffer; the owner calls this from its `deinit`.
    @inlinable
    mutating func deallocate() {
        base?.deallocate()
        base = nil
        capacity = 0
    }
}
