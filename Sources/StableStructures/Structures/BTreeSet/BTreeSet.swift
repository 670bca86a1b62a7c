/// A sorted set of `Element`s stored in a ``Memory``, byte-compatible with the
/// Rust crate's `BTreeSet` (exactly a ``BTreeMap`` from `Element` to ``Unit``,
/// StableStructures.docc/ByteLayout.md, "B-tree map and set").
///
/// - Complexity: `insert`, `remove` and `contains` are O(log n) node visits.
public final class BTreeSet<Element: StorableKey, M: Memory> {
    /// The map holding the elements as keys.
    @usableFromInline let map: BTreeMap<Element, Unit, M>

    @inlinable
    init(map: BTreeMap<Element, Unit, M>) { self.map = map }

    /// Opens the set stored in `memory`, or creates an empty one when the
    /// memory is empty; a memory holding anything else is left untouched.
    ///
    /// - Throws: as ``BTreeMap/init(memory:)``.
    @inlinable
    public convenience init(memory: M) throws(StableError) {
        self.init(map: try BTreeMap(memory: memory))
    }

    /// Creates an empty set in `memory`, overwriting its headers.
    @inlinable
    public static func new(memory: M) throws(StableError) -> BTreeSet {
        BTreeSet(map: try BTreeMap.new(memory: memory))
    }

    /// Opens the set stored in `memory`. Writes nothing.
    @inlinable
    public static func load(memory: M) throws(StableError) -> BTreeSet {
        BTreeSet(map: try BTreeMap.load(memory: memory))
    }

    /// The memory holding the set.
    @inlinable
    public var memory: M { map.memory }

    /// The number of elements. O(1).
    @inlinable
    public var count: Int { map.count }

    /// Whether the set is empty. O(1).
    @inlinable
    public var isEmpty: Bool { map.isEmpty }

    /// Inserts `element`; returns whether it was new.
    ///
    /// Like the crate, inserting an existing element rewrites its node (and
    /// may split a full root on the way).
    @inlinable
    @discardableResult
    public func insert(_ element: Element) throws(StableError) -> Bool {
        try map.insert(element, Unit()) == nil
    }

    /// Removes `element`; returns whether it was present.
    @inlinable
    @discardableResult
    public func remove(_ element: Element) throws(StableError) -> Bool {
        try map.remove(element) != nil
    }

    /// Whether the set holds `element`. Writes nothing.
    @inlinable
    public func contains(_ element: Element) throws(StableError) -> Bool {
        try map.containsKey(element)
    }

    /// The smallest element, if any.
    @inlinable
    public var first: Element? {
        get throws(StableError) { try map.first?.key }
    }

    /// The largest element, if any.
    @inlinable
    public var last: Element? {
        get throws(StableError) { try map.last?.key }
    }

    /// Removes and returns the smallest element.
    @inlinable
    public func popFirst() throws(StableError) -> Element? {
        try map.popFirst()?.key
    }

    /// Removes and returns the largest element.
    @inlinable
    public func popLast() throws(StableError) -> Element? {
        try map.popLast()?.key
    }

    /// Removes every element (the crate's `clear`, i.e. `clear_new`). O(1).
    @inlinable
    public func clear() throws(StableError) {
        try map.clear()
    }

    /// The elements between `lower` and `upper`, in order.
    @inlinable
    public func range(from lower: KeyBound<Element>, to upper: KeyBound<Element>) -> BTreeSetElements<Element, M> {
        BTreeSetElements(entries: map.range(from: lower, to: upper))
    }

    /// All elements in order.
    @inlinable
    public var elements: BTreeSetElements<Element, M> {
        BTreeSetElements(entries: map.entries)
    }

    /// All elements in descending order. O(1).
    @inlinable
    public func reversed() -> BTreeSetElements<Element, M> {
        BTreeSetElements(entries: map.entries.reversed())
    }

    /// The elements starting at the largest one strictly below `element`.
    @inlinable
    public func iterFromPreviousElement(_ element: Element) throws(StableError) -> BTreeSetElements<Element, M> {
        BTreeSetElements(entries: try map.iterFromPreviousKey(element))
    }
}

extension BTreeSet where Element: Comparable {
    /// The elements in `range` (`a..<b`).
    @inlinable
    public func range(_ range: Range<Element>) -> BTreeSetElements<Element, M> {
        BTreeSetElements(entries: map.range(range))
    }

    /// The elements in `range` (`a...b`).
    @inlinable
    public func range(_ range: ClosedRange<Element>) -> BTreeSetElements<Element, M> {
        BTreeSetElements(entries: map.range(range))
    }

    /// The elements in `range` (`a...`).
    @inlinable
    public func range(_ range: PartialRangeFrom<Element>) -> BTreeSetElements<Element, M> {
        BTreeSetElements(entries: map.range(range))
    }

    /// The elements in `range` (`..<b`).
    @inlinable
    public func range(_ range: PartialRangeUpTo<Element>) -> BTreeSetElements<Element, M> {
        BTreeSetElements(entries: map.range(range))
    }

    /// The elements in `range` (`...b`).
    @inlinable
    public func range(_ range: PartialRangeThrough<Element>) -> BTreeSetElements<Element, M> {
        BTreeSetElements(entries: map.range(range))
    }
}

/// A lazy, ordered sequence of a ``BTreeSet``'s elements.
public struct BTreeSetElements<Element: StorableKey, M: Memory>: Sequence {
    @usableFromInline let entries: BTreeMapEntries<Element, Unit, M>

    @inlinable
    init(entries: BTreeMapEntries<Element, Unit, M>) { self.entries = entries }

    /// An iterator over the elements.
    @inlinable
    public func makeIterator() -> BTreeSetIterator<Element, M> {
        BTreeSetIterator(base: entries.makeIterator())
    }

    /// The same elements in the opposite order. O(1).
    @inlinable
    public func reversed() -> BTreeSetElements {
        BTreeSetElements(entries: entries.reversed())
    }

    /// All elements, reading errors reported.
    @inlinable
    public func collect() throws(StableError) -> [Element] {
        var iterator = makeIterator()
        var result: [Element] = []
        while let element = try iterator.nextElement() { result.append(element) }
        return result
    }
}

/// Iterates a ``BTreeSet``; ``next()`` stops at a read error (see ``error``).
public struct BTreeSetIterator<Element: StorableKey, M: Memory>: IteratorProtocol {
    @usableFromInline var base: BTreeMapIterator<Element, Unit, M>

    @inlinable
    init(base: BTreeMapIterator<Element, Unit, M>) { self.base = base }

    /// The next element, or nil at the end or after an error.
    @inlinable
    public mutating func next() -> Element? { base.next()?.key }

    /// The next element; throws on a corrupt node.
    @inlinable
    public mutating func nextElement() throws(StableError) -> Element? { try base.nextEntry()?.key }

    /// The error that ended iteration through ``next()``, if any.
    @inlinable
    public var error: StableError? { base.error }
}

extension BTreeSet: Sequence {
    /// An iterator over the elements in order.
    @inlinable
    public func makeIterator() -> BTreeSetIterator<Element, M> { elements.makeIterator() }
}
