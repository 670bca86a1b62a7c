extension BTreeMap {
    /// Checks the stored tree against every invariant of the layout and
    /// returns what is wrong (nothing for a healthy tree). Reads only.
    ///
    /// Checked: the header still describes the loaded tree; every node and
    /// overflow page is reachable once and sits in an allocated chunk; nodes
    /// hold 1 (root) or 5 (others) to 11 entries; keys and values decode as
    /// `Key` and `Value`; keys are sorted and within their subtree's bounds;
    /// internal nodes have one child more than entries; leaves are all at one
    /// depth; the entry count equals the stored length; the allocator's count
    /// equals the reachable chunks; the free list holds free chunks only, has
    /// no cycle, ends at the tail, and with the reachable chunks covers every
    /// chunk carved so far.
    ///
    /// - Complexity: O(nodes × page size + chunks log chunks).
    public func checkInvariants() -> [InvariantViolation] {
        var log = ViolationLog(structure: "BTreeMap")
        do throws(StableError) {
            let stored = try BTreeMap.loadState(memory)
            if stored.root != root || stored.length != length {
                log.add("the header (root \(stored.root), length \(stored.length)) no longer matches the loaded map (root \(root), length \(length))")
                return log.finished()
            }
        } catch {
            log.add("header: \(error)")
            return log.finished()
        }
        var walk = BTreeWalk(chunkBudget: Int(clamping: allocator.allocatedCount) + 1)
        do throws(StableError) {
            if root != 0 { try visit(root, depth: 0, low: nil, high: nil, walk: &walk, log: &log) }
        } catch {
            log.add("\(error)")
            return log.finished()
        }
        if walk.entries != count { log.add("the length is \(length) but the nodes hold \(walk.entries) entries") }
        walk.reachable.sort()
        for i in walk.reachable.indices.dropFirst() where walk.reachable[i] == walk.reachable[i - 1] {
            log.add("chunk \(walk.reachable[i]) is reached twice")
        }
        if UInt64(walk.reachable.count) != allocator.allocatedCount {
            log.add("the allocator counts \(allocator.allocatedCount) chunks in use, \(walk.reachable.count) are reachable")
        }
        checkFreeList(reachable: walk.reachable, log: &log)
        return log.finished()
    }

    /// Checks one node and its subtree.
    func visit(
        _ address: UInt64, depth: Int, low: Key?, high: Key?, walk: inout BTreeWalk, log: inout ViolationLog
    ) throws(StableError) {
        guard depth < BTreeLayout.maxDepth else { throw BTreeMap.corrupt("the tree is deeper than \(BTreeLayout.maxDepth) levels") }
        guard walk.reachable.count < walk.chunkBudget else { throw BTreeMap.corrupt("more nodes reachable than chunks allocated") }
        let node = try loadNode(address)
        walk.reachable.append(address)
        walk.reachable += node.overflows
        for chunk in [address] + node.overflows {
            let header = try allocator.readChunkHeader(memory, at: chunk - BTreeAllocator.chunkHeaderSize)
            if !header.allocated { log.add("node or overflow page \(chunk) lies in a free chunk") }
        }
        let isRoot = depth == 0
        if node.count > BTreeLayout.capacity || node.count < (isRoot ? 1 : BTreeLayout.minimumDegree - 1) {
            log.add("\(isRoot ? "the root" : "node \(address)") holds \(node.count) entries")
        }
        walk.entries += node.count
        var keys: [Key] = []
        for i in 0 ..< node.count {
            do throws(StableError) {
                keys.append(try Key.decode(node.keyBytes(i)))
            } catch {
                log.addDecodeFailure("a key of node \(address)", error)
                return
            }
            do throws(StableError) {
                _ = try Value.decode(node.valueBytes(i))
            } catch {
                log.addDecodeFailure("the value of entry \(i) of node \(address)", error)
            }
        }
        for i in keys.indices.dropFirst() where Key.compareKeys(keys[i - 1], keys[i]) >= 0 {
            log.add("the keys of node \(address) are not in ascending order")
            break
        }
        if let low, let first = keys.first, Key.compareKeys(low, first) >= 0 {
            log.add("node \(address) holds a key below its subtree's lower bound")
        }
        if let high, let last = keys.last, Key.compareKeys(last, high) >= 0 {
            log.add("node \(address) holds a key above its subtree's upper bound")
        }
        if node.isLeaf {
            if let leafDepth = walk.leafDepth, leafDepth != depth {
                log.add("leaves at depths \(leafDepth) and \(depth)")
            }
            walk.leafDepth = walk.leafDepth ?? depth
            return
        }
        guard node.children.count == node.count + 1 else {
            log.add("internal node \(address) has \(node.children.count) children for \(node.count) entries")
            return
        }
        for (i, child) in node.children.enumerated() {
            try visit(child, depth: depth + 1,
                      low: i == 0 ? low : keys[i - 1], high: i == keys.count ? high : keys[i], walk: &walk, log: &log)
        }
    }

    /// Walks the allocator's free list (bounded by the chunks the memory can hold).
    func checkFreeList(reachable: [UInt64], log: inout ViolationLog) {
        let chunkSize = allocator.chunkSize
        let capacity = memory.byteCount > BTreeAllocator.firstChunk
            ? (memory.byteCount - BTreeAllocator.firstChunk) / chunkSize : 0
        var free: [UInt64] = []
        var chunk = allocator.head
        do throws(StableError) {
            while true {
                guard UInt64(free.count) <= capacity else {
                    log.add("the free list cycles")
                    return
                }
                let header = try allocator.readChunkHeader(memory, at: chunk)
                if header.allocated { log.add("allocated chunk \(chunk) is on the free list") }
                free.append(chunk)
                if header.next == 0 { break }
                chunk = header.next
            }
        } catch {
            log.add("free list: \(error)")
            return
        }
        let tail = free[free.count - 1]
        free.sort()
        for i in free.indices.dropFirst() where free[i] == free[i - 1] {
            log.add("the free list cycles at \(free[i])")
            return
        }
        var reachableIndex = 0
        for chunk in free {
            let payload = chunk + BTreeAllocator.chunkHeaderSize
            while reachableIndex < reachable.count && reachable[reachableIndex] < payload { reachableIndex += 1 }
            if reachableIndex < reachable.count && reachable[reachableIndex] == payload {
                log.add("reachable chunk \(chunk) is on the free list")
            }
        }
        let carved = (tail - BTreeAllocator.firstChunk) / chunkSize
        if UInt64(reachable.count + free.count - 1) != carved {
            log.add("\(carved) chunks were carved, but \(reachable.count) are reachable and \(free.count - 1) free")
        }
    }
}

/// What a check of a tree has seen so far.
struct BTreeWalk {
    /// The most chunks a walk may visit before it is taken for a cycle.
    let chunkBudget: Int
    /// Payload addresses of the nodes and overflow pages reached.
    var reachable: [UInt64] = []
    var entries = 0
    var leafDepth: Int?

    init(chunkBudget: Int) {
        self.chunkBudget = chunkBudget
    }
}

extension BTreeSet {
    /// Checks the set's tree; see ``BTreeMap/checkInvariants()``.
    public func checkInvariants() -> [InvariantViolation] { map.checkInvariants() }
}
