/// The three magic bytes and the version byte that open a structure's header.
///
/// All headers of the crate start with a 3-byte ASCII magic followed by a
/// one-byte layout version (StableStructures.docc/ByteLayout.md, "Conventions"); this type reads and writes
/// those four bytes as one little-endian `UInt32`.
@usableFromInline
struct StructureMagic: Sendable {
    /// The magic bytes as a little-endian `UInt32` (the top byte is zero).
    @usableFromInline let value: UInt32
    /// The structure's name in error messages.
    @usableFromInline let name: StaticString

    /// A magic from its three ASCII bytes, e.g. `StructureMagic(0x53, 0x56, 0x43, name: "Vec")` for `"SVC"`.
    @inlinable @inline(__always)
    init(_ byte0: UInt8, _ byte1: UInt8, _ byte2: UInt8, name: StaticString) {
        value = UInt32(byte0) | UInt32(byte1) << 8 | UInt32(byte2) << 16
        self.name = name
    }

    /// The name as a `String`.
    @usableFromInline var structureName: String { "\(name)" }

    /// The four header bytes: magic followed by `version`.
    @inlinable
    func header(version: UInt8) -> UInt32 { value | UInt32(version) << 24 }

    /// Checks the magic and version at offset 0 of `memory`, which must hold
    /// at least four bytes. Reads only.
    ///
    /// - Throws: ``StableError/badMagic(expected:found:)`` or
    ///   ``StableError/unsupportedVersion(structure:version:)``.
    @inlinable
    func check<M: Memory>(_ memory: M, version: UInt8 = 1) throws(StableError) {
        let word = try memory.load(UInt32.self, at: 0)
        if word & 0x00FF_FFFF != value {
            throw .badMagic(expected: structureName, found: StructureMagic.bytes(of: word))
        }
        if UInt8(truncatingIfNeeded: word >> 24) != version {
            throw .unsupportedVersion(structure: structureName, version: word >> 24)
        }
    }

    /// Whether the memory's first three bytes are this magic (false when the
    /// memory is empty).
    @inlinable
    func matches<M: Memory>(_ memory: M) -> Bool {
        guard memory.size > 0, let word = try? memory.load(UInt32.self, at: 0) else { return false }
        return word & 0x00FF_FFFF == value
    }

    /// The three magic bytes of a header word.
    @inlinable
    static func bytes(of word: UInt32) -> [UInt8] {
        [UInt8(truncatingIfNeeded: word), UInt8(truncatingIfNeeded: word >> 8), UInt8(truncatingIfNeeded: word >> 16)]
    }
}

/// `a * b + c` with overflow reported as a corrupted structure.
@inlinable @inline(__always)
func checkedAddress(_ a: UInt64, times b: UInt64, plus c: UInt64, structure: StaticString) throws(StableError) -> UInt64 {
    #if _pointerBitWidth(_32)
    // On 32-bit targets (wasm32) the checked 64-bit multiply is a `__multi3`
    // call; factors below 2^32 cannot overflow, so that common case is a
    // plain multiply.
    if (a | b) >> 32 == 0 {
        let (sum, overflow) = (a &* b).addingReportingOverflow(c)
        if overflow { throw addressOverflow(a, b, c, structure) }
        return sum
    }
    #endif
    let (product, overflow1) = a.multipliedReportingOverflow(by: b)
    let (sum, overflow2) = product.addingReportingOverflow(c)
    if overflow1 || overflow2 { throw addressOverflow(a, b, c, structure) }
    return sum
}

/// The error for an address computation that overflows (kept out of line).
@usableFromInline @inline(never)
func addressOverflow(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ structure: StaticString) -> StableError {
    .corrupted(structure: "\(structure)", reason: "address \(a) × \(b) + \(c) overflows 64 bits")
}

extension StructureMagic {
    /// `"BTR"`: a B-tree map or set header.
    @usableFromInline static var btreeMap: StructureMagic { StructureMagic(0x42, 0x54, 0x52, name: "BTreeMap") }
    /// `"SVC"`: a vector header.
    @usableFromInline static var vec: StructureMagic { StructureMagic(0x53, 0x56, 0x43, name: "Vec") }
    /// `"SMH"`: a min-heap header.
    @usableFromInline static var minHeap: StructureMagic { StructureMagic(0x53, 0x4D, 0x48, name: "MinHeap") }
    /// `"SCL"`: a cell header.
    @usableFromInline static var cell: StructureMagic { StructureMagic(0x53, 0x43, 0x4C, name: "Cell") }
    /// `"GLI"`: a log's index memory.
    @usableFromInline static var logIndex: StructureMagic { StructureMagic(0x47, 0x4C, 0x49, name: "Log index") }
    /// `"GLD"`: a log's data memory.
    @usableFromInline static var logData: StructureMagic { StructureMagic(0x47, 0x4C, 0x44, name: "Log data") }
    /// `"MGR"`: a memory manager's page 0.
    @usableFromInline static var memoryManager: StructureMagic { StructureMagic(0x4D, 0x47, 0x52, name: "MemoryManager") }
}
