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

    /// ``nodeHeader(_:)`` and the v2 overflow link that follows the header
    /// (bytes 7..<15; meaningless in a v1 node), read together.
    @inlinable
    func nodeHeaderAndLink(_ address: UInt64) throws(StableError) -> (header: (version: UInt8, isLeaf: Bool, count: Int), link: UInt64) {
        guard allocator.isValidPayloadAddress(address, limit: memory.byteCount) else {
            throw BTreeMap.corrupt("node address \(address) is off the chunk grid")
        }
        var words: (UInt64, UInt64) = (0, 0)
        try withUnsafeMutableBytes(of: &words) { (raw) throws(StableError) in
            try memory.read(address, into: UnsafeMutableRawBufferPointer(rebasing: raw[0 ..< 15]))
        }
        let (header, link) = withUnsafeBytes(of: &words) {
            (UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)), UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: 7, as: UInt64.self)))
        }
        let parsed = try BTreeNodeView.parseHeader(header, address: address)
        if parsed.version == 1 && layout.format == .explicit {
            throw BTreeMap.corrupt("v1 node at \(address) in a v2 tree")
        }
        return (parsed, link)
    }

    /// Follows the overflow chain of the node at `address`, whose first page
    /// links to `link`, recording the page addresses in `chainBuffer`; returns
    /// their number. Validates each page (grid, magic) and bounds the walk.
    @inlinable
    func collectChain(_ address: UInt64, link: UInt64) throws(StableError) -> Int {
        var next = link
        var count = 0
        let limit = maxChainLength
        while next != 0 {
            guard count < limit else { throw BTreeMap.corrupt("overflow chain of node \(address) cycles") }
            guard allocator.isValidPayloadAddress(next, limit: memory.byteCount) else {
                throw BTreeMap.corrupt("overflow page address \(next) is off the chunk grid")
            }
            let page = next
            let following = try memory.withBytes(at: page, count: BTreeLayout.overflowDataOffset) {
                (header) throws(StableError) -> UInt64 in
                guard header.loadUnaligned(as: UInt32.self) & 0xFF_FFFF == 0x46_4F4E else {
                    throw BTreeMap.corrupt("bad overflow page magic at \(page)")
                }
                return UInt64(littleEndian: header.loadUnaligned(fromByteOffset: 3, as: UInt64.self))
            }
            reserveChain(count + 1)
            chainBuffer[count] = page
            count += 1
            next = following
        }
        return count
    }

    /// Grows `chainBuffer` to hold at least `count` addresses (keeping its content).
    @inlinable
    func reserveChain(_ count: Int) {
        guard chainCapacity < count else { return }
        let capacity = Swift.max(count, chainCapacity &* 2)
        let grown = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity)
        grown.update(from: chainBuffer, count: chainCapacity)
        chainBuffer.deallocate()
        chainBuffer = grown
        chainCapacity = capacity
    }

    /// Reads a node's v2 stream, following its overflow chain, into a new array
    /// (with some spare capacity for an entry moved in); `pages` receives the
    /// overflow page addresses in chain order.
    @inlinable
    func readStream(_ address: UInt64, link knownLink: UInt64? = nil, pages: inout [UInt64]) throws(StableError) -> [UInt8] {
        let pageSize = layout.pageSize
        let link: UInt64
        if let knownLink { link = knownLink } else { link = try memory.load(UInt64.self, at: address + 7) }
        let count = try collectChain(address, link: link)
        if count == 0 {
            // Room for the entries an insert, a merge or a rebalance appends
            // (each a reallocation and a copy of the node otherwise).
            var stream: [UInt8] = []
            stream.reserveCapacity(2 &* pageSize)
            try memory.withBytes(at: address, count: pageSize) { (first) throws(StableError) in
                stream.append(contentsOf: first)
            }
            return stream
        }
        pages.reserveCapacity(pages.count + count)
        for j in 0 ..< count { pages.append(chainBuffer[j]) }
        let capacity = layout.overflowCapacity
        let length = pageSize + count * capacity
        // (Appending keeps to specialised code; the uninitialised-capacity
        // initialiser looks up generic metadata on every call.)
        var stream: [UInt8] = []
        stream.reserveCapacity(length + length / 4 + 64)
        try memory.withBytes(at: address, count: pageSize) { (first) throws(StableError) in
            stream.append(contentsOf: first)
        }
        for j in 0 ..< count {
            try memory.withBytes(at: chainBuffer[j] + UInt64(BTreeLayout.overflowDataOffset), count: capacity) {
                (page) throws(StableError) in
                stream.append(contentsOf: page)
            }
        }
        return stream
    }

    /// Calls `body` with a zero-copy view of the node at `address` (a copy
    /// only for nodes with overflow pages). One bounds-checked memory access.
    ///
    /// With `keysOnly`, a node whose keys all lie in its first page may be
    /// viewed without its values (``BTreeNodeView/isPartial``): only its keys
    /// and children may then be read (values would be reported as past the
    /// stream end).
    @inlinable
    func withNode<R>(_ address: UInt64, keysOnly: Bool = false, _ body: (BTreeNodeView) throws(StableError) -> R) throws(StableError) -> R {
        guard allocator.isValidPayloadAddress(address, limit: memory.byteCount) else {
            throw BTreeMap.corrupt("node address \(address) is off the chunk grid")
        }
        if keysOnly, BTreeMap.readsKeyPrefixes, keysPrefix &* 2 <= layout.pageSize,
           let result = try withKeysPrefix(address, body) {
            return result
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
            let overflowed = raw.loadUnaligned(fromByteOffset: 7, as: UInt64.self) != 0
            if !overflowed
                || (keysOnly && fixedKeySize >= 0
                    && BTreeLayout.v2ChildrenOffset + (header.isLeaf ? 0 : 8 * (header.count + 1))
                        + header.count * fixedKeySize <= layout.pageSize) {
                var view = try BTreeNodeView(bytes: raw, isV1: false, isLeaf: header.isLeaf, count: header.count,
                                             fixedKeySize: fixedKeySize, layout: layout)
                view.isPartial = overflowed
                return try body(view)
            }
            if !readBufferInUse {
                readBufferInUse = true
                defer { readBufferInUse = false }
                let length = try assembleStream(address, first: raw)
                return try body(BTreeNodeView(bytes: UnsafeRawBufferPointer(start: readBuffer, count: length),
                                              isV1: false, isLeaf: header.isLeaf, count: header.count,
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

    /// Assembles the v2 stream of the node at `address` (whose first page is
    /// `first`) into `readBuffer`, following its overflow chain in one pass
    /// (one memory access per page; the page addresses are left in
    /// `chainBuffer`); returns its length.
    @inlinable
    func assembleStream(_ address: UInt64, first: UnsafeRawBufferPointer) throws(StableError) -> Int {
        let pageSize = layout.pageSize
        let capacity = layout.overflowCapacity
        func reserve(_ count: Int) {
            guard readCapacity < count else { return }
            let grown = Swift.max(count, readCapacity &* 2)
            let fresh = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 8)
            fresh.copyMemory(from: readBuffer, byteCount: readCapacity)
            readBuffer.deallocate()
            readBuffer = fresh
            readCapacity = grown
        }
        reserve(pageSize)
        readBuffer.copyMemory(from: first.baseAddress!, byteCount: pageSize)
        var length = pageSize
        var next = UInt64(littleEndian: first.loadUnaligned(fromByteOffset: 7, as: UInt64.self))
        var count = 0
        let limit = maxChainLength
        while next != 0 {
            guard count < limit else { throw BTreeMap.corrupt("overflow chain of node \(address) cycles") }
            guard allocator.isValidPayloadAddress(next, limit: memory.byteCount) else {
                throw BTreeMap.corrupt("overflow page address \(next) is off the chunk grid")
            }
            reserve(length + capacity)
            reserveChain(count + 1)
            let target = readBuffer + length
            let following = try memory.withBytes(at: next, count: pageSize) { (page) throws(StableError) -> UInt64 in
                guard page.loadUnaligned(as: UInt32.self) & 0xFF_FFFF == 0x46_4F4E else {
                    throw BTreeMap.corrupt("bad overflow page magic at \(next)")
                }
                target.copyMemory(from: page.baseAddress! + BTreeLayout.overflowDataOffset, byteCount: capacity)
                return UInt64(littleEndian: page.loadUnaligned(fromByteOffset: 3, as: UInt64.self))
            }
            chainBuffer[count] = next
            count += 1
            length += capacity
            next = following
        }
        return length
    }

    /// Loads the node at `address` for modification.
    @inlinable
    func loadNode(_ address: UInt64) throws(StableError) -> BTreeNode {
        // The header and the overflow link with one read.
        let (header, link) = try nodeHeaderAndLink(address)
        var node = BTreeNode(address: address, isV1: header.version == 1, isLeaf: header.isLeaf)
        if node.isV1 {
            node.arena = try memory.readBytes(address, count: layout.pageSize)
        } else {
            node.arena = try readStream(address, link: link, pages: &node.overflows)
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

    /// Writes a node (StableStructures.docc/ByteLayout.md, "B-tree map and set"), allocating or freeing overflow pages.
    @inlinable
    func saveNode(_ node: inout BTreeNode) throws(StableError) {
        if node.isV1 { try saveV1Node(node); return }
        let count = node.entries.count
        var length = BTreeLayout.v2ChildrenOffset + 8 * node.children.count
        for span in node.entries {
            length += (fixedKeySize >= 0 ? 0 : 4) + span.keyCount + 4 + span.valueCount
        }
        if length > layout.pageSize {
            try saveSpanningNode(&node, length: length)
            return
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
                if let source, span.keyCount > 0 { copyEntryBytes(out + offset, source + span.keyStart, span.keyCount) }
                offset += span.keyCount
            }
            for span in node.entries {
                out.storeBytes(of: UInt32(truncatingIfNeeded: span.valueCount).littleEndian, toByteOffset: offset, as: UInt32.self)
                offset += 4
                if let source, span.valueCount > 0 { copyEntryBytes(out + offset, source + span.valueStart, span.valueCount) }
                offset += span.valueCount
            }
        }
        try writeStream(node.address, length: length, pages: &node.overflows)
    }

    /// Writes a v2 node whose `length`-byte stream spans overflow pages: sizes
    /// the chain first, then writes the stream page by page, large values
    /// straight from the node's arena and everything else gathered in the
    /// stream buffer (the same bytes as assembling the whole stream first).
    @inlinable
    func saveSpanningNode(_ node: inout BTreeNode, length: Int) throws(StableError) {
        let address = node.address
        var pages = try loadChain(node.overflows)
        try resizeChain(address, count: &pages, length: length)
        storeChain(pages, into: &node.overflows)
        let stage = streamBuffer(Swift.min(length, 4096))
        let stageCapacity = spliceCapacity
        var staged = 0
        var position = 0
        func flush() throws(StableError) {
            guard staged > 0 else { return }
            try writeStreamBytes(address, pages: pages, at: position, UnsafeRawBufferPointer(start: stage, count: staged))
            position += staged
            staged = 0
        }
        func put(_ bytes: UnsafeRawPointer?, _ count: Int) throws(StableError) {
            guard count > 0, let bytes else { return }
            if count >= 256 {
                try flush()
                try writeStreamBytes(address, pages: pages, at: position, UnsafeRawBufferPointer(start: bytes, count: count))
                position += count
                return
            }
            if staged + count > stageCapacity { try flush() }
            (stage + staged).copyMemory(from: bytes, byteCount: count)
            staged += count
        }
        func put<T: FixedWidthInteger>(_ value: T) throws(StableError) {
            var field = value.littleEndian
            try withUnsafeBytes(of: &field) { (raw) throws(StableError) in try put(raw.baseAddress, raw.count) }
        }
        try put(UInt32(0x024E_5442))
        try put(UInt8(node.isLeaf ? 0 : 1))
        try put(UInt16(truncatingIfNeeded: node.entries.count))
        try put(pages > 0 ? chainBuffer[0] : 0)
        for child in node.children { try put(child) }
        let fixed = fixedKeySize
        try node.arena.btreeWithBytes { (arena) throws(StableError) in
            let source = arena.baseAddress
            for span in node.entries {
                if fixed < 0 { try put(UInt32(truncatingIfNeeded: span.keyCount)) }
                try put(source.map { $0 + span.keyStart }, span.keyCount)
            }
            for span in node.entries {
                try put(UInt32(truncatingIfNeeded: span.valueCount))
                try put(source.map { $0 + span.valueStart }, span.valueCount)
            }
        }
        try flush()
    }

    /// Writes the `length`-byte v2 stream in the stream buffer to the node at
    /// `address` whose overflow pages are `pages` (StableStructures.docc/ByteLayout.md, "B-tree map and set"): see
    /// ``resizeChain(_:count:length:)``, then writes the stream across the pages.
    @inlinable
    func writeStream(_ address: UInt64, length: Int, pages: inout [UInt64]) throws(StableError) {
        if pages.isEmpty && length <= layout.pageSize {
            try writeBufferedStream(address, length: length, pages: 0)
            return
        }
        var count = try loadChain(pages)
        try resizeChain(address, count: &count, length: length)
        storeChain(count, into: &pages)
        try writeBufferedStream(address, length: length, pages: count)
    }

    /// Copies `pages` into `chainBuffer`; returns their number.
    @inlinable
    func loadChain(_ pages: [UInt64]) throws(StableError) -> Int {
        reserveChain(pages.count)
        for j in 0 ..< pages.count { chainBuffer[j] = pages[j] }
        return pages.count
    }

    /// Makes `pages` equal `chainBuffer[0 ..< count]` after a
    /// ``resizeChain(_:count:length:)`` of it (which changes only its end).
    @inlinable
    func storeChain(_ count: Int, into pages: inout [UInt64]) {
        if count < pages.count {
            pages.removeLast(pages.count - count)
        } else if count > pages.count {
            pages.reserveCapacity(count)
            for j in pages.count ..< count { pages.append(chainBuffer[j]) }
        }
    }

    /// Writes the `length`-byte v2 stream in the stream buffer to the node at
    /// `address` whose overflow pages (already sized for `length`) are
    /// `chainBuffer[0 ..< pages]`.
    @inlinable
    func writeBufferedStream(_ address: UInt64, length: Int, pages: Int) throws(StableError) {
        let out = spliceBuffer
        let first = pages > 0 ? chainBuffer[0] : 0
        let pageSize = layout.pageSize
        let capacity = layout.overflowCapacity
        out.storeBytes(of: first.littleEndian, toByteOffset: 7, as: UInt64.self)
        try memory.write(address, UnsafeRawBufferPointer(start: out, count: Swift.min(length, pageSize)))
        var position = pageSize
        for j in 0 ..< pages {
            let end = Swift.min(position + capacity, length)
            try memory.write(chainBuffer[j] + UInt64(BTreeLayout.overflowDataOffset),
                             UnsafeRawBufferPointer(start: out + position, count: end - position))
            position = end
        }
    }

    /// Sizes the overflow chain `chainBuffer[0 ..< count]` of the node at
    /// `address` for a stream of `length` bytes, as the crate does: appends
    /// pages as needed (allocate, `"NOF"` + null link, link from the previous
    /// page), or frees surplus pages last-first and terminates the chain. The
    /// node's own link field is left to the caller.
    @inlinable
    func resizeChain(_ address: UInt64, count: inout Int, length: Int) throws(StableError) {
        let needed = layout.overflowPages(forStreamLength: length)
        if count < needed { reserveChain(needed) }
        while count < needed {
            let page = try allocator.allocate(memory)
            var header: (UInt64, UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &header) { raw in
                raw[0] = 0x4E; raw[1] = 0x4F; raw[2] = 0x46
            }
            try withUnsafeBytes(of: &header) { (raw) throws(StableError) in
                try memory.write(page, UnsafeRawBufferPointer(rebasing: raw[0 ..< 11]))
            }
            if count > 0 { try memory.store(page, at: chainBuffer[count - 1] + 3) }
            chainBuffer[count] = page
            count += 1
        }
        if count > needed {
            var index = count - 1
            while index >= needed {
                try allocator.deallocate(memory, chainBuffer[index])
                index -= 1
            }
            count = needed
            if count > 0 { try memory.store(UInt64(0), at: chainBuffer[count - 1] + 3) }
        }
    }

    /// Writes `bytes` at offset `offset` of the v2 stream of the node at
    /// `address` whose overflow pages are `chainBuffer[0 ..< pages]`, split
    /// across the pages it spans.
    @inlinable
    func writeStreamBytes(_ address: UInt64, pages: Int, at offset: Int, _ bytes: UnsafeRawBufferPointer) throws(StableError) {
        let pageSize = layout.pageSize
        let capacity = layout.overflowCapacity
        var offset = offset
        var done = 0
        while done < bytes.count {
            let target: UInt64
            let room: Int
            if offset < pageSize {
                target = address + UInt64(offset)
                room = pageSize - offset
            } else {
                let page = (offset - pageSize) / capacity
                let within = (offset - pageSize) % capacity
                guard page < pages else { throw BTreeMap.corrupt("stream write past the overflow chain of node \(address)") }
                target = chainBuffer[page] + UInt64(BTreeLayout.overflowDataOffset + within)
                room = capacity - within
            }
            let count = Swift.min(room, bytes.count - done)
            try memory.write(target, UnsafeRawBufferPointer(start: bytes.baseAddress! + done, count: count))
            done += count
            offset += count
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
