/// Multiplexes up to 255 growable virtual memories onto one memory, in the
/// byte format of the Rust crate's `MemoryManager` (StableStructures.docc/ByteLayout.md, "Memory manager").
///
/// Page 0 of the underlying memory holds a header and a bucket table; the rest
/// is divided into *buckets* of ``bucketSizeInPages`` pages (128 by default,
/// 8 MiB). A virtual memory grows by taking whole buckets, so the buckets of
/// different memories interleave in the order in which the memories grew. Each
/// virtual memory, obtained with ``memory(_:)``, is its buckets concatenated
/// in ascending index order.
///
/// ```swift
/// let manager = try MemoryManager(VectorMemory())
/// let users = manager.memory(try MemoryId(0))
/// let orders = manager.memory(try MemoryId(1))
/// ```
///
/// ## Opening an existing memory
///
/// ``init(_:bucketSize:)`` creates a manager on an empty memory and loads the
/// one a memory already holds (the stored bucket size wins over the
/// argument). **Difference from the crate:** on a non-empty memory that does
/// not start with the `"MGR"` magic, the crate silently writes a fresh header
/// over it; this initializer throws ``StableError/badMagic(expected:found:)``
/// and writes nothing, so a wrong file is never damaged.
///
/// ## Reclaiming memory and bucket reuse
///
/// ``reclaimMemory(_:)`` frees every bucket of a memory, with the bytes of the
/// crate's v0.7.1 (the only release that had it): the freed buckets' table
/// bytes become `0xFF` and the memory's size becomes 0; the allocated-bucket
/// count does not decrease. The table records only each bucket's *owner*, not
/// its position in the owner's memory: on load, a memory's buckets are taken
/// in ascending index order. A memory must therefore never receive a bucket
/// below one it already owns, or its data would be reordered after a reload.
/// So a growing memory reuses a free bucket only if its index is above the
/// memory's highest bucket (lowest such first); a memory that owns no bucket
/// takes the lowest free one; otherwise it gets a new bucket at the high-water
/// mark. (v0.7.1 reused the lowest free bucket unconditionally, which corrupts
/// data across a reload; this is the safe rule its follow-up adopted.) Free
/// buckets that no growing memory can use stay free.
///
/// Images written by the crate (0.7.0 to 0.7.2) load, and further growth
/// writes the same bytes as the crate, as long as no bucket is free. An image
/// with free buckets (written by v0.7.1's `reclaim_memory`, or by
/// ``reclaimMemory(_:)``) differs: 0.7.0 and 0.7.2 never reuse its free
/// buckets, v0.7.1 reuses them unconditionally, and this type reuses them by
/// the rule above.
///
/// The manager and its virtual memories share state by reference; they are
/// not thread-safe.
public final class MemoryManager<M: Memory> {
    /// The underlying memory.
    @usableFromInline let memory: M

    /// The bucket size in pages (1 ... 65535).
    public let bucketSizeInPages: UInt16

    /// The bucket size in bytes.
    @usableFromInline let bucketBytes: UInt64

    /// `log2(bucketBytes)` when the bucket size is a power of two, else -1:
    /// address translation then uses a shift and a mask instead of a division.
    @usableFromInline let bucketShift: Int

    /// The number of bucket indices handed out so far (`0 ..< allocated`).
    @usableFromInline var allocated: Int

    /// The owner of each bucket below `allocated`, `0xFF` for a free one
    /// (a mirror of the table in page 0).
    @usableFromInline var owners: [UInt8]

    /// The state of each of the 255 memories.
    @usableFromInline let states: [VirtualMemoryState]

    /// Free buckets below `allocated`, ascending.
    var freePool: FreeBucketPool

    /// Creates a manager on an empty memory, or loads the one `memory` holds.
    ///
    /// - Empty memory (0 pages): writes a fresh header and an all-free bucket
    ///   table; the memory becomes 1 page.
    /// - Memory starting with `"MGR"`: loads it; `bucketSize` is ignored in
    ///   favour of the stored one. Nothing is written.
    /// - Anything else: throws, writing nothing.
    ///
    /// - Parameters:
    ///   - memory: the underlying memory.
    ///   - bucketSize: the bucket size in pages for a new manager (default
    ///     128, the crate's).
    /// - Throws: ``StableError/invalidArgument(_:)`` if `bucketSize` is 0;
    ///   ``StableError/badMagic(expected:found:)`` for a non-empty memory
    ///   without the magic; ``StableError/unsupportedVersion(structure:version:)``
    ///   for a layout version other than 1;
    ///   ``StableError/corrupted(structure:reason:)`` for an inconsistent
    ///   header or table: more than 32 768 or 0-page buckets, an owned bucket
    ///   at or above the allocated count, a memory larger than its buckets,
    ///   or an underlying memory smaller than `1 + bucketSize × allocated`
    ///   pages (a truncated image); ``StableError/growFailed(pages:)`` if an empty
    ///   memory cannot grow to one page.
    /// - Complexity: O(32 768) to scan the bucket table when loading.
    public init(_ memory: M, bucketSize: UInt16 = 128) throws(StableError) {
        guard bucketSize > 0 else {
            throw .invalidArgument("the bucket size of a MemoryManager must be at least 1 page")
        }
        self.memory = memory
        var states: [VirtualMemoryState] = []
        states.reserveCapacity(MemoryId.count)
        for _ in 0 ..< MemoryId.count { states.append(VirtualMemoryState()) }
        self.states = states
        freePool = FreeBucketPool()
        owners = []
        allocated = 0

        let isEmpty = memory.size == 0
        if isEmpty {
            bucketSizeInPages = bucketSize
        } else {
            let stored = try MemoryManager.loadHeader(memory)
            bucketSizeInPages = stored.bucketSize
            allocated = stored.allocated
            owners = stored.owners
            for (index, pages) in stored.sizes.enumerated() { states[index].pages = pages }
        }
        bucketBytes = UInt64(bucketSizeInPages) * wasmPageSize
        bucketShift = bucketBytes.nonzeroBitCount == 1 ? bucketBytes.trailingZeroBitCount : -1

        if isEmpty {
            try createLayout()
        } else {
            try rebuildBucketLists()
        }
    }

    /// Returns the virtual memory `id`. Handles are cheap; all handles of one
    /// id share the same state.
    ///
    /// - Complexity: O(1).
    @inlinable
    public func memory(_ id: MemoryId) -> VirtualMemory<M> {
        VirtualMemory(manager: self, state: states[id.index], id: id)
    }

    /// The bucket size of a new manager when none is given: 128 pages (8 MiB),
    /// the crate's default.
    public static var defaultBucketSize: UInt16 { MemoryManagerLayout.defaultBucketSize }

    /// The underlying memory holding page 0 and the buckets.
    public var underlyingMemory: M { memory }

    /// The number of bucket indices handed out so far (the header's
    /// high-water mark); freed buckets are included.
    public var allocatedBucketCount: Int { allocated }

    /// The size of memory `id` in pages.
    public func size(of id: MemoryId) -> UInt64 { states[id.index].pages }

    /// The buckets of memory `id`, ascending: virtual bucket `k` is physical
    /// bucket `buckets(of: id)[k]`.
    public func buckets(of id: MemoryId) -> [UInt16] { states[id.index].buckets }

    /// The owner of each bucket `0 ..< allocatedBucketCount`, `nil` for a free
    /// bucket.
    public func bucketOwners() -> [MemoryId?] {
        owners.map { $0 == MemoryManagerLayout.unallocated ? nil : MemoryId(unchecked: $0) }
    }

    /// The free buckets below the high-water mark, ascending.
    public var freeBuckets: [UInt16] { freePool.indices }

    /// The physical byte offset of bucket `bucket`.
    @inlinable
    func bucketStart(_ bucket: UInt16) -> UInt64 {
        MemoryManagerLayout.bucketAreaStart &+ UInt64(bucket) &* bucketBytes
    }
}
