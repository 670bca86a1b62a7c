extension BTreeMap {
    /// A single-entry edit applied directly to a node's bytes.
    @usableFromInline
    enum SpliceEdit {
        case insert
        case replace
        case remove
    }

    /// Where the edited entry's pieces lie in a v2 stream: its key piece
    /// (length field included when keys have one), its value piece (length
    /// field included), and the end of the stream.
    @usableFromInline
    struct SplicePositions {
        @usableFromInline var keyPosition: Int
        @usableFromInline var keyEnd: Int
        @usableFromInline var valuePosition: Int
        @usableFromInline var valueEnd: Int
        @usableFromInline var streamEnd: Int

        @inlinable
        init(keyPosition: Int, keyEnd: Int, valuePosition: Int, valueEnd: Int, streamEnd: Int) {
            self.keyPosition = keyPosition
            self.keyEnd = keyEnd
            self.valuePosition = valuePosition
            self.valueEnd = valueEnd
            self.streamEnd = streamEnd
        }
    }

    /// Locates entry `index` (for an insert, `index == count` is the end) in
    /// the v2 stream `view`; every length field is bounds-checked.
    @inlinable
    func splicePositions(_ view: BTreeNodeView, index: Int) throws(StableError) -> SplicePositions {
        let count = view.count
        let fixed = fixedKeySize
        var keyPosition: Int
        var keyEnd: Int
        var keysEnd: Int
        if fixed >= 0 {
            keyPosition = view.keysStart + index * fixed
            keyEnd = keyPosition + fixed
            keysEnd = view.keysStart + count * fixed
            guard keysEnd <= view.bytes.count else { throw BTreeMap.corrupt("keys past the stream end") }
        } else {
            var offset = view.keysStart
            keyPosition = offset
            keyEnd = offset
            for j in 0 ..< count {
                let range = try view.checkedRange(offset + 4, try view.lengthField(at: offset))
                if j == index { keyPosition = offset; keyEnd = range.upperBound }
                offset = range.upperBound
            }
            keysEnd = offset
            if index == count { keyPosition = offset; keyEnd = offset }
        }
        var offset = keysEnd
        var valuePosition = -1
        var valueEnd = -1
        for j in 0 ..< count {
            let range = try view.checkedRange(offset + 4, try view.lengthField(at: offset))
            if j == index { valuePosition = offset; valueEnd = range.upperBound }
            offset = range.upperBound
        }
        if index == count { valuePosition = offset; valueEnd = offset }
        return SplicePositions(keyPosition: keyPosition, keyEnd: keyEnd, valuePosition: valuePosition,
                               valueEnd: valueEnd, streamEnd: offset)
    }

    /// Applies an entry edit to the v2 node at `address` without decoding it,
    /// writing exactly the bytes a full save of the edited node writes
    /// (StableStructures.docc/ByteLayout.md, "B-tree map and set").
    ///
    /// A node within one page has its new stream assembled from slices of the
    /// old one in a reusable buffer and written in one piece (spilling onto new
    /// overflow pages if it outgrows the page). A node with overflow pages is
    /// read once into a reusable buffer, its chain resized as the crate does,
    /// and only the changed part is written: the header, then everything from
    /// the edited entry's key (insert, remove) or value (replace) onwards,
    /// page by page.
    ///
    /// Returns `false` (nothing read out, nothing written) for v1 nodes, a
    /// full node, a removal that would empty it, or a re-entrant use of the
    /// read buffer; the caller then takes the general path. `existing` sees
    /// the edited entry's current key and value (replace, remove) before any
    /// write.
    ///
    /// - Precondition: for `.insert`, `index` is the insertion index and the
    ///   node is a leaf; for `.remove`, the node is a leaf.
    @inlinable
    func spliceNode(
        _ address: UInt64, index: Int, edit: SpliceEdit,
        key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer,
        existing: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws(StableError) -> Void
    ) throws(StableError) -> Bool {
        let header = try nodeHeader(address)
        guard header.version == 2 else { return false }
        let count = header.count
        switch edit {
        case .insert: guard count < BTreeLayout.capacity, index <= count else { return false }
        case .replace: guard index < count else { return false }
        case .remove: guard count > 1, index < count else { return false }
        }
        let hasOverflow = try memory.load(UInt64.self, at: address + 7) != 0
        if hasOverflow {
            if readBufferInUse { return false }
            try spliceOverflowedNode(address, header: header, index: index, edit: edit,
                                     key: key, value: value, existing: existing)
            return true
        }
        let pageSize = layout.pageSize
        let fixed = fixedKeySize
        let layout = self.layout
        let newLength = try memory.withBytes(at: address, count: pageSize) { (page) throws(StableError) -> Int in
            let out = streamBuffer(page.count + key.count + value.count + 8)
            let view = try BTreeNodeView(bytes: page, isV1: false, isLeaf: header.isLeaf, count: count,
                                         fixedKeySize: fixed, layout: layout)
            let at = try splicePositions(view, index: index)
            let base = page.baseAddress!
            var length = 0
            func copy(_ from: Int, _ to: Int) {
                if to > from { (out + length).copyMemory(from: base + from, byteCount: to - from) }
                length += to - from
            }
            func put(_ bytes: UnsafeRawBufferPointer, prefixed: Bool) {
                if prefixed {
                    out.storeBytes(of: UInt32(truncatingIfNeeded: bytes.count).littleEndian, toByteOffset: length, as: UInt32.self)
                    length += 4
                }
                if let source = bytes.baseAddress, bytes.count > 0 { (out + length).copyMemory(from: source, byteCount: bytes.count) }
                length += bytes.count
            }
            switch edit {
            case .insert:
                copy(0, at.keyPosition)
                put(key, prefixed: fixed < 0)
                copy(at.keyPosition, at.valuePosition)
                put(value, prefixed: true)
                copy(at.valuePosition, at.streamEnd)
                out.storeBytes(of: UInt16(count + 1).littleEndian, toByteOffset: 5, as: UInt16.self)
            case .replace:
                try existing(UnsafeRawBufferPointer(rebasing: page[(fixed >= 0 ? at.keyPosition : at.keyPosition + 4) ..< at.keyEnd]),
                             UnsafeRawBufferPointer(rebasing: page[at.valuePosition + 4 ..< at.valueEnd]))
                copy(0, at.valuePosition)
                put(value, prefixed: true)
                copy(at.valueEnd, at.streamEnd)
            case .remove:
                try existing(UnsafeRawBufferPointer(rebasing: page[(fixed >= 0 ? at.keyPosition : at.keyPosition + 4) ..< at.keyEnd]),
                             UnsafeRawBufferPointer(rebasing: page[at.valuePosition + 4 ..< at.valueEnd]))
                copy(0, at.keyPosition)
                copy(at.keyEnd, at.valuePosition)
                copy(at.valueEnd, at.streamEnd)
                out.storeBytes(of: UInt16(count - 1).littleEndian, toByteOffset: 5, as: UInt16.self)
            }
            return length
        }
        if newLength <= pageSize {
            try memory.write(address, UnsafeRawBufferPointer(start: spliceBuffer, count: newLength))
        } else {
            var pages = 0
            try resizeChain(address, count: &pages, length: newLength)
            try writeBufferedStream(address, length: newLength, pages: pages)
        }
        return true
    }

    /// The edit of ``spliceNode(_:index:edit:key:value:existing:)`` for a node
    /// with overflow pages: reads the stream once, resizes the chain, then
    /// writes the header and the shifted tail straight from the read buffer.
    @inlinable
    func spliceOverflowedNode(
        _ address: UInt64, header: (version: UInt8, isLeaf: Bool, count: Int), index: Int, edit: SpliceEdit,
        key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer,
        existing: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws(StableError) -> Void
    ) throws(StableError) {
        readBufferInUse = true
        defer { readBufferInUse = false }
        let fixed = fixedKeySize
        let layout = self.layout
        let count = header.count
        var pages = 0
        let length = try memory.withBytes(at: address, count: layout.pageSize) { (first) throws(StableError) -> Int in
            let length = try assembleStream(address, first: first)
            pages = layout.overflowPages(forStreamLength: length)
            return length
        }
        let stream = UnsafeRawBufferPointer(start: readBuffer, count: length)
        let view = try BTreeNodeView(bytes: stream, isV1: false, isLeaf: header.isLeaf, count: count,
                                     fixedKeySize: fixed, layout: layout)
        let at = try splicePositions(view, index: index)
        let keyPiece = (fixed >= 0 ? 0 : 4) + key.count
        let newLength: Int
        let newCount: Int
        switch edit {
        case .insert:
            newLength = at.streamEnd + keyPiece + 4 + value.count
            newCount = count + 1
        case .replace:
            try existing(UnsafeRawBufferPointer(rebasing: stream[(fixed >= 0 ? at.keyPosition : at.keyPosition + 4) ..< at.keyEnd]),
                         UnsafeRawBufferPointer(rebasing: stream[at.valuePosition + 4 ..< at.valueEnd]))
            newLength = at.streamEnd - (at.valueEnd - at.valuePosition) + 4 + value.count
            newCount = count
        case .remove:
            try existing(UnsafeRawBufferPointer(rebasing: stream[(fixed >= 0 ? at.keyPosition : at.keyPosition + 4) ..< at.keyEnd]),
                         UnsafeRawBufferPointer(rebasing: stream[at.valuePosition + 4 ..< at.valueEnd]))
            newLength = at.streamEnd - (at.keyEnd - at.keyPosition) - (at.valueEnd - at.valuePosition)
            newCount = count - 1
        }
        try resizeChain(address, count: &pages, length: newLength)
        // The header (count and first link) is patched in the read buffer and
        // written; the bytes between it and the edit point keep their place.
        let buffer = readBuffer
        buffer.storeBytes(of: UInt16(truncatingIfNeeded: newCount).littleEndian, toByteOffset: 5, as: UInt16.self)
        buffer.storeBytes(of: (pages > 0 ? chainBuffer[0] : 0).littleEndian, toByteOffset: 7, as: UInt64.self)
        try writeStreamBytes(address, pages: pages, at: 0,
                             UnsafeRawBufferPointer(start: buffer, count: BTreeLayout.v2ChildrenOffset))
        var position = 0
        func copy(_ from: Int, _ to: Int) throws(StableError) {
            if to > from {
                try writeStreamBytes(address, pages: pages, at: position, UnsafeRawBufferPointer(rebasing: stream[from ..< to]))
            }
            position += to - from
        }
        func put(_ bytes: UnsafeRawBufferPointer, prefixed: Bool) throws(StableError) {
            if prefixed {
                var field = UInt32(truncatingIfNeeded: bytes.count).littleEndian
                try withUnsafeBytes(of: &field) { (raw) throws(StableError) in
                    try writeStreamBytes(address, pages: pages, at: position, raw)
                }
                position += 4
            }
            if bytes.count > 0 { try writeStreamBytes(address, pages: pages, at: position, bytes) }
            position += bytes.count
        }
        switch edit {
        case .insert:
            position = at.keyPosition
            try put(key, prefixed: fixed < 0)
            try copy(at.keyPosition, at.valuePosition)
            try put(value, prefixed: true)
            try copy(at.valuePosition, at.streamEnd)
        case .replace:
            position = at.valuePosition
            try put(value, prefixed: true)
            try copy(at.valueEnd, at.streamEnd)
        case .remove:
            position = at.keyPosition
            try copy(at.keyEnd, at.valuePosition)
            try copy(at.valueEnd, at.streamEnd)
        }
    }
}
