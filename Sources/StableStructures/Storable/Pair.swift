/// Two values stored together: the crate's 2-tuple `(A, B)` (StableStructures.docc/ByteLayout.md, "Storable encodings").
///
/// Swift tuples cannot conform to protocols, so pairs are a struct. As a key,
/// a pair orders by `first`, then by `second`.
@frozen
public struct Pair<A, B> {
    /// The first component.
    public var first: A
    /// The second component.
    public var second: B

    /// The pair `(first, second)`.
    @inlinable
    public init(_ first: A, _ second: B) {
        self.first = first
        self.second = second
    }
}

extension Pair: Equatable where A: Equatable, B: Equatable {}
extension Pair: Hashable where A: Hashable, B: Hashable {}
extension Pair: Sendable where A: Sendable, B: Sendable {}

/// The crate encodes a pair only when **both** components are bounded. The
/// encoding then always has the pair's maximum size:
///
/// ```
/// [0, mA)              enc(first), zero-padded to mA
/// [mA, mA+mB)          enc(second), zero-padded to mB
/// [mA+mB, +wA)         length of enc(first), big-endian   (absent if A is fixed-size)
/// [mA+mB+wA, +wB)      length of enc(second), big-endian  (absent if B is fixed-size)
/// ```
///
/// where `mA`, `mB` are the maximum sizes and `wA`, `wB` the length widths
/// derived from them (1, 2 or 4 bytes, ``lengthFieldWidth(_:)``). The bound
/// is `bounded(mA + mB + wA + wB, A.isFixedSize && B.isFixedSize)`.
///
/// **Unbounded components.** The crate declares such a pair `.unbounded`
/// and panics when encoding or decoding it. Here ``checkEncodable()`` throws
/// ``StableError/unsupportedType(_:)`` (and ``Storable/checkBound()``, which
/// calls it, too), so structures refuse the type before writing anything.
/// ``encode(into:)`` stays total: for such a pair it writes `enc(first)`
/// followed by `enc(second)`, bytes no reader accepts; ``decode(from:)``
/// throws ``StableError/unsupportedType(_:)``.
///
/// **Over-long components.** If a component's encoding is longer than its
/// own bound allows (a user type breaking its contract), the crate panics.
/// Here the component keeps its full length, so the pair's
/// ``encodedSize`` exceeds the pair's bound and ``Storable/checkBound()``
/// reports ``StableError/boundViolated(type:maxSize:fixedSize:actualSize:)``.
/// A fixed-size component whose encoding is shorter (an optional `nil`) is
/// zero-padded, as in the crate; such a pair does not decode again.
extension Pair: Storable where A: Storable, B: Storable {
    /// The sizes of the layout, or `nil` when a component is unbounded.
    @usableFromInline
    typealias Layout = (maxA: Int, maxB: Int, widthA: Int, widthB: Int)

    @inlinable
    static var layout: Layout? {
        guard case let .bounded(maxA, fixedA) = A.bound, case let .bounded(maxB, fixedB) = B.bound else {
            return nil
        }
        return (maxA, maxB, fixedA ? 0 : lengthFieldWidth(maxA), fixedB ? 0 : lengthFieldWidth(maxB))
    }

    /// `bounded(mA + mB + wA + wB, both fixed)`, or `.unbounded` when a
    /// component is unbounded (such a pair is not encodable).
    @inlinable
    public static var bound: StorableBound {
        guard let layout else { return .unbounded }
        return .bounded(
            maxSize: layout.maxA + layout.maxB + layout.widthA + layout.widthB,
            isFixedSize: A.bound.isFixedSize && B.bound.isFixedSize)
    }

    /// The maximum size for every valid value (see the type's discussion for
    /// the unsupported and over-long cases).
    @inlinable
    public var encodedSize: Int {
        guard let layout = Self.layout else { return first.encodedSize + second.encodedSize }
        return Swift.max(first.encodedSize, layout.maxA) + Swift.max(second.encodedSize, layout.maxB)
            + layout.widthA + layout.widthB
    }

    /// Writes both padded components, then their lengths.
    @inlinable
    public func encode(into buffer: UnsafeMutableRawBufferPointer) {
        let sizeA = first.encodedSize
        guard let layout = Self.layout else {
            first.encode(into: buffer.slice(0..<sizeA))
            second.encode(into: buffer.slice(sizeA..<buffer.count))
            return
        }
        let sizeB = second.encodedSize
        let slotA = Swift.max(sizeA, layout.maxA)
        let slotB = Swift.max(sizeB, layout.maxB)
        first.encode(into: buffer.slice(0..<sizeA))
        buffer.zero(sizeA..<slotA)
        second.encode(into: buffer.slice(slotA..<(slotA + sizeB)))
        buffer.zero((slotA + sizeB)..<(slotA + slotB))
        let lengths = slotA + slotB
        if layout.widthA > 0 { buffer.storeLength(sizeA, width: layout.widthA, at: lengths) }
        if layout.widthB > 0 { buffer.storeLength(sizeB, width: layout.widthB, at: lengths + layout.widthA) }
    }

    /// Decodes the layout above; the input must have exactly the maximum size.
    ///
    /// - Throws: ``StableError/unsupportedType(_:)`` when a component is
    ///   unbounded; ``StableError/malformedEncoding(type:reason:)`` for a
    ///   wrong length, a stored length larger than its slot, or a malformed
    ///   component.
    @inlinable
    public static func decode(from bytes: UnsafeRawBufferPointer) throws(StableError) -> Pair<A, B> {
        guard let layout else { throw unsupported }
        let total = layout.maxA + layout.maxB + layout.widthA + layout.widthB
        guard bytes.count == total else {
            throw .malformedEncoding(type: typeName, reason: "expected \(total) bytes, found \(bytes.count)")
        }
        let lengths = layout.maxA + layout.maxB
        var sizeA = layout.maxA
        if layout.widthA > 0 {
            sizeA = bytes.loadLength(width: layout.widthA, at: lengths)
            guard sizeA <= layout.maxA else {
                throw .malformedEncoding(type: typeName, reason: "first length \(sizeA) exceeds \(layout.maxA)")
            }
        }
        var sizeB = layout.maxB
        if layout.widthB > 0 {
            sizeB = bytes.loadLength(width: layout.widthB, at: lengths + layout.widthA)
            guard sizeB <= layout.maxB else {
                throw .malformedEncoding(type: typeName, reason: "second length \(sizeB) exceeds \(layout.maxB)")
            }
        }
        let a = try A.decode(from: bytes.slice(0..<sizeA))
        let b = try B.decode(from: bytes.slice(layout.maxA..<(layout.maxA + sizeB)))
        return Pair(a, b)
    }

    /// `(A,B)`, for example `(u64,u64)`.
    public static var typeName: String { "(\(A.typeName),\(B.typeName))" }

    @inlinable
    static var unsupported: StableError {
        .unsupportedType("\(typeName): a pair needs two bounded components")
    }

    /// Throws ``StableError/unsupportedType(_:)`` when a component is
    /// unbounded (or itself not encodable).
    @inlinable
    public static func checkEncodable() throws(StableError) {
        try A.checkEncodable()
        try B.checkEncodable()
        guard layout != nil else { throw unsupported }
    }
}

/// Pairs compare by `first`, then by `second`.
extension Pair: StorableKey where A: StorableKey, B: StorableKey {
    /// Lexicographic: `first`, then `second`.
    @inlinable
    public static func compareKeys(_ lhs: Pair<A, B>, _ rhs: Pair<A, B>) -> Int {
        let order = A.compareKeys(lhs.first, rhs.first)
        return order != 0 ? order : B.compareKeys(lhs.second, rhs.second)
    }

    /// `true` when `A` is fixed-size and both components preserve order
    /// (and the pair is encodable).
    ///
    /// With a fixed-size `A` there is no length field for it, so the bytes
    /// compare as: `A`'s slot, then `B`'s zero-padded slot, then `B`'s
    /// length. Zero padding keeps a proper prefix at or below its
    /// extensions, and the length breaks the remaining tie, so the order of
    /// `B`'s encodings is kept. A variable-size `A` would put its length
    /// after `B`'s slot, where it would decide too late.
    @inlinable
    public static var encodingPreservesOrder: Bool {
        layout != nil && A.bound.isFixedSize && A.encodingPreservesOrder && B.encodingPreservesOrder
    }
}
