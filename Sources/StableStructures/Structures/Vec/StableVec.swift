/// A growable array of bounded elements in stable memory, byte-compatible
/// with the crate's `StableVec` (StableStructures.docc/ByteLayout.md, "Vector and min-heap").
///
/// Each element occupies a slot of the element type's maximum encoded size
/// (plus a little-endian length prefix for variable-size types), so any
/// element is reached in O(1) without decoding its neighbours.
///
/// ```swift
/// let vec = try StableVec<UInt64, VectorMemory>(memory: VectorMemory())
/// try vec.push(42)
/// let first = try vec.get(0)   // 42
/// ```
///
/// Invariants: the element type is bounded; the header's element size and
/// fixed-size flag equal the element type's; slots `0 ..< count` lie inside the
/// memory. The vector caches its length and assumes it is the only writer of
/// its memory (load it again after the bytes were changed behind its back).
public final class StableVec<Element: Storable, M: Memory> {
    @usableFromInline static var magic: StructureMagic { .vec }

    @usableFromInline let storage: StableArrayStorage<Element, M>

    @inlinable
    init(storage: StableArrayStorage<Element, M>) {
        self.storage = storage
    }

    /// Creates a vector on an empty memory, or loads the one the memory holds.
    ///
    /// Unlike the crate, this never overwrites: memory holding anything else
    /// is refused and left byte-for-byte untouched.
    ///
    /// - Throws: ``StableError/unsupportedType(_:)`` for an unbounded element
    ///   type; ``StableError/badMagic(expected:found:)``,
    ///   ``StableError/unsupportedVersion(structure:version:)``,
    ///   ``StableError/incompatibleElementType(structure:detail:)`` or
    ///   ``StableError/corrupted(structure:reason:)`` for a memory holding
    ///   something else; ``StableError/growFailed(pages:)`` when an empty
    ///   memory cannot grow to one page.
    /// - Complexity: O(1).
    @inlinable
    public convenience init(memory: M) throws(StableError) {
        self.init(storage: try .open(memory: memory, magic: Self.magic))
    }

    /// Creates an empty vector, writing a fresh header whatever the memory
    /// held (its other bytes are left as they are).
    ///
    /// - Throws: ``StableError/unsupportedType(_:)`` for an unbounded element
    ///   type (nothing written), ``StableError/growFailed(pages:)``.
    /// - Complexity: O(1).
    @inlinable
    public static func new(memory: M) throws(StableError) -> StableVec {
        StableVec(storage: try .create(memory: memory, magic: magic))
    }

    /// Loads the vector stored in `memory`, reading only.
    ///
    /// - Throws: as ``init(memory:)``, and `.badMagic` for an empty memory.
    /// - Complexity: O(1).
    @inlinable
    public static func load(memory: M) throws(StableError) -> StableVec {
        StableVec(storage: try .load(memory: memory, magic: magic))
    }

    /// The memory the vector lives in.
    @inlinable
    public var memory: M { storage.memory }

    /// The number of elements. O(1).
    @inlinable
    public var count: UInt64 { storage.count }

    /// Whether the vector has no elements. O(1).
    @inlinable
    public var isEmpty: Bool { storage.count == 0 }

    /// The element at `index`, or `nil` when `index >= count`.
    ///
    /// - Throws: ``StableError/malformedEncoding(type:reason:)`` or
    ///   ``StableError/corrupted(structure:reason:)`` for bytes that do not
    ///   decode.
    /// - Complexity: O(1) plus decoding the element.
    @inlinable @inline(__always)
    public func get(_ index: UInt64) throws(StableError) -> Element? {
        guard index < storage.count else { return nil }
        return try storage.element(at: index)
    }

    /// Replaces the element at `index`.
    ///
    /// - Throws: ``StableError/indexOutOfRange(index:count:)`` when
    ///   `index >= count`, ``StableError/boundViolated(type:maxSize:fixedSize:actualSize:)``
    ///   for a value outside the element bound (both before any write),
    ///   ``StableError/growFailed(pages:)``.
    /// - Complexity: O(1) plus encoding.
    @inlinable
    public func set(_ index: UInt64, _ value: Element) throws(StableError) {
        guard index < storage.count else { throw .indexOutOfRange(index: index, count: storage.count) }
        try storage.writeElement(value, at: index)
    }

    /// Appends `value` at the end.
    ///
    /// Writes the slot (length prefix, then bytes), then the new length, so
    /// a failed grow leaves the vector as it was.
    ///
    /// - Throws: ``StableError/boundViolated(type:maxSize:fixedSize:actualSize:)``
    ///   before any write, ``StableError/growFailed(pages:)``.
    /// - Complexity: amortised O(1) plus encoding.
    @inlinable @inline(__always)
    public func push(_ value: Element) throws(StableError) {
        try storage.append(value)
    }

    /// Removes and returns the last element, or `nil` when empty. Only the
    /// length field is written; the slot keeps its bytes.
    ///
    /// - Throws: a decoding error for a corrupt last slot (the length is then unchanged).
    /// - Complexity: O(1) plus decoding.
    @inlinable
    @discardableResult
    public func pop() throws(StableError) -> Element? {
        try storage.removeLast()
    }

    /// Removes every element by writing a length of zero. O(1).
    @inlinable
    public func clear() throws(StableError) {
        try storage.setCount(0)
    }

    /// All elements in index order, as an array.
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
