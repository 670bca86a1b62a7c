/// A single value in stable memory, byte-compatible with the crate's
/// `StableCell` (StableStructures.docc/ByteLayout.md, "Cell").
///
/// ```
/// 0  "SCL"   3  version = 1   4  value length N, u32 LE   8  N bytes of encoding
/// ```
///
/// The cell keeps the decoded value in the heap, as the crate does, so
/// ``get()`` is O(1) and cannot fail, and ``set(_:)`` returns the previous
/// value without reading the memory. (Re-reading on every `get` would also
/// be correct, but it would decode, and for a `[UInt8]` allocate, on every
/// `get` and every `set`; the cached value costs nothing per operation.) The
/// cell therefore assumes it is the only writer of its memory.
///
/// Values are not checked against their bound (as in the crate).
///
/// Members name the type `Cell`, not `Self`: Swift 6.3 crashes in IRGen when a
/// method it must inline (`@inline(always)`) names a class's `Self`.
public final class Cell<Value: Storable, M: Memory> {
    @usableFromInline static var magic: StructureMagic { .cell }
    @usableFromInline static var headerSize: UInt64 { 8 }

    /// The memory the cell lives in.
    public let memory: M
    @exclusivity(unchecked) @usableFromInline var value: Value
    /// Where values are encoded before they are written.
    @exclusivity(unchecked) @usableFromInline var scratch: EncodingScratch
    /// The value length in the header this cell last wrote, or -1 before its
    /// first write: a `set` of a value of the same length leaves the header
    /// (already those bytes) alone.
    @exclusivity(unchecked) @usableFromInline var writtenLength: Int

    @inlinable
    init(memory: M, value: Value) {
        self.memory = memory
        self.value = value
        self.scratch = EncodingScratch()
        self.writtenLength = -1
    }

    deinit { scratch.deallocate() }

    /// Creates a cell holding `defaultValue` on an empty memory, or loads the
    /// cell the memory holds.
    ///
    /// Unlike the crate (which overwrites a memory with a foreign magic),
    /// memory holding anything else is refused and left untouched.
    ///
    /// - Throws: ``StableError/badMagic(expected:found:)``,
    ///   ``StableError/unsupportedVersion(structure:version:)``,
    ///   ``StableError/corrupted(structure:reason:)`` (a length past the end
    ///   of the memory), a decoding error for the stored value, or
    ///   ``StableError/growFailed(pages:)`` when creating.
    /// - Complexity: O(size of the value).
    @inlinable
    public convenience init(memory: M, defaultValue: Value) throws(StableError) {
        if memory.size == 0 {
            self.init(memory: memory, value: defaultValue)
            try write(defaultValue)
        } else {
            self.init(memory: memory, value: try Cell.readValue(memory))
        }
    }

    /// Creates a cell holding `value`, writing a fresh header whatever the
    /// memory held.
    ///
    /// - Throws: ``StableError/growFailed(pages:)``, ``StableError/invalidArgument(_:)``
    ///   for an encoding longer than `UInt32.max` bytes.
    /// - Complexity: O(size of the value).
    @inlinable
    public static func new(memory: M, value: Value) throws(StableError) -> Cell {
        let cell = Cell(memory: memory, value: value)
        try cell.write(value)
        return cell
    }

    /// Loads the cell stored in `memory`, reading only.
    ///
    /// - Throws: as ``init(memory:defaultValue:)``; `.badMagic` for an empty memory.
    /// - Complexity: O(size of the value).
    @inlinable
    public static func load(memory: M) throws(StableError) -> Cell {
        Cell(memory: memory, value: try readValue(memory))
    }

    /// Decodes the stored value.
    @inlinable
    static func readValue(_ memory: M) throws(StableError) -> Value {
        if memory.size == 0 { throw .badMagic(expected: magic.structureName, found: []) }
        try magic.check(memory)
        let length = try memory.load(UInt32.self, at: 4)
        let end = headerSize + UInt64(length)
        if end > memory.byteCount {
            throw .corrupted(structure: magic.structureName, reason: "value length \(length) runs past the end of the memory (\(memory.byteCount) bytes)")
        }
        return try memory.withBytes(at: headerSize, count: Int(length)) { (bytes) throws(StableError) in
            try Value.decode(from: bytes)
        }
    }

    /// The current value. O(1): the cell keeps it decoded.
    @inlinable
    public func get() -> Value { value }

    /// Stores `newValue` and returns the previous value.
    ///
    /// Grows the memory first if the header and the encoding do not fit
    /// (by the fewest pages that make them fit), then writes the header and
    /// the encoding. A shorter value leaves the tail of the previous one in
    /// place, as in the crate.
    ///
    /// - Throws: ``StableError/growFailed(pages:)`` (nothing written, value
    ///   unchanged), ``StableError/invalidArgument(_:)`` for an encoding longer
    ///   than `UInt32.max` bytes.
    /// - Complexity: O(size of the encoding).
    @inlinable
    @discardableResult
    public func set(_ newValue: consuming Value) throws(StableError) -> Value {
        // `consuming`: a caller that hands its value over (`x = try cell.set(x)`)
        // moves it into the cell, with no reference counting.
        try write(newValue)
        let old = value
        value = newValue
        return old
    }

    /// Writes `value` with the crate's grow rule (StableStructures.docc/ByteLayout.md, "Cell").
    ///
    /// On a ``VectorMemory`` the header is one 8-byte store and the encoding
    /// goes straight into the storage.
    @inlinable @inline(always)
    func write(_ value: Value) throws(StableError) {
        let length = value.encodedSize
        guard UInt64(length) <= UInt64(UInt32.max) else { throw Cell.tooLong(length) }
        let needed = UInt64(length) &+ Cell.headerSize
        if let vector = memory.inPlace {
            // `needed > 0`, so this also grows an empty memory.
            if needed > vector.storageCount { try vector.growToCover(end: needed) }
            let base = vector.storageBase!  // at least `needed` bytes exist now
            let header = UInt64(Cell.magic.header(version: 1)) | UInt64(length) << 32
            base.storeBytes(of: header.littleEndian, as: UInt64.self)
            if length > 0 {
                value.encode(into: UnsafeMutableRawBufferPointer(start: base + Int(Cell.headerSize), count: length))
            }
            return
        }
        if _fastPath(length == writtenLength) {
            // The length of the last write: the header holds it already, and
            // the memory is large enough (memories never shrink).
            try memory.writeEncodingGrowing(value, count: length, at: Cell.headerSize, scratch: &scratch, grow: false)
            return
        }
        try writeResized(value, length: length, needed: needed)
    }

    /// ``write(_:)`` of a value whose length differs from the last write's:
    /// grows the memory if needed, writes the header, then the encoding.
    @inlinable @inline(never)
    func writeResized(_ value: Value, length: Int, needed: UInt64) throws(StableError) {
        let available = memory.byteCount
        if needed > available {  // `needed >= 8`, so this also grows an empty memory
            let missing = needed - available
            let pages = (missing &+ wasmPageSize &- 1) / wasmPageSize
            if memory.grow(pages) == -1 { throw .growFailed(pages: pages) }
        }
        let header = UInt64(Cell.magic.header(version: 1)) | UInt64(length) << 32
        try memory.store(header, at: 0)
        writtenLength = length
        // The memory is large enough now, so this write does not grow it.
        try memory.writeEncodingGrowing(value, count: length, at: Cell.headerSize, scratch: &scratch, grow: false)
    }

    /// The error for a value too long for the header's length field (kept out of line).
    @usableFromInline @inline(never)
    static func tooLong(_ length: Int) -> StableError {
        .invalidArgument("a Cell value holds at most \(UInt32.max) bytes, this one encodes to \(length)")
    }
}
