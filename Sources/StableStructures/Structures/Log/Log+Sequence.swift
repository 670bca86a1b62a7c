extension Log: Sequence {
    /// Iterates the entries in index order.
    ///
    /// A corrupt index or an entry that fails to decode ends the iteration
    /// early and is reported in ``LogIterator/error``; ``Log/entries()``
    /// throws it instead.
    @inlinable
    public func makeIterator() -> LogIterator<Entry, IndexMemory, DataMemory> {
        LogIterator(log: self, range: 0..<storedCount, forward: true)
    }


    /// The entries from last to first, decoded lazily.
    @inlinable
    public func reversed() -> LogReversed<Entry, IndexMemory, DataMemory> {
        LogReversed(log: self)
    }
}

/// Iterates the entries of a ``Log`` in either direction.
///
/// The iterator captures the count when created and keeps the log alive.
public struct LogIterator<Entry: Storable, IndexMemory: Memory, DataMemory: Memory>: IteratorProtocol {
    @usableFromInline let log: Log<Entry, IndexMemory, DataMemory>
    @usableFromInline var range: Range<UInt64>
    @usableFromInline let forward: Bool
    @usableFromInline var failure: StableError?

    /// The error that ended the iteration early, if any.
    @inlinable
    public var error: StableError? { failure }

    @inlinable
    init(log: Log<Entry, IndexMemory, DataMemory>, range: Range<UInt64>, forward: Bool) {
        self.log = log
        self.range = range
        self.forward = forward
        failure = nil
    }

    /// The next entry, or `nil` at the end or after an error.
    @inlinable
    public mutating func next() -> Entry? {
        guard !range.isEmpty else { return nil }
        let index = forward ? range.lowerBound : range.upperBound &- 1
        do throws(StableError) {
            guard let entry = try log.get(index) else {
                range = range.lowerBound..<range.lowerBound
                return nil
            }
            range = forward ? (index &+ 1)..<range.upperBound : range.lowerBound..<index
            return entry
        } catch {
            failure = error
            range = range.lowerBound..<range.lowerBound
            return nil
        }
    }
}

/// The entries of a ``Log`` from last to first.
public struct LogReversed<Entry: Storable, IndexMemory: Memory, DataMemory: Memory>: Sequence {
    @usableFromInline let log: Log<Entry, IndexMemory, DataMemory>

    @inlinable
    init(log: Log<Entry, IndexMemory, DataMemory>) {
        self.log = log
    }

    /// An iterator from the last entry to the first.
    @inlinable
    public func makeIterator() -> LogIterator<Entry, IndexMemory, DataMemory> {
        LogIterator(log: log, range: 0..<log.count, forward: false)
    }

}
