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
/// The schema evolves without migrations under serde's rules (see
/// ``CBORDecoder``): added optional or defaulted fields read old records,
/// and old code ignores fields it does not know.
///
/// **Bound.** Unbounded, so the type suits structures that store
/// variable-size values (`BTreeMap` values, `Cell`, `Log`), not `StableVec`.
///
/// **Encoding cost.** ``Storable`` asks for ``encodedSize`` and then for
/// ``encode(into:)``, and neither can carry state to the other: a value type
/// has nowhere to cache its encoding, and a cache keyed by thread would be
/// global mutable state, which strict concurrency rightly rejects (it would
/// also need the value to be `Equatable` to be correct). So the default
/// implementation runs the Codable encoding twice per store, once to measure
/// and once to write straight into the structure's buffer (no intermediate
/// byte array). Both runs produce the same bytes because encoding is a pure
/// function of the value. Use ``cborEncoded()`` when you need the bytes
/// themselves (one run).
///
/// **Failure.** ``encodedSize`` and ``encode(into:)`` cannot throw. The
/// library's encoder never fails on its own; only a hand-written
/// `encode(to:)` that throws can make encoding fail, and that is a
/// programming error in the conformance, reported by a precondition failure
/// that names the type and the reason. Call ``cborEncoded()`` first to get it
/// as a typed error instead. Decoding never traps: corrupt or incompatible
/// bytes give ``StableError/malformedEncoding(type:reason:)``.
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
