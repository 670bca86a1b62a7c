// Booleans: one byte, 00 or 01 (StableStructures.docc/ByteLayout.md, "Storable encodings").

extension Bool: Storable {
    /// Fixed size: 1 byte.
    @inlinable
    public static var bound: StorableBound { .bounded(maxSize: 1, isFixedSize: true) }

    /// Always 1.
    @inlinable
    public var encodedSize: Int { 1 }

    /// Writes `01` for `true`, `00` for `false`.
    @inlinable
    public func encode(into buffer: UnsafeMutableRawBufferPointer) {
        buffer.storeBytes(of: self ? 1 : 0, as: UInt8.self)
    }

    /// Reads one byte that must be `00` or `01`.
    ///
    /// - Throws: ``StableError/malformedEncoding(type:reason:)`` for any other input.
    @inlinable
    public static func decode(from bytes: UnsafeRawBufferPointer) throws(StableError) -> Bool {
        guard bytes.count == 1 else {
            throw .malformedEncoding(type: typeName, reason: "expected 1 byte, found \(bytes.count)")
        }
        switch bytes[0] {
        case 0: return false
        case 1: return true
        case let other: throw .malformedEncoding(type: typeName, reason: "byte \(other) is neither 0 nor 1")
        }
    }

    /// `bool`.
    public static var typeName: String { "bool" }
}

extension Bool: StorableKey {
    /// `false` before `true`.
    @inlinable
    public static func compareKeys(_ lhs: Bool, _ rhs: Bool) -> Int {
        (lhs ? 1 : 0) - (rhs ? 1 : 0)
    }

    /// `true`: `00 < 01`.
    @inlinable
    public static var encodingPreservesOrder: Bool { true }
}
