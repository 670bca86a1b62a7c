/// What a memory holds, as announced by the magic at its offset 0: one of
/// the crate's structures, or the memory manager.
///
/// Every structure header starts with three ASCII magic bytes and a version
/// byte (see the byte-layout article of the documentation catalog). Maps and
/// sets share the B-tree layout, so both are ``btreeMap``; a log spans two
/// memories, whose headers are ``logIndex`` and ``logData``.
///
/// ```swift
/// if StoredStructure.identify(memory) == .memoryManager {
///     let manager = try MemoryManager(memory)
/// }
/// ```
public enum StoredStructure: Equatable, Sendable, CaseIterable {
    /// A memory manager's page 0 (`"MGR"`).
    case memoryManager
    /// A ``BTreeMap`` or ``BTreeSet`` (`"BTR"`).
    case btreeMap
    /// A ``StableVec`` (`"SVC"`).
    case vec
    /// A ``MinHeap`` (`"SMH"`).
    case minHeap
    /// A ``Cell`` (`"SCL"`).
    case cell
    /// The index memory of a ``Log`` (`"GLI"`).
    case logIndex
    /// The data memory of a ``Log`` (`"GLD"`).
    case logData

    @usableFromInline var structureMagic: StructureMagic {
        switch self {
        case .memoryManager: return .memoryManager
        case .btreeMap: return .btreeMap
        case .vec: return .vec
        case .minHeap: return .minHeap
        case .cell: return .cell
        case .logIndex: return .logIndex
        case .logData: return .logData
        }
    }

    /// The three magic bytes that open the header.
    public var magic: [UInt8] { StructureMagic.bytes(of: structureMagic.value) }

    /// The name used in messages: `"MemoryManager"`, `"BTreeMap"`, `"Vec"`,
    /// `"MinHeap"`, `"Cell"`, `"Log index"`, `"Log data"`.
    public var name: String { structureMagic.structureName }

    /// The structure a magic announces; nil for bytes no structure writes.
    /// Only the first three bytes count.
    public init?(magic: [UInt8]) {
        guard magic.count >= 3 else { return nil }
        for candidate in StoredStructure.allCases where Array(magic.prefix(3)) == candidate.magic {
            self = candidate
            return
        }
        return nil
    }

    /// What `memory` holds at offset 0; nil for an empty memory or a magic no
    /// structure writes. Reads three bytes and nothing else: the rest of the
    /// header is not checked (a structure's loader or its invariant checker
    /// does that).
    public static func identify<M: Memory>(_ memory: M) -> StoredStructure? {
        guard memory.size > 0, let bytes = try? memory.readBytes(0, count: 3) else { return nil }
        return StoredStructure(magic: bytes)
    }
}
