/// The byte layout shared by ``StableVec`` and ``MinHeap`` (the crate's
/// "base vec", StableStructures.docc/ByteLayout.md, "Vector and min-heap"): a 64-byte header followed by fixed-size slots.
///
/// ```
/// 0   magic (3 bytes, "SVC" or "SMH")   3  version = 1
/// 4   length, u64 LE                    12 element max size, u32 LE
/// 16  fixed-size flag (0/1)             17 reserved, never written
/// 64  slot 0, slot 1, …
/// ```
///
/// A slot holds `maxSize` bytes for a fixed-size element, otherwise a
/// little-endian length prefix of `lengthFieldWidth(maxSize)` bytes followed
/// by the encoding (the rest of the slot keeps stale bytes).
///
/// The storage caches the length: it assumes it is the only writer of its
/// memory. Every write goes through the auto-growing write of StableStructures.docc/ByteLayout.md, "Conventions", so
/// the memory grows exactly when and by as much as the crate's does.
///
/// A class (held by `let` in ``StableVec`` and ``MinHeap``) so that hot paths
/// neither copy it nor pay for dynamic exclusivity checks.
@usableFromInline
final class StableArrayStorage<Element: Storable, M: Memory> {
    /// Size of the header in bytes.
    @usableFromInline static var headerSize: UInt64 { 64 }
    /// Offset of the length field.
    @usableFromInline static var lengthOffset: UInt64 { 4 }

    @usableFromInline let memory: M
    @usableFromInline let magic: StructureMagic
    /// The element type's maximum encoded size.
    @usableFromInline let maxSize: Int
    /// Whether every element encodes to exactly `maxSize` bytes.
    @usableFromInline let isFixedSize: Bool
    /// Width of the length prefix (0 for fixed-size elements).
    @usableFromInline let prefixWidth: Int
    /// Bytes per slot.
    @usableFromInline let slotSize: UInt64
    /// The number of elements (cached copy of the header field).
    @exclusivity(unchecked) @usableFromInline var count: UInt64
    /// Where elements are encoded before they are written (`maxSize` bytes).
    @exclusivity(unchecked) @usableFromInline var scratch: EncodingScratch

    /// The element type's bound, or `.unsupportedType` when unbounded or too large.
    @inlinable
    static func elementLayout(_ magic: StructureMagic) throws(StableError) -> (maxSize: Int, isFixedSize: Bool) {
        guard case let .bounded(maxSize, isFixedSize) = Element.bound else {
            throw .unsupportedType("a \(magic.structureName) needs a bounded element type; \(Element.typeName) is unbounded")
        }
        guard maxSize >= 0, UInt64(maxSize) <= UInt64(UInt32.max) else {
            throw .unsupportedType("\(Element.typeName) has a maximum size of \(maxSize) bytes; a \(magic.structureName) allows at most \(UInt32.max)")
        }
        return (maxSize, isFixedSize)
    }

    @inlinable
    init(memory: M, magic: StructureMagic, count: UInt64, maxSize: Int, isFixedSize: Bool) {
        self.memory = memory
        self.magic = magic
        self.maxSize = maxSize
        self.isFixedSize = isFixedSize
        self.prefixWidth = isFixedSize ? 0 : lengthFieldWidth(maxSize)
        self.slotSize = UInt64(maxSize + prefixWidth)
        self.count = count
        self.scratch = EncodingScratch(capacity: maxSize)
    }

    deinit { scratch.deallocate() }

    /// Writes a fresh header (length 0) and returns the storage.
    ///
    /// - Throws: `.unsupportedType` for an unbounded element type (nothing is
    ///   written), `.growFailed` when an empty memory cannot grow to one page.
    @inlinable
    static func create(memory: M, magic: StructureMagic) throws(StableError) -> StableArrayStorage {
        let (maxSize, isFixedSize) = try elementLayout(magic)
        try memory.storeGrowing(magic.header(version: 1), at: 0)
        try memory.storeGrowing(UInt64(0), at: lengthOffset)
        try memory.storeGrowing(UInt32(maxSize), at: 12)
        try memory.storeGrowing(UInt8(isFixedSize ? 1 : 0), at: 16)
        return StableArrayStorage(memory: memory, magic: magic, count: 0, maxSize: maxSize, isFixedSize: isFixedSize)
    }

    /// Opens the structure stored in `memory`, reading only.
    ///
    /// - Throws: `.unsupportedType`, `.badMagic`, `.unsupportedVersion`,
    ///   `.incompatibleElementType` (stored max size or fixed flag differ from
    ///   `Element`'s), `.corrupted` (a length whose slots lie past the end of
    ///   the memory), `.outOfBounds` for a memory smaller than the header.
    @inlinable
    static func load(memory: M, magic: StructureMagic) throws(StableError) -> StableArrayStorage {
        let (maxSize, isFixedSize) = try elementLayout(magic)
        try magic.check(memory)
        let storedMax = try memory.load(UInt32.self, at: 12)
        let storedFixed = try memory.load(UInt8.self, at: 16) != 0
        if Int(storedMax) != maxSize || storedFixed != isFixedSize {
            throw .incompatibleElementType(
                structure: magic.structureName,
                detail: "stored elements have max size \(storedMax) (\(storedFixed ? "fixed" : "variable")), \(Element.typeName) has max size \(maxSize) (\(isFixedSize ? "fixed" : "variable"))")
        }
        let count = try memory.load(UInt64.self, at: lengthOffset)
        let slotSize = UInt64(maxSize + (isFixedSize ? 0 : lengthFieldWidth(maxSize)))
        let end = try checkedAddress(count, times: slotSize, plus: headerSize, structure: magic.name)
        if end > memory.byteCount {
            throw .corrupted(structure: magic.structureName, reason: "length \(count) needs \(end) bytes, the memory has \(memory.byteCount)")
        }
        return StableArrayStorage(memory: memory, magic: magic, count: count, maxSize: maxSize, isFixedSize: isFixedSize)
    }

    /// Creates on an empty memory, loads otherwise.
    @inlinable
    static func open(memory: M, magic: StructureMagic) throws(StableError) -> StableArrayStorage {
        memory.size == 0 ? try create(memory: memory, magic: magic) : try load(memory: memory, magic: magic)
    }

    /// The offset of slot `index`.
    @inlinable @inline(__always)
    func slotOffset(_ index: UInt64) throws(StableError) -> UInt64 {
        try checkedAddress(index, times: slotSize, plus: Self.headerSize, structure: magic.name)
    }

    /// Decodes the element in slot `index` (which the caller checked is below `count`).
    ///
    /// - Complexity: O(1) plus decoding; no copy for in-heap memories.
    @inlinable @inline(__always)
    func element(at index: UInt64) throws(StableError) -> Element {
        let offset = try slotOffset(index)
        if isFixedSize {
            if hasSmallSlots {
                // One read into a local: no temporary allocation.
                var slot: (UInt64, UInt64) = (0, 0)
                return try withUnsafeMutableBytes(of: &slot) { (raw) throws(StableError) -> Element in
                    let bytes = UnsafeMutableRawBufferPointer(start: raw.baseAddress, count: maxSize)
                    try memory.read(offset, into: bytes)
                    return try Element.decode(from: UnsafeRawBufferPointer(bytes))
                }
            }
            return try memory.withBytes(at: offset, count: maxSize) { (bytes) throws(StableError) in
                try Element.decode(from: bytes)
            }
        }
        let length: Int
        switch prefixWidth {
        case 1: length = Int(try memory.load(UInt8.self, at: offset))
        case 2: length = Int(try memory.load(UInt16.self, at: offset))
        default: length = Int(try memory.load(UInt32.self, at: offset))
        }
        if length > maxSize {
            throw .corrupted(structure: magic.structureName, reason: "slot \(index) claims \(length) bytes, the maximum is \(maxSize)")
        }
        return try memory.withBytes(at: offset &+ UInt64(prefixWidth), count: length) { (bytes) throws(StableError) in
            try Element.decode(from: bytes)
        }
    }

    /// Whether elements are fixed-size, of at most 16 bytes, on a memory other
    /// than a ``VectorMemory``: slots are then read into and written from
    /// locals (a `VectorMemory` reads and writes its storage in place).
    @inlinable @inline(__always)
    var hasSmallSlots: Bool { isFixedSize && maxSize <= 16 && memory.inPlace == nil }

    /// Decodes the elements in slots `index` and `index + 1` (both below
    /// `count`, as the caller checked), with one read when the slots are small.
    @inlinable @inline(__always)
    func adjacentElements(at index: UInt64) throws(StableError) -> (Element, Element) {
        guard hasSmallSlots else { return (try element(at: index), try element(at: index &+ 1)) }
        let offset = try slotOffset(index)
        var slots: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        return try withUnsafeMutableBytes(of: &slots) { (raw) throws(StableError) -> (Element, Element) in
            let base = raw.baseAddress!
            try memory.read(offset, into: UnsafeMutableRawBufferPointer(start: base, count: maxSize &* 2))
            return (try Element.decode(from: UnsafeRawBufferPointer(start: base, count: maxSize)),
                    try Element.decode(from: UnsafeRawBufferPointer(start: base + maxSize, count: maxSize)))
        }
    }

    /// Writes `value` into slot `index`: the length prefix (if any), then the
    /// encoding, each with an auto-growing write. Checks the bound first, so
    /// a violation writes nothing.
    @inlinable @inline(__always)
    func writeElement(_ value: Element, at index: UInt64) throws(StableError) {
        let size = value.encodedSize
        if isFixedSize ? size != maxSize : size > maxSize {
            throw .boundViolated(type: Element.typeName, maxSize: maxSize, fixedSize: isFixedSize, actualSize: size)
        }
        var offset = try slotOffset(index)
        // Slots below `count` lie inside the memory already: no growth check.
        let grow = index >= count
        if let vector = memory.inPlace {
            try writeElementInPlace(value, size: size, at: offset, grow: grow, vector)
            return
        }
        if hasSmallSlots {
            // Encoded into a local, written with one call.
            var slot: (UInt64, UInt64) = (0, 0)
            try withUnsafeMutableBytes(of: &slot) { (raw) throws(StableError) in
                let bytes = UnsafeMutableRawBufferPointer(start: raw.baseAddress, count: size)
                value.encode(into: bytes)
                if grow { try memory.ensureCapacity(end: offset, count: size) }
                try memory.write(offset, UnsafeRawBufferPointer(bytes))
            }
            return
        }
        switch prefixWidth {
        case 0: break
        case 1: try storePrefix(UInt8(truncatingIfNeeded: size), at: offset, grow: grow)
        case 2: try storePrefix(UInt16(truncatingIfNeeded: size), at: offset, grow: grow)
        default: try storePrefix(UInt32(truncatingIfNeeded: size), at: offset, grow: grow)
        }
        offset &+= UInt64(prefixWidth)
        try memory.writeEncodingGrowing(value, count: size, at: offset, scratch: &scratch, grow: grow)
    }

    /// ``writeElement(_:at:)`` on a ``VectorMemory``: one size check (growing
    /// the memory to cover the slot's used bytes when `grow`, to the size the
    /// two auto-growing writes of the prefix and the encoding reach), then the
    /// prefix and the encoding stored straight into the storage.
    @inlinable @inline(__always)
    func writeElementInPlace(_ value: Element, size: Int, at offset: UInt64, grow: Bool, _ vector: VectorMemory) throws(StableError) {
        let (end, overflow) = offset.addingReportingOverflow(UInt64(prefixWidth &+ size))
        if overflow || end > vector.storageCount {
            guard grow, !overflow else {
                throw .outOfBounds(offset: offset, count: UInt64(prefixWidth &+ size), memorySize: vector.storageCount)
            }
            try vector.growToCover(end: end)
        }
        guard let base = vector.storageBase else { return }  // only when nothing is written (`end` is 0)
        let slot = base + Int(truncatingIfNeeded: offset)
        switch prefixWidth {
        case 0: break
        case 1: slot.storeBytes(of: UInt8(truncatingIfNeeded: size), as: UInt8.self)
        case 2: slot.storeBytes(of: UInt16(truncatingIfNeeded: size).littleEndian, as: UInt16.self)
        default: slot.storeBytes(of: UInt32(truncatingIfNeeded: size).littleEndian, as: UInt32.self)
        }
        if size > 0 {
            value.encode(into: UnsafeMutableRawBufferPointer(start: slot + prefixWidth, count: size))
        }
    }

    /// Writes a slot's length prefix, growing the memory first when `grow`.
    @inlinable
    func storePrefix<T: FixedWidthInteger>(_ length: T, at offset: UInt64, grow: Bool) throws(StableError) {
        if grow { try memory.storeGrowing(length, at: offset) } else { try memory.store(length, at: offset) }
    }

    /// Stores a new length in the header and the cache.
    @inlinable @inline(__always)
    func setCount(_ newCount: UInt64) throws(StableError) {
        try memory.store(newCount, at: Self.lengthOffset)
        count = newCount
    }

    /// Appends `value`: slot write first, then the new length (so a failed
    /// grow leaves the length unchanged).
    @inlinable @inline(__always)
    func append(_ value: Element) throws(StableError) {
        let index = count
        if index == UInt64.max {
            throw .invalidArgument("a \(magic.structureName) cannot hold more than \(UInt64.max) elements")
        }
        try writeElement(value, at: index)
        try setCount(index &+ 1)
    }

    /// Decodes the last element and shortens the length by one (the slot's
    /// bytes stay); `nil` when empty.
    @inlinable
    func removeLast() throws(StableError) -> Element? {
        guard count > 0 else { return nil }
        let value = try element(at: count &- 1)
        try setCount(count &- 1)
        return value
    }
}
