extension MinHeap: Sequence {
    /// Iterates the elements in storage order (not sorted), like the crate's
    /// `iter()`.
    ///
    /// A decoding error ends the iteration early and is reported in
    /// ``StableArrayIterator/error``; ``MinHeap/elements()`` throws it instead.
    @inlinable
    public func makeIterator() -> StableArrayIterator<Element, M> {
        StableArrayIterator(storage: storage, range: 0..<storage.count, forward: true)
    }

}
