#if !hasFeature(Embedded)
/// Encodes `Encodable` values as CBOR the way `ciborium` serialises serde's
/// data model, so that Swift and Rust canisters read each other's records.
///
/// | Swift | CBOR | serde / ciborium |
/// |---|---|---|
/// | struct (synthesized `Codable`) | map, text keys in declaration order | struct |
/// | `nil` optional property | `null` (or absent, see ``nilFieldEncoding``) | `Option::None` |
/// | `Bool` | `f4`/`f5` | `bool` |
/// | unsigned integers | major type 0, shortest head | `u8`…`u64` |
/// | signed integers | major type 0 or 1, shortest head | `i8`…`i64` |
/// | `UInt128`/`Int128` beyond 64 bits | tag 2/3 bignum | `u128`/`i128` |
/// | `Float`, `Double` | shortest exact float width (``CBORFloat``) | `f32`, `f64` |
/// | `String` | text string | `String` |
/// | arrays, sets, `[UInt8]` | array | `Vec<T>` (a plain `Vec<u8>` too) |
/// | ``CBORBytes`` | byte string | `serde_bytes` / `ByteBuf` |
/// | `[K: V]` (any `Codable` key) | map, entries in `BTreeMap` order | `BTreeMap`/`HashMap` |
/// | single-value container | the inner value | newtype struct `struct Id(u64)` |
/// | unkeyed container | array | tuple struct `struct P(u32, u32)` |
/// | enum with `String` raw values | text | unit variants |
///
/// Enums with associated values use Swift's synthesized form, a single-entry
/// map `{"case": {labels…}}`: that is serde's *struct* variant when every
/// associated value is labelled; serde's unit (`"A"`) and newtype (`{"A": x}`)
/// variants need a hand-written `Codable` conformance.
///
/// Dictionaries are maps whatever their key type (Swift's own conformance
/// would write an array of alternating keys and values for most key types),
/// with entries in the order a Rust `BTreeMap` of the key type iterates
/// (integers numerically, strings by UTF-8 bytes, principals and other keys
/// by their encoded bytes), so that equal dictionaries encode identically in
/// every process.
///
/// A hand-written `encode(to:)` may also use an integer-like `CodingKey`
/// (one whose `stringValue` is its `intValue` in decimal): it is written as an
/// integer key.
public struct CBOREncoder: Sendable {
    /// How a `nil` optional property of a struct is written.
    public enum NilFieldEncoding: Sendable {
        /// The field is present with the value `null`: serde's default for
        /// an `Option` field.
        case null
        /// The field is left out: serde's
        /// `#[serde(skip_serializing_if = "Option::is_none")]`, and Swift's
        /// own convention for `encodeIfPresent`.
        case omit
    }

    /// How `nil` optional properties are written. Default: ``NilFieldEncoding/null``.
    public var nilFieldEncoding: NilFieldEncoding = .null

    /// How struct keys are spelled. Default: ``CBORKeyStrategy/useDefaultKeys``.
    public var keyStrategy: CBORKeyStrategy = .useDefaultKeys

    /// Contextual information for the values' `encode(to:)`.
    public var userInfo: [CodingUserInfoKey: any Sendable] = [:]

    /// Creates an encoder with the default options.
    public init() {}

    /// Encodes `value` as a CBOR item.
    ///
    /// - Throws: ``StableError/invalidArgument(_:)`` when the value's
    ///   `encode(to:)` throws (the library's encoder itself never fails).
    public func encodeValue<T: Encodable>(_ value: T) throws(StableError) -> CBORValue {
        let encoder = CBOREncoding(codingPath: [], options: self)
        do {
            try encoder.encodeSingle(value)
        } catch {
            throw CBORCodingPath.encodingError(error, type: "\(T.self)")
        }
        return encoder.result?.finalize() ?? .null
    }

    /// Encodes `value` as CBOR bytes.
    ///
    /// - Throws: ``StableError/invalidArgument(_:)`` when the value's
    ///   `encode(to:)` throws.
    public func encode<T: Encodable>(_ value: T) throws(StableError) -> [UInt8] {
        try encodeValue(value).encodedBytes
    }
}
#endif
