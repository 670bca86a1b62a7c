import Candid

/// The codecs of `candid`, `candid NAME` and `json` values: stored as raw
/// bytes (what a canister's `Storable` writes), converted here.
enum CandidCodec {
    /// The refusal of key lookups on Candid and JSON keys.
    static func keyRefusal(_ type: String) -> QLError {
        QLError(.type, "cannot be looked up: \(type) keys are ordered by the Rust type's derived Ord, which the declared type does not give; iterate instead (iter, keys, range(..))")
    }

    /// The codec of `candid` / `candid NAME`.
    static func candid(_ schema: CandidSchema, type: QLType) -> ValueCodec<[UInt8]> {
        ValueCodec(type: type, encode: { (value) throws(QLError) in
            if schema.isKey { throw keyRefusal(schema.description) }
            guard case let .candid(candid) = value else { throw QLCodecs.mismatch(value, type) }
            let declared: CandidType
            if let named = schema.type { declared = named } else { declared = try candid.inferredType() }
            do throws(CandidError) {
                return try CandidEncoder.encode(candid, as: declared, in: schema.environment)
            } catch {
                throw QLError(.type, "cannot encode \(CandidLiteral.text(candid)) as \(schema.description): \(error.message)")
            }
        }, decode: { (bytes) throws(QLError) in
            .candid(try decode(bytes, schema))
        })
    }

    /// Decodes a stored message: against the declared type, or at its own
    /// wire types (several values become a tuple record).
    static func decode(_ bytes: [UInt8], _ schema: CandidSchema) throws(QLError) -> CandidValue {
        do throws(CandidError) {
            if let declared = schema.type {
                return try CandidDecoder.decode(bytes, as: [declared], in: schema.environment)[0]
                    .ordered(as: declared, in: schema.environment)
            }
            let values = try CandidDecoder.decode(bytes)
            let value = values.count == 1 ? values[0] : CandidValue.tuple(values)
            return value.named(schema.fieldNames)
        } catch {
            throw QLError(.type, "not a valid \(schema.description) message: \(error.message)")
        }
    }

    /// The codec of `json`: UTF-8 JSON text.
    static func json(type: QLType, isKey: Bool) -> ValueCodec<[UInt8]> {
        ValueCodec(type: type, encode: { (value) throws(QLError) in
            if isKey { throw keyRefusal("json") }
            guard case let .json(document) = value else { throw QLCodecs.mismatch(value, type) }
            return Array(document.text.utf8)
        }, decode: { (bytes) throws(QLError) in
            .json(try JSONParser.parse(bytes))
        })
    }
}
