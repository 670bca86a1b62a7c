/// How a tree lays out its nodes (StableStructures.docc/ByteLayout.md, "B-tree map and set").
@usableFromInline
enum BTreeNodeFormat: Sendable, Equatable {
    /// A tree created with the v1 layout in this session: new nodes are v1.
    case v1
    /// A v1 tree loaded (and so migrated): new nodes are v2 with the derived
    /// page size, existing v1 nodes stay v1, the header keeps version byte 1.
    case derived
    /// A v2 tree with an explicit page size (version byte 2, marker `FFFFFFFF`).
    case explicit
}

/// The layout parameters of one tree, fixed when it is created or loaded.
@usableFromInline
struct BTreeLayout: Sendable {
    /// B-tree capacity: at most 11 entries per node.
    @usableFromInline static let capacity = 11
    /// Minimum degree `B`: a non-root node holds at least `B - 1` entries.
    @usableFromInline static let minimumDegree = 6
    /// The deepest tree any valid image can hold; deeper descents are corruption.
    @usableFromInline static let maxDepth = 64
    /// Offset of the first child address in a v2 node.
    @usableFromInline static let v2ChildrenOffset = 15
    /// Offset of the data in an overflow page.
    @usableFromInline static let overflowDataOffset = 11

    @usableFromInline var format: BTreeNodeFormat
    /// The v2 page size `P` (explicit, or derived `size_v1(mk, mv)`).
    @usableFromInline var pageSize: Int
    /// The header's max key size (v1 and derived trees).
    @usableFromInline var maxKeySize: UInt32
    /// The header's max value size (v1 and derived trees).
    @usableFromInline var maxValueSize: UInt32

    @inlinable
    init(format: BTreeNodeFormat, pageSize: Int, maxKeySize: UInt32, maxValueSize: UInt32) {
        self.format = format
        self.pageSize = pageSize
        self.maxKeySize = maxKeySize
        self.maxValueSize = maxValueSize
    }

    /// The size of a v1 node: `7 + 11·(4 + mk + mv + 4) + 12·8`.
    @inlinable
    static func v1NodeSize(maxKey: UInt64, maxValue: UInt64) -> UInt64 {
        103 &+ 11 &* (8 &+ maxKey &+ maxValue)
    }

    /// The bytes of one v1 entry slot.
    @inlinable
    var v1SlotSize: Int { 8 + Int(maxKeySize) + Int(maxValueSize) }

    /// The size of a v1 node page.
    @inlinable
    var v1PageSize: Int { 103 + 11 * v1SlotSize }

    /// Data bytes carried by one overflow page.
    @inlinable
    var overflowCapacity: Int { pageSize - BTreeLayout.overflowDataOffset }

    /// Overflow pages needed for a v2 stream of `length` bytes.
    @inlinable
    func overflowPages(forStreamLength length: Int) -> Int {
        if length <= pageSize { return 0 }
        let extra = length - pageSize
        return (extra + overflowCapacity - 1) / overflowCapacity
    }

    /// Whether nodes created now use the v1 layout.
    @inlinable
    var createsV1Nodes: Bool { format == .v1 }
}
