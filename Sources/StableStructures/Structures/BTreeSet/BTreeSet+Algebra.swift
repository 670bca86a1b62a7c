/// Which elements a ``SortedMergeSequence`` keeps.
public enum SortedMergeKind: Sendable {
    /// Elements of either side.
    case union
    /// Elements of both sides.
    case intersection
    /// Elements of the left side only.
    case difference
    /// Elements of exactly one side.
    case symmetricDifference
}

/// A lazy merge of two ascending sequences of distinct keys (such as two
/// ``BTreeSet``s), producing their union, intersection, difference or
/// symmetric difference in ascending order.
///
/// - Complexity: O(n + m) comparisons over the whole iteration; O(1) extra space.
public struct SortedMergeSequence<Left: Sequence, Right: Sequence>: Sequence
where Left.Element: StorableKey, Right.Element == Left.Element {
    /// The elements: keys of both sides' type.
    public typealias Element = Left.Element

    @usableFromInline let left: Left
    @usableFromInline let right: Right
    @usableFromInline let kind: SortedMergeKind

    @inlinable
    init(left: Left, right: Right, kind: SortedMergeKind) {
        self.left = left
        self.right = right
        self.kind = kind
    }

    /// The merging iterator.
    @inlinable
    public func makeIterator() -> Iterator {
        Iterator(left: left.makeIterator(), right: right.makeIterator(), kind: kind)
    }

    /// Merges two ascending iterators.
    public struct Iterator: IteratorProtocol {
        @usableFromInline var left: Left.Iterator
        @usableFromInline var right: Right.Iterator
        @usableFromInline let kind: SortedMergeKind
        @usableFromInline var nextLeft: Element?
        @usableFromInline var nextRight: Element?
        @usableFromInline var primed = false

        @inlinable
        init(left: Left.Iterator, right: Right.Iterator, kind: SortedMergeKind) {
            self.left = left
            self.right = right
            self.kind = kind
        }

        /// The next element of the result.
        @inlinable
        public mutating func next() -> Element? {
            if !primed {
                primed = true
                nextLeft = left.next()
                nextRight = right.next()
            }
            while true {
                switch (nextLeft, nextRight) {
                case (nil, nil):
                    return nil
                case let (a?, nil):
                    if kind == .intersection { return nil }
                    nextLeft = left.next()
                    return a
                case let (nil, b?):
                    if kind == .intersection || kind == .difference { return nil }
                    nextRight = right.next()
                    if kind == .union || kind == .symmetricDifference { return b }
                case let (a?, b?):
                    let order = Element.compareKeys(a, b)
                    if order < 0 {
                        nextLeft = left.next()
                        if kind != .intersection { return a }
                    } else if order > 0 {
                        nextRight = right.next()
                        if kind == .union || kind == .symmetricDifference { return b }
                    } else {
                        nextLeft = left.next()
                        nextRight = right.next()
                        if kind == .union || kind == .intersection { return a }
                    }
                }
            }
        }
    }
}

extension BTreeSet {
    /// The elements of either set, ascending, lazily.
    @inlinable
    public func union<M2: Memory>(_ other: BTreeSet<Element, M2>) -> SortedMergeSequence<BTreeSetElements<Element, M>, BTreeSetElements<Element, M2>> {
        SortedMergeSequence(left: elements, right: other.elements, kind: .union)
    }

    /// The elements of both sets, ascending, lazily.
    @inlinable
    public func intersection<M2: Memory>(_ other: BTreeSet<Element, M2>) -> SortedMergeSequence<BTreeSetElements<Element, M>, BTreeSetElements<Element, M2>> {
        SortedMergeSequence(left: elements, right: other.elements, kind: .intersection)
    }

    /// The elements of this set that are not in `other`, ascending, lazily.
    @inlinable
    public func difference<M2: Memory>(_ other: BTreeSet<Element, M2>) -> SortedMergeSequence<BTreeSetElements<Element, M>, BTreeSetElements<Element, M2>> {
        SortedMergeSequence(left: elements, right: other.elements, kind: .difference)
    }

    /// The elements in exactly one of the sets, ascending, lazily.
    @inlinable
    public func symmetricDifference<M2: Memory>(_ other: BTreeSet<Element, M2>) -> SortedMergeSequence<BTreeSetElements<Element, M>, BTreeSetElements<Element, M2>> {
        SortedMergeSequence(left: elements, right: other.elements, kind: .symmetricDifference)
    }

    /// Whether every element of this set is in `other`.
    ///
    /// - Complexity: O(n + m) in the worst case; stops at the first witness.
    @inlinable
    public func isSubset<M2: Memory>(of other: BTreeSet<Element, M2>) throws(StableError) -> Bool {
        if count > other.count { return false }
        var mine = elements.makeIterator()
        var theirs = other.elements.makeIterator()
        var candidate = try theirs.nextElement()
        while let element = try mine.nextElement() {
            while let current = candidate, Element.compareKeys(current, element) < 0 {
                candidate = try theirs.nextElement()
            }
            guard let current = candidate, Element.compareKeys(current, element) == 0 else { return false }
            candidate = try theirs.nextElement()
        }
        return true
    }

    /// Whether every element of `other` is in this set.
    @inlinable
    public func isSuperset<M2: Memory>(of other: BTreeSet<Element, M2>) throws(StableError) -> Bool {
        try other.isSubset(of: self)
    }

    /// Whether the sets have no element in common.
    ///
    /// - Complexity: O(n + m) in the worst case; stops at the first common element.
    @inlinable
    public func isDisjoint<M2: Memory>(with other: BTreeSet<Element, M2>) throws(StableError) -> Bool {
        var mine = elements.makeIterator()
        var theirs = other.elements.makeIterator()
        var a = try mine.nextElement()
        var b = try theirs.nextElement()
        while let x = a, let y = b {
            let order = Element.compareKeys(x, y)
            if order == 0 { return false }
            if order < 0 { a = try mine.nextElement() } else { b = try theirs.nextElement() }
        }
        return true
    }
}
