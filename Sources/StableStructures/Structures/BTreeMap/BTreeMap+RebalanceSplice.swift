extension BTreeMap {
    /// A v2 node copied into a scratch buffer: where its pieces lie in its
    /// stream, and the key and value pieces of one chosen entry (its "edited"
    /// entry). Keys are fixed-size.
    @usableFromInline
    struct PageNode {
        @usableFromInline var address: UInt64
        @usableFromInline var bytes: UnsafeMutableRawPointer
        /// The bytes of the stream copied at `bytes`.
        @usableFromInline var size: Int
        /// Whether the node has overflow pages (the copy is then its first page only).
        @usableFromInline var linked: Bool
        @usableFromInline var isLeaf: Bool
        @usableFromInline var count: Int
        /// Offset of the first key (just past the children).
        @usableFromInline var keysStart: Int
        /// Offset of the first value's length field (just past the keys).
        @usableFromInline var valuesStart: Int
        /// The edited entry's key piece, value piece (length field included)
        /// and the stream end.
        @usableFromInline var at: SplicePositions

        @inlinable
        init(address: UInt64, bytes: UnsafeMutableRawPointer, size: Int, linked: Bool, isLeaf: Bool, count: Int,
             keysStart: Int, valuesStart: Int, at: SplicePositions) {
            self.address = address
            self.bytes = bytes
            self.size = size
            self.linked = linked
            self.isLeaf = isLeaf
            self.count = count
            self.keysStart = keysStart
            self.valuesStart = valuesStart
            self.at = at
        }

        @inlinable
        var end: Int { at.streamEnd }

        /// The length of the edited entry's key and value pieces.
        @inlinable
        var entryLength: Int { (at.keyEnd - at.keyPosition) + (at.valueEnd - at.valuePosition) }
    }

    /// Appends pieces of node streams to a stream being assembled.
    @usableFromInline
    struct StreamAssembler {
        @usableFromInline let out: UnsafeMutableRawPointer
        @usableFromInline var length = 0

        @inlinable
        init(_ out: UnsafeMutableRawPointer, isLeaf: Bool, count: Int) {
            self.out = out
            out.storeBytes(of: UInt32(0x024E_5442).littleEndian, as: UInt32.self)
            out.storeBytes(of: isLeaf ? 0 : 1, toByteOffset: 4, as: UInt8.self)
            out.storeBytes(of: UInt16(truncatingIfNeeded: count).littleEndian, toByteOffset: 5, as: UInt16.self)
            out.storeBytes(of: UInt64(0), toByteOffset: 7, as: UInt64.self)
            length = BTreeLayout.v2ChildrenOffset
        }

        /// Appends bytes `from ..< to` of `node`'s stream.
        @inlinable @inline(__always)
        mutating func append(_ node: PageNode, _ from: Int, _ to: Int) {
            copyStreamBytes(out + length, node.bytes + from, to &- from)
            length &+= to &- from
        }
    }

    /// Copies the first page of the node at `address` into `slot` and parses
    /// its header; its edited entry is not located yet (see
    /// ``locate(_:entry:)``). Returns nil for v1 nodes and, unless
    /// `linked` is allowed, nodes with overflow pages.
    @inlinable
    func readPageNode(_ address: UInt64, into slot: UnsafeMutableRawPointer, linked allowed: Bool = false) throws(StableError) -> PageNode? {
        guard allocator.isValidPayloadAddress(address, limit: memory.byteCount) else {
            throw BTreeMap.corrupt("node address \(address) is off the chunk grid")
        }
        try memory.read(address, into: UnsafeMutableRawBufferPointer(start: slot, count: layout.pageSize))
        let header = try BTreeNodeView.parseHeader(UInt64(littleEndian: slot.loadUnaligned(as: UInt64.self)), address: address)
        guard header.version == 2 else {
            if layout.format == .explicit { throw BTreeMap.corrupt("v1 node at \(address) in a v2 tree") }
            return nil
        }
        let linked = slot.loadUnaligned(fromByteOffset: 7, as: UInt64.self) != 0
        if linked && !allowed { return nil }
        let keysStart = BTreeLayout.v2ChildrenOffset &+ (header.isLeaf ? 0 : 8 &* (header.count &+ 1))
        return PageNode(address: address, bytes: slot, size: layout.pageSize, linked: linked, isLeaf: header.isLeaf, count: header.count,
                        keysStart: keysStart, valuesStart: keysStart &+ header.count &* fixedKeySize,
                        at: SplicePositions(keyPosition: 0, keyEnd: 0, valuePosition: 0, valueEnd: 0, streamEnd: 0))
    }

    /// Locates entry `entry` of `node` and its stream end (every length
    /// field bounds-checked).
    @inlinable
    func locate(_ node: inout PageNode, entry: Int) throws(StableError) {
        let view = try BTreeNodeView(bytes: UnsafeRawBufferPointer(start: node.bytes, count: node.size), isV1: false,
                                     isLeaf: node.isLeaf, count: node.count, fixedKeySize: fixedKeySize, layout: layout)
        node.at = try splicePositions(view, index: entry)
    }

    /// ``rebalanceChild(_:_:)`` for the node at `address` applied directly to
    /// the node bytes, without materialising ``BTreeNode``s: gives child
    /// `index` an extra entry (rotate from the left sibling, else from the
    /// right one, else merge with the left, else with the right), writing
    /// exactly the bytes, frees and header of the general path in the same
    /// order. Returns the address to descend into.
    ///
    /// The parent may have overflow pages (its chain is resized as a save
    /// does); returns nil, having written nothing, when the tree has
    /// variable-size keys, when a node involved is v1, when the child or the
    /// sibling has overflow pages or would need some; the caller then takes
    /// the general path.
    @inlinable
    func rebalanceInPlace(_ address: UInt64, _ index: Int) throws(StableError) -> UInt64? {
        let pageSize = layout.pageSize
        // (The children block of any node lies in its first page.)
        guard fixedKeySize >= 0, layout.format != .v1,
              pageSize >= BTreeLayout.v2ChildrenOffset &+ 8 &* (BTreeLayout.capacity &+ 1) else { return nil }
        // Input slots (parent's first page, child, sibling), two output
        // slots, then room for the parent's new stream.
        var slots = streamBuffer(7 &* pageSize)
        guard var parent = try readPageNode(address, into: slots, linked: true) else { return nil }
        guard !parent.isLeaf else { throw BTreeMap.corrupt("rebalancing below leaf \(address)") }
        guard index <= parent.count else { throw BTreeMap.corrupt("child index past node \(address)") }
        // A parent with overflow pages is read whole into the read buffer
        // (its page addresses stay in `chainBuffer` until it is saved).
        var parentPages = 0
        var flagged = false
        defer { if flagged { readBufferInUse = false } }
        if parent.linked {
            if readBufferInUse { return nil }
            readBufferInUse = true
            flagged = true
            let length = try assembleStream(address, first: UnsafeRawBufferPointer(start: slots, count: pageSize))
            parentPages = layout.overflowPages(forStreamLength: length)
            parent.bytes = readBuffer
            parent.size = length
            // The rotated parent grows by at most the sibling's entry (< a page).
            slots = streamBuffer(5 &* pageSize &+ length &+ pageSize)
        }
        let out0 = slots + 3 &* pageSize
        let out1 = slots + 4 &* pageSize
        let out2 = slots + 5 &* pageSize
        let parentBytes = parent.bytes
        func childAddress(_ i: Int) -> UInt64 {
            UInt64(littleEndian: parentBytes.loadUnaligned(fromByteOffset: BTreeLayout.v2ChildrenOffset &+ 8 &* i, as: UInt64.self))
        }
        guard var child = try readPageNode(childAddress(index), into: slots + pageSize) else { return nil }
        let slotSibling = slots + 2 &* pageSize
        // The partner: the left sibling (rotate if it can spare an entry, else
        // merge unless the right one can spare one), else the right sibling.
        let isLeft: Bool
        let rotate: Bool
        var sibling: PageNode
        if index > 0, let left = try readPageNode(childAddress(index &- 1), into: slotSibling) {
            if left.count >= BTreeLayout.minimumDegree {
                (sibling, isLeft, rotate) = (left, true, true)
            } else if index < parent.count, try nodeHeader(childAddress(index &+ 1)).count >= BTreeLayout.minimumDegree {
                guard let right = try readPageNode(childAddress(index &+ 1), into: slotSibling) else { return nil }
                (sibling, isLeft, rotate) = (right, false, true)
            } else {
                (sibling, isLeft, rotate) = (left, true, false)
            }
        } else if index == 0, let right = try readPageNode(childAddress(1), into: slotSibling) {
            (sibling, isLeft, rotate) = (right, false, right.count >= BTreeLayout.minimumDegree)
        } else {
            return nil
        }
        guard sibling.isLeaf == child.isLeaf else { throw BTreeMap.corrupt("siblings of different kinds under node \(address)") }
        // The parent entry between child and sibling.
        try locate(&parent, entry: isLeft ? index &- 1 : index)
        try locate(&child, entry: 0)
        try locate(&sibling, entry: isLeft && rotate ? sibling.count &- 1 : 0)
        let isLeaf = child.isLeaf
        let link = isLeaf ? 0 : 8
        let p = parent.at
        if rotate {
            // The sibling gives up its last (left) or first (right) entry and
            // child; the parent's separator moves down into the child.
            let siblingLength = sibling.end &- sibling.entryLength &- link
            let childLength = child.end &+ parent.entryLength &+ link
            let parentLength = parent.end &- parent.entryLength &+ sibling.entryLength
            guard siblingLength <= pageSize, childLength <= pageSize, parentLength <= pageSize &+ parent.size else { return nil }
            let s = sibling.at
            var newSibling = StreamAssembler(out0, isLeaf: isLeaf, count: sibling.count &- 1)
            var newChild = StreamAssembler(out1, isLeaf: isLeaf, count: child.count &+ 1)
            if isLeft {
                newSibling.append(sibling, BTreeLayout.v2ChildrenOffset, sibling.keysStart &- link)
                newSibling.append(sibling, sibling.keysStart, s.keyPosition)
                newSibling.append(sibling, sibling.valuesStart, s.valuePosition)
                newChild.append(sibling, sibling.keysStart &- link, sibling.keysStart)
                newChild.append(child, BTreeLayout.v2ChildrenOffset, child.keysStart)
                newChild.append(parent, p.keyPosition, p.keyEnd)
                newChild.append(child, child.keysStart, child.valuesStart)
                newChild.append(parent, p.valuePosition, p.valueEnd)
                newChild.append(child, child.valuesStart, child.end)
            } else {
                newSibling.append(sibling, BTreeLayout.v2ChildrenOffset &+ link, sibling.keysStart)
                newSibling.append(sibling, s.keyEnd, sibling.valuesStart)
                newSibling.append(sibling, s.valueEnd, sibling.end)
                newChild.append(child, BTreeLayout.v2ChildrenOffset, child.keysStart)
                newChild.append(sibling, BTreeLayout.v2ChildrenOffset, BTreeLayout.v2ChildrenOffset &+ link)
                newChild.append(child, child.keysStart, child.valuesStart)
                newChild.append(parent, p.keyPosition, p.keyEnd)
                newChild.append(child, child.valuesStart, child.end)
                newChild.append(parent, p.valuePosition, p.valueEnd)
            }
            var newParent = StreamAssembler(out2, isLeaf: false, count: parent.count)
            newParent.append(parent, BTreeLayout.v2ChildrenOffset, p.keyPosition)
            newParent.append(sibling, s.keyPosition, s.keyEnd)
            newParent.append(parent, p.keyEnd, p.valuePosition)
            newParent.append(sibling, s.valuePosition, s.valueEnd)
            newParent.append(parent, p.valueEnd, parent.end)
            // Save sibling, child, parent (only the parent's save may allocate or free).
            try memory.write(sibling.address, UnsafeRawBufferPointer(start: out0, count: newSibling.length))
            try memory.write(child.address, UnsafeRawBufferPointer(start: out1, count: newChild.length))
            try saveComposedStream(address, pages: parentPages, out2, length: newParent.length)
            return child.address
        }
        // Merge the child (source) into the sibling (into), which keeps its
        // address; the parent loses the separator and the child's link.
        let mergedCount = sibling.count &+ 1 &+ child.count
        guard mergedCount <= BTreeLayout.capacity else { throw BTreeMap.corrupt("merged node overflows") }
        let mergedLength = sibling.end &+ child.end &- BTreeLayout.v2ChildrenOffset &+ parent.entryLength
        guard mergedLength <= pageSize else { return nil }
        // Which half comes first is decided by the first keys, as the crate does.
        let sourceKey = UnsafeRawBufferPointer(start: child.bytes + child.keysStart, count: fixedKeySize)
        let intoKey = UnsafeRawBufferPointer(start: sibling.bytes + sibling.keysStart, count: fixedKeySize)
        let order = Key.encodingPreservesOrder
            ? compareBytes(sourceKey, intoKey)
            : Key.compareKeys(try Key.decode(from: sourceKey), try Key.decode(from: intoKey))
        let (first, second) = order > 0 ? (sibling, child) : (child, sibling)
        var merged = StreamAssembler(out0, isLeaf: isLeaf, count: mergedCount)
        merged.append(first, BTreeLayout.v2ChildrenOffset, first.keysStart)
        merged.append(second, BTreeLayout.v2ChildrenOffset, second.keysStart)
        merged.append(first, first.keysStart, first.valuesStart)
        merged.append(parent, p.keyPosition, p.keyEnd)
        merged.append(second, second.keysStart, second.valuesStart)
        merged.append(first, first.valuesStart, first.end)
        merged.append(parent, p.valuePosition, p.valueEnd)
        merged.append(second, second.valuesStart, second.end)
        // Save the merged node, free the child, then save or free the parent.
        try memory.write(sibling.address, UnsafeRawBufferPointer(start: out0, count: merged.length))
        try allocator.deallocate(memory, child.address)
        if parent.count == 1 {
            // Free the parent: its overflow pages in chain order, then its chunk.
            for j in 0 ..< parentPages { try allocator.deallocate(memory, chainBuffer[j]) }
            try allocator.deallocate(memory, address)
            if address == root {
                root = sibling.address
                try saveHeader()
            }
            return sibling.address
        }
        let childLink = BTreeLayout.v2ChildrenOffset &+ 8 &* index
        var newParent = StreamAssembler(out2, isLeaf: false, count: parent.count &- 1)
        newParent.append(parent, BTreeLayout.v2ChildrenOffset, childLink)
        newParent.append(parent, childLink &+ 8, p.keyPosition)
        newParent.append(parent, p.keyEnd, p.valuePosition)
        newParent.append(parent, p.valueEnd, parent.end)
        try saveComposedStream(address, pages: parentPages, out2, length: newParent.length)
        return sibling.address
    }

    /// Saves the `length`-byte stream at `stream` (its link field is set
    /// here) to the node at `address` whose overflow pages are
    /// `chainBuffer[0 ..< pages]`: the chain is resized first, as a save does.
    @inlinable
    func saveComposedStream(_ address: UInt64, pages: Int, _ stream: UnsafeMutableRawPointer, length: Int) throws(StableError) {
        if pages == 0 && length <= layout.pageSize {
            try memory.write(address, UnsafeRawBufferPointer(start: stream, count: length))
            return
        }
        var count = pages
        try resizeChain(address, count: &count, length: length)
        stream.storeBytes(of: (count > 0 ? chainBuffer[0] : 0).littleEndian, toByteOffset: 7, as: UInt64.self)
        try writeStreamBytes(address, pages: count, at: 0, UnsafeRawBufferPointer(start: stream, count: length))
    }
}

/// Copies `count` bytes between node streams: short pieces (child links,
/// fixed-size keys and values, a few entries) word by word, since on wasm32 a
/// bulk copy costs 100 instructions plus one per byte; long ones in bulk.
@inlinable @inline(__always)
func copyStreamBytes(_ destination: UnsafeMutableRawPointer, _ source: UnsafeRawPointer, _ count: Int) {
    if count > 192 {
        destination.copyMemory(from: source, byteCount: count)
        return
    }
    var i = 0
    while i &+ 8 <= count {
        destination.storeBytes(of: source.loadUnaligned(fromByteOffset: i, as: UInt64.self), toByteOffset: i, as: UInt64.self)
        i &+= 8
    }
    if i &+ 4 <= count {
        destination.storeBytes(of: source.loadUnaligned(fromByteOffset: i, as: UInt32.self), toByteOffset: i, as: UInt32.self)
        i &+= 4
    }
    while i < count {
        destination.storeBytes(of: source.load(fromByteOffset: i, as: UInt8.self), toByteOffset: i, as: UInt8.self)
        i &+= 1
    }
}
