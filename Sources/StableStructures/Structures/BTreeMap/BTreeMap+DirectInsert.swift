// Inserts and splits that edit v2 node streams without materialising a
// `BTreeNode` (StableStructures.docc/ByteLayout.md, "B-tree map and set").
//
// A node's stream is read with one memory read per page straight into its
// place in a reusable buffer (no copy inside the heap), and the edited stream
// is written piece by piece from that buffer and from the caller's bytes:
// the bytes before the first change are not rewritten, everything after it
// is, page by page, exactly as a full save would leave it. The overflow
// chains are sized by `resizeChain`, so the allocation order is the crate's.

/// Where the next byte of a v2 node stream goes: the memory offset and the
/// bytes left in its page (see ``BTreeMap/writeRun(_:_:_:_:)``).
@usableFromInline
struct BTreeStreamCursorOut {
    /// The node's address.
    @usableFromInline let address: UInt64
    /// The number of overflow pages (addresses in the map's `chainBuffer`).
    @usableFromInline let pages: Int
    /// Memory offset of the next byte.
    @usableFromInline var target: UInt64 = 0
    /// Bytes left after `target` in its page.
    @usableFromInline var room: Int = 0
    /// Index of the overflow page holding `target` (-1: the node's first page).
    @usableFromInline var page: Int = -1

    @inlinable
    init(address: UInt64, pages: Int) {
        self.address = address
        self.pages = pages
    }
}

/// Bytes inserted into a node stream, optionally preceded by their `u32`
/// length (a key of a variable-size type, or a value).
@usableFromInline
struct BTreeInsertedPiece {
    @usableFromInline let bytes: UnsafeRawBufferPointer
    @usableFromInline let prefixed: Bool

    @inlinable
    init(_ bytes: UnsafeRawBufferPointer, prefixed: Bool) {
        self.bytes = bytes
        self.prefixed = prefixed
    }

    /// The piece's size in the stream.
    @inlinable
    var size: Int { (prefixed ? 4 : 0) &+ bytes.count }
}

extension BTreeMap {
    /// Grows a reusable buffer to at least `count` bytes, keeping its first `keep` bytes.
    @inlinable
    func growBuffer(_ buffer: inout UnsafeMutableRawPointer, _ capacity: inout Int, to count: Int, keep: Int) {
        guard capacity < count else { return }
        let grown = Swift.max(count, capacity &* 2)
        let fresh = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 8)
        if keep > 0 { fresh.copyMemory(from: buffer, byteCount: keep) }
        buffer.deallocate()
        buffer = fresh
        capacity = grown
    }

    /// Reads the stream of the node at `address` into `buffer` (grown as
    /// needed) with one memory read per page: each overflow page is read 11
    /// bytes before its data's place, over the previous page's last bytes,
    /// which are kept aside and put back. Leaves the overflow page addresses
    /// in `chainBuffer`. With `firstPageRead`, the buffer holds the first page
    /// already (``classifyFirstPage(_:_:)``). Validates the header, the chain (grid, magic, no
    /// cycle) and that a v1 node is only found where v1 nodes may be.
    ///
    /// - Returns: the header, the buffered length (whole pages) and the
    ///   number of overflow pages (a v1 node: its header, 0, 0).
    @inlinable
    func readNodeStream(
        _ address: UInt64, _ buffer: inout UnsafeMutableRawPointer, _ capacity: inout Int, firstPageRead: Bool = false
    ) throws(StableError) -> (header: (version: UInt8, isLeaf: Bool, count: Int), length: Int, pages: Int) {
        guard allocator.isValidPayloadAddress(address, limit: memory.byteCount) else {
            throw BTreeMap.corrupt("node address \(address) is off the chunk grid")
        }
        let pageSize = layout.pageSize
        let overflowCapacity = layout.overflowCapacity
        if !firstPageRead {
            growBuffer(&buffer, &capacity, to: pageSize, keep: 0)
            try memory.read(address, into: UnsafeMutableRawBufferPointer(start: buffer, count: pageSize))
        }
        let header = try BTreeNodeView.parseHeader(UInt64(littleEndian: buffer.loadUnaligned(as: UInt64.self)), address: address)
        if header.version != 2 {
            guard layout.format != .explicit else { throw BTreeMap.corrupt("v1 node at \(address) in a v2 tree") }
            return (header, 0, 0)
        }
        var next = UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: 7, as: UInt64.self))
        var length = pageSize
        var pages = 0
        let limit = maxChainLength
        let byteCount = memory.byteCount
        while next != 0 {
            guard pages < limit else { throw BTreeMap.corrupt("overflow chain of node \(address) cycles") }
            guard allocator.isValidPayloadAddress(next, limit: byteCount) else {
                throw BTreeMap.corrupt("overflow page address \(next) is off the chunk grid")
            }
            growBuffer(&buffer, &capacity, to: length &+ overflowCapacity, keep: length)
            let start = buffer + (length &- BTreeLayout.overflowDataOffset)
            let kept = (start.loadUnaligned(as: UInt64.self), start.loadUnaligned(fromByteOffset: 3, as: UInt64.self))
            try memory.read(next, into: UnsafeMutableRawBufferPointer(start: start, count: pageSize))
            let magic = start.loadUnaligned(as: UInt32.self)
            let following = UInt64(littleEndian: start.loadUnaligned(fromByteOffset: 3, as: UInt64.self))
            start.storeBytes(of: kept.0, as: UInt64.self)
            start.storeBytes(of: kept.1, toByteOffset: 3, as: UInt64.self)
            guard UInt32(littleEndian: magic) & 0xFF_FFFF == 0x46_4F4E else {
                throw BTreeMap.corrupt("bad overflow page magic at \(next)")
            }
            reserveChain(pages &+ 1)
            chainBuffer[pages] = next
            pages &+= 1
            length &+= overflowCapacity
            next = following
        }
        // Slack after the stream for the edits' temporary length field.
        growBuffer(&buffer, &capacity, to: length &+ 16, keep: length)
        return (header, length, pages)
    }

    /// Points `cursor` at stream offset `offset` (at most the stream's length).
    @inlinable
    func seek(_ cursor: inout BTreeStreamCursorOut, to offset: Int) throws(StableError) {
        let pageSize = layout.pageSize
        if offset <= pageSize {
            cursor.target = cursor.address &+ UInt64(offset)
            cursor.room = pageSize &- offset
            cursor.page = -1
            return
        }
        // The cursor goes right after the byte before `offset`, so a seek to
        // the very end of a full last page needs no page past the chain.
        let capacity = layout.overflowCapacity
        let relative = offset &- pageSize &- 1
        let page = relative / capacity
        let within = relative % capacity &+ 1
        guard page < cursor.pages else { throw BTreeMap.corrupt("stream write past the overflow chain of node \(cursor.address)") }
        cursor.page = page
        cursor.target = chainBuffer[page] &+ UInt64(BTreeLayout.overflowDataOffset &+ within)
        cursor.room = capacity &- within
    }

    /// Writes `count` bytes at `bytes` at the cursor, across page ends.
    @inlinable
    func writeRun(_ cursor: inout BTreeStreamCursorOut, _ bytes: UnsafeRawPointer, _ count: Int) throws(StableError) {
        var done = 0
        while done < count {
            if cursor.room == 0 {
                cursor.page &+= 1
                guard cursor.page < cursor.pages else {
                    throw BTreeMap.corrupt("stream write past the overflow chain of node \(cursor.address)")
                }
                cursor.target = chainBuffer[cursor.page] &+ UInt64(BTreeLayout.overflowDataOffset)
                cursor.room = layout.overflowCapacity
            }
            let run = Swift.min(cursor.room, count &- done)
            try memory.write(cursor.target, UnsafeRawBufferPointer(start: bytes + done, count: run))
            cursor.target &+= UInt64(run)
            cursor.room &-= run
            done &+= run
        }
    }

    /// Writes an inserted piece at the cursor (its length first if prefixed).
    @inlinable
    func writePiece(_ cursor: inout BTreeStreamCursorOut, _ piece: BTreeInsertedPiece) throws(StableError) {
        if piece.prefixed {
            var field = UInt32(truncatingIfNeeded: piece.bytes.count).littleEndian
            try withUnsafeBytes(of: &field) { (raw) throws(StableError) in try writeRun(&cursor, raw.baseAddress!, 4) }
        }
        if let base = piece.bytes.baseAddress, piece.bytes.count > 0 { try writeRun(&cursor, base, piece.bytes.count) }
    }

    /// Locates entry `index` (`index == count`: the end) of the v2 stream of
    /// `length` bytes at `stream`: its key piece (length field included when
    /// keys have one), the end of the keys, its value piece (length field
    /// included) and the end of the stream. One pass, every length checked
    /// against the buffered bytes.
    @inlinable
    func entryPositions(
        _ stream: UnsafeRawPointer, length: Int, isLeaf: Bool, count: Int, index: Int
    ) throws(StableError) -> (keyPosition: Int, keyEnd: Int, keysEnd: Int, valuePosition: Int, valueEnd: Int, streamEnd: Int) {
        let keysStart = BTreeLayout.v2ChildrenOffset &+ (isLeaf ? 0 : 8 &* (count &+ 1))
        let fixed = fixedKeySize
        var keyPosition = 0
        var keyEnd = 0
        var offset = keysStart
        if fixed >= 0 {
            keyPosition = keysStart &+ index &* fixed
            keyEnd = keyPosition &+ (index < count ? fixed : 0)
            offset = keysStart &+ count &* fixed
            guard offset <= length else { throw BTreeMap.corrupt("keys past the stream end") }
        } else {
            for j in 0 ..< count {
                guard length &- offset >= 4 else { throw BTreeMap.corrupt("length field past the stream end") }
                let size = Int(truncatingIfNeeded: UInt32(littleEndian: stream.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
                guard size >= 0, size <= length &- offset &- 4 else { throw BTreeMap.corrupt("entry bytes past the stream end") }
                if j == index { keyPosition = offset; keyEnd = offset &+ 4 &+ size }
                offset &+= 4 &+ size
            }
            if index == count { keyPosition = offset; keyEnd = offset }
        }
        let keysEnd = offset
        var valuePosition = 0
        var valueEnd = 0
        for j in 0 ..< count {
            guard length &- offset >= 4 else { throw BTreeMap.corrupt("length field past the stream end") }
            let size = Int(truncatingIfNeeded: UInt32(littleEndian: stream.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
            guard size >= 0, size <= length &- offset &- 4 else { throw BTreeMap.corrupt("entry bytes past the stream end") }
            if j == index { valuePosition = offset; valueEnd = offset &+ 4 &+ size }
            offset &+= 4 &+ size
        }
        if index == count { valuePosition = offset; valueEnd = offset }
        return (keyPosition, keyEnd, keysEnd, valuePosition, valueEnd, offset)
    }

    /// Inserts an entry (and, in an internal node, the child right after it)
    /// at `index` of the v2 node at `address` whose stream is in `stream`
    /// (`length` buffered bytes) and whose overflow pages are
    /// `chainBuffer[0 ..< pages]` (the buffer must hold 16 bytes more than
    /// `length`): resizes the chain, then writes the header and everything
    /// from the first inserted byte on. Patches the header in `stream`.
    @inlinable
    func insertIntoStream(
        _ address: UInt64, stream: UnsafeMutableRawPointer, length: Int, isLeaf: Bool, count: Int, pages: Int,
        index: Int, key: BTreeInsertedPiece, value: BTreeInsertedPiece, child: UInt64?
    ) throws(StableError) {
        let at = try entryPositions(stream, length: length, isLeaf: isLeaf, count: count, index: index)
        let newLength = at.streamEnd &+ (child == nil ? 0 : 8) &+ key.size &+ value.size
        var pages = pages
        try resizeChain(address, count: &pages, length: newLength)
        stream.storeBytes(of: UInt16(truncatingIfNeeded: count &+ 1).littleEndian, toByteOffset: 5, as: UInt16.self)
        stream.storeBytes(of: (pages > 0 ? chainBuffer[0] : 0).littleEndian, toByteOffset: 7, as: UInt64.self)
        var cursor = BTreeStreamCursorOut(address: address, pages: pages)
        try seek(&cursor, to: 0)
        try writeRun(&cursor, stream, BTreeLayout.v2ChildrenOffset)
        if let child {
            let position = BTreeLayout.v2ChildrenOffset &+ 8 &* (index &+ 1)
            guard position <= at.keyPosition else { throw BTreeMap.corrupt("children past the keys of node \(address)") }
            try seek(&cursor, to: position)
            var word = child.littleEndian
            try withUnsafeBytes(of: &word) { (raw) throws(StableError) in try writeRun(&cursor, raw.baseAddress!, 8) }
            try writeRun(&cursor, stream + position, at.keyPosition &- position)
        } else {
            try seek(&cursor, to: at.keyPosition)
            let keySize = key.size
            if keySize <= 16, value.prefixed, at.keyPosition >= keySize, at.valuePosition >= 16 {
                // One write for the key, the bytes up to the value and the
                // value's length: the key goes over the 16 buffered bytes
                // before its place (kept aside; the header is written
                // already), the length over the old value's first 4 bytes.
                let saved = stream + (at.keyPosition >= 16 ? at.keyPosition &- 16 : 0)
                let kept = (saved.loadUnaligned(as: UInt64.self), saved.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
                let keptLength = stream.loadUnaligned(fromByteOffset: at.valuePosition, as: UInt32.self)
                let start = stream + (at.keyPosition &- keySize)
                var bytes = start
                if key.prefixed {
                    start.storeBytes(of: UInt32(truncatingIfNeeded: key.bytes.count).littleEndian, as: UInt32.self)
                    bytes += 4
                }
                if let base = key.bytes.baseAddress, key.bytes.count > 0 { copyEntryBytes(bytes, base, key.bytes.count) }
                stream.storeBytes(of: UInt32(truncatingIfNeeded: value.bytes.count).littleEndian,
                                  toByteOffset: at.valuePosition, as: UInt32.self)
                try writeRun(&cursor, start, keySize &+ (at.valuePosition &- at.keyPosition) &+ 4)
                stream.storeBytes(of: keptLength, toByteOffset: at.valuePosition, as: UInt32.self)
                saved.storeBytes(of: kept.0, as: UInt64.self)
                saved.storeBytes(of: kept.1, toByteOffset: 8, as: UInt64.self)
                if let base = value.bytes.baseAddress, value.bytes.count > 0 { try writeRun(&cursor, base, value.bytes.count) }
                try writeRun(&cursor, stream + at.valuePosition, at.streamEnd &- at.valuePosition)
                return
            }
        }
        try writePiece(&cursor, key)
        try writeRun(&cursor, stream + at.keyPosition, at.valuePosition &- at.keyPosition)
        try writePiece(&cursor, value)
        try writeRun(&cursor, stream + at.valuePosition, at.streamEnd &- at.valuePosition)
    }

    /// Inserts an entry into the v2 leaf with overflow pages at `address`
    /// (the `.insert` edit of ``spliceNode(_:index:edit:key:value:existing:)``).
    /// The caller holds the read buffer (`readBufferInUse`), which holds the
    /// leaf's first page already when `firstPageRead`.
    @inlinable
    func insertIntoSpanningLeaf(_ address: UInt64, index: Int, key: UnsafeRawBufferPointer,
                                value: UnsafeRawBufferPointer, firstPageRead: Bool) throws(StableError) {
        let read = try readNodeStream(address, &readBuffer, &readCapacity, firstPageRead: firstPageRead)
        guard read.header.version == 2, read.header.count < BTreeLayout.capacity, index <= read.header.count else {
            throw BTreeMap.corrupt("node \(address) changed while inserting")
        }
        try insertIntoStream(address, stream: readBuffer, length: read.length, isLeaf: read.header.isLeaf,
                             count: read.header.count, pages: read.pages, index: index,
                             key: BTreeInsertedPiece(key, prefixed: fixedKeySize < 0),
                             value: BTreeInsertedPiece(value, prefixed: true), child: nil)
    }

    /// Grows the spare chain list to at least `count` addresses (keeping its content).
    @inlinable
    func reserveSpareChain(_ count: Int) {
        guard spareChainCapacity < count else { return }
        let capacity = Swift.max(count, spareChainCapacity &* 2, 16)
        let grown = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity)
        if let spareChain {
            grown.update(from: spareChain, count: spareChainCapacity)
            spareChain.deallocate()
        }
        spareChain = grown
        spareChainCapacity = capacity
    }

    /// Splits the full v2 node `child`, child `index` of the v2 node
    /// `parent` (not full), as ``split(_:_:_:)`` does — allocates the
    /// sibling, then writes sibling, child and parent — straight from the
    /// two nodes' buffered streams.
    ///
    /// With `childFirstPageRead`, the caller holds the read buffer with the
    /// child's first page in it (``classifyFirstPage(_:_:)``); the buffer is
    /// released on return either way.
    ///
    /// Returns `false` (nothing written) when either node is v1 or the read
    /// buffer is in use; the caller then takes the general path.
    @inlinable
    func splitSpanning(parent: UInt64, index: Int, child: UInt64, childFirstPageRead: Bool) throws(StableError) -> Bool {
        if readBufferInUse && !childFirstPageRead { return false }
        readBufferInUse = true
        defer { readBufferInUse = false }
        // The parent in the splice buffer, the child in the read buffer; the
        // chains aside in the spare list (parent's, then child's).
        let top = try readNodeStream(parent, &spliceBuffer, &spliceCapacity)
        guard top.header.version == 2 else { return false }
        guard !top.header.isLeaf, top.header.count < BTreeLayout.capacity, index <= top.header.count,
              UInt64(littleEndian: spliceBuffer.loadUnaligned(fromByteOffset: BTreeLayout.v2ChildrenOffset &+ 8 &* index, as: UInt64.self)) == child
        else { throw BTreeMap.corrupt("node \(parent) changed while descending") }
        reserveSpareChain(top.pages)
        for j in 0 ..< top.pages { spareChain![j] = chainBuffer[j] }
        let full = try readNodeStream(child, &readBuffer, &readCapacity, firstPageRead: childFirstPageRead)
        guard full.header.version == 2 else { return false }
        guard full.header.count == BTreeLayout.capacity else { throw BTreeMap.corrupt("splitting node \(child) that is not full") }
        reserveSpareChain(top.pages &+ full.pages)
        for j in 0 ..< full.pages { spareChain![top.pages &+ j] = chainBuffer[j] }

        let stream = readBuffer
        let isLeaf = full.header.isLeaf
        let b = BTreeLayout.minimumDegree
        let median = try entryPositions(stream, length: full.length, isLeaf: isLeaf, count: BTreeLayout.capacity, index: b &- 1)
        let keysStart = BTreeLayout.v2ChildrenOffset &+ (isLeaf ? 0 : 8 &* (BTreeLayout.capacity &+ 1))
        let keysEnd = median.keysEnd
        // Children b...capacity go to the sibling, 0..<b stay.
        let childBytes = isLeaf ? 0 : 8 &* b
        let movedChildren = BTreeLayout.v2ChildrenOffset &+ childBytes

        let sibling = try allocator.allocate(memory)
        let siblingLength = BTreeLayout.v2ChildrenOffset &+ childBytes &+ (keysEnd &- median.keyEnd)
            &+ (median.streamEnd &- median.valueEnd)
        var siblingPages = 0
        try resizeChain(sibling, count: &siblingPages, length: siblingLength)
        var header: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &header) { raw in
            raw.storeBytes(of: UInt32(0x024E_5442).littleEndian, toByteOffset: 0, as: UInt32.self)
            raw.storeBytes(of: isLeaf ? 0 : 1, toByteOffset: 4, as: UInt8.self)
            raw.storeBytes(of: UInt16(BTreeLayout.capacity &- b).littleEndian, toByteOffset: 5, as: UInt16.self)
            raw.storeBytes(of: (siblingPages > 0 ? chainBuffer[0] : 0).littleEndian, toByteOffset: 7, as: UInt64.self)
        }
        var cursor = BTreeStreamCursorOut(address: sibling, pages: siblingPages)
        try seek(&cursor, to: 0)
        try withUnsafeBytes(of: &header) { (raw) throws(StableError) in
            try writeRun(&cursor, raw.baseAddress!, BTreeLayout.v2ChildrenOffset)
        }
        if !isLeaf { try writeRun(&cursor, stream + movedChildren, childBytes) }
        try writeRun(&cursor, stream + median.keyEnd, keysEnd &- median.keyEnd)
        try writeRun(&cursor, stream + median.valueEnd, median.streamEnd &- median.valueEnd)

        // The child keeps entries 0..<b-1: its keys follow its b children, its
        // values follow its keys.
        reserveChain(full.pages)
        for j in 0 ..< full.pages { chainBuffer[j] = spareChain![top.pages &+ j] }
        let keptKeys = median.keyPosition &- keysStart
        let childLength = movedChildren &+ keptKeys &+ (median.valuePosition &- keysEnd)
        var childPages = full.pages
        try resizeChain(child, count: &childPages, length: childLength)
        stream.storeBytes(of: UInt16(b &- 1).littleEndian, toByteOffset: 5, as: UInt16.self)
        stream.storeBytes(of: (childPages > 0 ? chainBuffer[0] : 0).littleEndian, toByteOffset: 7, as: UInt64.self)
        cursor = BTreeStreamCursorOut(address: child, pages: childPages)
        try seek(&cursor, to: 0)
        try writeRun(&cursor, stream, BTreeLayout.v2ChildrenOffset)
        if isLeaf {
            try seek(&cursor, to: median.keyPosition)  // the kept keys stay in place
        } else {
            try seek(&cursor, to: movedChildren)
            try writeRun(&cursor, stream + keysStart, keptKeys)
        }
        try writeRun(&cursor, stream + keysEnd, median.valuePosition &- keysEnd)

        // The median and the sibling into the parent.
        reserveChain(top.pages)
        for j in 0 ..< top.pages { chainBuffer[j] = spareChain![j] }
        try insertIntoStream(parent, stream: spliceBuffer, length: top.length, isLeaf: false, count: top.header.count,
                             pages: top.pages, index: index,
                             key: BTreeInsertedPiece(UnsafeRawBufferPointer(start: stream + median.keyPosition,
                                                                            count: median.keyEnd &- median.keyPosition),
                                                     prefixed: false),
                             value: BTreeInsertedPiece(UnsafeRawBufferPointer(start: stream + median.valuePosition,
                                                                              count: median.valueEnd &- median.valuePosition),
                                                       prefixed: false),
                             child: sibling)
        return true
    }
}

extension BTreeMap {
    /// Classifies the node at `address` (an insert's descent step) from its
    /// first page read whole into the read buffer, where a spanning leaf's
    /// insert can take it up without reading it again. Used at the depth
    /// where the last insert found a spanning leaf (all leaves share a depth).
    ///
    /// Returns `nil` (the buffer released) when the path does not apply: the
    /// buffer is in use, a v1 node, or keys beyond the first page. Otherwise
    /// the buffer is left held (`readBufferInUse`): the caller releases it
    /// or hands it to the insert or split that takes the page up.
    @inlinable
    func classifyFirstPage<R>(
        _ address: UInt64, _ body: (BTreeNodeView) throws(StableError) -> (full: Bool, step: R)
    ) throws(StableError) -> (full: Bool, step: R)? {
        guard editsStreamsDirectly, !readBufferInUse else { return nil }
        guard allocator.isValidPayloadAddress(address, limit: memory.byteCount) else {
            throw BTreeMap.corrupt("node address \(address) is off the chunk grid")
        }
        let pageSize = layout.pageSize
        readBufferInUse = true
        var keep = false
        defer { if !keep { readBufferInUse = false } }
        growBuffer(&readBuffer, &readCapacity, to: pageSize, keep: 0)
        try memory.read(address, into: UnsafeMutableRawBufferPointer(start: readBuffer, count: pageSize))
        let page = UnsafeRawBufferPointer(start: readBuffer, count: pageSize)
        let header = try BTreeNodeView.parseHeader(UInt64(littleEndian: page.loadUnaligned(as: UInt64.self)), address: address)
        guard header.version == 2, fixedKeySize >= 0,
              BTreeLayout.v2ChildrenOffset &+ (header.isLeaf ? 0 : 8 &* (header.count &+ 1)) &+ header.count &* fixedKeySize <= pageSize
        else { return nil }
        let overflowed = page.loadUnaligned(fromByteOffset: 7, as: UInt64.self) != 0
        var view = try BTreeNodeView(bytes: page, isV1: false, isLeaf: header.isLeaf, count: header.count,
                                     fixedKeySize: fixedKeySize, layout: layout)
        view.isPartial = overflowed
        let state = try body(view)
        keep = true
        return state
    }
}
