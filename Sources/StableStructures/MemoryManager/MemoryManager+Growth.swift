/// Growing virtual memories and reclaiming them (StableStructures.docc/ByteLayout.md, "Memory manager").
extension MemoryManager {
    /// Grows memory `id` by `pages` pages; see ``VirtualMemory/grow(_:)``.
    ///
    /// Takes the buckets the new size needs — usable free buckets first (those
    /// above the memory's highest bucket, lowest first), then new indices at
    /// the high-water mark — grows the underlying memory to exactly
    /// `1 + bucketSize × allocated` pages (if it is smaller), writes the
    /// table bytes of the taken buckets and rewrites the whole header, even
    /// when `pages` is 0.
    ///
    /// - Returns: the previous size in pages, or -1 (state unchanged) if more
    ///   than 32 768 buckets would be needed or the underlying memory cannot
    ///   grow.
    @usableFromInline
    func grow(_ id: MemoryId, by pages: UInt64) -> Int64 {
        let state = states[id.index]
        let old = state.pages
        let (new, overflow) = old.addingReportingOverflow(pages)
        if overflow { return -1 }

        let bucketPages = UInt64(bucketSizeInPages)
        let wanted = new / bucketPages + (new % bucketPages == 0 ? 0 : 1)
        let owned = UInt64(state.buckets.count)
        let needed = wanted > owned ? wanted - owned : 0
        let firstUsable = freePool.firstUsable(above: state.buckets.last)
        let reused = Swift.min(needed, UInt64(freePool.count - firstUsable))
        let fresh = needed - reused
        guard fresh <= UInt64(MemoryManagerLayout.maxBuckets - allocated) else { return -1 }

        let newAllocated = allocated + Int(fresh)
        let wantedPages = 1 + bucketPages * UInt64(newAllocated)
        let currentPages = memory.size
        if wantedPages > currentPages, memory.grow(wantedPages - currentPages) == -1 { return -1 }

        let reusedRange = firstUsable ..< firstUsable + Int(reused)
        do throws(StableError) {
            let tableOffset = MemoryManagerLayout.tableOffset
            for bucket in freePool.indices[reusedRange] {
                try memory.store(id.rawValue, at: tableOffset + UInt64(bucket))
            }
            for bucket in allocated ..< newAllocated {
                try memory.store(id.rawValue, at: tableOffset + UInt64(bucket))
            }
            try withHeaderBytes(allocated: newAllocated, override: (id.index, new)) { (header) throws(StableError) in
                try memory.write(0, header)
            }
        } catch {
            // Only a memory whose page 0 rejects writes gets here.
            return -1
        }

        for bucket in freePool.take(from: firstUsable, count: Int(reused)) {
            state.buckets.append(bucket)
            owners[Int(bucket)] = id.rawValue
        }
        for bucket in allocated ..< newAllocated {
            state.buckets.append(UInt16(bucket))
            owners.append(id.rawValue)
        }
        allocated = newAllocated
        state.pages = new
        return Int64(old)
    }

    /// Frees every bucket of memory `id`, with the bytes of the crate's v0.7.1.
    ///
    /// Writes `0xFF` into the table byte of each bucket the memory owns, sets
    /// its size to 0 and rewrites the header; the allocated-bucket count is
    /// not decreased and the buckets' contents are left as they are. The freed
    /// buckets join the free pool; see the type's documentation for which
    /// growing memory may reuse them. Handles of `id` see a 0-page memory; any
    /// structure that lived in it must no longer be used.
    ///
    /// - Returns: the number of pages freed (`buckets × bucketSizeInPages`);
    ///   0, writing nothing, if the memory owns no bucket.
    /// - Throws: what the underlying memory throws on a write.
    /// - Complexity: O(b log b) for the b buckets in the free pool.
    @discardableResult
    public func reclaimMemory(_ id: MemoryId) throws(StableError) -> UInt64 {
        let state = states[id.index]
        let freed = state.buckets
        guard !freed.isEmpty else { return 0 }
        for bucket in freed {
            try memory.store(MemoryManagerLayout.unallocated, at: MemoryManagerLayout.tableOffset + UInt64(bucket))
        }
        try withHeaderBytes(allocated: allocated, override: (id.index, 0)) { (header) throws(StableError) in
            try memory.write(0, header)
        }
        for bucket in freed { owners[Int(bucket)] = MemoryManagerLayout.unallocated }
        freePool.insert(freed)
        state.buckets = []
        state.pages = 0
        return UInt64(freed.count) * UInt64(bucketSizeInPages)
    }
}
