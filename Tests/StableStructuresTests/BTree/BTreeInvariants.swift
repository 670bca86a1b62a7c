@testable import StableStructures
import Testing

/// Structural checks of a map's tree and allocator (test-only).
enum BTreeInvariants {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Checks sorted keys, node fill, uniform leaf depth, that the allocator's
    /// count equals the chunks reachable from the root (nodes and overflow
    /// pages), and that the free list holds exactly the other chunks.
    static func check<K: StorableKey, V: Storable, M: Memory>(_ map: BTreeMap<K, V, M>) throws {
        var reachable = Set<UInt64>()
        var leafDepth: Int?
        var entries = 0
        func fail(_ text: String) -> Failure { Failure(description: text) }

        func visit(_ address: UInt64, depth: Int, isRoot: Bool, low: K?, high: K?) throws {
            guard depth < 64 else { throw fail("too deep") }
            let node = try map.loadNode(address)
            guard reachable.insert(address).inserted else { throw fail("node \(address) reached twice") }
            for page in node.overflows {
                guard reachable.insert(page).inserted else { throw fail("overflow page \(page) reached twice") }
            }
            if !isRoot && (node.count < 5 || node.count > 11) { throw fail("node \(address) holds \(node.count) entries") }
            if isRoot && (node.count < 1 || node.count > 11) { throw fail("root holds \(node.count) entries") }
            entries += node.count
            var keys: [K] = []
            for i in 0 ..< node.count {
                keys.append(try K.decode(node.keyBytes(i)))
                _ = try V.decode(node.valueBytes(i))
            }
            for i in 1 ..< max(keys.count, 1) where K.compareKeys(keys[i - 1], keys[i]) >= 0 {
                throw fail("keys of node \(address) are not sorted")
            }
            if let low, let first = keys.first, K.compareKeys(low, first) >= 0 { throw fail("key below its subtree bound") }
            if let high, let last = keys.last, K.compareKeys(last, high) >= 0 { throw fail("key above its subtree bound") }
            if node.isLeaf {
                if let leafDepth, leafDepth != depth { throw fail("leaves at depths \(leafDepth) and \(depth)") }
                leafDepth = depth
                guard node.children.isEmpty else { throw fail("leaf with children") }
            } else {
                guard node.children.count == node.count + 1 else { throw fail("internal node child count") }
                for (i, child) in node.children.enumerated() {
                    try visit(child, depth: depth + 1, isRoot: false,
                              low: i == 0 ? low : keys[i - 1], high: i == keys.count ? high : keys[i])
                }
            }
        }
        if map.root != 0 { try visit(map.root, depth: 0, isRoot: true, low: nil, high: nil) }
        guard entries == map.count else { throw fail("length \(map.count) but \(entries) entries") }
        guard UInt64(reachable.count) == map.allocator.allocatedCount else {
            throw fail("allocator counts \(map.allocator.allocatedCount) chunks, \(reachable.count) reachable")
        }
        // Free list: distinct free chunks ending at the tail; with the reachable
        // chunks they cover every chunk carved so far.
        var free = Set<UInt64>()
        var chunk = map.allocator.head
        var tail: UInt64 = 0
        while true {
            let header = try map.allocator.readChunkHeader(map.memory, at: chunk)
            guard !header.allocated else { throw fail("allocated chunk \(chunk) on the free list") }
            guard free.insert(chunk).inserted else { throw fail("free list cycles at \(chunk)") }
            guard !reachable.contains(chunk + 16) else { throw fail("reachable chunk \(chunk) on the free list") }
            if header.next == 0 { tail = chunk; break }
            chunk = header.next
        }
        let carved = (tail - 100) / map.allocator.chunkSize
        guard UInt64(reachable.count + free.count - 1) == carved else {
            throw fail("\(carved) chunks carved, \(reachable.count) reachable + \(free.count - 1) free")
        }
    }
}
