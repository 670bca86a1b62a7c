/// Up to `N` bytes: the crate's bounded `Blob<N>` (StableStructures.docc/ByteLayout.md, "Storable encodings").
///
/// The encoding is the content bytes alone, without padding or length, so
/// the bound is `bounded(maxSize: N, isFixedSize: false)`. Structures that
/// need the length (vector slots, pairs) store it themselves.
///
/// Invariant: `bytes.count <= N`.
public struct Blob<let N: Int>: Hashable, Sendable {
    /// The content, at most `N` bytes.
    @inlinable
    public var bytes: [UInt8] { storage }

    @usableFromInline
    var storage: [UInt8]

    /// The empty blob.
    @inlinable
    public init() { storage = [] }

    /// A blob holding `bytes`.
    ///
    /// - Throws: ``StableError/boundViolated(type:maxSize:fixedSize:actualSize:)``
    ///   when `bytes` is longer than `N`.
    @inlinable
    public init(_ bytes: [UInt8]) throws(StableError) {
        guard bytes.count <= N else {
            throw .boundViolated(type: Self.typeName, maxSize: N, fixedSize: false, actualSize: bytes.count)
        }
        self.storage = bytes
    }

    /// The capacity `N`.
    @inlinable
    public static var capacity: Int { N }
}

extension Blob: Storable {
    /// `bounded(maxSize: N, isFixedSize: false)`.
    @inlinable
    public static var bound: StorableBound { .bounded(maxSize: N, isFixedSize: false) }

    /// The number of content bytes.
    @inlinable
    public var encodedSize: Int { bytes.count }

    /// Copies the content bytes.
    @inlinable
    public func encode(into buffer: UnsafeMutableRawBufferPointer) {
        bytes.withUnsafeBytes { buffer.copyMemory(from: $0) }
    }

    /// Takes all of `bytes` as the content.
    ///
    /// - Throws: ``StableError/malformedEncoding(type:reason:)`` when there
    ///   are more than `N` bytes.
    @inlinable
    public static func decode(from bytes: UnsafeRawBufferPointer) throws(StableError) -> Blob<N> {
        guard bytes.count <= N else {
            throw .malformedEncoding(type: typeName, reason: "\(bytes.count) bytes exceed the capacity \(N)")
        }
        var blob = Blob()
        blob.storage = [UInt8](bytes)
        return blob
    }

    /// `blob<N>`, for example `blob<32>`.
    public static var typeName: String { "blob<\(N)>" }
}

extension Blob: StorableKey {
    /// Lexicographic by bytes, a proper prefix first.
    @inlinable
    public static func compareKeys(_ lhs: Blob<N>, _ rhs: Blob<N>) -> Int {
        compareByteArrays(lhs.bytes, rhs.bytes)
    }

    /// `true`: the encoding is the content itself.
    @inlinable
    public static var encodingPreservesOrder: Bool { true }
}

extension Blob: CustomStringConvertible {
    /// The content as lowercase hex.
    public var description: String { hexString(bytes) }
}
