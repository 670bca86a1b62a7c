// Floating-point numbers: the IEEE-754 bit pattern, big-endian (StableStructures.docc/ByteLayout.md, "Storable encodings").

extension Float: Storable {
    /// Fixed size: 4 bytes.
    @inlinable
    public static var bound: StorableBound { .bounded(maxSize: 4, isFixedSize: true) }

    /// Always 4.
    @inlinable
    public var encodedSize: Int { 4 }

    /// Writes the IEEE-754 bit pattern big-endian, so `-0.0`, infinities and
    /// every NaN payload are kept exactly.
    @inlinable
    public func encode(into buffer: UnsafeMutableRawBufferPointer) {
        buffer.storeBytes(of: bitPattern.bigEndian, as: UInt32.self)
    }

    /// Reads exactly 4 bytes as a big-endian bit pattern.
    ///
    /// - Throws: ``StableError/malformedEncoding(type:reason:)`` unless `bytes` has 4 bytes.
    @inlinable
    public static func decode(from bytes: UnsafeRawBufferPointer) throws(StableError) -> Float {
        guard bytes.count == 4 else {
            throw .malformedEncoding(type: typeName, reason: "expected 4 bytes, found \(bytes.count)")
        }
        return Float(bitPattern: UInt32(bigEndian: bytes.loadUnaligned(as: UInt32.self)))
    }

    /// `f32`.
    public static var typeName: String { "f32" }
}

/// Floats are not totally ordered, so they cannot be `BTreeMap` keys in the
/// crate; the conformance exists for `MinHeap`, which only asks "strictly
/// less" (StableStructures.docc/ByteLayout.md, "Vector and min-heap"). ``compareKeys(_:_:)`` follows IEEE `<`: a NaN is
/// neither less nor greater than anything, so it compares as "equal" to
/// every value, which gives the crate's heap behaviour but is not a total
/// order. Do not use floats as B-tree keys.
extension Float: StorableKey {
    /// `-1` when `lhs < rhs`, `1` when `rhs < lhs`, otherwise `0` (also for NaN).
    @inlinable
    public static func compareKeys(_ lhs: Float, _ rhs: Float) -> Int {
        lhs < rhs ? -1 : (rhs < lhs ? 1 : 0)
    }

    /// `false`: the bit patterns of negative numbers sort in reverse.
    @inlinable
    public static var encodingPreservesOrder: Bool { false }
}

extension Double: Storable {
    /// Fixed size: 8 bytes.
    @inlinable
    public static var bound: StorableBound { .bounded(maxSize: 8, isFixedSize: true) }

    /// Always 8.
    @inlinable
    public var encodedSize: Int { 8 }

    /// Writes the IEEE-754 bit pattern big-endian.
    @inlinable
    public func encode(into buffer: UnsafeMutableRawBufferPointer) {
        buffer.storeBytes(of: bitPattern.bigEndian, as: UInt64.self)
    }

    /// Reads exactly 8 bytes as a big-endian bit pattern.
    ///
    /// - Throws: ``StableError/malformedEncoding(type:reason:)`` unless `bytes` has 8 bytes.
    @inlinable
    public static func decode(from bytes: UnsafeRawBufferPointer) throws(StableError) -> Double {
        guard bytes.count == 8 else {
            throw .malformedEncoding(type: typeName, reason: "expected 8 bytes, found \(bytes.count)")
        }
        return Double(bitPattern: UInt64(bigEndian: bytes.loadUnaligned(as: UInt64.self)))
    }

    /// `f64`.
    public static var typeName: String { "f64" }
}

/// As for `Float`: IEEE `<` order with NaN "equal" to everything; meant for
/// `MinHeap`, not for B-tree keys.
extension Double: StorableKey {
    /// `-1` when `lhs < rhs`, `1` when `rhs < lhs`, otherwise `0` (also for NaN).
    @inlinable
    public static func compareKeys(_ lhs: Double, _ rhs: Double) -> Int {
        lhs < rhs ? -1 : (rhs < lhs ? 1 : 0)
    }

    /// `false`: the bit patterns of negative numbers sort in reverse.
    @inlinable
    public static var encodingPreservesOrder: Bool { false }
}
