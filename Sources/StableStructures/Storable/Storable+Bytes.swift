// Byte arrays (`Vec<u8>` in the crate): the raw bytes, unbounded (StableStructures.docc/ByteLayout.md, "Storable encodings").

extension Array: Storable where Element == UInt8 {
    /// Unbounded.
    @inlinable
    public static var bound: StorableBound { .unbounded }

    /// The number of bytes.
    @inlinable
    public var encodedSize: Int { count }

    /// Copies the bytes.
    @inlinable
    public func encode(into buffer: UnsafeMutableRawBufferPointer) {
        withUnsafeBytes { buffer.copyMemory(from: $0) }
    }

    /// Calls `body` with the array's own storage (no copy; an empty array
    /// gives an empty buffer with a non-nil base).
    @inlinable
    public func withEncodedBytes<R>(
        _ body: (UnsafeRawBufferPointer) throws(StableError) -> R
    ) throws(StableError) -> R {
        if isEmpty {
            var none: UInt64 = 0
            return try Swift.withUnsafeMutableBytes(of: &none) { (raw) throws(StableError) -> R in
                try body(UnsafeRawBufferPointer(rebasing: raw[0 ..< 0]))
            }
        }
        return try span.withUnsafeBytes(body)
    }

    /// Copies every byte of `bytes`; never fails.
    @inlinable
    public static func decode(from bytes: UnsafeRawBufferPointer) throws(StableError) -> [UInt8] {
        [UInt8](bytes)
    }

    /// `blob`.
    public static var typeName: String { "blob" }
}

extension Array: StorableKey where Element == UInt8 {
    /// Lexicographic by bytes, a proper prefix first.
    @inlinable
    public static func compareKeys(_ lhs: [UInt8], _ rhs: [UInt8]) -> Int {
        compareByteArrays(lhs, rhs)
    }

    /// `true`: the encoding is the bytes themselves.
    @inlinable
    public static var encodingPreservesOrder: Bool { true }
}
