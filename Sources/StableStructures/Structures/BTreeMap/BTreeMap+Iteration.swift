/// One end of a key range.
public enum KeyBound<Key> {
    /// The range includes this key.
    case included(Key)
    /// The range stops just short of this key.
    case excluded(Key)
    /// The range is open at this end.
    case unbounded
}

extension KeyBound: Sendable where Key: Sendable {}

/// A lazy, ordered sequence of a ``BTreeMap``'s entries within a key range,
/// ascending or descending.
///
/// The sequence reads the map's memory as it goes and writes nothing. It is
/// valid as long as the map is not mutated while iterating.
public struct BTreeMapEntries<Key: StorableKey, Value: Storable, M: Memory>: Sequence {
    /// The type of the entries.
    public typealias Element = (key: Key, value: Value)

    @usableFromInline let map: BTreeMap<Key, Value, M>
    @usableFromInline let lower: KeyBound<Key>
    @usableFromInline let upper: KeyBound<Key>
    @usableFromInline let descending: Bool

    @inlinable
    init(map: BTreeMap<Key, Value, M>, lower: KeyBound<Key>, upper: KeyBound<Key>, descending: Bool) {
        self.map = map
        self.lower = lower
        self.upper = upper
        self.descending = descending
    }

    /// The same entries in the opposite order. O(1).
    @inlinable
    public func reversed() -> BTreeMapEntries {
        BTreeMapEntries(map: map, lower: lower, upper: upper, descending: !descending)
    }

    /// An iterator over the entries.
    @inlinable
    public func makeIterator() -> BTreeMapIterator<Key, Value, M> {
        BTreeMapIterator(map: map, lower: lower, upper: upper, descending: descending)
    }

    /// The keys, lazily.
    @inlinable
    public var keys: LazyMapSequence<BTreeMapEntries, Key> { lazy.map { $0.key } }

    /// The values, lazily.
    @inlinable
    public var values: LazyMapSequence<BTreeMapEntries, Value> { lazy.map { $0.value } }

    /// All entries, reading errors reported.
    @inlinable
    public func collect() throws(StableError) -> [Element] {
        var iterator = makeIterator()
        var result: [Element] = []
        while let entry = try iterator.nextEntry() { result.append(entry) }
        return result
    }
}

/// Iterates a ``BTreeMap`` in key order (or reverse key order) within bounds.
///
/// Keeps a stack of (node address, index) pairs — at most the tree's depth —
/// and re-reads node bytes from memory at each step, so it holds no copy of
/// the data. Use ``nextEntry()`` to see read errors; ``next()`` stops at the
/// first error and records it in ``error``.
public struct BTreeMapIterator<Key: StorableKey, Value: Storable, M: Memory>: IteratorProtocol {
    @usableFromInline let map: BTreeMap<Key, Value, M>
    @usableFromInline let lower: KeyBound<Key>
    @usableFromInline let upper: KeyBound<Key>
    @usableFromInline let descending: Bool
    @usableFromInline var stack: [(address: UInt64, index: Int)] = []
    /// The decoded entries of the current leaf, in iteration order.
    @usableFromInline var buffer: [(key: Key, value: Value)] = []
    @usableFromInline var bufferIndex = 0
    @usableFromInline var started = false
    @usableFromInline var finished = false
    /// Node visits so far; bounded by the chunks the memory can hold, so a
    /// corrupt tree whose children are shared cannot make iteration endless.
    @usableFromInline var visits = 0
    /// The error that ended iteration through ``next()``, if any.
    public var error: StableError? { failure }
    @usableFromInline var failure: StableError?

    @inlinable
    init(map: BTreeMap<Key, Value, M>, lower: KeyBound<Key>, upper: KeyBound<Key>, descending: Bool) {
        self.map = map
        self.lower = lower
        self.upper = upper
        self.descending = descending
    }

    /// The next entry, or nil at the end; a `next()` that fails stops the iteration.
    @inlinable
    public mutating func next() -> (key: Key, value: Value)? {
        do throws(StableError) {
            return try nextEntry()
        } catch {
            failure = error
            finished = true
            return nil
        }
    }

    @inlinable
    mutating func push(_ address: UInt64, _ index: Int) throws(StableError) {
        visits += 1
        guard stack.count < BTreeLayout.maxDepth, visits <= map.maxChainLength else {
            throw BTreeMap<Key, Value, M>.corrupt("iteration visits more nodes than the memory holds")
        }
        stack.append((address, index))
    }

    /// Whether `key` lies beyond the far end of the iteration.
    @inlinable
    func isPastEnd(_ key: Key) -> Bool {
        switch descending ? lower : upper {
        case .unbounded: return false
        case let .included(bound):
            let order = Key.compareKeys(key, bound)
            return descending ? order < 0 : order > 0
        case let .excluded(bound):
            let order = Key.compareKeys(key, bound)
            return descending ? order <= 0 : order >= 0
        }
    }

    /// Positions the stack at the start bound.
    @inlinable
    mutating func start() throws(StableError) {
        guard map.root != 0 else { return }
        var bound = descending ? upper : lower
        var address = map.root
        while true {
            let descending = self.descending
            let step = try map.withNode(address) { (view) throws(StableError) -> (index: Int, next: UInt64?, openEnded: Bool) in
                func childOrNil(_ i: Int) -> UInt64? { view.isLeaf ? nil : view.child(i) }
                switch bound {
                case .unbounded:
                    let i = descending ? view.count : 0
                    return (i, childOrNil(i), false)
                case let .included(key), let .excluded(key):
                    let included: Bool
                    if case .included = bound { included = true } else { included = false }
                    let position = try key.withEncodedBytes { (encoded) throws(StableError) in
                        try view.search(key, encoded: encoded)
                    }
                    if !position.found { return (position.index, childOrNil(position.index), false) }
                    let j = position.index
                    if included { return (descending ? j + 1 : j, nil, false) }
                    let i = descending ? j : j + 1
                    return (i, childOrNil(i), true)
                }
            }
            try push(address, step.index)
            guard let next = step.next else { return }
            if step.openEnded { bound = .unbounded }
            address = next
        }
    }

    /// The next entry; throws on a corrupt node.
    @inlinable
    public mutating func nextEntry() throws(StableError) -> (key: Key, value: Value)? {
        if finished { return nil }
        if !started {
            started = true
            try start()
        }
        if bufferIndex < buffer.count {
            let entry = buffer[bufferIndex]
            bufferIndex += 1
            if isPastEnd(entry.key) {
                finished = true
                stack.removeAll()
                buffer.removeAll()
                return nil
            }
            return entry
        }
        while let top = stack.last {
            let descending = self.descending
            // A leaf is decoded in one pass into the buffer.
            let isLeaf = try map.withNode(top.address) { (view) throws(StableError) -> Bool in
                guard view.isLeaf else { return false }
                buffer.removeAll(keepingCapacity: true)
                bufferIndex = 0
                let range = descending ? 0 ..< Swift.min(top.index, view.count) : top.index ..< view.count
                guard !range.isEmpty else { return true }
                var index = 0
                try view.forEachEntry { (key, value) throws(StableError) in
                    if range.contains(index) {
                        buffer.append((key: try Key.decode(from: UnsafeRawBufferPointer(rebasing: view.bytes[key])),
                                       value: try Value.decode(from: UnsafeRawBufferPointer(rebasing: view.bytes[value]))))
                    }
                    index += 1
                }
                if descending { buffer.reverse() }
                return true
            }
            if isLeaf {
                stack.removeLast()
                return try nextEntry()
            }
            let step = try map.withNode(top.address) { (view) throws(StableError) -> (entry: (key: Key, value: Value)?, child: UInt64?) in
                let index = descending ? top.index - 1 : top.index
                guard index >= 0, index < view.count else { return (nil, nil) }
                let entry = (key: try Key.decode(from: try view.key(index)), value: try Value.decode(from: try view.value(index)))
                return (entry, view.isLeaf ? nil : view.child(descending ? index : index + 1))
            }
            guard let entry = step.entry else {
                stack.removeLast()
                continue
            }
            if isPastEnd(entry.key) {
                finished = true
                stack.removeAll()
                return nil
            }
            stack[stack.count - 1].index += descending ? -1 : 1
            if var address = step.child {
                // Descend to the nearest leaf on the near side of the entry.
                while true {
                    let edge = try map.withNode(address) { (view) throws(StableError) -> (index: Int, next: UInt64?) in
                        let i = descending ? view.count : 0
                        return (i, view.isLeaf ? nil : view.child(i))
                    }
                    try push(address, edge.index)
                    guard let next = edge.next else { break }
                    address = next
                }
            }
            return entry
        }
        finished = true
        return nil
    }
}

extension BTreeMap: Sequence {
    /// An iterator over all entries in key order.
    @inlinable
    public func makeIterator() -> BTreeMapIterator<Key, Value, M> {
        BTreeMapIterator(map: self, lower: .unbounded, upper: .unbounded, descending: false)
    }

    /// All entries, in key order.
    @inlinable
    public var entries: BTreeMapEntries<Key, Value, M> {
        BTreeMapEntries(map: self, lower: .unbounded, upper: .unbounded, descending: false)
    }

    /// All entries in descending key order. O(1).
    @inlinable
    public func reversed() -> BTreeMapEntries<Key, Value, M> {
        entries.reversed()
    }

    /// The keys in order, lazily.
    @inlinable
    public var keys: LazyMapSequence<BTreeMapEntries<Key, Value, M>, Key> { entries.keys }

    /// The values in key order, lazily.
    @inlinable
    public var values: LazyMapSequence<BTreeMapEntries<Key, Value, M>, Value> { entries.values }

    /// The entries whose keys lie between `lower` and `upper`.
    @inlinable
    public func range(from lower: KeyBound<Key>, to upper: KeyBound<Key>) -> BTreeMapEntries<Key, Value, M> {
        BTreeMapEntries(map: self, lower: lower, upper: upper, descending: false)
    }

    /// The entries starting at the largest key strictly below `key` (the
    /// crate's `iter_from_prev_key`); empty when no key is below `key`.
    @inlinable
    public func iterFromPreviousKey(_ key: Key) throws(StableError) -> BTreeMapEntries<Key, Value, M> {
        var below = BTreeMapIterator(map: self, lower: .unbounded, upper: .excluded(key), descending: true)
        guard let previous = try below.nextEntry() else {
            return BTreeMapEntries(map: self, lower: .excluded(key), upper: .excluded(key), descending: false)
        }
        return BTreeMapEntries(map: self, lower: .included(previous.key), upper: .unbounded, descending: false)
    }

    /// The crate's deprecated `iter_upper_bound`: same as ``iterFromPreviousKey(_:)``.
    @inlinable
    public func iterUpperBound(_ key: Key) throws(StableError) -> BTreeMapEntries<Key, Value, M> {
        try iterFromPreviousKey(key)
    }
}

extension BTreeMap where Key: Comparable {
    /// The entries with keys in `range` (`a..<b`).
    @inlinable
    public func range(_ range: Range<Key>) -> BTreeMapEntries<Key, Value, M> {
        self.range(from: .included(range.lowerBound), to: .excluded(range.upperBound))
    }

    /// The entries with keys in `range` (`a...b`).
    @inlinable
    public func range(_ range: ClosedRange<Key>) -> BTreeMapEntries<Key, Value, M> {
        self.range(from: .included(range.lowerBound), to: .included(range.upperBound))
    }

    /// The entries with keys in `range` (`a...`).
    @inlinable
    public func range(_ range: PartialRangeFrom<Key>) -> BTreeMapEntries<Key, Value, M> {
        self.range(from: .included(range.lowerBound), to: .unbounded)
    }

    /// The entries with keys in `range` (`..<b`).
    @inlinable
    public func range(_ range: PartialRangeUpTo<Key>) -> BTreeMapEntries<Key, Value, M> {
        self.range(from: .unbounded, to: .excluded(range.upperBound))
    }

    /// The entries with keys in `range` (`...b`).
    @inlinable
    public func range(_ range: PartialRangeThrough<Key>) -> BTreeMapEntries<Key, Value, M> {
        self.range(from: .unbounded, to: .included(range.upperBound))
    }
}
