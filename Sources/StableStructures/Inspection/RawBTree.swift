/// How a B-tree's v2 nodes store keys (not recorded in the image: the
/// declared key type decides).
public enum BTreeKeyLayout: Equatable, Sendable, CustomStringConvertible {
    /// Every key has exactly this many bytes and no length field.
    case fixed(Int)
    /// Every key is preceded by its length (`u32 LE`).
    case lengthPrefixed

    /// `fixed 8` or `length-prefixed`, for messages.
    public var description: String {
        switch self {
        case let .fixed(width): return "fixed \(width)"
        case .lengthPrefixed: return "length-prefixed"
        }
    }
}

/// One stored B-tree entry's bytes.
public struct RawBTreeEntry: Equatable, Sendable {
    /// The encoded key.
    public var key: [UInt8]
    /// The encoded value (empty in a set).
    public var value: [UInt8]

    /// An entry of `key` and `value` bytes.
    public init(key: [UInt8], value: [UInt8]) {
        self.key = key
        self.value = value
    }
}

/// A B-tree (``BTreeMap`` or ``BTreeSet``) read without knowing its key and
/// value types: its header, and its entries as raw bytes.
///
/// A v2 node does not record whether its keys carry length fields: the
/// declared key type decides (a fixed-size key has none). To read a tree of
/// unknown types, pick a ``BTreeKeyLayout`` and call ``entries(keyLayout:limit:)``;
/// a wrong layout throws or yields keys out of order, which is how discovery
/// tells layouts apart. v1 trees record both maximum sizes and always store
/// lengths, so their layout is known.
///
/// ```swift
/// let tree = try RawBTree(memory)
/// let sample = try tree.entries(keyLayout: .fixed(8), limit: 100)
/// ```
public struct RawBTree<M: Memory> {
    /// How keys are stored in v2 nodes.
    public typealias KeyLayout = BTreeKeyLayout
    /// One entry's bytes.
    public typealias Entry = RawBTreeEntry

    /// The memory holding the tree at offset 0.
    public let memory: M
    /// The header's version byte: 1 (v1 or migrated) or 2.
    public let version: UInt8
    /// v1 and migrated trees: the maximum key and value sizes of the header.
    public let maxKeySize: UInt32?
    /// See ``maxKeySize``.
    public let maxValueSize: UInt32?
    /// The allocation size `P` of a node page.
    public let pageSize: Int
    /// The root node's address (0: empty).
    public let root: UInt64
    /// The number of entries the header records.
    public let length: UInt64

    /// Reads the header of the tree in `memory`.
    ///
    /// - Throws: ``StableError/badMagic(expected:found:)`` when the memory
    ///   holds no B-tree, ``StableError/unsupportedVersion(structure:version:)``,
    ///   ``StableError/corrupted(structure:reason:)`` for an impossible page size.
    public init(_ memory: M) throws(StableError) {
        self.memory = memory
        guard memory.size > 0 else { throw .badMagic(expected: "BTreeMap", found: []) }
        let header = try memory.readBytes(0, count: 28)
        guard Array(header[0..<3]) == StoredStructure.btreeMap.magic else {
            throw .badMagic(expected: "BTreeMap", found: Array(header[0..<3]))
        }
        version = header[3]
        let first = RawBTree.u32(header, 4)
        let second = RawBTree.u32(header, 8)
        root = RawBTree.u64(header, 12)
        length = RawBTree.u64(header, 20)
        switch version {
        case 1:
            maxKeySize = first
            maxValueSize = second
            pageSize = Int(BTreeLayout.v1NodeSize(maxKey: UInt64(first), maxValue: UInt64(second)))
        case 2 where second == 0xFFFF_FFFF:
            maxKeySize = nil
            maxValueSize = nil
            pageSize = Int(first)
        case 2:
            maxKeySize = first
            maxValueSize = second
            pageSize = Int(BTreeLayout.v1NodeSize(maxKey: UInt64(first), maxValue: UInt64(second)))
        default:
            throw .unsupportedVersion(structure: "BTreeMap", version: UInt32(version))
        }
        guard pageSize >= 128, pageSize <= 1 << 30 else {
            throw RawBTree.corrupt("page size \(pageSize) is impossible")
        }
    }

    /// The first `limit` entries in key order, read with `keyLayout` (v1
    /// nodes ignore it: they store every length).
    ///
    /// - Throws: ``StableError/corrupted(structure:reason:)`` when the nodes
    ///   do not parse with `keyLayout` (or are damaged), and what the memory
    ///   throws.
    public func entries(keyLayout: KeyLayout, limit: Int) throws(StableError) -> [Entry] {
        var found: [Entry] = []
        guard root != 0, limit > 0 else { return found }
        var visited = 0
        try walk(root, depth: 0, keyLayout: keyLayout, limit: limit, visited: &visited, into: &found)
        return found
    }

    private func walk(
        _ address: UInt64, depth: Int, keyLayout: KeyLayout, limit: Int, visited: inout Int, into found: inout [Entry]
    ) throws(StableError) {
        guard depth < BTreeLayout.maxDepth else { throw RawBTree.corrupt("the tree is deeper than any valid tree") }
        visited += 1
        guard visited <= 1 << 20 else { throw RawBTree.corrupt("too many nodes") }
        let node = try readNode(address, keyLayout: keyLayout)
        for index in 0..<node.entries.count {
            if found.count >= limit { return }
            if !node.children.isEmpty {
                try walk(node.children[index], depth: depth + 1, keyLayout: keyLayout, limit: limit, visited: &visited, into: &found)
                if found.count >= limit { return }
            }
            found.append(node.entries[index])
        }
        if let last = node.children.last, found.count < limit {
            try walk(last, depth: depth + 1, keyLayout: keyLayout, limit: limit, visited: &visited, into: &found)
        }
    }

    private func readNode(_ address: UInt64, keyLayout: KeyLayout) throws(StableError) -> (entries: [Entry], children: [UInt64]) {
        let head = try memory.readBytes(address, count: 7)
        guard head[0] == 0x42, head[1] == 0x54, head[2] == 0x4E else { throw RawBTree.corrupt("bad node magic at \(address)") }
        let nodeVersion = head[3]
        let isLeaf = head[4] == 0
        guard head[4] <= 1 else { throw RawBTree.corrupt("unknown node type \(head[4]) at \(address)") }
        let count = Int(head[5]) | Int(head[6]) << 8
        guard count >= 1, count <= BTreeLayout.capacity else { throw RawBTree.corrupt("node at \(address) has \(count) entries") }
        if nodeVersion == 1 {
            guard let maxKey = maxKeySize.map(Int.init), let maxValue = maxValueSize.map(Int.init) else {
                throw RawBTree.corrupt("a v1 node in a tree with an explicit page size")
            }
            let page = try memory.readBytes(address, count: pageSize)
            let slot = 8 + maxKey + maxValue
            var entries: [Entry] = []
            for index in 0..<count {
                let base = 7 + index * slot
                let keyLength = Int(RawBTree.u32(page, base))
                let valueLength = Int(RawBTree.u32(page, base + 4 + maxKey))
                guard keyLength <= maxKey, valueLength <= maxValue else { throw RawBTree.corrupt("v1 entry longer than its slot") }
                entries.append(Entry(
                    key: Array(page[base + 4 ..< base + 4 + keyLength]),
                    value: Array(page[base + 8 + maxKey ..< base + 8 + maxKey + valueLength])))
            }
            var children: [UInt64] = []
            if !isLeaf {
                let start = 7 + count * slot
                guard start + 8 * (count + 1) <= page.count else { throw RawBTree.corrupt("v1 node larger than its page") }
                for index in 0...count { children.append(RawBTree.u64(page, start + 8 * index)) }
            }
            return (entries, children)
        }
        guard nodeVersion == 2 else { throw RawBTree.corrupt("unknown node version \(nodeVersion) at \(address)") }
        let stream = try readStream(address)
        var offset = 15
        var children: [UInt64] = []
        if !isLeaf {
            guard offset + 8 * (count + 1) <= stream.count else { throw RawBTree.corrupt("node children past the stream end") }
            for index in 0...count { children.append(RawBTree.u64(stream, offset + 8 * index)) }
            offset += 8 * (count + 1)
        }
        var keys: [[UInt8]] = []
        for _ in 0..<count {
            let keyLength: Int
            switch keyLayout {
            case let .fixed(width):
                keyLength = width
            case .lengthPrefixed:
                guard offset + 4 <= stream.count else { throw RawBTree.corrupt("length field past the stream end") }
                keyLength = Int(RawBTree.u32(stream, offset))
                offset += 4
            }
            guard keyLength >= 0, keyLength <= stream.count - offset else { throw RawBTree.corrupt("entry bytes past the stream end") }
            keys.append(Array(stream[offset ..< offset + keyLength]))
            offset += keyLength
        }
        var entries: [Entry] = []
        for index in 0..<count {
            guard offset + 4 <= stream.count else { throw RawBTree.corrupt("length field past the stream end") }
            let valueLength = Int(RawBTree.u32(stream, offset))
            offset += 4
            guard valueLength <= stream.count - offset else { throw RawBTree.corrupt("entry bytes past the stream end") }
            entries.append(Entry(key: keys[index], value: Array(stream[offset ..< offset + valueLength])))
            offset += valueLength
        }
        return (entries, children)
    }

    /// A v2 node's logical stream: its initial page and its overflow pages.
    private func readStream(_ address: UInt64) throws(StableError) -> [UInt8] {
        var stream = try memory.readBytes(address, count: pageSize)
        var next = RawBTree.u64(stream, 7)
        var pages = 0
        while next != 0 {
            pages += 1
            guard pages <= 1 << 16 else { throw RawBTree.corrupt("an overflow chain that does not end") }
            let page = try memory.readBytes(next, count: pageSize)
            guard page[0] == 0x4E, page[1] == 0x4F, page[2] == 0x46 else {
                throw RawBTree.corrupt("bad overflow page magic at \(next)")
            }
            stream.append(contentsOf: page[BTreeLayout.overflowDataOffset...])
            next = RawBTree.u64(page, 3)
        }
        return stream
    }

    private static func corrupt(_ reason: String) -> StableError {
        .corrupted(structure: "BTreeMap", reason: reason)
    }

    private static func u32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        var value: UInt32 = 0
        for index in 0..<4 { value |= UInt32(bytes[offset + index]) << (8 * index) }
        return value
    }

    private static func u64(_ bytes: [UInt8], _ offset: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in 0..<8 { value |= UInt64(bytes[offset + index]) << (8 * index) }
        return value
    }
}
