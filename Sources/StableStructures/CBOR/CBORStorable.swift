#if !hasFeature(Embedded)
/// A `Codable` type stored as CBOR, so that a record type becomes
/// ``Storable`` in one line and its stored bytes are those a Rust canister
/// writes with `ciborium` for the matching serde struct:
///
/// ```swift
/// struct Asset: CBORStorable {
///     var contents: [UInt8]
///     var createdAt: UInt64
///     var uploadedBy: Principal?
///
///     enum CodingKeys: String, CodingKey {
///         case contents, createdAt = "created_at", uploadedBy = "uploaded_by"
///     }
///
///     // Records written before `created_at` existed decode with 0, as
///     // `#[serde(default)]` does; `uploaded_by` is optional, so it needs nothing.
///     init(from decoder: any Decoder) throws {
///         let c = try decoder.container(keyedBy: CodingKeys.self)
///         contents = try c.decode([UInt8].self, forKey: .contents)
///         createdAt = try c.decodeIfPresent(UInt64.self, forKey: .createdAt) ?? 0
///         uploadedBy = try c.decodeIfPresent(Principal.self, forKey: .uploadedBy)
///     }
/// }
/// ```
///
/// (Instead of `CodingKeys`, a type can return an encoder and a decoder with
/// ``CBORKeyStrategy/snakeCase`` from ``cborEncoder`` and ``cborDecoder``.)
///
/// The schema evolves without migrations under serde's rules (see
/// ``CBORDecoder``): added optional or defaulted fields read old records,
/// and old code ignores fields it does not know.
///
/// **Bound.** Unbounded, so the type suits structures that store
/// variable-size values (`BTreeMap` values, `Cell`, `Log`), not `StableVec`.
///
/// **Encoding cost.** Structures store a value through
/// ``Storable/withEncodedBytes(_:)``, which this protocol implements with a single
/// Codable run (the bound check skips measuring unbounded values), so a
/// store encodes once. Called on their own, ``Storable/encodedSize`` and
/// ``Storable/encode(into:)`` cannot share work: a value type has nowhere to cache its
/// encoding, and a per-thread cache would be global mutable state, which
/// strict concurrency rightly rejects (and it would need the value to be
/// `Equatable` to know the cache is for it). So each of them runs the Codable
/// encoding; both produce the same bytes because encoding is a pure function
/// of the value, and `encode(into:)` writes straight into the caller's buffer.
///
/// **Failure.** The library's encoder never fails on its own; only a
/// hand-written `encode(to:)` that throws can make encoding fail.
/// ``Storable/withEncodedBytes(_:)`` and ``cborEncoded()`` report that as
/// ``StableError/invalidArgument(_:)``; ``Storable/encodedSize`` and
/// ``Storable/encode(into:)``, which cannot throw, stop with a precondition failure
/// naming the type and the reason (a broken conformance). Decoding never
/// traps: corrupt or incompatible bytes give
/// ``StableError/malformedEncoding(type:reason:)``.
public protocol CBORStorable: Storable, Codable {
    /// The encoder used to store values (default: ``CBOREncoder`` with its
    /// defaults, writing `nil` fields as `null` as serde does).
    static var cborEncoder: CBOREncoder { get }

    /// The decoder used to load values (default: ``CBORDecoder`` with its defaults).
    static var cborDecoder: CBORDecoder { get }
}

extension CBORStorable {
    /// A ``CBOREncoder`` with default options.
    public static var cborEncoder: CBOREncoder { CBOREncoder() }

    /// A ``CBORDecoder`` with default options.
    public static var cborDecoder: CBORDecoder { CBORDecoder() }

    /// Unbounded.
    public static var bound: StorableBound { .unbounded }

    /// The size of the CBOR encoding (runs the Codable encoding).
    public var encodedSize: Int { cborItem.encodedSize }

    /// Writes the CBOR encoding (runs the Codable encoding again).
    public func encode(into buffer: UnsafeMutableRawBufferPointer) {
        cborItem.encode(into: buffer)
    }

    /// Decodes a value from its CBOR encoding.
    ///
    /// - Throws: ``StableError/malformedEncoding(type:reason:)`` naming the
    ///   type and, for a field, its coding path.
    public static func decode(from bytes: UnsafeRawBufferPointer) throws(StableError) -> Self {
        try cborDecoder.decode(Self.self, from: bytes, typeName: typeName)
    }

    /// The CBOR encoding, with an encoding failure as a typed error.
    ///
    /// - Throws: ``StableError/invalidArgument(_:)`` when `encode(to:)` throws.
    public func cborEncoded() throws(StableError) -> [UInt8] {
        try Self.cborEncoder.encode(self)
    }

    /// Calls `body` with the CBOR encoding, produced by a single Codable run.
    /// Structures store values through this method, so a store encodes once,
    /// and a failing `encode(to:)` surfaces here as a typed error.
    ///
    /// - Throws: ``StableError/invalidArgument(_:)`` when `encode(to:)`
    ///   throws, and whatever `body` throws.
    public func withEncodedBytes<R>(
        _ body: (UnsafeRawBufferPointer) throws(StableError) -> R
    ) throws(StableError) -> R {
        let bytes = try Self.cborEncoder.encode(self)
        var result: Result<R, StableError> = .failure(.invalidArgument("unreachable"))
        bytes.withUnsafeBytes { raw in
            do throws(StableError) { result = .success(try body(raw)) } catch { result = .failure(error) }
        }
        return try result.get()
    }

    /// The CBOR encoding as a new array (one Codable run, unlike the generic
    /// ``Storable/encodedBytes``).
    public var encodedBytes: [UInt8] { cborItem.encodedBytes }

    /// The item for this value; a failing `encode(to:)` is a broken conformance.
    var cborItem: CBORValue {
        do {
            return try Self.cborEncoder.encodeValue(self)
        } catch {
            preconditionFailure("CBORStorable \(Self.typeName): encode(to:) failed: \(error)")
        }
    }
}
#endif
