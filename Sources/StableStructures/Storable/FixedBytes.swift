/// Exactly `N` bytes: the crate's `[u8; N]` (StableStructures.docc/ByteLayout.md, "Storable encodings").
///
/// The encoding is the `N` bytes; the bound is
/// `bounded(maxSize: N, isFixedSize: true)`.
///
/// Invariant: `bytes.count == N`.
public struct FixedBytes<let N: Int>: Hashable, Sendable {
    /// The `N` bytes.
    @inlinable
    public var bytes: [UInt8] { storage }

    @usableFromInline
    var storage: [UInt8]

    /// `N` zero bytes.
    @inlinable
    public init() { storage = [UInt8](repeating: 0, count: Swift.max(N, 0)) }

    /// The value holding `bytes`.
    ///
    /// - Throws: ``StableError/boundViolated(type:maxSize:fixedSize:actualSize:)``
    ///   unless `bytes` has exactly `N` elements.
    @inlinable
    public init(_ bytes: [UInt8]) throws(StableError) {
        guard bytes.count == N else {
            throw .boundViolated(type: Self.typeName, maxSize: N, fixedSize: true, actualSize: bytes.count)
        }
        self.storage = bytes
    }

    /// The byte at `index` (`0..<N`); setting it keeps the size.
    @inlinable
    public subscript(index: Int) -> UInt8 {
        get { storage[index] }
        set { storage[index] = newValue }
    }
}

extension FixedBytes: Storable {
    /// `bounded(maxSize: N, isFixedSize: true)`.
    @inlinable
    public static var bound: StorableBound { .bounded(maxSize: N, isFixedSize: true) }

    /// Always `N`.
    @inlinable
    public var encodedSize: Int { bytes.count }

    /// Copies the `N` bytes.
    @inlinable
    public func encode(into buffer: UnsafeMutableRawBufferPointer) {
        bytes.withUnsafeBytes { buffer.copyMemory(from: $0) }
    }

    /// Takes exactly `N` bytes.
    ///
    /// - Throws: ``StableError/malformedEncoding(type:reason:)`` for any other length.
    @inlinable
    public static func decode(from bytes: UnsafeRawBufferPointer) throws(StableError) -> FixedBytes<N> {
        guard bytes.count == N else {
            throw .malformedEncoding(type: typeName, reason: "expected \(N) bytes, found \(bytes.count)")
        }
        var value = FixedBytes()
        value.storage = [UInt8](bytes)
        return value
    }

    /// `bytes<N>`, for example `bytes<32>`.
    public static var typeName: String { "bytes<\(N)>" }
}

extension FixedBytes: StorableKey {
    /// Lexicographic by bytes.
    @inlinable
    public static func compareKeys(_ lhs: FixedBytes<N>, _ rhs: FixedBytes<N>) -> Int {
        compareByteArrays(lhs.bytes, rhs.bytes)
    }

    /// `true`: the encoding is the bytes themselves.
    @inlinable
    public static var encodingPreservesOrder: Bool { true }
}

extension FixedBytes: CustomStringConvertible {
    /// The bytes as lowercase hex.
    public var description: String { hexString(bytes) }
}
