/// A read-only, zero-copy view of one node's bytes (a v2 logical stream or a
/// v1 page), with bounds-checked access to its children, keys and values.
///
/// Every accessor validates offsets against the buffer, so a corrupt node
/// yields ``StableError/corrupted(structure:reason:)`` rather than a trap.
@usableFromInline
struct BTreeNodeView {
    @usableFromInline let bytes: UnsafeRawBufferPointer
    @usableFromInline let isV1: Bool
    @usableFromInline let isLeaf: Bool
    /// Number of entries (1…11).
    @usableFromInline let count: Int
    /// Size of a fixed-size key (v2 nodes store no key lengths then), or -1.
    @usableFromInline let fixedKeySize: Int
    /// v1 only: the slot sizes from the tree header.
    @usableFromInline let v1MaxKey: Int
    @usableFromInline let v1SlotSize: Int
    /// v2: the offset of the first key; v1: the offset of the children.
    @usableFromInline let keysStart: Int
    /// Whether the view omits the node's overflow pages (keys and children only).
    @usableFromInline var isPartial = false

    @inlinable
    static func corrupt(_ reason: String) -> StableError {
        .corrupted(structure: "BTreeMap", reason: reason)
    }

    /// Parses the 7-byte node header: returns (version, isLeaf, count).
    @inlinable @inline(__always)
    static func parseHeader(_ word: UInt64, address: UInt64) throws(StableError) -> (version: UInt8, isLeaf: Bool, count: Int) {
        guard word & 0xFF_FFFF == 0x4E_5442 else { throw corrupt("bad node magic at \(address)") }
        let version = UInt8(truncatingIfNeeded: word >> 24)
        let type = UInt8(truncatingIfNeeded: word >> 32)
        let count = Int((word >> 40) & 0xFFFF)
        guard version == 1 || version == 2 else { throw corrupt("unknown node version \(version) at \(address)") }
        guard type <= 1 else { throw corrupt("unknown node type \(type) at \(address)") }
        guard count >= 1, count <= BTreeLayout.capacity else { throw corrupt("node at \(address) has \(count) entries") }
        return (version, type == 0, count)
    }

    @inlinable
    init(bytes: UnsafeRawBufferPointer, isV1: Bool, isLeaf: Bool, count: Int,
         fixedKeySize: Int, layout: BTreeLayout) throws(StableError) {
        self.bytes = bytes
        self.isV1 = isV1
        self.isLeaf = isLeaf
        self.count = count
        self.fixedKeySize = fixedKeySize
        if isV1 {
            v1MaxKey = Int(layout.maxKeySize)
            v1SlotSize = layout.v1SlotSize
            keysStart = 7 + count * v1SlotSize
            let end = keysStart + (isLeaf ? 0 : 8 * (count + 1))
            guard end <= bytes.count else { throw BTreeNodeView.corrupt("v1 node larger than its page") }
        } else {
            v1MaxKey = 0
            v1SlotSize = 0
            keysStart = BTreeLayout.v2ChildrenOffset + (isLeaf ? 0 : 8 * (count + 1))
            guard keysStart <= bytes.count else { throw BTreeNodeView.corrupt("node children past the stream end") }
        }
    }

    /// Number of children (0 for a leaf).
    @inlinable
    var childCount: Int { isLeaf ? 0 : count + 1 }

    /// The address of child `i` (`0 <= i <= count`, internal nodes only).
    @inlinable
    func child(_ i: Int) -> UInt64 {
        let base = isV1 ? keysStart : BTreeLayout.v2ChildrenOffset
        return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: base + 8 * i, as: UInt64.self))
    }

    @inlinable
    func lengthField(at offset: Int) throws(StableError) -> Int {
        guard offset + 4 <= bytes.count else { throw BTreeNodeView.corrupt("length field past the stream end") }
        return Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
    }

    @inlinable
    func checkedRange(_ start: Int, _ length: Int) throws(StableError) -> Range<Int> {
        guard length <= bytes.count - start else { throw BTreeNodeView.corrupt("entry bytes past the stream end") }
        return start ..< start + length
    }

    /// Byte range of key `i`.
    @inlinable
    func keyRange(_ i: Int) throws(StableError) -> Range<Int> {
        if isV1 {
            let slot = 7 + i * v1SlotSize
            let length = try lengthField(at: slot)
            guard length <= v1MaxKey else { throw BTreeNodeView.corrupt("v1 key longer than its slot") }
            return try checkedRange(slot + 4, length)
        }
        if fixedKeySize >= 0 {
            return try checkedRange(keysStart + i * fixedKeySize, fixedKeySize)
        }
        var offset = keysStart
        var index = 0
        while true {
            let length = try lengthField(at: offset)
            let range = try checkedRange(offset + 4, length)
            if index == i { return range }
            offset = range.upperBound
            index += 1
        }
    }

    /// Offset just past the last key (v2), where the values begin.
    @inlinable
    func valuesStart() throws(StableError) -> Int {
        if fixedKeySize >= 0 {
            let end = keysStart + count * fixedKeySize
            guard end <= bytes.count else { throw BTreeNodeView.corrupt("keys past the stream end") }
            return end
        }
        // One tight pass over the key lengths (wrapping arithmetic: every
        // offset stays at or below `end`, checked before each step).
        let end = bytes.count
        var offset = keysStart
        for _ in 0 ..< count {
            guard end &- offset >= 4 else { throw BTreeNodeView.corrupt("length field past the stream end") }
            let length = Int(truncatingIfNeeded: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
            guard length >= 0, length <= end &- offset &- 4 else { throw BTreeNodeView.corrupt("entry bytes past the stream end") }
            offset = offset &+ 4 &+ length
        }
        return offset
    }

    /// Byte range of value `i`.
    @inlinable
    func valueRange(_ i: Int) throws(StableError) -> Range<Int> {
        if isV1 {
            let slot = 7 + i * v1SlotSize + 4 + v1MaxKey
            let length = try lengthField(at: slot)
            guard length <= v1SlotSize - 8 - v1MaxKey else { throw BTreeNodeView.corrupt("v1 value longer than its slot") }
            return try checkedRange(slot + 4, length)
        }
        // Walks the length fields with wrapping arithmetic: every offset stays
        // at or below `end` (checked before each step), so none can overflow.
        let end = bytes.count
        var offset = try valuesStart()
        var remaining = i
        while true {
            guard end &- offset >= 4 else { throw BTreeNodeView.corrupt("length field past the stream end") }
            let length = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
            let start = offset &+ 4
            guard length <= end &- start else { throw BTreeNodeView.corrupt("entry bytes past the stream end") }
            if remaining == 0 { return Range(uncheckedBounds: (start, start &+ length)) }
            offset = start &+ length
            remaining &-= 1
        }
    }

    /// Calls `body` for every entry with its key and value ranges, in order; O(stream).
    @inlinable
    func forEachEntry(_ body: (Range<Int>, Range<Int>) throws(StableError) -> Void) throws(StableError) {
        if isV1 {
            for i in 0 ..< count { try body(try keyRange(i), try valueRange(i)) }
            return
        }
        // `valuesStart()` checks that the keys lie in the bytes, and every
        // value offset stays at or below `end` (checked before each step), so
        // the arithmetic below cannot overflow.
        let end = bytes.count
        var keyOffset = keysStart
        var valueOffset = try valuesStart()
        for _ in 0 ..< count {
            let keyRange: Range<Int>
            if fixedKeySize >= 0 {
                keyRange = Range(uncheckedBounds: (keyOffset, keyOffset &+ fixedKeySize))
            } else {
                keyRange = try checkedRange(keyOffset + 4, try lengthField(at: keyOffset))
            }
            keyOffset = keyRange.upperBound
            guard end &- valueOffset >= 4 else { throw BTreeNodeView.corrupt("length field past the stream end") }
            let length = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: valueOffset, as: UInt32.self)))
            let start = valueOffset &+ 4
            guard length <= end &- start else { throw BTreeNodeView.corrupt("entry bytes past the stream end") }
            valueOffset = start &+ length
            try body(keyRange, Range(uncheckedBounds: (start, valueOffset)))
        }
    }

    /// The bytes of key `i`.
    @inlinable
    func key(_ i: Int) throws(StableError) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[try keyRange(i)])
    }

    /// The bytes of value `i`.
    @inlinable
    func value(_ i: Int) throws(StableError) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: bytes[try valueRange(i)])
    }

    /// Finds `key`: `(true, index)` when present, else `(false, insertion index)`.
    @inlinable
    func search<Key: StorableKey>(_ key: Key, encoded: UnsafeRawBufferPointer) throws(StableError) -> (found: Bool, index: Int) {
        if !isV1 && fixedKeySize >= 0 {
            guard keysStart + count * fixedKeySize <= bytes.count else { throw BTreeNodeView.corrupt("keys past the stream end") }
            if Key.encodingPreservesOrder && encoded.count == fixedKeySize {
                // Order-preserving fixed-size keys: compare as big-endian integers.
                if fixedKeySize == 8 {
                    return searchFixed(UInt64(bigEndian: encoded.loadUnaligned(as: UInt64.self)))
                }
                if fixedKeySize == 4 {
                    return searchFixed(UInt32(bigEndian: encoded.loadUnaligned(as: UInt32.self)))
                }
                if fixedKeySize == 16 {
                    let high = UInt64(bigEndian: encoded.loadUnaligned(as: UInt64.self))
                    let low = UInt64(bigEndian: encoded.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
                    return searchFixed(UInt128(high) << 64 | UInt128(low))
                }
            }
            var low = 0
            var high = count
            while low < high {
                let mid = (low &+ high) >> 1
                let start = keysStart + mid * fixedKeySize
                guard start + fixedKeySize <= bytes.count else { throw BTreeNodeView.corrupt("keys past the stream end") }
                let stored = UnsafeRawBufferPointer(rebasing: bytes[start ..< start + fixedKeySize])
                let order = try compareStoredKey(stored, key, encoded)
                if order == 0 { return (true, mid) }
                if order < 0 { low = mid + 1 } else { high = mid }
            }
            return (false, low)
        }
        if isV1 {
            var low = 0
            var high = count
            while low < high {
                let mid = (low &+ high) >> 1
                let order = try compareStoredKey(try self.key(mid), key, encoded)
                if order == 0 { return (true, mid) }
                if order < 0 { low = mid + 1 } else { high = mid }
            }
            return (false, low)
        }
        #if arch(wasm32)
        return try searchVariable(key, encoded: encoded)
        #else
        return try searchVariableOutOfLine(key, encoded: encoded)
        #endif
    }

    /// ``searchVariable(_:encoded:)`` called out of line: natively, inlining it
    /// made the fixed-size searches slower (on wasm inlining is cheaper).
    @inlinable @inline(never)
    func searchVariableOutOfLine<Key: StorableKey>(_ key: Key, encoded: UnsafeRawBufferPointer) throws(StableError) -> (found: Bool, index: Int) {
        try searchVariable(key, encoded: encoded)
    }

    /// ``search(_:encoded:)`` over variable-size v2 keys (a function of its
    /// own, so that the fixed-size search stays small enough to inline).
    @inlinable
    func searchVariable<Key: StorableKey>(_ key: Key, encoded: UnsafeRawBufferPointer) throws(StableError) -> (found: Bool, index: Int) {
        // Variable-size keys: one pass finds where each key starts (checking
        // every length), then a binary search compares about log2(count) keys.
        let count = self.count
        let keysStart = self.keysStart
        let bytes = self.bytes
        return try withUnsafeTemporaryAllocation(of: Int.self, capacity: BTreeLayout.capacity) {
            (starts) throws(StableError) -> (found: Bool, index: Int) in
            guard count <= starts.count else { throw BTreeNodeView.corrupt("node has \(count) entries") }
            let end = bytes.count
            var offset = keysStart
            for i in 0 ..< count {
                guard end &- offset >= 4 else { throw BTreeNodeView.corrupt("length field past the stream end") }
                let length = Int(truncatingIfNeeded: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
                guard length >= 0, length <= end &- offset &- 4 else { throw BTreeNodeView.corrupt("entry bytes past the stream end") }
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
                if order == 0 { return (true, mid) }
                if order < 0 { low = mid &+ 1 } else { high = mid }
            }
            return (false, low)
        }
    }
}

extension BTreeNodeView {
    /// Binary search over fixed-size keys of `T.bitWidth / 8` bytes whose
    /// big-endian encoding preserves order (bounds checked by the caller).
    @inlinable
    func searchFixed<T: FixedWidthInteger & UnsignedInteger>(_ probe: T) -> (found: Bool, index: Int) {
        let base = bytes.baseAddress! + keysStart
        let size = MemoryLayout<T>.size
        var low = 0
        var high = count
        while low < high {
            let mid = (low &+ high) >> 1
            let stored: T
            if size == 16 {
                let upper = UInt64(bigEndian: base.loadUnaligned(fromByteOffset: mid &* 16, as: UInt64.self))
                let lower = UInt64(bigEndian: base.loadUnaligned(fromByteOffset: mid &* 16 &+ 8, as: UInt64.self))
                stored = T(truncatingIfNeeded: UInt128(upper) << 64 | UInt128(lower))
            } else {
                stored = T(bigEndian: base.loadUnaligned(fromByteOffset: mid &* size, as: T.self))
            }
            if stored == probe { return (true, mid) }
            if stored < probe { low = mid &+ 1 } else { high = mid }
        }
        return (false, low)
    }
}

/// Compares a stored key encoding with `key` (whose encoding is `encoded`)
/// in the key order: bytewise when the encoding preserves order, else by
/// decoding the stored key.
@inlinable
func compareStoredKey<Key: StorableKey>(
    _ stored: UnsafeRawBufferPointer, _ key: Key, _ encoded: UnsafeRawBufferPointer
) throws(StableError) -> Int {
    if Key.encodingPreservesOrder { return compareBytes(stored, encoded) }
    return Key.compareKeys(try Key.decode(from: stored), key)
}
