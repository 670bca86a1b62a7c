extension BTreeMap {
    /// Descends from the root towards `key`, calling `body` with the bytes
    /// of its value; nil when absent. Writes nothing.
    ///
    /// The descent reads keys only; when the node holding the key was read
    /// in part, the value alone is then read.
    @inlinable
    func lookup<R>(_ key: Key, _ body: (UnsafeRawBufferPointer) throws(StableError) -> R) throws(StableError) -> R? {
        guard root != 0 else { return nil }
        return try key.withEncodedBytes { (encodedKey) throws(StableError) -> R? in
            var address = root
            for _ in 0 ..< BTreeLayout.maxDepth {
                let outcome = try withNode(address, keysOnly: true) {
                    (view) throws(StableError) -> (result: R?, found: Int, valuesStart: Int, link: UInt64, next: UInt64) in
                    let position = try view.search(key, encoded: encodedKey)
                    if position.found {
                        if view.isPartial {
                            let link = view.bytes.loadUnaligned(fromByteOffset: 7, as: UInt64.self)
                            return (nil, position.index, try view.valuesStart(), link, 0)
                        }
                        return (try body(try view.value(position.index)), -1, 0, 0, 0)
                    }
                    if view.isLeaf { return (nil, -1, 0, 0, 0) }
                    return (nil, -1, 0, 0, view.child(position.index))
                }
                if let result = outcome.result { return result }
                if outcome.found >= 0 {
                    return try withStoredValue(address, link: outcome.link, valuesStart: outcome.valuesStart,
                                               index: outcome.found, body)
                }
                if outcome.next == 0 { return nil }
                address = outcome.next
            }
            throw BTreeMap.corrupt("the tree is deeper than \(BTreeLayout.maxDepth) levels")
        }
    }

    /// ``lookup(_:_:)`` for maps whose descents view whole nodes (small
    /// values): `body` gets the view of the node holding `key` and its index.
    @inlinable
    func lookupInNodes<R>(_ key: Key, _ body: (BTreeNodeView, Int) throws(StableError) -> R) throws(StableError) -> R? {
        guard root != 0 else { return nil }
        return try key.withEncodedBytes { (encodedKey) throws(StableError) -> R? in
            var address = root
            for _ in 0 ..< BTreeLayout.maxDepth {
                // The descent reads keys only; the node holding the key is then
                // viewed whole for `body` (its overflow pages, if any, included).
                let outcome = try withNode(address, keysOnly: true) { (view) throws(StableError) -> (result: R?, found: Int, next: UInt64) in
                    let position = try view.search(key, encoded: encodedKey)
                    if position.found {
                        if view.isPartial { return (nil, position.index, 0) }
                        return (try body(view, position.index), -1, 0)
                    }
                    if view.isLeaf { return (nil, -1, 0) }
                    return (nil, -1, view.child(position.index))
                }
                if let result = outcome.result { return result }
                if outcome.found >= 0 {
                    return try withNode(address) { (view) throws(StableError) -> R in
                        guard outcome.found < view.count else { throw BTreeMap.corrupt("entry index out of range") }
                        return try body(view, outcome.found)
                    }
                }
                if outcome.next == 0 { return nil }
                address = outcome.next
            }
            throw BTreeMap.corrupt("the tree is deeper than \(BTreeLayout.maxDepth) levels")
        }
    }

    /// The value stored for `key`, if any. Writes nothing.
    ///
    /// Keys are compared in place in the node bytes.
    ///
    /// - Complexity: O(log n) node visits.
    @inlinable
    public func get(_ key: Key) throws(StableError) -> Value? {
        if !BTreeMap.readsKeyPrefixes {
            return try lookupInNodes(key) { (view, index) throws(StableError) -> Value in
                try Value.decode(from: try view.value(index))
            }
        }
        if let storage = memory.inPlace {
            return try lookupInPlace(storage, key, readsValue: true) { (bytes) throws(StableError) -> Value in
                try Value.decode(from: bytes)
            }
        }
        return try lookup(key) { (bytes) throws(StableError) -> Value in try Value.decode(from: bytes) }
    }

    /// Whether the map holds `key`. Writes nothing.
    ///
    /// - Complexity: O(log n) node visits.
    @inlinable
    public func containsKey(_ key: Key) throws(StableError) -> Bool {
        if BTreeMap.readsKeyPrefixes, let storage = memory.inPlace {
            return try lookupInPlace(storage, key, readsValue: false) { (_) throws(StableError) -> Bool in true } ?? false
        }
        guard root != 0 else { return false }
        return try key.withEncodedBytes { (encodedKey) throws(StableError) -> Bool in
            var address = root
            for _ in 0 ..< BTreeLayout.maxDepth {
                let next = try withNode(address, keysOnly: true) { (view) throws(StableError) -> UInt64? in
                    let position = try view.search(key, encoded: encodedKey)
                    if position.found { return nil }
                    return view.isLeaf ? 0 : view.child(position.index)
                }
                guard let next else { return true }
                if next == 0 { return false }
                address = next
            }
            throw BTreeMap.corrupt("the tree is deeper than \(BTreeLayout.maxDepth) levels")
        }
    }

    /// Reads entry `index` of the node at `address`.
    @inlinable
    func entry(at address: UInt64, _ index: Int) throws(StableError) -> (key: Key, value: Value) {
        try withNode(address) { (view) throws(StableError) -> (key: Key, value: Value) in
            guard index < view.count else { throw BTreeMap.corrupt("entry index out of range") }
            return (try Key.decode(from: try view.key(index)), try Value.decode(from: try view.value(index)))
        }
    }

    /// The extreme (leftmost or rightmost) entry's node and index.
    @inlinable
    func extremePosition(maximum: Bool) throws(StableError) -> (UInt64, Int)? {
        guard root != 0 else { return nil }
        var address = root
        for _ in 0 ..< BTreeLayout.maxDepth {
            let step = try withNode(address) { (view) throws(StableError) -> (leaf: Bool, next: UInt64, count: Int) in
                if view.isLeaf { return (true, 0, view.count) }
                return (false, view.child(maximum ? view.count : 0), view.count)
            }
            if step.leaf { return (address, maximum ? step.count - 1 : 0) }
            address = step.next
        }
        throw BTreeMap.corrupt("the tree is deeper than \(BTreeLayout.maxDepth) levels")
    }

    /// The entry with the smallest key, if any (the crate's `first_key_value`).
    ///
    /// - Complexity: O(log n) node visits.
    @inlinable
    public var first: (key: Key, value: Value)? {
        get throws(StableError) {
            guard let position = try extremePosition(maximum: false) else { return nil }
            return try entry(at: position.0, position.1)
        }
    }

    /// The entry with the largest key, if any (the crate's `last_key_value`).
    ///
    /// - Complexity: O(log n) node visits.
    @inlinable
    public var last: (key: Key, value: Value)? {
        get throws(StableError) {
            guard let position = try extremePosition(maximum: true) else { return nil }
            return try entry(at: position.0, position.1)
        }
    }
}
