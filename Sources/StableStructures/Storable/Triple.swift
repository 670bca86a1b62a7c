/// Three values stored together: the crate's 3-tuple `(A, B, C)` (StableStructures.docc/ByteLayout.md, "Storable encodings").
///
/// As a key, a triple orders by `first`, then `second`, then `third`.
@frozen
public struct Triple<A, B, C> {
    /// The first component.
    public var first: A
    /// The second component.
    public var second: B
    /// The third component.
    public var third: C

    /// The triple `(first, second, third)`.
    @inlinable
    public init(_ first: A, _ second: B, _ third: C) {
        self.first = first
        self.second = second
        self.third = third
    }
}

extension Triple: Equatable where A: Equatable, B: Equatable, C: Equatable {}
extension Triple: Hashable where A: Hashable, B: Hashable, C: Hashable {}
extension Triple: Sendable where A: Sendable, B: Sendable, C: Sendable {}

/// Any mix of bounded and unbounded components is encodable. "Fixed" below
/// means bounded with `isFixedSize`.
///
/// - If `A` and `B` are both fixed: `enc(first) ‖ enc(second) ‖ enc(third)`.
/// - Otherwise: a size-lengths byte `(code(a) << 2) | code(b)`, where `a`,
///   `b` are the **actual** encoded lengths and `code(n)` is
///   `lengthFieldWidth(n) - 1` (0, 1 or 3) — computed even for a fixed
///   component, whose length is never stored; then for `A`: its length
///   big-endian in `lengthFieldWidth(a)` bytes unless `A` is fixed, and
///   `enc(first)`; the same for `B`; then `enc(third)`, which takes the rest.
///
/// The output has no padding. The bound is bounded only when all three
/// components are: `mA + mB + mC + overhead` with overhead 0 when `A` and
/// `B` are fixed, else 1 plus the length widths of the maxima of the
/// non-fixed ones; fixed only when all three are fixed.
extension Triple: Storable where A: Storable, B: Storable, C: Storable {
    /// Whether the first two components are both fixed-size (no size-lengths byte).
    @inlinable
    static var headerless: Bool { A.bound.isFixedSize && B.bound.isFixedSize }

    /// See the discussion above.
    @inlinable
    public static var bound: StorableBound {
        guard case let .bounded(maxA, fixedA) = A.bound,
              case let .bounded(maxB, fixedB) = B.bound,
              case let .bounded(maxC, fixedC) = C.bound
        else { return .unbounded }
        let overhead = fixedA && fixedB
            ? 0 : 1 + (fixedA ? 0 : lengthFieldWidth(maxA)) + (fixedB ? 0 : lengthFieldWidth(maxB))
        return .bounded(maxSize: maxA + maxB + maxC + overhead, isFixedSize: fixedA && fixedB && fixedC)
    }

    /// The three encodings plus the header (size-lengths byte and lengths).
    @inlinable
    public var encodedSize: Int {
        let sizeA = first.encodedSize, sizeB = second.encodedSize, sizeC = third.encodedSize
        if Self.headerless { return sizeA + sizeB + sizeC }
        return 1 + (A.bound.isFixedSize ? 0 : lengthFieldWidth(sizeA)) + sizeA
            + (B.bound.isFixedSize ? 0 : lengthFieldWidth(sizeB)) + sizeB + sizeC
    }

    /// Writes the layout above.
    @inlinable
    public func encode(into buffer: UnsafeMutableRawBufferPointer) {
        let sizeA = first.encodedSize, sizeB = second.encodedSize
        var offset = 0
        if !Self.headerless {
            let widthA = lengthFieldWidth(sizeA), widthB = lengthFieldWidth(sizeB)
            buffer.storeBytes(of: UInt8((widthA - 1) << 2 | (widthB - 1)), as: UInt8.self)
            offset = 1
            if !A.bound.isFixedSize {
                buffer.storeLength(sizeA, width: widthA, at: offset)
                offset += widthA
            }
            first.encode(into: buffer.slice(offset..<(offset + sizeA)))
            offset += sizeA
            if !B.bound.isFixedSize {
                buffer.storeLength(sizeB, width: widthB, at: offset)
                offset += widthB
            }
        } else {
            first.encode(into: buffer.slice(0..<sizeA))
            offset = sizeA
        }
        second.encode(into: buffer.slice(offset..<(offset + sizeB)))
        offset += sizeB
        third.encode(into: buffer.slice(offset..<buffer.count))
    }

    /// Decodes the layout above, checking every length against the input.
    ///
    /// - Throws: ``StableError/malformedEncoding(type:reason:)`` for input
    ///   too short for the header or a fixed component, a size-lengths byte
    ///   with high bits set or the unused code 2, a length reaching past the
    ///   end, or a malformed component.
    @inlinable
    public static func decode(from bytes: UnsafeRawBufferPointer) throws(StableError) -> Triple<A, B, C> {
        let count = bytes.count
        var offset = 0
        var codes: UInt8 = 0
        if !headerless {
            guard count >= 1 else { throw .malformedEncoding(type: typeName, reason: "empty input") }
            codes = bytes[0]
            guard codes & 0xF0 == 0, codes & 0x3 != 2, (codes >> 2) & 0x3 != 2 else {
                throw .malformedEncoding(type: typeName, reason: "invalid size-lengths byte \(codes)")
            }
            offset = 1
        }
        let rangeA = try componentRange(A.bound, code: codes >> 2, bytes, &offset, part: "first")
        let rangeB = try componentRange(B.bound, code: codes & 0x3, bytes, &offset, part: "second")
        let a = try A.decode(from: bytes.slice(rangeA))
        let b = try B.decode(from: bytes.slice(rangeB))
        let c = try C.decode(from: bytes.slice(offset..<count))
        return Triple(a, b, c)
    }

    /// The byte range of the component starting at `offset` (after its
    /// length field, if any), advancing `offset` past it.
    @inlinable
    static func componentRange(
        _ bound: StorableBound, code: UInt8, _ bytes: UnsafeRawBufferPointer, _ offset: inout Int, part: String
    ) throws(StableError) -> Range<Int> {
        let remaining = bytes.count - offset
        let size: Int
        if case let .bounded(maxSize, true) = bound {
            size = maxSize
        } else {
            let width = Int(code) + 1
            guard width <= remaining else {
                throw .malformedEncoding(type: typeName, reason: "\(part) length field runs past the end")
            }
            size = bytes.loadLength(width: width, at: offset)
            offset += width
        }
        guard size <= bytes.count - offset else {
            throw .malformedEncoding(type: typeName, reason: "\(part) component of \(size) bytes runs past the end")
        }
        defer { offset += size }
        return offset..<(offset + size)
    }

    /// `(A,B,C)`, for example `(u64,string,blob)`.
    public static var typeName: String { "(\(A.typeName),\(B.typeName),\(C.typeName))" }

    /// Forwards to the components.
    @inlinable
    public static func checkEncodable() throws(StableError) {
        try A.checkEncodable()
        try B.checkEncodable()
        try C.checkEncodable()
    }
}

/// Triples compare by `first`, then `second`, then `third`.
extension Triple: StorableKey where A: StorableKey, B: StorableKey, C: StorableKey {
    /// Lexicographic by component.
    @inlinable
    public static func compareKeys(_ lhs: Triple<A, B, C>, _ rhs: Triple<A, B, C>) -> Int {
        var order = A.compareKeys(lhs.first, rhs.first)
        if order != 0 { return order }
        order = B.compareKeys(lhs.second, rhs.second)
        return order != 0 ? order : C.compareKeys(lhs.third, rhs.third)
    }

    /// `true` when `A` and `B` are fixed-size and all three components
    /// preserve order: the encoding is then the plain concatenation.
    /// Otherwise the size-lengths byte comes first and sorts by lengths.
    @inlinable
    public static var encodingPreservesOrder: Bool {
        headerless && A.encodingPreservesOrder && B.encodingPreservesOrder && C.encodingPreservesOrder
    }
}
