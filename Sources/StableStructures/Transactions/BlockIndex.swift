/// A hash table from block numbers to slot numbers, for ``BlockOverlay``.
///
/// Every read and write of a transactional memory looks its blocks up here,
/// so the table is built for that one job: open addressing with linear
/// probing over two flat arrays, a multiplicative (Fibonacci) hash instead of
/// the standard library's seeded SipHash, and no per-entry allocation.
/// Removal shifts later entries back instead of leaving tombstones, so
/// lookups never slow down as a transaction comes and goes.
///
/// Invariants: the capacity is a power of two and at least twice `count`
/// (so every probe sequence reaches an empty bucket); `UInt64.max` marks an
/// empty bucket (block numbers are byte offsets shifted right, never that
/// large). The storage is owned by the enclosing overlay, which calls
/// ``deallocate()`` exactly once.
@usableFromInline
struct BlockIndex {
    /// The key of an empty bucket.
    @usableFromInline static let emptyKey = UInt64.max

    @usableFromInline var keys: UnsafeMutablePointer<UInt64>
    @usableFromInline var values: UnsafeMutablePointer<Int>
    /// `capacity - 1`.
    @usableFromInline var mask: Int
    /// `64 - log2(capacity)`: the hash keeps the top bits of the product.
    @usableFromInline var shift: UInt64
    /// The number of entries.
    @usableFromInline var count = 0

    /// An empty table with room for `capacity / 2` entries before it grows.
    @usableFromInline
    init(capacity: Int = 64) {
        var size = 16
        while size < capacity { size &*= 2 }
        keys = .allocate(capacity: size)
        keys.initialize(repeating: BlockIndex.emptyKey, count: size)
        values = .allocate(capacity: size)
        values.initialize(repeating: 0, count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    /// Frees the storage; the table must not be used afterwards.
    @usableFromInline
    func deallocate() {
        keys.deallocate()
        values.deallocate()
    }

    /// The bucket where the probe for `key` starts.
    @inlinable
    func home(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) &>> shift)
    }

    /// The value stored for `key`, or `nil`.
    ///
    /// - Complexity: O(1) expected.
    @inlinable
    func find(_ key: UInt64) -> Int? {
        var bucket = home(key)
        while true {
            let found = keys[bucket]
            if found == key { return values[bucket] }
            if found == BlockIndex.emptyKey { return nil }
            bucket = (bucket &+ 1) & mask
        }
    }

    /// Stores `value` for `key`, which must be absent.
    ///
    /// - Complexity: amortised O(1) (the table doubles at half load).
    @usableFromInline
    mutating func insert(_ key: UInt64, _ value: Int) {
        if (count &+ 1) &* 2 > mask &+ 1 { rehash(capacity: (mask &+ 1) &* 2) }
        place(key, value)
        count &+= 1
    }

    /// Puts an entry in the first empty bucket of its probe sequence.
    @usableFromInline
    func place(_ key: UInt64, _ value: Int) {
        var bucket = home(key)
        while keys[bucket] != BlockIndex.emptyKey { bucket = (bucket &+ 1) & mask }
        keys[bucket] = key
        values[bucket] = value
    }

    /// Removes `key` if present, shifting back the entries probed past it.
    ///
    /// - Complexity: O(1) expected.
    @usableFromInline
    mutating func remove(_ key: UInt64) {
        var hole = home(key)
        while keys[hole] != key {
            if keys[hole] == BlockIndex.emptyKey { return }
            hole = (hole &+ 1) & mask
        }
        var next = (hole &+ 1) & mask
        while keys[next] != BlockIndex.emptyKey {
            let start = home(keys[next])
            // Move the entry into the hole unless its home lies cyclically
            // in (hole, next]: then its probe never passes the hole.
            if (next &- start) & mask >= (next &- hole) & mask {
                keys[hole] = keys[next]
                values[hole] = values[next]
                hole = next
            }
            next = (next &+ 1) & mask
        }
        keys[hole] = BlockIndex.emptyKey
        count &-= 1
    }

    /// Removes every entry, keeping the capacity.
    ///
    /// - Complexity: O(capacity).
    @usableFromInline
    mutating func removeAll() {
        if count == 0 { return }
        keys.update(repeating: BlockIndex.emptyKey, count: mask &+ 1)
        count = 0
    }

    /// Moves every entry into a table of `capacity` buckets.
    mutating func rehash(capacity: Int) {
        let old = self
        self = BlockIndex(capacity: capacity)
        count = old.count
        for bucket in 0...old.mask where old.keys[bucket] != BlockIndex.emptyKey {
            place(old.keys[bucket], old.values[bucket])
        }
        old.deallocate()
    }
}
