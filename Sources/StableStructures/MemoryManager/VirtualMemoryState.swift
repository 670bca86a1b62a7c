/// The mutable state of one virtual memory, shared by the manager and every
/// ``VirtualMemory`` handle of that id.
///
/// Invariants: `buckets` is strictly ascending, and
/// `pages <= buckets.count * bucketSizeInPages`, so every in-bounds virtual
/// offset has a bucket.
///
/// Both fields are read on every virtual access, so they opt out of dynamic
/// exclusivity checking (which otherwise costs more than the translation);
/// they are only mutated by the manager's `grow` and `reclaimMemory`, never
/// while an access to them is in progress.
@usableFromInline
final class VirtualMemoryState {
    /// The memory's size in pages (its header size field).
    @exclusivity(unchecked) @usableFromInline var pages: UInt64 = 0

    /// The indices of the buckets the memory owns, ascending: virtual bucket
    /// `k` is physical bucket `buckets[k]`.
    @exclusivity(unchecked) @usableFromInline var buckets: [UInt16] = []

    @usableFromInline init() {}
}
