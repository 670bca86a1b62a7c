/// Lookups in an in-heap memory (``VectorMemory``).
///
/// The partial reads of `lookup(_:_:)` (a node's keys, then the
/// found value alone) move fewer bytes out of a canister's stable memory,
/// where every byte read costs. In the heap a node is viewed where it lies,
/// without a copy, so reading a prefix saves nothing and only adds work (the
/// keys walked twice, a closure called per node). Here the descent views each
/// node's first page in place and searches it directly; the value found in a
/// node without overflow pages is passed to `body` in place too (one in a
/// node with overflow pages is read as `lookup(_:_:)` reads it).
extension BTreeMap {
    /// ``lookup(_:_:)`` in the in-heap `storage` (this map's memory): calls
    /// `body` with the bytes of `key`'s value (an empty buffer unless
    /// `readsValue`); nil when absent. Writes nothing.
    ///
    /// Errors are those of ``lookup(_:_:)``: a node whose keys run past its
    /// first page (very large keys) is left to it, from the root.
    @inlinable
    func lookupInPlace<R>(
        _ storage: VectorMemory, _ key: Key, readsValue: Bool,
        _ body: (UnsafeRawBufferPointer) throws(StableError) -> R
    ) throws(StableError) -> R? {
        guard root != 0 else { return nil }
        let layout = self.layout
        let fixedKeySize = self.fixedKeySize
        let pageSize = layout.pageSize
        return try key.withEncodedBytes { (encodedKey) throws(StableError) -> R? in
            var address = root
            for _ in 0 ..< BTreeLayout.maxDepth {
                // The checks of `withNode` and `VectorMemory.withBytes`, in order.
                let limit = storage.storageCount
                guard allocator.isValidPayloadAddress(address, limit: limit) else {
                    throw BTreeMap.corrupt("node address \(address) is off the chunk grid")
                }
                try checkBounds(address, pageSize, limit: limit)
                // A valid address lies in the memory, so the storage exists.
                let page = UnsafeRawBufferPointer(start: storage.storageBase! + Int(address), count: pageSize)
                let header = try BTreeNodeView.parseHeader(page.loadUnaligned(as: UInt64.self), address: address)
                let view: BTreeNodeView
                var link: UInt64 = 0
                if header.version == 1 {
                    guard layout.format != .explicit else { throw BTreeMap.corrupt("v1 node at \(address) in a v2 tree") }
                    view = try BTreeNodeView(bytes: page, isV1: true, isLeaf: header.isLeaf, count: header.count,
                                             fixedKeySize: fixedKeySize, layout: layout)
                } else {
                    link = page.loadUnaligned(fromByteOffset: 7, as: UInt64.self)
                    view = try BTreeNodeView(bytes: page, isV1: false, isLeaf: header.isLeaf, count: header.count,
                                             fixedKeySize: fixedKeySize, layout: layout)
                }
                let found: Bool
                let index: Int
                var valuesStart = 0
                if link == 0 {
                    // The whole node lies in its page.
                    let position = try view.search(key, encoded: encodedKey)
                    found = position.found
                    index = position.index
                } else if let position = try view.searchWithin(key, encoded: encodedKey) {
                    found = position.found
                    index = position.index
                    valuesStart = position.valuesStart
                } else {
                    return try lookup(key, body)
                }
                if found {
                    if !readsValue { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
                    if link == 0 { return try body(try view.value(index)) }
                    return try withStoredValueInPlace(storage, address, link: link, valuesStart: valuesStart, index: index, body)
                }
                if view.isLeaf { return nil }
                address = view.child(index)
            }
            throw BTreeMap.corrupt("the tree is deeper than \(BTreeLayout.maxDepth) levels")
        }
    }

    /// ``withStoredValue(_:link:valuesStart:index:_:)`` in the in-heap
    /// `storage`: the value lengths are read in place, and a value that lies
    /// in one page is passed to `body` in place. A length field or value that
    /// spans pages is left to ``withStoredValue(_:link:valuesStart:index:_:)``.
    @inlinable
    func withStoredValueInPlace<R>(
        _ storage: VectorMemory, _ address: UInt64, link: UInt64, valuesStart: Int, index: Int,
        _ body: (UnsafeRawBufferPointer) throws(StableError) -> R
    ) throws(StableError) -> R {
        let pageSize = layout.pageSize
        let capacity = layout.overflowCapacity
        var cursor = BTreeStreamCursor(next: link)
        // The page holding stream offsets `pageStart ..< pageEnd`, at `page`.
        // Every page was checked to lie in the memory (the node by the caller,
        // overflow pages by `streamPage`), and nothing here grows it.
        var page = UnsafeRawPointer(storage.storageBase!) + Int(address)
        var pageStart = 0
        var pageEnd = pageSize
        var offset = valuesStart
        var remaining = index
        while true {
            if offset >= pageEnd {
                let number = (offset &- pageSize) / capacity
                let physical = try streamPage(address, number, cursor: &cursor)
                page = UnsafeRawPointer(storage.storageBase!) + Int(physical) + BTreeLayout.overflowDataOffset
                pageStart = pageSize &+ number &* capacity
                pageEnd = pageStart &+ capacity
            }
            guard pageEnd &- offset >= 4 else { break }
            let length = Int(truncatingIfNeeded: UInt32(littleEndian: page.loadUnaligned(fromByteOffset: offset &- pageStart, as: UInt32.self)))
            let (next, overflow) = offset.addingReportingOverflow(4 &+ length)
            guard length >= 0, !overflow, UInt64(length) <= storage.storageCount else {
                throw BTreeMap.corrupt("value length past the stream end in node \(address)")
            }
            if remaining == 0 {
                guard next <= pageEnd else { break }
                return try body(UnsafeRawBufferPointer(start: page + (offset &+ 4 &- pageStart), count: length))
            }
            offset = next
            remaining &-= 1
        }
        return try withStoredValue(address, link: link, valuesStart: valuesStart, index: index, body)
    }
}

extension BTreeNodeView {
    /// ``search(_:encoded:)`` in a v2 view of a node's first page only (the
    /// rest of the node lies in overflow pages), also giving the offset where
    /// the values begin; nil when the keys do not all lie in the view. One
    /// pass over the key lengths.
    @inlinable
    func searchWithin<Key: StorableKey>(
        _ key: Key, encoded: UnsafeRawBufferPointer
    ) throws(StableError) -> (found: Bool, index: Int, valuesStart: Int)? {
        if fixedKeySize >= 0 {
            let end = keysStart &+ count &* fixedKeySize
            guard end <= bytes.count else { return nil }
            let position = try search(key, encoded: encoded)
            return (position.found, position.index, end)
        }
        let count = self.count
        let keysStart = self.keysStart
        let bytes = self.bytes
        return try withUnsafeTemporaryAllocation(of: Int.self, capacity: BTreeLayout.capacity) {
            (starts) throws(StableError) -> (found: Bool, index: Int, valuesStart: Int)? in
            guard count <= starts.count else { throw BTreeNodeView.corrupt("node has \(count) entries") }
            // Wrapping arithmetic: every offset stays at or below `end`
            // (checked before each step).
            let end = bytes.count
            var offset = keysStart
            for i in 0 ..< count {
                guard end &- offset >= 4 else { return nil }
                let length = Int(truncatingIfNeeded: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
                guard length >= 0, length <= end &- offset &- 4 else { return nil }
                starts[i] = offset
                offset = offset &+ 4 &+ length
            }
            let base = bytes.baseAddress!
            var low = 0
            var high = count
            while low < high {
                let mid = (low &+ high) >> 1
                let start = starts[mid]
                let length = Int(truncatingIfNeeded: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: start, as: UInt32.self)))
                let stored = UnsafeRawBufferPointer(start: base + (start &+ 4), count: length)
                let order = try compareStoredKey(stored, key, encoded)
                if order == 0 { return (true, mid, offset) }
                if order < 0 { low = mid &+ 1 } else { high = mid }
            }
            return (false, low, offset)
        }
    }
}
