/// A priority queue of bounded elements in stable memory (smallest first),
/// byte-compatible with the crate's `StableMinHeap` (StableStructures.docc/ByteLayout.md, "Vector and min-heap").
///
/// The elements form an implicit binary heap in the slots of a Vec-like
/// layout with magic `"SMH"`: the parent of slot `i` is `(i - 1) / 2`. The
/// sift algorithms are the crate's exactly (strict "less" through
/// ``StorableKey/compareKeys(_:_:)``, ties between children pick the right
/// child, only moved elements are rewritten), so the same operations give
/// the same bytes.
///
/// ```swift
/// let heap = try MinHeap<UInt32, VectorMemory>(memory: VectorMemory())
/// try heap.push(5); try heap.push(1)
/// try heap.pop()   // 1
/// ```
///
/// Invariants: every slot below `count` is not less than its parent. The
/// heap caches its length and assumes it is the only writer of its memory.
public final class MinHeap<Element: StorableKey, M: Memory> {
    @usableFromInline static var magic: StructureMagic { .minHeap }

    @usableFromInline let storage: StableArrayStorage<Element, M>

    @inlinable
    init(storage: StableArrayStorage<Element, M>) {
        self.storage = storage
    }

    /// Creates a heap on an empty memory, or loads the one the memory holds.
    /// Memory holding anything else is refused and left untouched.
    ///
    /// - Throws: ``StableError/unsupportedType(_:)`` for an unbounded element
    ///   type; ``StableError/badMagic(expected:found:)``,
    ///   ``StableError/unsupportedVersion(structure:version:)``,
    ///   ``StableError/incompatibleElementType(structure:detail:)``,
    ///   ``StableError/corrupted(structure:reason:)``;
    ///   ``StableError/growFailed(pages:)``.
    /// - Complexity: O(1).
    @inlinable
    public convenience init(memory: M) throws(StableError) {
        self.init(storage: try .open(memory: memory, magic: Self.magic))
    }

    /// Creates an empty heap, writing a fresh header whatever the memory held.
    ///
    /// - Throws: ``StableError/unsupportedType(_:)``, ``StableError/growFailed(pages:)``.
    /// - Complexity: O(1).
    @inlinable
    public static func new(memory: M) throws(StableError) -> MinHeap {
        MinHeap(storage: try .create(memory: memory, magic: magic))
    }

    /// Loads the heap stored in `memory`, reading only.
    ///
    /// - Throws: as ``init(memory:)``, and `.badMagic` for an empty memory.
    /// - Complexity: O(1).
    @inlinable
    public static func load(memory: M) throws(StableError) -> MinHeap {
        MinHeap(storage: try .load(memory: memory, magic: magic))
    }

    /// The memory the heap lives in.
    @inlinable
    public var memory: M { storage.memory }

    /// The number of elements. O(1).
    @inlinable
    public var count: UInt64 { storage.count }

    /// Whether the heap has no elements. O(1).
    @inlinable
    public var isEmpty: Bool { storage.count == 0 }

    /// The smallest element without removing it, or `nil` when empty.
    ///
    /// - Throws: a decoding error for corrupt bytes.
    /// - Complexity: O(1) plus decoding.
    @inlinable
    public func peek() throws(StableError) -> Element? {
        guard storage.count > 0 else { return nil }
        return try storage.element(at: 0)
    }

    /// Inserts `value`.
    ///
    /// Appends it (slot, then length), then moves it up past every parent it
    /// is strictly less than: each passed parent is rewritten one level down
    /// and `value` is written once more at its final slot.
    ///
    /// - Throws: ``StableError/boundViolated(type:maxSize:fixedSize:actualSize:)``
    ///   before any write; ``StableError/growFailed(pages:)``; decoding errors
    ///   for corrupt parents.
    /// - Complexity: O(log n) element reads and writes.
    @inlinable
    public func push(_ value: Element) throws(StableError) {
        var index = storage.count
        try storage.append(value)
        var moved = false
        while index > 0 {
            let parentIndex = (index &- 1) / 2
            let parent = try storage.element(at: parentIndex)
            guard Element.compareKeys(value, parent) < 0 else { break }
            try storage.writeElement(parent, at: index)
            moved = true
            index = parentIndex
        }
        if moved { try storage.writeElement(value, at: index) }
    }

    /// Removes and returns the smallest element, or `nil` when empty.
    ///
    /// Moves the last element to the root and sifts it down: at each level
    /// the smaller child (the right one on a tie) moves up while it is
    /// strictly less than the sifted element. Vacated slots keep their bytes.
    ///
    /// - Throws: decoding errors for corrupt bytes; ``StableError/growFailed(pages:)``.
    /// - Complexity: O(log n) element reads and writes.
    @inlinable
    @discardableResult
    public func pop() throws(StableError) -> Element? {
        let count = storage.count
        if count <= 1 { return try storage.removeLast() }
        let smallest = try storage.element(at: 0)
        guard let last = try storage.removeLast() else { return nil }
        // `last` goes to the root only if it stays there: when a child moves
        // up, it overwrites the root anyway (same bytes, one write fewer).
        let remaining = count &- 1
        var index: UInt64 = 0
        // `index` only grows, and stops before its children could overflow.
        while index < UInt64.max / 2 - 1 {
            let left = index &* 2 &+ 1
            let right = left &+ 1
            if remaining <= left { break }
            let child: Element
            let childIndex: UInt64
            if remaining <= right {
                child = try storage.element(at: left)
                childIndex = left
            } else {
                let (leftValue, rightValue) = try storage.adjacentElements(at: left)
                if Element.compareKeys(leftValue, rightValue) < 0 {
                    child = leftValue
                    childIndex = left
                } else {
                    child = rightValue
                    childIndex = right
                }
            }
            guard Element.compareKeys(child, last) < 0 else { break }
            try storage.writeElement(child, at: index)
            index = childIndex
        }
        try storage.writeElement(last, at: index)
        return smallest
    }

    /// Removes every element by writing a length of zero. O(1).
    @inlinable
    public func clear() throws(StableError) {
        try storage.setCount(0)
    }

    /// All elements in storage (array) order, as the crate's `iter()` returns them.
    ///
    /// - Throws: the first decoding error.
    /// - Complexity: O(n).
    @inlinable
    public func elements() throws(StableError) -> [Element] {
        var result = [Element]()
        result.reserveCapacity(Int(clamping: storage.count))
        var index: UInt64 = 0
        while index < storage.count {
            result.append(try storage.element(at: index))
            index &+= 1
        }
        return result
    }
}
