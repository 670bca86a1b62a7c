/// The empty value: the crate's `()` (StableStructures.docc/ByteLayout.md, "Storable encodings").
///
/// Its encoding is empty, yet the crate declares it
/// `bounded(maxSize: 0, isFixedSize: false)` — not fixed. This matters
/// inside pairs and vector slots, which then store a (zero) length for it:
/// `Pair(1 as UInt32, Unit())` encodes as `00 00 00 01 00`.
public struct Unit: Hashable, Sendable {
    /// The unit value.
    @inlinable
    public init() {}
}

extension Unit: Storable {
    /// `bounded(maxSize: 0, isFixedSize: false)` (the crate's quirk).
    @inlinable
    public static var bound: StorableBound { .bounded(maxSize: 0, isFixedSize: false) }

    /// Always 0.
    @inlinable
    public var encodedSize: Int { 0 }

    /// Writes nothing.
    @inlinable
    public func encode(into buffer: UnsafeMutableRawBufferPointer) {}

    /// Accepts only the empty input.
    ///
    /// - Throws: ``StableError/malformedEncoding(type:reason:)`` for any byte.
    @inlinable
    public static func decode(from bytes: UnsafeRawBufferPointer) throws(StableError) -> Unit {
        guard bytes.isEmpty else {
            throw .malformedEncoding(type: typeName, reason: "expected 0 bytes, found \(bytes.count)")
        }
        return Unit()
    }

    /// `unit`.
    public static var typeName: String { "unit" }
}

extension Unit: StorableKey {
    /// Always 0: there is one value.
    @inlinable
    public static func compareKeys(_ lhs: Unit, _ rhs: Unit) -> Int { 0 }

    /// `true`: every encoding is empty.
    @inlinable
    public static var encodingPreservesOrder: Bool { true }
}
