extension BTreeMap {
    /// A single-entry edit applied directly to a node's bytes.
    @usableFromInline
    enum SpliceEdit {
        case insert
        case replace
        case remove
    }

    /// Applies an entry edit to the v2 node at `address` without decoding it:
    /// the node's new stream is assembled from slices of the old one in a
    /// reusable buffer and written in one piece — exactly the bytes a full
    /// save of the edited node writes (LAYOUT.md §6.3).
    ///
    /// Applies only to v2 nodes without overflow pages whose edited stream
    /// still fits one page; returns `false` otherwise (nothing read out, nothing
    /// written), and the caller takes the general path. `existing` sees the
    /// edited entry's current key and value (replace, remove) before any write.
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
        guard try memory.load(UInt64.self, at: address + 7) == 0 else { return false }
        let pageSize = layout.pageSize
        let out = streamBuffer(pageSize)
        let fixed = fixedKeySize
        let layout = self.layout
        let newLength = try memory.withBytes(at: address, count: pageSize) { (page) throws(StableError) -> Int in
            let view = try BTreeNodeView(bytes: page, isV1: false, isLeaf: header.isLeaf, count: count,
                                         fixedKeySize: fixed, layout: layout)
            // Locate the key piece of entry `index` and the end of the keys.
            var keyPosition: Int
            var keyEnd: Int
            var keysEnd: Int
            if fixed >= 0 {
                keyPosition = view.keysStart + index * fixed
                keyEnd = keyPosition + fixed
                keysEnd = view.keysStart + count * fixed
                guard keysEnd <= page.count else { throw BTreeMap.corrupt("keys past the stream end") }
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
            // Locate the value piece of entry `index` and the stream end.
            var offset = keysEnd
            var valuePosition = -1
            var valueEnd = -1
            for j in 0 ..< count {
                let range = try view.checkedRange(offset + 4, try view.lengthField(at: offset))
                if j == index { valuePosition = offset; valueEnd = range.upperBound }
                offset = range.upperBound
            }
            let streamEnd = offset
            if index == count { valuePosition = streamEnd; valueEnd = streamEnd }
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
                let grown = streamEnd + (fixed >= 0 ? 0 : 4) + key.count + 4 + value.count
                guard grown <= pageSize else { return -1 }
                copy(0, keyPosition)
                put(key, prefixed: fixed < 0)
                copy(keyPosition, valuePosition)
                put(value, prefixed: true)
                copy(valuePosition, streamEnd)
                out.storeBytes(of: UInt16(count + 1).littleEndian, toByteOffset: 5, as: UInt16.self)
            case .replace:
                let resized = streamEnd - (valueEnd - valuePosition) + 4 + value.count
                guard resized <= pageSize else { return -1 }
                try existing(UnsafeRawBufferPointer(rebasing: page[(fixed >= 0 ? keyPosition : keyPosition + 4) ..< keyEnd]),
                             UnsafeRawBufferPointer(rebasing: page[valuePosition + 4 ..< valueEnd]))
                copy(0, valuePosition)
                put(value, prefixed: true)
                copy(valueEnd, streamEnd)
            case .remove:
                try existing(UnsafeRawBufferPointer(rebasing: page[(fixed >= 0 ? keyPosition : keyPosition + 4) ..< keyEnd]),
                             UnsafeRawBufferPointer(rebasing: page[valuePosition + 4 ..< valueEnd]))
                copy(0, keyPosition)
                copy(keyEnd, valuePosition)
                copy(valueEnd, streamEnd)
                out.storeBytes(of: UInt16(count - 1).littleEndian, toByteOffset: 5, as: UInt16.self)
            }
            return length
        }
        guard newLength >= 0 else { return false }
        try memory.write(address, UnsafeRawBufferPointer(start: out, count: newLength))
        return true
    }
}
