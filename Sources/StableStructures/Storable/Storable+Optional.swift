// Optionals: the payload followed by a marker byte (StableStructures.docc/ByteLayout.md, "Storable encodings").

/// `nil` encodes as the single byte `00`; `.some(x)` as the encoding of `x`
/// followed by `01` (the marker is a suffix).
///
/// The bound copies the crate, quirk included: for a bounded `Wrapped` it is
/// `bounded(maxSize: Wrapped.maxSize + 1, isFixedSize: Wrapped.isFixedSize)`.
/// So an optional of a fixed-size type claims to be fixed-size although
/// `nil` encodes to one byte: storing `nil` where bounds are checked
/// (B-tree keys and values, vector and heap items) fails with
/// ``StableError/boundViolated(type:maxSize:fixedSize:actualSize:)``, where
/// the crate panics. An unbounded `Wrapped` gives an unbounded optional.
extension Optional: Storable where Wrapped: Storable {
    /// `Wrapped`'s bound plus one byte, or `.unbounded`.
    @inlinable
    public static var bound: StorableBound {
        switch Wrapped.bound {
        case .unbounded: return .unbounded
        case let .bounded(maxSize, isFixedSize): return .bounded(maxSize: maxSize + 1, isFixedSize: isFixedSize)
        }
    }

    /// 1 for `nil`, else the payload's size plus 1.
    @inlinable
    public var encodedSize: Int {
        switch self {
        case .none: return 1
        case let .some(value): return value.encodedSize + 1
        }
    }

    /// Writes `00`, or the payload followed by `01`.
    @inlinable
    public func encode(into buffer: UnsafeMutableRawBufferPointer) {
        switch self {
        case .none:
            buffer.storeBytes(of: 0, as: UInt8.self)
        case let .some(value):
            let last = buffer.count - 1
            value.encode(into: buffer.slice(0..<last))
            buffer.storeBytes(of: 1, toByteOffset: last, as: UInt8.self)
        }
    }

    /// Reads the marker from the last byte: `00` alone is `nil`, `01` ends a payload.
    ///
    /// - Throws: ``StableError/malformedEncoding(type:reason:)`` for empty
    ///   input, a `00` marker after other bytes, any other marker, or a
    ///   malformed payload.
    @inlinable
    public static func decode(from bytes: UnsafeRawBufferPointer) throws(StableError) -> Wrapped? {
        guard let marker = bytes.last else {
            throw .malformedEncoding(type: typeName, reason: "empty input")
        }
        switch marker {
        case 0:
            guard bytes.count == 1 else {
                throw .malformedEncoding(type: typeName, reason: "marker 0 after \(bytes.count - 1) payload bytes")
            }
            return .none
        case 1:
            return .some(try Wrapped.decode(from: bytes.slice(0..<(bytes.count - 1))))
        default:
            throw .malformedEncoding(type: typeName, reason: "marker byte \(marker) is neither 0 nor 1")
        }
    }

    /// `option<T>`, for example `option<u64>`.
    public static var typeName: String { "option<\(Wrapped.typeName)>" }

    /// Whether `Wrapped` can be encoded (see ``Storable/checkEncodable()``).
    @inlinable
    public static func checkEncodable() throws(StableError) {
        try Wrapped.checkEncodable()
    }
}

/// `nil` comes first, then the payloads in `Wrapped`'s order.
extension Optional: StorableKey where Wrapped: StorableKey {
    /// `nil` before every `.some`; two payloads compare as `Wrapped` keys.
    @inlinable
    public static func compareKeys(_ lhs: Wrapped?, _ rhs: Wrapped?) -> Int {
        switch (lhs, rhs) {
        case (.none, .none): return 0
        case (.none, .some): return -1
        case (.some, .none): return 1
        case let (.some(l), .some(r)): return Wrapped.compareKeys(l, r)
        }
    }

    /// `false`: the encodings of options do not sort as their keys.
    ///
    /// `nil` (`00`) does sort first, but two payloads of different lengths
    /// lose their order behind the `01` suffix (`[]` → `01` sorts after
    /// `[00]` → `00 01`). Even a fixed-size `Wrapped` is no guarantee, since
    /// an option of a fixed-size type claims a fixed size it does not have:
    /// with `UInt16??`, `.some(nil)` → `00 01` sorts after `.some(0)` →
    /// `00 00 01 01`. Keys of optional types are therefore compared decoded.
    @inlinable
    public static var encodingPreservesOrder: Bool { false }
}
