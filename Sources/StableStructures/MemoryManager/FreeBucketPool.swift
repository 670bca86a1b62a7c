/// The buckets below the high-water mark that no memory owns (freed by
/// ``MemoryManager/reclaimMemory(_:)``), kept in ascending order.
struct FreeBucketPool {
    /// The free bucket indices, strictly ascending.
    private(set) var indices: [UInt16] = []

    /// The number of free buckets.
    var count: Int { indices.count }

    /// The position of the first free bucket a memory whose highest bucket is
    /// `highest` may take (`nil`: the memory owns none, so every free bucket
    /// qualifies). Taking buckets from this position on, in order, keeps the
    /// memory's bucket list ascending.
    func firstUsable(above highest: UInt16?) -> Int {
        guard let highest else { return 0 }
        var low = 0
        var high = indices.count
        while low < high {
            let middle = low + (high - low) / 2
            if indices[middle] <= highest { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Appends a bucket known to be above every bucket in the pool (used while
    /// loading, which scans the table in ascending order).
    mutating func appendAscending(_ bucket: UInt16) {
        indices.append(bucket)
    }

    /// Removes and returns `count` buckets starting at position `start`.
    mutating func take(from start: Int, count: Int) -> ArraySlice<UInt16> {
        let taken = indices[start ..< start + count]
        indices.removeSubrange(start ..< start + count)
        return taken
    }

    /// Adds freed buckets (none of which is already in the pool).
    mutating func insert(_ buckets: [UInt16]) {
        indices.append(contentsOf: buckets)
        indices.sort()
    }
}
