/// A sorted map from `Key` to `Value` stored in a ``Memory``, byte-compatible
/// with the Rust crate `ic-stable-structures` 0.7.x `BTreeMap`.
///
/// The map is a B-tree of minimum degree 6 (at most 11 entries per node)
/// whose nodes are chunks of a fixed-size allocator inside the memory
/// (StableStructures.docc/ByteLayout.md, "B-tree map and set"). Every operation reads and writes the memory directly;
/// nothing but a little scratch space is kept in the heap, so the map can be
/// dropped and re-opened from its memory at any time.
///
/// Lookups compare keys in place in the node bytes (without decoding them
/// when `Key.encodingPreservesOrder`); updates rewrite exactly the bytes the
/// Rust crate rewrites, in the same allocation order, so the images are
/// identical.
///
/// - Complexity: `get`, `insert` and `remove` are O(log n) node visits;
///   iteration is O(1) amortised node visits per entry.
public final class BTreeMap<Key: StorableKey, Value: Storable, M: Memory> {
    /// The memory holding the map.
    public let memory: M
    // The map is not thread-safe (like the crate's); runtime exclusivity
    // checks on these hot fields are skipped.
    @exclusivity(unchecked) @usableFromInline var root: UInt64
    @exclusivity(unchecked) @usableFromInline var length: UInt64
    @exclusivity(unchecked) @usableFromInline var allocator: BTreeAllocator
    @exclusivity(unchecked) @usableFromInline var layout: BTreeLayout
    /// Size of a fixed-size key (stored without a length in v2 nodes), or -1.
    @usableFromInline let fixedKeySize: Int
    /// Reusable buffer in which node streams are assembled before writing.
    @exclusivity(unchecked) @usableFromInline var scratch: [UInt8] = []
    /// Reusable raw buffer for in-place node edits (see `BTreeMap+Splice`).
    @exclusivity(unchecked) @usableFromInline var spliceBuffer: UnsafeMutableRawPointer
    @exclusivity(unchecked) @usableFromInline var spliceCapacity: Int
    /// Reusable buffer in which node streams with overflow pages are assembled for reading.
    @exclusivity(unchecked) @usableFromInline var readBuffer: UnsafeMutableRawPointer
    @exclusivity(unchecked) @usableFromInline var readCapacity: Int
    @exclusivity(unchecked) @usableFromInline var readBufferInUse = false
    /// Reusable list of the overflow page addresses of the node being read or written.
    @exclusivity(unchecked) @usableFromInline var chainBuffer: UnsafeMutablePointer<UInt64>
    @exclusivity(unchecked) @usableFromInline var chainCapacity: Int
    /// How many leading bytes of a node a descent reads (header, children and
    /// keys; see ``withKeysPrefix(_:_:)``); grows when keys do not fit.
    @exclusivity(unchecked) @usableFromInline var keysPrefix: Int
    /// Overflow page addresses set aside while a split edits three nodes (see `BTreeMap+DirectInsert`).
    @exclusivity(unchecked) @usableFromInline var spareChain: UnsafeMutablePointer<UInt64>? = nil
    @exclusivity(unchecked) @usableFromInline var spareChainCapacity = 0
    /// Whether inserts and splits edit v2 streams directly (`BTreeMap+DirectInsert`);
    /// tests turn it off to compare with the general path.
    @exclusivity(unchecked) @usableFromInline var editsStreamsDirectly = true
    /// The depth at which the last insert found a leaf with overflow pages, or -1.
    @exclusivity(unchecked) @usableFromInline var spanningLeafDepth = -1

    @usableFromInline
    init(memory: M, root: UInt64, length: UInt64, allocator: BTreeAllocator, layout: BTreeLayout) {
        self.memory = memory
        self.root = root
        self.length = length
        self.allocator = allocator
        self.layout = layout
        let bound = Key.bound
        fixedKeySize = bound.isFixedSize ? (bound.maxSize ?? -1) : -1
        spliceCapacity = 2048
        spliceBuffer = UnsafeMutableRawPointer.allocate(byteCount: spliceCapacity, alignment: 8)
        readCapacity = 2048
        readBuffer = UnsafeMutableRawPointer.allocate(byteCount: readCapacity, alignment: 8)
        chainCapacity = 16
        chainBuffer = UnsafeMutablePointer<UInt64>.allocate(capacity: chainCapacity)
        // Header, link and 12 children take 111 bytes; then 11 keys.
        if let maxKey = bound.maxSize {
            keysPrefix = 111 &+ 11 &* (fixedKeySize >= 0 ? Swift.min(maxKey, 1 << 20) : 4 &+ Swift.min(maxKey, 1 << 20))
        } else {
            keysPrefix = 512
        }
    }

    deinit {
        spliceBuffer.deallocate()
        readBuffer.deallocate()
        chainBuffer.deallocate()
        spareChain?.deallocate()
    }

    /// Opens the map stored in `memory`, or creates an empty one when the
    /// memory is empty (zero pages).
    ///
    /// Unlike the Rust crate, a memory holding anything else is left untouched.
    ///
    /// - Throws: ``StableError/badMagic(expected:found:)`` when the memory does
    ///   not start with `"BTR"`; ``StableError/unsupportedVersion(structure:version:)``
    ///   for an unknown layout version; ``StableError/corrupted(structure:reason:)``
    ///   for an inconsistent header; ``StableError/growFailed(pages:)`` when an
    ///   empty memory cannot grow.
    @inlinable
    public convenience init(memory: M) throws(StableError) {
        if memory.size == 0 {
            let state = try BTreeMap.createState(memory)
            self.init(memory: memory, root: 0, length: 0, allocator: state.0, layout: state.1)
        } else {
            let state = try BTreeMap.loadState(memory)
            self.init(memory: memory, root: state.root, length: state.length, allocator: state.allocator, layout: state.layout)
        }
    }

    /// Creates an empty map in `memory`, overwriting its headers (other bytes
    /// are left as they are, as in the crate).
    @inlinable
    public static func new(memory: M) throws(StableError) -> BTreeMap {
        let state = try createState(memory)
        return BTreeMap(memory: memory, root: 0, length: 0, allocator: state.0, layout: state.1)
    }

    /// Opens the map stored in `memory`; v1 trees are migrated implicitly
    /// (new nodes use the v2 layout, StableStructures.docc/ByteLayout.md, "B-tree map and set"). Writes nothing.
    @inlinable
    public static func load(memory: M) throws(StableError) -> BTreeMap {
        let state = try loadState(memory)
        return BTreeMap(memory: memory, root: state.root, length: state.length, allocator: state.allocator, layout: state.layout)
    }

    /// Creates an empty map with the v1 node layout (the crate's test-only
    /// `new_v1`); both `Key` and `Value` must be bounded.
    @_spi(Testing)
    public static func newV1(memory: M) throws(StableError) -> BTreeMap {
        guard let maxKey = Key.bound.maxSize, let maxValue = Value.bound.maxSize else {
            throw .unsupportedType("the v1 B-tree layout needs bounded keys and values")
        }
        let size = BTreeLayout.v1NodeSize(maxKey: UInt64(maxKey), maxValue: UInt64(maxValue))
        guard UInt64(maxKey) <= UInt64(UInt32.max), UInt64(maxValue) <= UInt64(UInt32.max), size <= UInt64(UInt32.max) else {
            throw .unsupportedType("bounds too large for the v1 layout")
        }
        let layout = BTreeLayout(format: .v1, pageSize: Int(size), maxKeySize: UInt32(maxKey), maxValueSize: UInt32(maxValue))
        let allocator = try BTreeAllocator.create(in: memory, allocationSize: size)
        let map = BTreeMap(memory: memory, root: 0, length: 0, allocator: allocator, layout: layout)
        try map.saveHeader()
        return map
    }

    /// The page size a new tree of these types uses (StableStructures.docc/ByteLayout.md, "B-tree map and set").
    @inlinable
    static var newPageSize: Int {
        if let maxKey = Key.bound.maxSize, let maxValue = Value.bound.maxSize {
            let size = BTreeLayout.v1NodeSize(maxKey: UInt64(maxKey), maxValue: UInt64(maxValue))
            return Int(size * 3 / 4)
        }
        return 1024
    }

    @inlinable
    static func createState(_ memory: M) throws(StableError) -> (BTreeAllocator, BTreeLayout) {
        let pageSize = newPageSize
        let layout = BTreeLayout(format: .explicit, pageSize: pageSize, maxKeySize: 0, maxValueSize: 0)
        let allocator = try BTreeAllocator.create(in: memory, allocationSize: UInt64(pageSize))
        try writeHeader(memory, layout: layout, root: 0, length: 0)
        return (allocator, layout)
    }

    @inlinable
    static func loadState(_ memory: M) throws(StableError) -> (root: UInt64, length: UInt64, allocator: BTreeAllocator, layout: BTreeLayout) {
        guard memory.size > 0 else { throw .badMagic(expected: "BTreeMap", found: []) }
        var header = (UInt64(0), UInt64(0), UInt64(0), UInt32(0))
        try withUnsafeMutableBytes(of: &header) { (raw) throws(StableError) in
            try memory.read(0, into: UnsafeMutableRawBufferPointer(rebasing: raw[0 ..< 28]))
        }
        let fields = withUnsafeBytes(of: &header) { raw in
            (magic: [raw[0], raw[1], raw[2]], version: raw[3],
             first: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4, as: UInt32.self)),
             second: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt32.self)),
             root: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 12, as: UInt64.self)),
             length: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 20, as: UInt64.self)))
        }
        guard fields.magic == [0x42, 0x54, 0x52] else { throw .badMagic(expected: "BTreeMap", found: fields.magic) }
        let layout: BTreeLayout
        switch fields.version {
        case 2 where fields.second == UInt32.max:
            guard fields.first >= 128 else {
                throw .corrupted(structure: "BTreeMap", reason: "page size \(fields.first) is too small")
            }
            layout = BTreeLayout(format: .explicit, pageSize: Int(fields.first), maxKeySize: 0, maxValueSize: 0)
        case 1, 2:
            let size = BTreeLayout.v1NodeSize(maxKey: UInt64(fields.first), maxValue: UInt64(fields.second))
            guard size <= UInt64(UInt32.max) else {
                throw .corrupted(structure: "BTreeMap", reason: "v1 node size \(size) is impossible")
            }
            layout = BTreeLayout(format: .derived, pageSize: Int(size), maxKeySize: fields.first, maxValueSize: fields.second)
        default:
            throw .unsupportedVersion(structure: "BTreeMap", version: UInt32(fields.version))
        }
        let allocator = try BTreeAllocator.load(from: memory)
        guard UInt64(layout.pageSize) <= allocator.allocationSize else {
            throw .corrupted(structure: "BTreeMap", reason: "page size \(layout.pageSize) exceeds the allocation size \(allocator.allocationSize)")
        }
        guard fields.root == 0 || allocator.isValidPayloadAddress(fields.root, limit: memory.byteCount) else {
            throw .corrupted(structure: "BTreeMap", reason: "root address \(fields.root) is not a node")
        }
        return (fields.root, fields.length, allocator, layout)
    }

    @inlinable
    static func writeHeader(_ memory: M, layout: BTreeLayout, root: UInt64, length: UInt64) throws(StableError) {
        var header = (UInt64(0), UInt64(0), UInt64(0), UInt32(0))
        withUnsafeMutableBytes(of: &header) { raw in
            raw[0] = 0x42; raw[1] = 0x54; raw[2] = 0x52
            if layout.format == .explicit {
                raw[3] = 2
                raw.storeBytes(of: UInt32(layout.pageSize).littleEndian, toByteOffset: 4, as: UInt32.self)
                raw.storeBytes(of: UInt32.max, toByteOffset: 8, as: UInt32.self)
            } else {
                raw[3] = 1
                raw.storeBytes(of: layout.maxKeySize.littleEndian, toByteOffset: 4, as: UInt32.self)
                raw.storeBytes(of: layout.maxValueSize.littleEndian, toByteOffset: 8, as: UInt32.self)
            }
            raw.storeBytes(of: root.littleEndian, toByteOffset: 12, as: UInt64.self)
            raw.storeBytes(of: length.littleEndian, toByteOffset: 20, as: UInt64.self)
        }
        try withUnsafeBytes(of: &header) { (raw) throws(StableError) in
            try memory.writeGrowing(0, UnsafeRawBufferPointer(rebasing: raw[0 ..< 28]))
        }
    }

    /// Rewrites the 28-byte tree header.
    @inlinable
    func saveHeader() throws(StableError) {
        try BTreeMap.writeHeader(memory, layout: layout, root: root, length: length)
    }

    /// The number of entries.
    ///
    /// - Complexity: O(1).
    @inlinable
    public var count: Int { Int(clamping: length) }  // never negative, even for a hostile length field

    /// Whether the map holds no entries.
    @inlinable
    public var isEmpty: Bool { length == 0 }
}
