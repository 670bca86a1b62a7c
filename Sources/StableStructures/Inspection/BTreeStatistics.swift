/// The shape of a stored B-tree, as ``BTreeMap/statistics()`` measures it.
public struct BTreeStatistics: Equatable, Sendable {
    /// Levels from the root to the leaves (0 for an empty tree).
    public var depth = 0
    /// Nodes reachable from the root.
    public var nodeCount = 0
    /// Entries held by those nodes.
    public var entryCount = 0
    /// Overflow pages of those nodes (v2 nodes whose entries do not fit one page).
    public var overflowPageCount = 0
    /// Chunks the allocator counts as in use: nodes and overflow pages.
    public var allocatedChunkCount: UInt64 = 0
    /// Payload bytes of one allocator chunk (the tree's page size).
    public var chunkSize: UInt64 = 0

    /// An empty tree's figures.
    public init() {}

    /// The entry slots of the reachable nodes (each holds at most 11 entries).
    public var entrySlots: Int { nodeCount * BTreeLayout.capacity }

    /// The share of entry slots in use, from 0 to 1 (0 for an empty tree).
    public var fill: Double { entrySlots == 0 ? 0 : Double(entryCount) / Double(entrySlots) }

    /// Bytes of the memory in use: the tree and allocator headers, plus each
    /// allocated chunk with its 16-byte chunk header. Freed chunks and the
    /// bytes past the last chunk are not counted.
    public var bytesInUse: UInt64 {
        BTreeAllocator.firstChunk + allocatedChunkCount * (chunkSize + BTreeAllocator.chunkHeaderSize)
    }
}

extension BTreeMap {
    /// Measures the stored tree: depth, nodes, entries, fill, overflow pages
    /// and bytes in use. Reads every node once, breadth first.
    ///
    /// The walk is bounded by the allocator's chunk count and by the deepest
    /// tree a valid image can hold, so a damaged image gives an error, never
    /// a hang.
    ///
    /// - Throws: ``StableError/corrupted(structure:reason:)`` for a node that
    ///   cannot be read, a cycle or a tree deeper than 64 levels; memory errors.
    /// - Complexity: O(nodes × page size).
    public func statistics() throws(StableError) -> BTreeStatistics {
        var statistics = BTreeStatistics()
        statistics.allocatedChunkCount = allocator.allocatedCount
        statistics.chunkSize = allocator.allocationSize
        guard root != 0 else { return statistics }
        let budget = Int(clamping: allocator.allocatedCount)
        var level: [UInt64] = [root]
        while !level.isEmpty {
            statistics.depth += 1
            guard statistics.depth <= BTreeLayout.maxDepth else {
                throw BTreeMap.corrupt("the tree is deeper than \(BTreeLayout.maxDepth) levels")
            }
            var next: [UInt64] = []
            for address in level {
                statistics.nodeCount += 1
                guard statistics.nodeCount <= budget else { throw BTreeMap.corrupt("more nodes than allocated chunks") }
                let node = try loadNode(address)
                statistics.entryCount += node.count
                statistics.overflowPageCount += node.overflows.count
                next += node.children
            }
            level = next
        }
        return statistics
    }
}

extension BTreeSet {
    /// The figures of the set's tree; see ``BTreeMap/statistics()``.
    public func statistics() throws(StableError) -> BTreeStatistics { try map.statistics() }
}
