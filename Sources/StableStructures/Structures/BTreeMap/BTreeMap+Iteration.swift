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

/// One internal node on a ``BTreeMapIterator``'s path: the position of its
/// next entry, and its entries and children, decoded once when entered.
@usableFromInline
struct BTreeIteratorLevel<Key, Value> {
    /// Ascending: the index of the next entry; descending: one past it.
    @usableFromInline var index = 0
    /// The entries; `nil` values did not decode (their errors are in `failures`).
    @usableFromInline var entries: [(key: Key, value: Value?)] = []
    @usableFromInline var failures: [(index: Int, error: StableError)] = []
    @usableFromInline var children: [UInt64] = []

    @inlinable
    init() {}
}

/// Iterates a ``BTreeMap`` in key order (or reverse key order) within bounds.
///
/// Each node is read once: the entries of the current leaf (within the
/// range) are decoded in one pass into a buffer, and each internal node on
/// the path to it (at most the tree's depth) is decoded when entered; the
/// buffers are reused from node to node. Use ``nextEntry()`` to see read
/// errors; ``next()`` stops at the first error and records it in ``error``.
///
/// A value that does not decode is reported only when its entry is returned:
/// entries past the end of the range and ``nextKey()`` never fail on one (as
/// the crate's lazy entries), and after ``nextEntry()`` throws for such a
/// value the iteration can go on with the next entry.
public struct BTreeMapIterator<Key: StorableKey, Value: Storable, M: Memory>: IteratorProtocol {
    @usableFromInline let map: BTreeMap<Key, Value, M>
    @usableFromInline let lower: KeyBound<Key>
    @usableFromInline let upper: KeyBound<Key>
    @usableFromInline let descending: Bool
    /// Whether the far end of the iteration is bounded (entries must be checked against it).
    @usableFromInline let hasFarBound: Bool
    /// The internal nodes on the path, `levels[0 ..< depth]` (deeper slots are kept for reuse).
    @usableFromInline var levels: [BTreeIteratorLevel<Key, Value>] = []
    @usableFromInline var depth = 0
    /// The decoded entries of the current leaf still to visit, in iteration
    /// order; `nil` values did not decode (their errors are in `bufferFailures`).
    @usableFromInline var buffer: [(key: Key, value: Value?)] = []
    @usableFromInline var bufferFailures: [(index: Int, error: StableError)] = []
    @usableFromInline var bufferIndex = 0
    @usableFromInline var started = false
    @usableFromInline var finished = false
    /// Node visits so far; bounded by the chunks the memory can hold, so a
    /// corrupt tree whose children are shared cannot make iteration endless.
    @usableFromInline var visits = 0
    /// Why the value of the entry ``step()`` last returned is `nil`.
    @usableFromInline var stepFailure: StableError?

    /// ``stepFailure``, which `step()` always sets with a `nil` value.
    @inlinable
    var stepError: StableError { stepFailure ?? BTreeMap<Key, Value, M>.corrupt("a value did not decode") }
    /// The error that ended iteration through ``next()``, if any.
    public var error: StableError? { failure }
    @usableFromInline var failure: StableError?

    @inlinable
    init(map: BTreeMap<Key, Value, M>, lower: KeyBound<Key>, upper: KeyBound<Key>, descending: Bool) {
        self.map = map
        self.lower = lower
        self.upper = upper
        self.descending = descending
        if case .unbounded = descending ? lower : upper { hasFarBound = false } else { hasFarBound = true }
    }

    /// The next entry, or nil at the end; a `next()` that fails stops the iteration.
    @inlinable
    public mutating func next() -> (key: Key, value: Value)? {
        do throws(StableError) {
            return try nextEntry()
        } catch {
            failure = error
            finish()
            return nil
        }
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

    /// Descends from `address` to a leaf, positioning each node at `bound`
    /// (the near end): internal nodes are entered as levels, the leaf's
    /// entries from the position on fill the buffer. Stops early at an
    /// internal node holding an included bound key.
    @inlinable
    mutating func descend(from address: UInt64, bound: KeyBound<Key>) throws(StableError) {
        var address = address
        var bound = bound
        let descending = self.descending
        for _ in 0 ... BTreeLayout.maxDepth {
            visits += 1
            guard depth < BTreeLayout.maxDepth, visits <= map.maxChainLength else {
                throw BTreeMap<Key, Value, M>.corrupt("iteration visits more nodes than the memory holds")
            }
            let next = try map.withNode(address) { (view) throws(StableError) -> UInt64? in
                var i: Int
                var stop = false
                switch bound {
                case .unbounded:
                    i = descending ? view.count : 0
                case let .included(key), let .excluded(key):
                    var included = false
                    if case .included = bound { included = true }
                    let position = try key.withEncodedBytes { (encoded) throws(StableError) in
                        try view.search(key, encoded: encoded)
                    }
                    i = position.index
                    if position.found {
                        let j = position.index
                        if included {
                            i = descending ? j + 1 : j
                            stop = true
                        } else {
                            i = descending ? j : j + 1
                            bound = .unbounded
                        }
                    }
                }
                if view.isLeaf {
                    try fillBuffer(view, from: i)
                    return nil
                }
                try enterLevel(view, at: i)
                return stop ? nil : view.child(i)
            }
            guard let next else { return }
            address = next
        }
        throw BTreeMap<Key, Value, M>.corrupt("the tree is deeper than \(BTreeLayout.maxDepth) levels")
    }

    /// Pushes the internal node `view` as a level positioned at `index`.
    @inlinable
    mutating func enterLevel(_ view: BTreeNodeView, at index: Int) throws(StableError) {
        if depth == levels.count { levels.append(BTreeIteratorLevel()) }
        let d = depth
        levels[d].index = index
        levels[d].entries.removeAll(keepingCapacity: true)
        if !levels[d].failures.isEmpty { levels[d].failures.removeAll(keepingCapacity: true) }
        levels[d].children.removeAll(keepingCapacity: true)
        try view.forEachEntry { (key, value) throws(StableError) in
            let decoded = Self.decodeValue(
                UnsafeRawBufferPointer(rebasing: view.bytes[value]), position: levels[d].entries.count, failures: &levels[d].failures)
            levels[d].entries.append((key: try Key.decode(from: UnsafeRawBufferPointer(rebasing: view.bytes[key])), value: decoded))
        }
        for c in 0 ..< view.childCount { levels[d].children.append(view.child(c)) }
        depth += 1
    }

    /// Decodes a value, or records why it does not decode (at `position`) and gives `nil`.
    @inlinable @inline(__always)
    static func decodeValue(
        _ bytes: UnsafeRawBufferPointer, position: Int, failures: inout [(index: Int, error: StableError)]
    ) -> Value? {
        do throws(StableError) {
            return try Value.decode(from: bytes)
        } catch {
            failures.append((index: position, error: error))
            return nil
        }
    }

    /// Decodes the leaf `view`'s entries to visit from position `index` into the buffer.
    @inlinable
    mutating func fillBuffer(_ view: BTreeNodeView, from index: Int) throws(StableError) {
        buffer.removeAll(keepingCapacity: true)
        if !bufferFailures.isEmpty { bufferFailures.removeAll(keepingCapacity: true) }
        bufferIndex = 0
        let range = descending ? 0 ..< Swift.min(index, view.count) : Swift.min(index, view.count) ..< view.count
        guard !range.isEmpty else { return }
        let bytes = view.bytes
        if !view.isV1 && view.fixedKeySize >= 0 {
            // Fixed-size keys: key i is at a computed offset; one pass over
            // the value lengths, stopping after the last entry needed.
            let fixed = view.fixedKeySize
            var valueOffset = try view.valuesStart()
            for i in 0 ..< range.upperBound {
                let valueRange = try view.checkedRange(valueOffset + 4, try view.lengthField(at: valueOffset))
                if i >= range.lowerBound {
                    let keyStart = view.keysStart &+ i &* fixed
                    let value = Self.decodeValue(
                        UnsafeRawBufferPointer(rebasing: bytes[valueRange]), position: buffer.count, failures: &bufferFailures)
                    buffer.append((key: try Key.decode(from: UnsafeRawBufferPointer(rebasing: bytes[keyStart ..< keyStart &+ fixed])),
                                   value: value))
                }
                valueOffset = valueRange.upperBound
            }
        } else {
            var i = 0
            try view.forEachEntry { (key, value) throws(StableError) in
                if range.contains(i) {
                    let decoded = Self.decodeValue(
                        UnsafeRawBufferPointer(rebasing: bytes[value]), position: buffer.count, failures: &bufferFailures)
                    buffer.append((key: try Key.decode(from: UnsafeRawBufferPointer(rebasing: bytes[key])), value: decoded))
                }
                i += 1
            }
        }
        if descending {
            buffer.reverse()
            for f in bufferFailures.indices { bufferFailures[f].index = buffer.count &- 1 &- bufferFailures[f].index }
        }
    }

    /// Ends the iteration.
    @inlinable
    mutating func finish() {
        finished = true
        depth = 0
        buffer.removeAll()
        if !bufferFailures.isEmpty { bufferFailures.removeAll() }
        bufferIndex = 0
    }

    /// The next entry; throws on a corrupt node or, for that entry only, on
    /// a value that does not decode (the next call goes on after it).
    @inlinable
    public mutating func nextEntry() throws(StableError) -> (key: Key, value: Value)? {
        guard let entry = try step() else { return nil }
        guard let value = entry.value else { throw stepError }
        return (key: entry.key, value: value)
    }

    /// The next entry with its value or the error that decoding it gave;
    /// throws only on a corrupt node. For callers that report the entries
    /// that do not decode and go on.
    @inlinable
    public mutating func nextEntryOrFailure() throws(StableError) -> (key: Key, value: Result<Value, StableError>)? {
        guard let entry = try step() else { return nil }
        guard let value = entry.value else { return (key: entry.key, value: .failure(stepError)) }
        return (key: entry.key, value: .success(value))
    }

    /// The next key, without decoding its value; throws on a corrupt node.
    @inlinable
    public mutating func nextKey() throws(StableError) -> Key? {
        try step()?.key
    }

    /// The next entry with its value, `nil` when the value does not decode
    /// (then ``stepFailure`` says why).
    @inlinable
    mutating func step() throws(StableError) -> (key: Key, value: Value?)? {
        if finished { return nil }
        if bufferIndex < buffer.count {
            let position = bufferIndex
            let entry = buffer[position]
            bufferIndex &+= 1
            if hasFarBound && isPastEnd(entry.key) {
                finish()
                return nil
            }
            if entry.value == nil { stepFailure = bufferFailures.first { $0.index == position }?.error }
            return entry
        }
        if !started {
            started = true
            if map.root != 0 { try descend(from: map.root, bound: descending ? upper : lower) }
            if bufferIndex < buffer.count { return try step() }
        }
        while depth > 0 {
            let d = depth - 1
            let index = descending ? levels[d].index - 1 : levels[d].index
            guard index >= 0, index < levels[d].entries.count else {
                depth -= 1
                continue
            }
            let entry = levels[d].entries[index]
            if hasFarBound && isPastEnd(entry.key) {
                finish()
                return nil
            }
            levels[d].index += descending ? -1 : 1
            guard descending ? index < levels[d].children.count : index + 1 < levels[d].children.count else {
                throw BTreeMap<Key, Value, M>.corrupt("internal node without enough children")
            }
            if entry.value == nil { stepFailure = levels[d].failures.first { $0.index == index }?.error }
            try descend(from: levels[d].children[descending ? index : index + 1], bound: .unbounded)
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
