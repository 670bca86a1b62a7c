extension StableVec: Sequence {
    /// Iterates the elements in index order (first to last).
    ///
    /// Iteration cannot throw: an element that fails to decode ends the
    /// iteration early and is reported in ``StableArrayIterator/error``. Use
    /// ``StableVec/elements()`` to get the error thrown instead. (For the
    /// same reason `underestimatedCount` stays 0: a corrupt slot can end the
    /// sequence before `count` elements.)
    @inlinable
    public func makeIterator() -> StableArrayIterator<Element, M> {
        StableArrayIterator(storage: storage, range: 0..<storage.count, forward: true)
    }


    /// The elements from last to first, decoded lazily (no array is built).
    ///
    /// - Complexity: O(1) to create; each step O(1) plus decoding.
    @inlinable
    public func reversed() -> StableArrayReversed<Element, M> {
        StableArrayReversed(storage: storage)
    }
}

/// Iterates the slots of a ``StableVec`` or ``MinHeap`` in either direction.
///
/// The iterator captures the length when it is created; it keeps the memory
/// alive but not the structure, and sees the bytes as they are at each step.
public struct StableArrayIterator<Element: Storable, M: Memory>: IteratorProtocol {
    @usableFromInline let storage: StableArrayStorage<Element, M>
    @usableFromInline var range: Range<UInt64>
    @usableFromInline let forward: Bool

    @usableFromInline var failure: StableError?

    /// The decoding error that ended the iteration early, if any.
    @inlinable
    public var error: StableError? { failure }

    @inlinable
    init(storage: StableArrayStorage<Element, M>, range: Range<UInt64>, forward: Bool) {
        self.storage = storage
        self.range = range
        self.forward = forward
        failure = nil
    }

    /// The next element, or `nil` at the end or after a decoding error.
    @inlinable
    public mutating func next() -> Element? {
        guard !range.isEmpty else { return nil }
        let index = forward ? range.lowerBound : range.upperBound &- 1
        do throws(StableError) {
            let value = try storage.element(at: index)
            range = forward ? (index &+ 1)..<range.upperBound : range.lowerBound..<index
            return value
        } catch {
            failure = error
            range = range.lowerBound..<range.lowerBound
            return nil
        }
    }
}

/// The elements of a ``StableVec`` from last to first.
public struct StableArrayReversed<Element: Storable, M: Memory>: Sequence {
    @usableFromInline let storage: StableArrayStorage<Element, M>

    @inlinable
    init(storage: StableArrayStorage<Element, M>) {
        self.storage = storage
    }

    /// An iterator from the last element to the first.
    @inlinable
    public func makeIterator() -> StableArrayIterator<Element, M> {
        StableArrayIterator(storage: storage, range: 0..<storage.count, forward: false)
    }

}
