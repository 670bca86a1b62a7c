/// The mutable state of one virtual memory, shared by the manager and every
/// ``VirtualMemory`` handle of that id.
///
/// Invariants: `buckets` is strictly ascending, and
/// `pages <= buckets.count * bucketSizeInPages`, so every in-bounds virtual
/// offset has a bucket.
@usableFromInline
final class VirtualMemoryState {
    /// The memory's size in pages (its header size field).
    @usableFromInline var pages: UInt64 = 0

    /// The indices of the buckets the memory owns, ascending: virtual bucket
    /// `k` is physical bucket `buckets[k]`.
    @usableFromInline var buckets: [UInt16] = []

    @usableFromInline init() {}
}
