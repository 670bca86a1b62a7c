#if !hasFeature(Embedded)
/// Bytes that encode as a CBOR byte string, like a Rust field marked
/// `#[serde(with = "serde_bytes")]` or of type `serde_bytes::ByteBuf`.
///
/// A plain `[UInt8]` encodes as an array of small integers, which is what
/// serde does for a plain `Vec<u8>`; use `CBORBytes` for the compact form.
/// Decoding accepts both forms for both types, so a field can switch between
/// them without a migration.
///
/// With encoders other than ``CBOREncoder`` the bytes encode as an array of
/// integers.
public struct CBORBytes: Hashable, Sendable, Codable {
    /// The bytes.
    public var bytes: [UInt8]

    /// Wraps `bytes`.
    @inlinable
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Encodes a byte string with ``CBOREncoder``, an array of integers otherwise.
    public func encode(to encoder: any Encoder) throws {
        if let encoder = encoder as? CBOREncoding {
            encoder.result = .value(.bytes(bytes))
        } else {
            var container = encoder.singleValueContainer()
            try container.encode(bytes)
        }
    }

    /// Decodes a byte string or an array of integers 0…255.
    public init(from decoder: any Decoder) throws {
        if let decoder = decoder as? CBORDecoding {
            bytes = try decoder.byteArray()
        } else {
            bytes = try decoder.singleValueContainer().decode([UInt8].self)
        }
    }
}
extension CBORBytes: ExpressibleByArrayLiteral {
    /// Bytes written as an array literal: `let bytes: CBORBytes = [0, 255]`.
    @inlinable
    public init(arrayLiteral elements: UInt8...) { self.init(elements) }
}
#endif
