/// Creating, loading and saving page 0 (StableStructures.docc/ByteLayout.md, "Memory manager").
extension MemoryManager {
    /// What page 0 of an existing manager holds.
    struct StoredHeader {
        var bucketSize: UInt16
        var allocated: Int
        /// The table bytes of buckets `0 ..< allocated`.
        var owners: [UInt8]
        /// The 255 size fields.
        var sizes: [UInt64]
    }

    /// Reads and validates page 0 of a non-empty memory. Reads only.
    static func loadHeader(_ memory: M) throws(StableError) -> StoredHeader {
        let layout = MemoryManagerLayout.self
        let magic = try memory.readBytes(0, count: 3)
        guard magic == [layout.magic.0, layout.magic.1, layout.magic.2] else {
            throw .badMagic(expected: layout.structureName, found: magic)
        }
        let version = try memory.load(UInt8.self, at: 3)
        guard version == layout.version else {
            throw .unsupportedVersion(structure: layout.structureName, version: UInt32(version))
        }
        let allocated = Int(try memory.load(UInt16.self, at: UInt64(layout.allocatedBucketsOffset)))
        let bucketSize = try memory.load(UInt16.self, at: UInt64(layout.bucketSizeOffset))
        guard allocated <= layout.maxBuckets else {
            throw .corrupted(structure: layout.structureName, reason: "\(allocated) buckets allocated, at most \(layout.maxBuckets) exist")
        }
        guard bucketSize > 0 else {
            throw .corrupted(structure: layout.structureName, reason: "the bucket size is 0 pages")
        }
        // The crate grows the memory to hold every allocated bucket before it
        // records them, so a smaller memory is truncated or has a damaged
        // header (and growing it to match could demand terabytes).
        let neededPages = 1 + UInt64(bucketSize) * UInt64(allocated)
        guard memory.size >= neededPages else {
            throw .corrupted(
                structure: layout.structureName,
                reason: "\(allocated) buckets of \(bucketSize) pages need \(neededPages) pages, the memory has \(memory.size)")
        }
        var sizes = [UInt64](repeating: 0, count: MemoryId.count)
        for index in 0 ..< MemoryId.count {
            sizes[index] = try memory.load(UInt64.self, at: UInt64(layout.sizeFieldOffset(index)))
        }
        let table = try memory.readBytes(layout.tableOffset, count: layout.maxBuckets)
        if let stray = table[allocated...].firstIndex(where: { $0 != layout.unallocated }) {
            throw .corrupted(
                structure: layout.structureName,
                reason: "bucket \(stray) has an owner but only \(allocated) buckets are allocated")
        }
        return StoredHeader(bucketSize: bucketSize, allocated: allocated, owners: Array(table[..<allocated]), sizes: sizes)
    }

    /// Rebuilds each memory's ascending bucket list and the free pool from
    /// `owners`, and checks every size against the buckets that back it.
    func rebuildBucketLists() throws(StableError) {
        for (bucket, owner) in owners.enumerated() {
            if owner == MemoryManagerLayout.unallocated {
                freePool.appendAscending(UInt16(bucket))
            } else {
                states[Int(owner)].buckets.append(UInt16(bucket))
            }
        }
        let bucketPages = UInt64(bucketSizeInPages)
        for (index, state) in states.enumerated() where state.pages > UInt64(state.buckets.count) * bucketPages {
            throw .corrupted(
                structure: MemoryManagerLayout.structureName,
                reason: "memory \(index) is \(state.pages) pages but owns only \(state.buckets.count) buckets of \(bucketPages) pages")
        }
    }

    /// Writes the header and an all-free table to an empty memory (growing it
    /// to one page), as the crate's `init` does.
    func createLayout() throws(StableError) {
        try withHeaderBytes(allocated: allocated) { (header) throws(StableError) in
            try memory.writeGrowing(0, header)
        }
        try withUnsafeTemporaryAllocation(byteCount: MemoryManagerLayout.maxBuckets, alignment: 8) {
            (table) throws(StableError) in
            table.initializeMemory(as: UInt8.self, repeating: MemoryManagerLayout.unallocated)
            try memory.writeGrowing(MemoryManagerLayout.tableOffset, UnsafeRawBufferPointer(table))
        }
    }

    /// Calls `body` with the 2080 header bytes for the current state, except
    /// that the allocated count is `allocated` and, when `override` is given,
    /// the size of that memory is `override.pages`.
    func withHeaderBytes<Result>(
        allocated: Int, override: (index: Int, pages: UInt64)? = nil,
        _ body: (UnsafeRawBufferPointer) throws(StableError) -> Result
    ) throws(StableError) -> Result {
        let layout = MemoryManagerLayout.self
        return try withUnsafeTemporaryAllocation(byteCount: layout.headerSize, alignment: 8) {
            (header) throws(StableError) -> Result in
            header.initializeMemory(as: UInt8.self, repeating: 0)
            header[0] = layout.magic.0
            header[1] = layout.magic.1
            header[2] = layout.magic.2
            header[3] = layout.version
            header.storeBytes(of: UInt16(allocated).littleEndian, toByteOffset: layout.allocatedBucketsOffset, as: UInt16.self)
            header.storeBytes(of: bucketSizeInPages.littleEndian, toByteOffset: layout.bucketSizeOffset, as: UInt16.self)
            for (index, state) in states.enumerated() {
                var pages = state.pages
                if let override, override.index == index { pages = override.pages }
                header.storeBytes(of: pages.littleEndian, toByteOffset: layout.sizeFieldOffset(index), as: UInt64.self)
            }
            return try body(UnsafeRawBufferPointer(header))
        }
    }
}
