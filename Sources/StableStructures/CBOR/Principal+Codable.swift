#if !hasFeature(Embedded)
/// Principals encode as `candid::Principal`'s serde implementation does: in
/// binary formats such as CBOR (`ciborium` is not human-readable) as a byte
/// string of the raw bytes; in human-readable formats (JSON) as the textual
/// form, such as `"2vxsx-fae"`.
///
/// With ``CBORDecoder`` a principal accepts a byte string, an array of bytes
/// or the textual form; more than 29 bytes is a
/// ``StableError/malformedEncoding(type:reason:)`` naming the field.
extension Principal: Codable {
    /// Encodes the raw bytes as a byte string with ``CBOREncoder``, the
    /// textual form with other encoders.
    public func encode(to encoder: any Encoder) throws {
        if let encoder = encoder as? CBOREncoding {
            encoder.result = .value(.bytes(bytes))
        } else {
            var container = encoder.singleValueContainer()
            try container.encode(description)
        }
    }

    /// Decodes a principal from its raw bytes or its textual form.
    public init(from decoder: any Decoder) throws {
        guard let decoder = decoder as? CBORDecoding else {
            self = try Principal(text: try decoder.singleValueContainer().decode(String.self))
            return
        }
        if case let .text(text) = CBORDecoding.content(decoder.value) {
            do {
                self = try Principal(text: text)
            } catch {
                throw CBORCodingPath.failure(decoder.typeName, decoder.codingPath, "\(error)")
            }
            return
        }
        let bytes = try decoder.byteArray()
        guard bytes.count <= Principal.maxLength else {
            throw CBORCodingPath.failure(decoder.typeName, decoder.codingPath,
                                         "a principal has at most \(Principal.maxLength) bytes, found \(bytes.count)")
        }
        self = try Principal(bytes: bytes)
    }
}
#endif
