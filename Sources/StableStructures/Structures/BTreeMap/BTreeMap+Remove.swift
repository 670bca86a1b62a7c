extension BTreeMap {
    /// Removes `key` and returns its value, if it was present.
    ///
    /// Follows the crate's single-pass, top-down algorithm (StableStructures.docc/ByteLayout.md, "B-tree map and set"):
    /// nodes on the path are rebalanced (rotations, merges) before descending,
    /// so removing an absent key can still restructure the tree.
    ///
    /// - Complexity: O(log n) node visits.
    @inlinable
    @discardableResult
    public func remove(_ key: Key) throws(StableError) -> Value? {
        guard root != 0 else { return nil }
        return try key.withEncodedBytes { (encodedKey) throws(StableError) -> Value? in
            try removeEncoded(key, encodedKey)
        }
    }

    /// Removes and returns the entry with the smallest key.
    @inlinable
    public func popFirst() throws(StableError) -> (key: Key, value: Value)? {
        guard root != 0 else { return nil }
        guard let entry = try removeExtreme(maximum: false) else { return nil }
        return (try Key.decode(entry.key), try Value.decode(entry.value))
    }

    /// Removes and returns the entry with the largest key.
    @inlinable
    public func popLast() throws(StableError) -> (key: Key, value: Value)? {
        guard root != 0 else { return nil }
        guard let entry = try removeExtreme(maximum: true) else { return nil }
        return (try Key.decode(entry.key), try Value.decode(entry.value))
    }

    /// Removes every entry (the crate's `clear_new`): resets the allocator
    /// and the header; old node bytes stay behind as garbage.
    ///
    /// - Complexity: O(1).
    @inlinable
    public func clear() throws(StableError) {
        allocator = try BTreeAllocator.create(in: memory, allocationSize: allocator.allocationSize)
        root = 0
        length = 0
        try saveHeader()
    }

    @usableFromInline
    enum RemoveStep {
        case leafFound(Int)
        case leafMissing
        case internalFound(Int)
        case descend(UInt64)
        case rebalance(Int)
    }

    @inlinable
    func decodeValue(_ node: BTreeNode, _ index: Int) throws(StableError) -> Value {
        let span = node.entries[index]
        return try node.arena.btreeWithBytes { (raw) throws(StableError) -> Value in
            try Value.decode(from: UnsafeRawBufferPointer(rebasing: raw[span.valueStart ..< span.valueStart + span.valueCount]))
        }
    }

    @inlinable
    func removeEncoded(_ key: Key, _ encodedKey: UnsafeRawBufferPointer) throws(StableError) -> Value? {
        var address = root
        for _ in 0 ..< BTreeLayout.maxDepth {
            let step = try withNode(address, keysOnly: true) { (view) throws(StableError) -> RemoveStep in
                let position = try view.search(key, encoded: encodedKey)
                if view.isLeaf { return position.found ? .leafFound(position.index) : .leafMissing }
                if position.found { return .internalFound(position.index) }
                let child = view.child(position.index)
                return try nodeHeader(child).count >= BTreeLayout.minimumDegree ? .descend(child) : .rebalance(position.index)
            }
            switch step {
            case .leafMissing:
                return nil
            case let .leafFound(index):
                var removed: Value?
                if try spliceNode(address, index: index, edit: .remove, key: UnsafeRawBufferPointer(start: nil, count: 0),
                                  value: UnsafeRawBufferPointer(start: nil, count: 0),
                                  existing: { (_, value) throws(StableError) in removed = try Value.decode(from: value) }) {
                    length &-= 1
                    try saveHeader()
                    return removed
                }
                var node = try loadNode(address)
                let value = try decodeValue(node, index)
                node.entries.remove(at: index)
                length &-= 1
                if node.entries.isEmpty {
                    try freeNode(node)
                    root = 0
                } else {
                    try saveNode(&node)
                }
                try saveHeader()
                return value
            case let .internalFound(index):
                var node = try loadNode(address)
                let value = try decodeValue(node, index)
                var left = try loadNode(node.children[index])
                if left.count >= BTreeLayout.minimumDegree {
                    guard let predecessor = try removeExtreme(from: left.address, maximum: true) else {
                        throw BTreeMap.corrupt("empty subtree")
                    }
                    node.replaceEntry(at: index, with: predecessor)
                    try saveNode(&node)
                    return value
                }
                let right = try loadNode(node.children[index + 1])
                if right.count >= BTreeLayout.minimumDegree {
                    guard let successor = try removeExtreme(from: right.address, maximum: false) else {
                        throw BTreeMap.corrupt("empty subtree")
                    }
                    node.replaceEntry(at: index, with: successor)
                    try saveNode(&node)
                    return value
                }
                let median = node.removeEntry(at: index)
                try merge(source: right, into: &left, median: median)
                node.children.remove(at: index + 1)
                if node.entries.isEmpty {
                    root = left.address
                    try freeNode(node)
                    try saveHeader()
                } else {
                    try saveNode(&node)
                }
                address = left.address
            case let .descend(child):
                address = child
            case let .rebalance(index):
                if let next = try rebalanceInPlace(address, index) {
                    address = next
                    continue
                }
                var node = try loadNode(address)
                address = try rebalanceChild(&node, index)
            }
        }
        throw BTreeMap.corrupt("the tree is deeper than \(BTreeLayout.maxDepth) levels")
    }

    /// Gives child `index` of `node` (which has the minimum 5 entries) an
    /// extra entry before descending into it: rotate from the left sibling,
    /// else from the right one, else merge with the left, else with the right.
    /// Returns the address to descend into.
    @inlinable
    func rebalanceChild(_ node: inout BTreeNode, _ index: Int) throws(StableError) -> UInt64 {
        var child = try loadNode(node.children[index])
        // Siblings are loaded only when needed (loads write nothing).
        var left = index > 0 ? try loadNode(node.children[index - 1]) : nil
        if var sibling = left, sibling.count >= BTreeLayout.minimumDegree {
            try rotateRight(&node, index - 1, &sibling, &child)
            return child.address
        }
        var right = index + 1 < node.children.count ? try loadNode(node.children[index + 1]) : nil
        if var sibling = right, sibling.count >= BTreeLayout.minimumDegree {
            try rotateLeft(&node, index, &sibling, &child)
            return child.address
        }
        let merged: UInt64
        if var sibling = left {
            left = nil
            try merge(source: child, into: &sibling, median: node.removeEntry(at: index - 1))
            merged = sibling.address
        } else if var sibling = right {
            right = nil
            try merge(source: child, into: &sibling, median: node.removeEntry(at: index))
            merged = sibling.address
        } else {
            throw BTreeMap.corrupt("internal node \(node.address) has a single child")
        }
        node.children.remove(at: index)
        if node.entries.isEmpty {
            try freeNode(node)
            if node.address == root {
                root = merged
                try saveHeader()
            }
        } else {
            try saveNode(&node)
        }
        return merged
    }

    /// Moves the last entry of `left` up into `parent` at `separator` and the
    /// separator down to the front of `child` (with `left`'s last child).
    @inlinable
    func rotateRight(_ parent: inout BTreeNode, _ separator: Int, _ left: inout BTreeNode, _ child: inout BTreeNode) throws(StableError) {
        let entry = left.removeEntry(at: left.count - 1)
        child.insertEntry(parent.ownedEntry(separator), at: 0)
        parent.replaceEntry(at: separator, with: entry)
        if !child.isLeaf {
            guard let moved = left.children.popLast() else { throw BTreeMap.corrupt("internal node without children") }
            child.children.insert(moved, at: 0)
        }
        try saveNode(&left)
        try saveNode(&child)
        try saveNode(&parent)
    }

    /// Moves the first entry of `right` up into `parent` at `separator` and
    /// the separator down to the end of `child` (with `right`'s first child).
    @inlinable
    func rotateLeft(_ parent: inout BTreeNode, _ separator: Int, _ right: inout BTreeNode, _ child: inout BTreeNode) throws(StableError) {
        let entry = right.removeEntry(at: 0)
        child.insertEntry(parent.ownedEntry(separator), at: child.count)
        parent.replaceEntry(at: separator, with: entry)
        if !child.isLeaf {
            guard !right.children.isEmpty else { throw BTreeMap.corrupt("internal node without children") }
            child.children.append(right.children.removeFirst())
        }
        try saveNode(&right)
        try saveNode(&child)
        try saveNode(&parent)
    }

    /// Merges `source` and `median` into `into`, which keeps its address and
    /// overflow pages; saves `into`, then frees `source` (StableStructures.docc/ByteLayout.md, "B-tree map and set").
    @inlinable
    func merge(source: BTreeNode, into: inout BTreeNode, median: BTreeOwnedEntry) throws(StableError) {
        guard source.isLeaf == into.isLeaf, !source.entries.isEmpty, !into.entries.isEmpty else {
            throw BTreeMap.corrupt("merging incompatible nodes")
        }
        let order = try source.withKey(0) { (sourceKey) throws(StableError) -> Int in
            try into.withKey(0) { (intoKey) throws(StableError) -> Int in
                if Key.encodingPreservesOrder { return compareBytes(sourceKey, intoKey) }
                return Key.compareKeys(try Key.decode(from: sourceKey), try Key.decode(from: intoKey))
            }
        }
        if order > 0 {
            into.insertEntry(median, at: into.count)
            into.appendEntries(of: source, 0 ..< source.count)
            into.children.append(contentsOf: source.children)
        } else {
            var merged = BTreeNode(address: into.address, isV1: into.isV1, isLeaf: into.isLeaf)
            merged.overflows = into.overflows
            merged.appendEntries(of: source, 0 ..< source.count)
            merged.insertEntry(median, at: merged.count)
            merged.appendEntries(of: into, 0 ..< into.count)
            merged.children = source.children + into.children
            into = merged
        }
        guard into.count <= BTreeLayout.capacity else { throw BTreeMap.corrupt("merged node overflows") }
        try saveNode(&into)
        try freeNode(source)
    }

    @inlinable
    func removeExtreme(maximum: Bool) throws(StableError) -> BTreeOwnedEntry? {
        try removeExtreme(from: root, maximum: maximum)
    }

    /// The crate's `remove_max` / `remove_min` starting at `start`.
    @inlinable
    func removeExtreme(from start: UInt64, maximum: Bool) throws(StableError) -> BTreeOwnedEntry? {
        var address = start
        for _ in 0 ..< BTreeLayout.maxDepth {
            // nil: leaf; else (descend?, child index)
            let step = try withNode(address, keysOnly: true) { (view) throws(StableError) -> (leaf: Bool, descend: UInt64?) in
                if view.isLeaf { return (true, nil) }
                let child = view.child(maximum ? view.count : 0)
                let rich = try nodeHeader(child).count >= BTreeLayout.minimumDegree
                return (false, rich ? child : nil)
            }
            if step.leaf {
                var removed: BTreeOwnedEntry?
                let index = maximum ? try nodeHeader(address).count - 1 : 0
                if try spliceNode(address, index: index, edit: .remove, key: UnsafeRawBufferPointer(start: nil, count: 0),
                                  value: UnsafeRawBufferPointer(start: nil, count: 0),
                                  existing: { (key, value) throws(StableError) in
                                      removed = BTreeOwnedEntry(key: Array(key), value: Array(value))
                                  }) {
                    length &-= 1
                    try saveHeader()
                    return removed
                }
                var node = try loadNode(address)
                let entry = node.removeEntry(at: maximum ? node.count - 1 : 0)
                length &-= 1
                if node.entries.isEmpty {
                    try freeNode(node)
                    root = 0
                } else {
                    try saveNode(&node)
                }
                try saveHeader()
                return entry
            }
            if let child = step.descend {
                address = child
                continue
            }
            // The child at the edge has the minimum: the same steps as
            // rebalancing child 0 (rotate left or merge right) or the last
            // child (rotate right or merge left).
            if let next = try rebalanceInPlace(address, maximum ? try nodeHeader(address).count : 0) {
                address = next
                continue
            }
            var node = try loadNode(address)
            let last = node.children.count - 1
            if maximum {
                var child = try loadNode(node.children[last])
                var left = try loadNode(node.children[last - 1])
                if left.count >= BTreeLayout.minimumDegree {
                    try rotateRight(&node, last - 1, &left, &child)
                    address = child.address
                    continue
                }
                try merge(source: child, into: &left, median: node.removeEntry(at: last - 1))
                node.children.remove(at: last)
                address = left.address
            } else {
                var child = try loadNode(node.children[0])
                var right = try loadNode(node.children[1])
                if right.count >= BTreeLayout.minimumDegree {
                    try rotateLeft(&node, 0, &right, &child)
                    address = child.address
                    continue
                }
                try merge(source: child, into: &right, median: node.removeEntry(at: 0))
                node.children.remove(at: 0)
                address = right.address
            }
            if node.entries.isEmpty {
                root = address
                try freeNode(node)
                try saveHeader()
            } else {
                try saveNode(&node)
            }
        }
        throw BTreeMap.corrupt("the tree is deeper than \(BTreeLayout.maxDepth) levels")
    }
}
