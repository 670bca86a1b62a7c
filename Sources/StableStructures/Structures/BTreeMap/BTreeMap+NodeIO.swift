extension BTreeMap {
    @inlinable
    static func corrupt(_ reason: String) -> StableError {
        .corrupted(structure: "BTreeMap", reason: reason)
    }

    /// The longest overflow chain the memory could hold; longer chains are cycles.
    @inlinable
    var maxChainLength: Int {
        Int(truncatingIfNeeded: memory.byteCount / allocator.chunkSize) + 1
    }

    /// Reads and validates the header of the node at `address`.
    @inlinable
    func nodeHeader(_ address: UInt64) throws(StableError) -> (version: UInt8, isLeaf: Bool, count: Int) {
        guard allocator.isValidPayloadAddress(address, limit: memory.byteCount) else {
            throw BTreeMap.corrupt("node address \(address) is off the chunk grid")
        }
        let header = try BTreeNodeView.parseHeader(try memory.load(UInt64.self, at: address), address: address)
        if header.version == 1 && layout.format == .explicit {
            throw BTreeMap.corrupt("v1 node at \(address) in a v2 tree")
        }
        return header
    }

    /// Reads a node's v2 stream, following its overflow chain, into a new array;
    /// `pages` receives the overflow page addresses in chain order.
    @inlinable
    func readStream(_ address: UInt64, pages: inout [UInt64]) throws(StableError) -> [UInt8] {
        let pageSize = layout.pageSize
        var failure: StableError?
        var stream = [UInt8](unsafeUninitializedCapacity: pageSize) { buffer, initialized in
            do throws(StableError) {
                try memory.read(address, into: UnsafeMutableRawBufferPointer(buffer))
            } catch { failure = error }
            initialized = pageSize
        }
        if let failure { throw failure }
        var next = try memory.load(UInt64.self, at: address + 7)
        let limit = maxChainLength
        while next != 0 {
            guard pages.count < limit else { throw BTreeMap.corrupt("overflow chain of node \(address) cycles") }
            guard allocator.isValidPayloadAddress(next, limit: memory.byteCount) else {
                throw BTreeMap.corrupt("overflow page address \(next) is off the chunk grid")
            }
            let word = try memory.load(UInt32.self, at: next)
            guard word & 0xFF_FFFF == 0x46_4F4E else { throw BTreeMap.corrupt("bad overflow page magic at \(next)") }
            pages.append(next)
            let following = try memory.load(UInt64.self, at: next + 3)
            let start = stream.count
            stream.append(contentsOf: repeatElement(0, count: layout.overflowCapacity))
            stream.withUnsafeMutableBytes { raw in
                do throws(StableError) {
                    try memory.read(next + UInt64(BTreeLayout.overflowDataOffset),
                                    into: UnsafeMutableRawBufferPointer(rebasing: raw[start...]))
                } catch { failure = error }
            }
            if let failure { throw failure }
            next = following
        }
        return stream
    }

    /// Calls `body` with a zero-copy view of the node at `address` (a copy
    /// only for nodes with overflow pages). One bounds-checked memory access.
    @inlinable
    func withNode<R>(_ address: UInt64, _ body: (BTreeNodeView) throws(StableError) -> R) throws(StableError) -> R {
        guard allocator.isValidPayloadAddress(address, limit: memory.byteCount) else {
            throw BTreeMap.corrupt("node address \(address) is off the chunk grid")
        }
        let layout = self.layout
        let fixedKeySize = self.fixedKeySize
        // For v1 and derived trees the page size is the v1 node size, so one
        // page-sized view covers either node layout.
        return try memory.withBytes(at: address, count: layout.pageSize) { (raw) throws(StableError) -> R in
            let header = try BTreeNodeView.parseHeader(raw.loadUnaligned(as: UInt64.self), address: address)
            if header.version == 1 {
                guard layout.format != .explicit else { throw BTreeMap.corrupt("v1 node at \(address) in a v2 tree") }
                return try body(BTreeNodeView(bytes: raw, isV1: true, isLeaf: header.isLeaf, count: header.count,
                                              fixedKeySize: fixedKeySize, layout: layout))
            }
            if raw.loadUnaligned(fromByteOffset: 7, as: UInt64.self) == 0 {
                return try body(BTreeNodeView(bytes: raw, isV1: false, isLeaf: header.isLeaf, count: header.count,
                                              fixedKeySize: fixedKeySize, layout: layout))
            }
            var pages: [UInt64] = []
            let stream = try readStream(address, pages: &pages)
            return try stream.btreeWithBytes { (bytes) throws(StableError) -> R in
                try body(BTreeNodeView(bytes: bytes, isV1: false, isLeaf: header.isLeaf, count: header.count,
                                       fixedKeySize: fixedKeySize, layout: layout))
            }
        }
    }

    /// Loads the node at `address` for modification.
    @inlinable
    func loadNode(_ address: UInt64) throws(StableError) -> BTreeNode {
        let header = try nodeHeader(address)
        var node = BTreeNode(address: address, isV1: header.version == 1, isLeaf: header.isLeaf)
        if node.isV1 {
            node.arena = try memory.readBytes(address, count: layout.pageSize)
        } else {
            node.arena = try readStream(address, pages: &node.overflows)
        }
        let layout = self.layout
        let fixedKeySize = self.fixedKeySize
        try node.arena.btreeWithBytes { (raw) throws(StableError) in
            let view = try BTreeNodeView(bytes: raw, isV1: node.isV1, isLeaf: node.isLeaf, count: header.count,
                                         fixedKeySize: fixedKeySize, layout: layout)
            node.entries.reserveCapacity(BTreeLayout.capacity + 1)
            try view.forEachEntry { key, value in
                node.entries.append(BTreeEntrySpan(keyStart: key.lowerBound, keyCount: key.count,
                                                   valueStart: value.lowerBound, valueCount: value.count))
            }
            if !node.isLeaf {
                node.children.reserveCapacity(BTreeLayout.capacity + 2)
                for i in 0 ..< view.childCount { node.children.append(view.child(i)) }
            }
        }
        if let maxKey = Key.bound.maxSize {
            for span in node.entries where span.keyCount > maxKey || (fixedKeySize >= 0 && span.keyCount != fixedKeySize) {
                _ = span
                throw BTreeMap.corrupt("stored key of \(span.keyCount) bytes violates the key bound")
            }
        }
        return node
    }

    /// Allocates a chunk for a new, empty node (nothing is written into it).
    @inlinable
    func allocateNode(isLeaf: Bool) throws(StableError) -> BTreeNode {
        let address = try allocator.allocate(memory)
        return BTreeNode(address: address, isV1: layout.createsV1Nodes, isLeaf: isLeaf)
    }

    /// Frees a node: its overflow pages in chain order, then its chunk.
    @inlinable
    func freeNode(_ node: BTreeNode) throws(StableError) {
        for page in node.overflows { try allocator.deallocate(memory, page) }
        try allocator.deallocate(memory, node.address)
    }

    /// Writes a node (LAYOUT.md §6.3/§6.4), allocating or freeing overflow pages.
    @inlinable
    func saveNode(_ node: inout BTreeNode) throws(StableError) {
        if node.isV1 { try saveV1Node(node); return }
        let count = node.entries.count
        var length = BTreeLayout.v2ChildrenOffset + 8 * node.children.count
        for span in node.entries {
            length += (fixedKeySize >= 0 ? 0 : 4) + span.keyCount + 4 + span.valueCount
        }
        let out = streamBuffer(length)
        var offset = 0
        out.storeBytes(of: UInt32(0x024E_5442).littleEndian, toByteOffset: 0, as: UInt32.self)
        out.storeBytes(of: node.isLeaf ? 0 : 1, toByteOffset: 4, as: UInt8.self)
        out.storeBytes(of: UInt16(truncatingIfNeeded: count).littleEndian, toByteOffset: 5, as: UInt16.self)
        offset = BTreeLayout.v2ChildrenOffset
        for child in node.children {
            out.storeBytes(of: child.littleEndian, toByteOffset: offset, as: UInt64.self)
            offset += 8
        }
        let fixed = fixedKeySize
        node.arena.withUnsafeBytes { arena in
            let source = arena.baseAddress
            for span in node.entries {
                if fixed < 0 {
                    out.storeBytes(of: UInt32(truncatingIfNeeded: span.keyCount).littleEndian, toByteOffset: offset, as: UInt32.self)
                    offset += 4
                }
                if let source, span.keyCount > 0 { (out + offset).copyMemory(from: source + span.keyStart, byteCount: span.keyCount) }
                offset += span.keyCount
            }
            for span in node.entries {
                out.storeBytes(of: UInt32(truncatingIfNeeded: span.valueCount).littleEndian, toByteOffset: offset, as: UInt32.self)
                offset += 4
                if let source, span.valueCount > 0 { (out + offset).copyMemory(from: source + span.valueStart, byteCount: span.valueCount) }
                offset += span.valueCount
            }
        }
        let needed = layout.overflowPages(forStreamLength: length)
        while node.overflows.count < needed {
            let page = try allocator.allocate(memory)
            var header: (UInt64, UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &header) { raw in
                raw[0] = 0x4E; raw[1] = 0x4F; raw[2] = 0x46
            }
            try withUnsafeBytes(of: &header) { (raw) throws(StableError) in
                try memory.write(page, UnsafeRawBufferPointer(rebasing: raw[0 ..< 11]))
            }
            if let last = node.overflows.last { try memory.store(page, at: last + 3) }
            node.overflows.append(page)
        }
        if node.overflows.count > needed {
            var index = node.overflows.count - 1
            while index >= needed {
                try allocator.deallocate(memory, node.overflows[index])
                index -= 1
            }
            node.overflows.removeLast(node.overflows.count - needed)
            if let last = node.overflows.last { try memory.store(UInt64(0), at: last + 3) }
        }
        let first = node.overflows.first ?? 0
        let pageSize = layout.pageSize
        let capacity = layout.overflowCapacity
        out.storeBytes(of: first.littleEndian, toByteOffset: 7, as: UInt64.self)
        try memory.write(node.address, UnsafeRawBufferPointer(start: out, count: Swift.min(length, pageSize)))
        var position = pageSize
        for page in node.overflows {
            let end = Swift.min(position + capacity, length)
            try memory.write(page + UInt64(BTreeLayout.overflowDataOffset), UnsafeRawBufferPointer(start: out + position, count: end - position))
            position = end
        }
    }

    /// The reusable stream buffer, grown to at least `count` bytes.
    @inlinable
    func streamBuffer(_ count: Int) -> UnsafeMutableRawPointer {
        if spliceCapacity < count {
            spliceBuffer.deallocate()
            spliceCapacity = Swift.max(count, spliceCapacity &* 2)
            spliceBuffer = UnsafeMutableRawPointer.allocate(byteCount: spliceCapacity, alignment: 8)
        }
        return spliceBuffer
    }

    /// Writes a v1 node: header, each entry's lengths and bytes in its slot,
    /// then the children right after the used slots.
    @inlinable
    func saveV1Node(_ node: BTreeNode) throws(StableError) {
        let maxKey = Int(layout.maxKeySize)
        let maxValue = Int(layout.maxValueSize)
        for span in node.entries {
            if span.keyCount > maxKey {
                throw .boundViolated(type: Key.typeName, maxSize: maxKey, fixedSize: false, actualSize: span.keyCount)
            }
            if span.valueCount > maxValue {
                throw .boundViolated(type: Value.typeName, maxSize: maxValue, fixedSize: false, actualSize: span.valueCount)
            }
        }
        // Read-modify-write of the page writes exactly the crate's bytes: the
        // bytes not overlaid keep their current (stale) content.
        let pageSize = layout.v1PageSize
        let slot = layout.v1SlotSize
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: repeatElement(0, count: pageSize))
        let address = node.address
        try scratch.btreeWithMutableBytes { (page) throws(StableError) in
            try memory.read(address, into: page)
            page.copyBytes(from: [0x42, 0x54, 0x4E, 1, node.isLeaf ? 0 : 1,
                                  UInt8(truncatingIfNeeded: node.entries.count), UInt8(truncatingIfNeeded: node.entries.count >> 8)])
            node.arena.withUnsafeBytes { arena in
                for (i, span) in node.entries.enumerated() {
                    let base = 7 + i * slot
                    page.storeBytes(of: UInt32(span.keyCount).littleEndian, toByteOffset: base, as: UInt32.self)
                    UnsafeMutableRawBufferPointer(rebasing: page[base + 4 ..< base + 4 + span.keyCount])
                        .copyMemory(from: UnsafeRawBufferPointer(rebasing: arena[span.keyStart ..< span.keyStart + span.keyCount]))
                    let valueBase = base + 4 + maxKey
                    page.storeBytes(of: UInt32(span.valueCount).littleEndian, toByteOffset: valueBase, as: UInt32.self)
                    UnsafeMutableRawBufferPointer(rebasing: page[valueBase + 4 ..< valueBase + 4 + span.valueCount])
                        .copyMemory(from: UnsafeRawBufferPointer(rebasing: arena[span.valueStart ..< span.valueStart + span.valueCount]))
                }
            }
            let childrenBase = 7 + node.entries.count * slot
            for (i, child) in node.children.enumerated() {
                page.storeBytes(of: child.littleEndian, toByteOffset: childrenBase + 8 * i, as: UInt64.self)
            }
            try memory.write(address, UnsafeRawBufferPointer(page))
        }
    }
}
