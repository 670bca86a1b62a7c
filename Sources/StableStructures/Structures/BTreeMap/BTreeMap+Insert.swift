extension BTreeMap {
    /// Inserts or replaces the value for `key`.
    ///
    /// Follows the crate's single-pass, top-down algorithm (StableStructures.docc/ByteLayout.md, "B-tree map and set"):
    /// full nodes on the way down are split before descending, so even an
    /// update of an existing key may split a full root.
    ///
    /// - Returns: the previous value, if any.
    /// - Throws: ``StableError/boundViolated(type:maxSize:fixedSize:actualSize:)``
    ///   if the key or value violates its bound (checked before any write);
    ///   ``StableError/growFailed(pages:)``; ``StableError/corrupted(structure:reason:)``.
    /// - Complexity: O(log n) node visits.
    @inlinable
    @discardableResult
    public func insert(_ key: Key, _ value: Value) throws(StableError) -> Value? {
        try key.checkBound()
        try value.checkBound()
        return try key.withEncodedBytes { (encodedKey) throws(StableError) -> Value? in
            try value.withEncodedBytes { (encodedValue) throws(StableError) -> Value? in
                var previous: Value?
                return try insertEncoded(
                    key, encodedKey,
                    beforeSplit: { () throws(StableError) in },
                    newValue: { (old, store) throws(StableError) in
                        // Decode the old value before anything is written.
                        if let old { previous = try Value.decode(from: old) }
                        try store(encodedValue)
                    },
                    result: { (_) throws(StableError) -> Value? in previous })
            }
        }
    }

    /// The descent step of `insert` taken at one node.
    @usableFromInline
    enum InsertStep {
        case found(Int)
        /// The insertion index, and whether the leaf is a v2 node with overflow pages.
        case leaf(Int, spanning: Bool)
        case descend(Int, UInt64)
    }

    /// The insertion algorithm; `newValue` supplies the encoded value, given
    /// the old value's bytes when the key exists (it is called exactly once,
    /// right before the entry's node is written). `beforeSplit` runs before
    /// every split (the only writes that can precede `newValue`).
    @inlinable
    func insertEncoded<R>(
        _ key: Key, _ encodedKey: UnsafeRawBufferPointer,
        beforeSplit: () throws(StableError) -> Void,
        newValue: (UnsafeRawBufferPointer?, (UnsafeRawBufferPointer) throws(StableError) -> Void) throws(StableError) -> Void,
        result: (UnsafeRawBufferPointer?) throws(StableError) -> R
    ) throws(StableError) -> R {
        if root == 0 {
            var node = BTreeNode(address: 0, isV1: layout.createsV1Nodes, isLeaf: true)
            try newValue(nil) { (value) throws(StableError) in node.entries.append(node.span(key: encodedKey, value: value)) }
            node.address = try allocator.allocate(memory)
            root = node.address
            try saveHeader()
            try saveNode(&node)
            length &+= 1
            try saveHeader()
            return try result(nil)
        }
        // Each node on the way down is viewed once: its fullness and the
        // step to take from it come from the same search.
        func classify(_ view: BTreeNodeView) throws(StableError) -> (full: Bool, step: InsertStep) {
            let position = try view.search(key, encoded: encodedKey)
            let full = view.count >= BTreeLayout.capacity
            if position.found { return (full, .found(position.index)) }
            if view.isLeaf {
                let spanning = !view.isV1 && view.bytes.loadUnaligned(fromByteOffset: 7, as: UInt64.self) != 0
                return (full, .leaf(position.index, spanning: spanning))
            }
            return (full, .descend(position.index, view.child(position.index)))
        }
        var address = root
        let rootState = try withNode(root, keysOnly: true, classify)
        var step = rootState.step
        if case let .found(index) = step {
            return try replaceValue(at: root, index: index, newValue: newValue, result: result)
        }
        if rootState.full {
            try beforeSplit()
            var newRoot = try allocateNode(isLeaf: false)
            newRoot.children.append(root)
            root = newRoot.address
            try saveHeader()
            var child = try loadNode(address)
            try split(&newRoot, 0, &child)
            address = newRoot.address
            step = try withNode(address, keysOnly: true, classify).step
        }
        // The depth of `address`, and the leaf whose first page the read
        // buffer holds (taken at the depth where spanning leaves were found
        // last, see `classifyFirstPage`).
        var depth = 0
        var heldLeaf: UInt64 = 0
        defer { if heldLeaf != 0 { readBufferInUse = false } }
        for _ in 0 ..< BTreeLayout.maxDepth {
            switch step {
            case let .found(index):
                return try replaceValue(at: address, index: index, newValue: newValue, result: result)
            case let .leaf(index, spanning):
                spanningLeafDepth = spanning ? depth : -1
                if heldLeaf == address {
                    heldLeaf = 0
                    defer { readBufferInUse = false }
                    try newValue(nil) { (value) throws(StableError) in
                        try insertIntoSpanningLeaf(address, index: index, key: encodedKey, value: value, firstPageRead: true)
                    }
                    length &+= 1
                    try saveHeader()
                    return try result(nil)
                }
                try newValue(nil) { (value) throws(StableError) in
                    if spanning && editsStreamsDirectly && !readBufferInUse {
                        readBufferInUse = true
                        defer { readBufferInUse = false }
                        try insertIntoSpanningLeaf(address, index: index, key: encodedKey, value: value, firstPageRead: false)
                        return
                    }
                    if try spliceNode(address, index: index, edit: .insert, key: encodedKey, value: value,
                                      existing: { (_, _) throws(StableError) in }) {
                        return
                    }
                    var node = try loadNode(address)
                    guard !node.isFull else { throw BTreeMap.corrupt("full leaf \(address) below a non-full parent") }
                    node.entries.insert(node.span(key: encodedKey, value: value), at: index)
                    try saveNode(&node)
                }
                length &+= 1
                try saveHeader()
                return try result(nil)
            case let .descend(index, child):
                let childState: (full: Bool, step: InsertStep)
                if depth &+ 1 == spanningLeafDepth, let state = try classifyFirstPage(child, classify) {
                    // The buffer is held: kept for a spanning leaf (an insert
                    // or a split takes it up), released otherwise.
                    childState = state
                    if case .leaf(_, spanning: true) = state.step { heldLeaf = child } else { readBufferInUse = false }
                } else {
                    childState = try withNode(child, keysOnly: true, classify)
                }
                if !childState.full {
                    address = child
                    depth &+= 1
                    step = childState.step
                    continue
                }
                if case let .found(found) = childState.step {
                    return try replaceValue(at: child, index: found, newValue: newValue, result: result)
                }
                try beforeSplit()
                let held = heldLeaf == child
                heldLeaf = 0  // the split takes the buffer over and releases it
                if editsStreamsDirectly, try splitSpanning(parent: address, index: index, child: child, childFirstPageRead: held) {
                    // Descend again from the parent, which now holds the median.
                    step = try withNode(address, keysOnly: true, classify).step
                    continue
                }
                var parent = try loadNode(address)
                var full = try loadNode(child)
                guard parent.children.count > index, parent.children[index] == child else {
                    throw BTreeMap.corrupt("node \(address) changed while descending")
                }
                try split(&parent, index, &full)
                let position = try parent.search(key, encoded: encodedKey)
                address = parent.children[position.index]
                depth &+= 1
                step = try withNode(address, keysOnly: true, classify).step
            }
        }
        throw BTreeMap.corrupt("the tree is deeper than \(BTreeLayout.maxDepth) levels")
    }

    /// Replaces value `index` of the node at `address` and saves the node.
    @inlinable
    func replaceValue<R>(
        at address: UInt64, index: Int,
        newValue: (UnsafeRawBufferPointer?, (UnsafeRawBufferPointer) throws(StableError) -> Void) throws(StableError) -> Void,
        result: (UnsafeRawBufferPointer?) throws(StableError) -> R
    ) throws(StableError) -> R {
        let old = try withNode(address) { (view) throws(StableError) -> [UInt8] in
            guard index < view.count else { throw BTreeMap.corrupt("entry index out of range") }
            return Array(try view.value(index))
        }
        return try old.btreeWithBytes { (oldBytes) throws(StableError) -> R in
            try newValue(oldBytes) { (value) throws(StableError) in
                if try spliceNode(address, index: index, edit: .replace, key: UnsafeRawBufferPointer(start: nil, count: 0),
                                  value: value, existing: { (_, _) throws(StableError) in }) {
                    return
                }
                var node = try loadNode(address)
                let start = node.store(value)
                node.entries[index].valueStart = start
                node.entries[index].valueCount = value.count
                try saveNode(&node)
            }
            return try result(oldBytes)
        }
    }

    /// Splits the full `child` (= `parent.children[index]`) around its median
    /// (StableStructures.docc/ByteLayout.md, "B-tree map and set"): allocates the sibling, then saves sibling, child, parent.
    @inlinable
    func split(_ parent: inout BTreeNode, _ index: Int, _ child: inout BTreeNode) throws(StableError) {
        guard child.entries.count == BTreeLayout.capacity,
              child.isLeaf || child.children.count == BTreeLayout.capacity + 1 else {
            throw BTreeMap.corrupt("splitting node \(child.address) that is not full")
        }
        var sibling = try allocateNode(isLeaf: child.isLeaf)
        parent.children.insert(sibling.address, at: index + 1)
        let b = BTreeLayout.minimumDegree
        sibling.appendEntries(of: child, b ..< BTreeLayout.capacity)
        if !child.isLeaf {
            sibling.children.append(contentsOf: child.children[b...])
            child.children.removeLast(child.children.count - b)
        }
        let median = child.ownedEntry(b - 1)
        child.entries.removeLast(child.entries.count - (b - 1))
        parent.insertEntry(median, at: index)
        try saveNode(&sibling)
        try saveNode(&child)
        try saveNode(&parent)
    }
}
