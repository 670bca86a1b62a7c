import StableStructures

/// Shape figures of a B-tree image for `describe` (LAYOUT §4–§6): depth,
/// node count and fill, read from the bytes without the library's node
/// cache. The walk is bounded by the allocator's chunk count, so a corrupt
/// image gives an error, never a hang.
struct BTreeStats {
    /// Levels from the root to the leaves (0 for an empty tree).
    var depth = 0
    /// Nodes reachable from the root.
    var nodes = 0
    /// Entries counted in those nodes.
    var entries = 0
    /// Allocator chunks in use (nodes and overflow pages).
    var chunks: UInt64 = 0
    /// The allocator's chunk payload size in bytes.
    var pageSize: UInt64 = 0

    /// The lines `describe` prints.
    var lines: [String] {
        let capacity = nodes * 11
        let fill = capacity == 0 ? 0 : Double(entries) * 100 / Double(capacity)
        let percent = (fill * 10).rounded() / 10
        return [
            "tree depth: \(depth)",
            "nodes: \(nodes) holding \(entries) entries (\(chunks) chunks of \(pageSize) bytes in use, overflow pages included)",
            "fill: \(percent)% of \(capacity) entry slots",
        ]
    }

    /// Reads the figures of the tree stored in `memory`.
    static func read<M: Memory>(_ memory: M) throws(StableError) -> BTreeStats {
        var stats = BTreeStats()
        let root: UInt64 = try memory.load(UInt64.self, at: 12)
        stats.pageSize = try memory.load(UInt64.self, at: 60)
        stats.chunks = try memory.load(UInt64.self, at: 68)
        let maxKey = UInt64(try memory.load(UInt32.self, at: 4))
        let maxValue = UInt64(try memory.load(UInt32.self, at: 8))
        guard root != 0 else { return stats }
        var level: [UInt64] = [root]
        let budget = Int(clamping: stats.chunks)
        while !level.isEmpty {
            stats.depth += 1
            guard stats.depth <= 64 else { throw .corrupted(structure: "BTreeMap", reason: "the tree is deeper than 64 levels") }
            var next: [UInt64] = []
            for address in level {
                stats.nodes += 1
                guard stats.nodes <= budget else {
                    throw .corrupted(structure: "BTreeMap", reason: "more nodes than allocated chunks")
                }
                let node = try memory.readBytes(address, count: 7)
                guard node[0] == 0x42, node[1] == 0x54, node[2] == 0x4E else {
                    throw .corrupted(structure: "BTreeMap", reason: "no node magic at \(address)")
                }
                let count = Int(node[5]) | Int(node[6]) << 8
                guard count <= 11 else { throw .corrupted(structure: "BTreeMap", reason: "a node with \(count) entries") }
                stats.entries += count
                guard node[4] == 1 else { continue }
                let childrenStart: UInt64
                if node[3] == 2 {
                    childrenStart = address + 15
                } else if node[3] == 1 {
                    childrenStart = address + 7 + UInt64(count) * (8 + maxKey + maxValue)
                } else {
                    throw .corrupted(structure: "BTreeMap", reason: "unknown node version \(node[3])")
                }
                for child in 0...count {
                    next.append(try memory.load(UInt64.self, at: childrenStart + UInt64(child) * 8))
                }
            }
            level = next
        }
        return stats
    }
}
