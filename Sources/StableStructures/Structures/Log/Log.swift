/// An append-only list of entries of any size in two stable memories,
/// byte-compatible with the crate's `StableLog` (StableStructures.docc/ByteLayout.md, "Log").
///
/// The index memory holds the entry count and the cumulative end offset of
/// every entry; the data memory holds the encodings back to back:
///
/// ```
/// index: "GLI" 1 · 28 reserved · count u64 LE (at 32) · end offset u64 LE per entry (from 40)
/// data:  "GLD" 1 · 28 reserved · entry bytes (from 32)
/// ```
///
/// Entries need not be bounded and are not checked against a bound.
///
/// The log caches its count and the end of its last entry; it assumes it is
/// the only writer of its memories. Offsets read from the index are checked
/// on every access, so a corrupt index gives
/// ``StableError/corrupted(structure:reason:)`` rather than a trap.
///
/// Members name the type `Log`, not `Self`: Swift 6.3 crashes in IRGen when a
/// method it must inline (`@inline(always)`) names a class's `Self`.
public final class Log<Entry: Storable, IndexMemory: Memory, DataMemory: Memory> {
    @usableFromInline static var indexMagic: StructureMagic { .logIndex }
    @usableFromInline static var dataMagic: StructureMagic { .logData }
    @usableFromInline static var countOffset: UInt64 { 32 }
    @usableFromInline static var indexStart: UInt64 { 40 }
    @usableFromInline static var dataStart: UInt64 { 32 }

    /// The memory holding the count and the entries' end offsets.
    public let indexMemory: IndexMemory
    /// The memory holding the entries' bytes.
    public let dataMemory: DataMemory
    @exclusivity(unchecked) @usableFromInline var storedCount: UInt64
    /// End offset (relative to the data area) of the last entry; 0 when empty.
    @exclusivity(unchecked) @usableFromInline var lastEnd: UInt64
    /// Where entries are encoded before they are written.
    @exclusivity(unchecked) @usableFromInline var scratch: EncodingScratch
    /// The last byte-array entry `get` returned, reused by the next one.
    @exclusivity(unchecked) @usableFromInline var recycled: RecycledBytes
    /// Sizes in bytes the index and data memories had when `append` last
    /// grew or measured them: never above their real sizes (memories never
    /// shrink), so an append that fits needs no size check of its own.
    @exclusivity(unchecked) @usableFromInline var knownIndexBytes: UInt64 = 0
    @exclusivity(unchecked) @usableFromInline var knownDataBytes: UInt64 = 0

    @inlinable
    init(indexMemory: IndexMemory, dataMemory: DataMemory, count: UInt64, lastEnd: UInt64) {
        self.indexMemory = indexMemory
        self.dataMemory = dataMemory
        self.storedCount = count
        self.lastEnd = lastEnd
        self.scratch = EncodingScratch()
        self.recycled = RecycledBytes()
    }

    deinit { scratch.deallocate() }

    /// Creates an empty log when the data memory is empty, or loads the log
    /// the two memories hold.
    ///
    /// Unlike the crate, this never overwrites: a data memory with a foreign
    /// magic, or (when creating) an index memory holding a foreign magic, is
    /// refused and both memories are left untouched.
    ///
    /// - Throws: ``StableError/badMagic(expected:found:)``,
    ///   ``StableError/unsupportedVersion(structure:version:)``,
    ///   ``StableError/corrupted(structure:reason:)`` (an empty index memory
    ///   beside valid data, a count or offset beyond the memories),
    ///   ``StableError/growFailed(pages:)`` when creating.
    /// - Complexity: O(1).
    @inlinable
    public convenience init(indexMemory: IndexMemory, dataMemory: DataMemory) throws(StableError) {
        if dataMemory.size == 0 {
            if indexMemory.size > 0 {
                let word = try indexMemory.load(UInt32.self, at: 0)
                if word & 0x00FF_FFFF != 0 && word & 0x00FF_FFFF != Log.indexMagic.value {
                    throw .badMagic(expected: Log.indexMagic.structureName, found: StructureMagic.bytes(of: word))
                }
            }
            try self.init(creating: indexMemory, dataMemory)
        } else {
            try self.init(loading: indexMemory, dataMemory)
        }
    }

    /// Creates an empty log, writing fresh headers whatever the memories held.
    ///
    /// - Throws: ``StableError/growFailed(pages:)``.
    /// - Complexity: O(1).
    @inlinable
    public static func new(indexMemory: IndexMemory, dataMemory: DataMemory) throws(StableError) -> Log {
        try Log(creating: indexMemory, dataMemory)
    }

    /// Loads the log stored in the two memories, reading only.
    ///
    /// - Throws: as ``init(indexMemory:dataMemory:)``; `.badMagic` for an empty data memory.
    /// - Complexity: O(1).
    @inlinable
    public static func load(indexMemory: IndexMemory, dataMemory: DataMemory) throws(StableError) -> Log {
        try Log(loading: indexMemory, dataMemory)
    }

    @inlinable
    convenience init(creating indexMemory: IndexMemory, _ dataMemory: DataMemory) throws(StableError) {
        if indexMemory.size == 0, indexMemory.grow(1) == -1 { throw .growFailed(pages: 1) }
        try indexMemory.store(Log.indexMagic.header(version: 1), at: 0)
        if dataMemory.size == 0, dataMemory.grow(1) == -1 { throw .growFailed(pages: 1) }
        try dataMemory.store(Log.dataMagic.header(version: 1), at: 0)
        try indexMemory.store(UInt64(0), at: Log.countOffset)
        self.init(indexMemory: indexMemory, dataMemory: dataMemory, count: 0, lastEnd: 0)
    }

    @inlinable
    convenience init(loading indexMemory: IndexMemory, _ dataMemory: DataMemory) throws(StableError) {
        if dataMemory.size == 0 { throw .badMagic(expected: Log.dataMagic.structureName, found: []) }
        try Log.dataMagic.check(dataMemory)
        if indexMemory.size == 0 {
            throw .corrupted(structure: "Log", reason: "the index memory is empty but the data memory holds a log")
        }
        try Log.indexMagic.check(indexMemory)
        let count = try indexMemory.load(UInt64.self, at: Log.countOffset)
        let indexEnd = try checkedAddress(count, times: 8, plus: Log.indexStart, structure: "Log")
        if indexEnd > indexMemory.byteCount {
            throw .corrupted(structure: "Log", reason: "\(count) entries need \(indexEnd) index bytes, the index memory has \(indexMemory.byteCount)")
        }
        let lastEnd = count == 0 ? 0 : try indexMemory.load(UInt64.self, at: indexEnd &- 8)
        try Log.checkDataEnd(lastEnd, dataMemory)
        self.init(indexMemory: indexMemory, dataMemory: dataMemory, count: count, lastEnd: lastEnd)
    }

    /// Checks that data offset `end` (relative to the data area) is inside the data memory.
    @inlinable
    static func checkDataEnd(_ end: UInt64, _ dataMemory: DataMemory) throws(StableError) {
        let (absolute, overflow) = end.addingReportingOverflow(dataStart)
        if overflow || absolute > dataMemory.byteCount {
            throw .corrupted(structure: "Log", reason: "entry end offset \(end) lies past the data memory (\(dataMemory.byteCount) bytes)")
        }
    }

    /// The number of entries. O(1).
    @inlinable
    public var count: UInt64 { storedCount }

    /// Whether the log has no entries. O(1).
    @inlinable
    public var isEmpty: Bool { storedCount == 0 }

    /// Bytes of the index memory in use: `40 + 8 × count`. O(1).
    @inlinable
    public var indexBytesUsed: UInt64 { Log.indexStart &+ storedCount &* 8 }

    /// Bytes of the data memory in use: the 32-byte header plus every entry. O(1).
    @inlinable
    public var dataBytesUsed: UInt64 { Log.dataStart &+ lastEnd }

    /// The largest count `append` accepts, so that index addresses never overflow.
    @usableFromInline static var maxCount: UInt64 { (UInt64.max &- indexStart &- 8) / 8 }

    /// The data-area range `start ..< end` of entry `index` (below `count`),
    /// checked against the index and the data memory.
    @inlinable @inline(__always)
    func entryRange(_ index: UInt64) throws(StableError) -> (start: UInt64, length: Int) {
        let endOffset = Log.indexStart &+ index &* 8
        let start: UInt64
        let end: UInt64
        // `count` entries fit the index memory (checked on load, kept by
        // `append`; memories never shrink): the slots need no bounds check.
        if index == 0 {
            start = 0
            end = try indexMemory.loadInBounds(UInt64.self, at: endOffset)
        } else {
            // The previous entry's end and this one's are adjacent: one read.
            var ends: (UInt64, UInt64) = (0, 0)
            try withUnsafeMutableBytes(of: &ends) { (buffer) throws(StableError) in
                try indexMemory.readInBounds(endOffset &- 8, into: buffer)
            }
            start = UInt64(littleEndian: ends.0)
            end = UInt64(littleEndian: ends.1)
        }
        if end < start {
            throw .corrupted(structure: "Log", reason: "entry \(index) ends at \(end) before it starts at \(start)")
        }
        // Entries end at or before the last one, which lies inside the data
        // memory (checked on load, kept by `append`; memories never shrink):
        // only an end past it needs the data memory's size.
        if end > lastEnd { try Log.checkDataEnd(end, dataMemory) }
        return (Log.dataStart &+ start, Int(clamping: end &- start))
    }

    /// The bytes of entry `index` (below `count`) inside the storage of two
    /// in-heap memories, checked against both; valid until either grows.
    @inlinable @inline(__always)
    func entryBytes(_ index: UInt64, index indexMemory: VectorMemory, data dataMemory: VectorMemory) throws(StableError) -> UnsafeRawBufferPointer {
        // `count` entries fit the index memory (checked on load, kept by
        // `append`, and memories never shrink), so this cannot overflow.
        let slot = Log.indexStart &+ index &* 8
        guard slot &+ 8 <= indexMemory.storageCount, let indexBase = indexMemory.storageBase else {
            throw Log.indexError(index, indexSize: indexMemory.storageCount)
        }
        let end = UInt64(littleEndian: indexBase.loadUnaligned(fromByteOffset: Int(truncatingIfNeeded: slot), as: UInt64.self))
        let start = index == 0 ? 0 : UInt64(littleEndian: indexBase.loadUnaligned(fromByteOffset: Int(truncatingIfNeeded: slot &- 8), as: UInt64.self))
        let dataSize = dataMemory.storageCount
        guard start <= end, dataSize >= Log.dataStart, end <= dataSize &- Log.dataStart, let dataBase = dataMemory.storageBase else {
            throw Log.entryError(index, start: start, end: end, dataSize: dataSize)
        }
        // Both offsets lie inside the storage, whose size is an `Int`.
        return UnsafeRawBufferPointer(
            start: dataBase + Int(truncatingIfNeeded: Log.dataStart &+ start), count: Int(truncatingIfNeeded: end &- start))
    }

    /// The error for an entry whose offsets are inconsistent (kept out of line).
    @usableFromInline @inline(never)
    static func entryError(_ index: UInt64, start: UInt64, end: UInt64, dataSize: UInt64) -> StableError {
        if end < start {
            return .corrupted(structure: "Log", reason: "entry \(index) ends at \(end) before it starts at \(start)")
        }
        return .corrupted(structure: "Log", reason: "entry \(index) end offset \(end) lies past the data memory (\(dataSize) bytes)")
    }

    /// The error for an entry whose index slot lies outside the index memory (kept out of line).
    @usableFromInline @inline(never)
    static func indexError(_ index: UInt64, indexSize: UInt64) -> StableError {
        .corrupted(structure: "Log", reason: "the index slot of entry \(index) lies past the index memory (\(indexSize) bytes)")
    }

    /// Decodes an entry, reusing the storage of the previous result when the
    /// entries are byte arrays (see `RecycledBytes`).
    @inlinable @inline(__always)
    func decodeEntry(_ bytes: UnsafeRawBufferPointer, recycling: Bool = true) throws(StableError) -> Entry {
        if recycling, Entry.self == [UInt8].self {
            recycled.fill(from: bytes)
            return unsafeBitCast(recycled.array, to: Entry.self)
        }
        return try Entry.decode(from: bytes)
    }

    /// Appends `entry` and returns its index.
    ///
    /// Writes the encoding to the data memory, then its end offset to the
    /// index, then the new count (each write growing its memory as needed).
    /// On two ``VectorMemory``s the encoding goes straight into the data
    /// memory's storage and the two index words are plain stores. On other
    /// memories the three writes lie inside the sizes the log last measured
    /// and go through ``Memory/writeInBounds(_:_:)``.
    ///
    /// - Throws: ``StableError/growFailed(pages:)`` when a memory cannot grow
    ///   (the count is unchanged; some bytes may have been written past the
    ///   log's end, as in the crate).
    /// - Complexity: O(size of the encoding).
    @inlinable @inline(always)
    @discardableResult
    public func append(_ entry: Entry) throws(StableError) -> UInt64 {
        let index = storedCount
        let start = lastEnd
        let length = entry.encodedSize
        let (end, overflow) = start.addingReportingOverflow(UInt64(length))
        if overflow || end > UInt64.max &- Log.dataStart || index >= Log.maxCount {
            throw Log.tooLarge()
        }
        let slot = Log.indexStart &+ index &* 8
        if let data = dataMemory.inPlace, let indexMemory = indexMemory.inPlace {
            // The crate's order: grow and write the data, then grow and write the index.
            let dataEnd = Log.dataStart &+ end
            if dataEnd > data.storageCount { try data.growToCover(end: dataEnd) }
            // Both memories are at least `dataEnd` and `slot + 8` bytes long, so their storage exists.
            if length > 0 {
                entry.encode(into: UnsafeMutableRawBufferPointer(start: data.storageBase! + Int(truncatingIfNeeded: Log.dataStart &+ start), count: length))
            }
            if slot &+ 8 > indexMemory.storageCount { try indexMemory.growToCover(end: slot &+ 8) }
            let indexBase = indexMemory.storageBase!
            indexBase.storeBytes(of: end.littleEndian, toByteOffset: Int(truncatingIfNeeded: slot), as: UInt64.self)
            indexBase.storeBytes(of: (index &+ 1).littleEndian, toByteOffset: Int(Log.countOffset), as: UInt64.self)
        } else {
            // `end <= UInt64.max - dataStart` and `slot + 8` fits (`index < maxCount`).
            // Past the known sizes, grow and measure; inside them the writes
            // need no bounds check (the count word at 32 lies below the slot).
            let dataEnd = Log.dataStart &+ end
            if dataEnd > knownDataBytes { try growData(end: dataEnd) }
            try dataMemory.writeEncodingInBounds(entry, count: length, at: Log.dataStart &+ start, scratch: &scratch)
            if slot &+ 8 > knownIndexBytes { try growIndex(end: slot &+ 8) }
            try indexMemory.storeInBounds(end, at: slot)
            try indexMemory.storeInBounds(index &+ 1, at: Log.countOffset)
        }
        storedCount = index &+ 1
        lastEnd = end
        return index
    }

    /// Grows the data memory, if needed, to at least `end` bytes and
    /// remembers its size (kept out of line).
    ///
    /// It releases nothing the caller of `append` can hold: growing a memory
    /// only replaces storage private to the memory. Saying so (as
    /// `VectorMemory.growToCover` does) lets an inlined `append` borrow the
    /// entry across its writes instead of retaining and releasing it.
    @usableFromInline @inline(never) @_effects(releasenone)
    func growData(end: UInt64) throws(StableError) {
        try dataMemory.ensureCapacity(end: end, count: 0)
        knownDataBytes = dataMemory.byteCount
    }

    /// Grows the index memory, if needed, to at least `end` bytes and
    /// remembers its size (kept out of line; releases nothing, as `growData(end:)`).
    @usableFromInline @inline(never) @_effects(releasenone)
    func growIndex(end: UInt64) throws(StableError) {
        try indexMemory.ensureCapacity(end: end, count: 0)
        knownIndexBytes = indexMemory.byteCount
    }

    /// The error for an append past the largest log (kept out of line).
    @usableFromInline @inline(never)
    static func tooLarge() -> StableError {
        .invalidArgument("the log cannot grow past \(UInt64.max) bytes or \(maxCount) entries")
    }

    /// The entry at `index`, or `nil` when `index >= count`.
    ///
    /// For a log of byte arrays (`Entry == [UInt8]`), the log keeps the last
    /// array it returned and overwrites its storage for the next entry of the
    /// same length once the caller has dropped it, so a loop of `get`s that
    /// does not keep the results allocates nothing. Results the caller keeps
    /// are never changed (copy-on-write). Because of this, `get` updates the
    /// log's state: do not call it concurrently with anything else on the same log.
    /// The storage of the last result stays allocated until the next `get`
    /// of an entry of another length or until the log is released.
    ///
    /// `get` is always inlined: a caller that only reads the result then
    /// borrows the kept array, with no retain and release (see `RecycledBytes`).
    ///
    /// - Throws: ``StableError/corrupted(structure:reason:)`` for inconsistent
    ///   offsets, a decoding error for bytes that do not decode.
    /// - Complexity: O(1) plus decoding; no copy for in-heap memories.
    @inlinable @inline(always)
    public func get(_ index: UInt64) throws(StableError) -> Entry? {
        try entry(index, recycling: true)
    }

    /// ``get(_:)``; with `recycling: false` every byte-array result gets
    /// fresh storage (for callers that keep all the results).
    @inlinable @inline(__always)
    func entry(_ index: UInt64, recycling: Bool) throws(StableError) -> Entry? {
        guard index < storedCount else { return nil }
        if let data = dataMemory.inPlace, let indexMemory = indexMemory.inPlace {
            return try decodeEntry(try entryBytes(index, index: indexMemory, data: data), recycling: recycling)
        }
        let (start, length) = try entryRange(index)
        if recycling, Entry.self == [UInt8].self {
            // `entryRange` checked the entry against the data memory.
            try recycled.readInBounds(length, at: start, of: dataMemory)
            return unsafeBitCast(recycled.array, to: Entry.self)
        }
        return try dataMemory.withBytes(at: start, count: length) { (bytes) throws(StableError) in
            try decodeEntry(bytes, recycling: recycling)
        }
    }

    /// Copies the encoded bytes of entry `index` into `buffer`, replacing its
    /// contents but keeping its storage when it is unique and large enough:
    /// a loop that reads into one buffer allocates only when an entry is
    /// longer than any before it.
    ///
    /// - Returns: `false` (leaving `buffer` unchanged) when `index >= count`.
    /// - Throws: ``StableError/corrupted(structure:reason:)`` for inconsistent
    ///   offsets (leaving `buffer` unchanged).
    /// - Complexity: O(size of the entry).
    @inlinable
    @discardableResult
    public func read(_ index: UInt64, into buffer: inout [UInt8]) throws(StableError) -> Bool {
        guard index < storedCount else { return false }
        if let data = dataMemory.inPlace, let indexMemory = indexMemory.inPlace {
            buffer.replaceContents(with: try entryBytes(index, index: indexMemory, data: data))
            return true
        }
        let (start, length) = try entryRange(index)
        try dataMemory.withBytes(at: start, count: length) { (bytes) throws(StableError) in
            buffer.replaceContents(with: bytes)
        }
        return true
    }

    /// The first entry, or `nil` when empty.
    ///
    /// - Throws: as ``get(_:)``.
    @inlinable
    public var first: Entry? {
        get throws(StableError) { try get(0) }
    }

    /// The last entry, or `nil` when empty.
    ///
    /// - Throws: as ``get(_:)``.
    @inlinable
    public var last: Entry? {
        get throws(StableError) { storedCount == 0 ? nil : try get(storedCount &- 1) }
    }

    /// Removes every entry by writing a count of zero (nothing else is cleared). O(1).
    @inlinable
    public func clear() throws(StableError) {
        try indexMemory.store(UInt64(0), at: Log.countOffset)
        storedCount = 0
        lastEnd = 0
    }

    /// All entries in index order, as an array.
    ///
    /// - Throws: the first error.
    /// - Complexity: O(total size of the entries).
    @inlinable
    public func entries() throws(StableError) -> [Entry] {
        var result = [Entry]()
        result.reserveCapacity(Int(clamping: storedCount))
        var index: UInt64 = 0
        while index < storedCount {
            if let entry = try entry(index, recycling: false) { result.append(entry) }
            index &+= 1
        }
        return result
    }
}
