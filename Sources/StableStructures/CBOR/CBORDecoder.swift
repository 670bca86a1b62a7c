#if !hasFeature(Embedded)
/// Decodes `Decodable` values from CBOR written by ``CBOREncoder`` or by
/// Rust's `ciborium` from serde's data model (see ``CBOREncoder`` for the
/// correspondence), following serde's rules for evolving records:
///
/// - fields in the data that the Swift type does not know are ignored;
/// - a missing field decodes when the property is optional (synthesized
///   conformances use `decodeIfPresent`) or when a hand-written `init(from:)`
///   supplies a default, `try c.decodeIfPresent(UInt64.self, forKey: .createdAt) ?? 0`
///   (serde's `#[serde(default)]`);
/// - an optional property accepts `null`, `undefined` or an absent field;
/// - `[UInt8]` and ``CBORBytes`` accept both a byte string and an array of
///   integers 0…255 (`Vec<u8>` with or without `serde_bytes`);
/// - tags are looked through, except that integers also accept tag 2 and 3
///   bignums that fit the Swift type;
/// - a float accepts any width (and integers that convert exactly); a
///   `Float` refuses values beyond its range.
///
/// Every failure is a ``StableError/malformedEncoding(type:reason:)`` whose
/// reason names the coding path, such as "field `created_at`: expected an
/// unsigned integer, found a text string" or "field `owner.name`: missing".
/// Integers must fit the Swift type exactly.
public struct CBORDecoder: Sendable {
    /// The deepest nesting of arrays, maps and tags accepted.
    public var maxDepth: Int = CBORValue.defaultMaxDepth

    /// How struct keys are spelled. Default: ``CBORKeyStrategy/useDefaultKeys``.
    public var keyStrategy: CBORKeyStrategy = .useDefaultKeys

    /// Contextual information for the values' `init(from:)`.
    public var userInfo: [CodingUserInfoKey: any Sendable] = [:]

    /// Creates a decoder with the default options.
    public init() {}

    /// Decodes a `T` from the CBOR item that fills `bytes`.
    ///
    /// - Throws: ``StableError/malformedEncoding(type:reason:)`` naming `T`.
    public func decode<T: Decodable>(_ type: T.Type, from bytes: UnsafeRawBufferPointer) throws(StableError) -> T {
        try decode(type, from: bytes, typeName: "\(T.self)")
    }

    /// Decodes a `T` from the CBOR item that fills the array `bytes`.
    ///
    /// - Throws: ``StableError/malformedEncoding(type:reason:)`` naming `T`.
    public func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws(StableError) -> T {
        var result: Result<T, StableError> = .failure(.invalidArgument("unreachable"))
        bytes.withUnsafeBytes { buffer in
            do throws(StableError) { result = .success(try decode(type, from: buffer)) } catch { result = .failure(error) }
        }
        return try result.get()
    }

    /// Decodes a `T` from an item.
    ///
    /// - Throws: ``StableError/malformedEncoding(type:reason:)`` naming `T`.
    public func decode<T: Decodable>(_ type: T.Type, from value: CBORValue) throws(StableError) -> T {
        try decode(type, from: value, typeName: "\(T.self)")
    }

    /// Decodes with errors reporting `typeName` as the type.
    func decode<T: Decodable>(_ type: T.Type, from bytes: UnsafeRawBufferPointer, typeName: String) throws(StableError) -> T {
        let value: CBORValue
        do {
            value = try CBORValue.decode(from: bytes, maxDepth: maxDepth)
        } catch {
            if case let .malformedEncoding(_, reason) = error { throw .malformedEncoding(type: typeName, reason: reason) }
            throw error
        }
        return try decode(type, from: value, typeName: typeName)
    }

    /// Decodes an item with errors reporting `typeName` as the type.
    func decode<T: Decodable>(_ type: T.Type, from value: CBORValue, typeName: String) throws(StableError) -> T {
        let root = CBORDecoding(value: value, codingPath: [], options: self, typeName: typeName)
        do {
            return try root.decodeValue(type, from: value, at: nil)
        } catch {
            throw CBORCodingPath.decodingError(error, type: typeName)
        }
    }
}
#endif
