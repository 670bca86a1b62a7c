import StableStructures

/// Explains a stored value that does not decode as its declared type.
///
/// A value that is not the declared type's encoding at all (81 bytes read
/// as a `u64`, a Candid message read as CBOR) is a type mismatch: the bytes
/// are fine, the declaration is wrong. The explanation says what the bytes
/// look like, with discovery's classifier, and what the declared type
/// expects. A value of the right encoding that does not fit the declared
/// schema (a record field out of range) keeps its precise message.
enum StoredValueMismatch {
    /// The mismatch `error` (decoding `bytes` as `type`) stands for, or nil
    /// when the error is not a mismatch of encodings. `detailed` adds the
    /// bytes' summary (a Candid type table), for errors about one value.
    static func explain(_ error: QLError, bytes: [UInt8], type: QLType, detailed: Bool) -> QLError? {
        let kind = EncodingClassifier.kind(of: bytes)
        guard isEncodingFailure(error) || !fits(kind, type, bytes) else { return nil }
        var guess = EncodingClassifier.guessVariable([bytes], noun: "values")
        if kind == .candid {
            guess.typeName = "candid"
            if guess.summary.hasPrefix("candid ") { guess.summary.removeFirst("candid ".count) }
        }
        var looks = "looks like \(guess.typeName)"
        if detailed || kind != .candid { looks += " (\(guess.summary))" }
        let size = "\(bytes.count) byte\(bytes.count == 1 ? "" : "s")"
        return QLError(.type, "type mismatch: the stored value is \(size) and \(looks); \(expectation(of: type, bytes: bytes, error))")
    }

    /// Whether the library's decoder refused the bytes (a wrong width, invalid UTF-8).
    static func isEncodingFailure(_ error: QLError) -> Bool {
        if case .library(.malformedEncoding) = error.kind { return true }
        return false
    }

    /// Whether bytes of `kind` are the encoding `type` reads. A message that
    /// begins with `DIDL` but does not decode is malformed Candid: its own
    /// message says what is wrong.
    static func fits(_ kind: EncodingClassifier.Kind, _ type: QLType, _ bytes: [UInt8]) -> Bool {
        switch type {
        case .candid: return kind == .candid || bytes.starts(with: [0x44, 0x49, 0x44, 0x4C])
        case .record, .cbor: return kind == .cbor
        case .json: return kind == .json || kind == .text
        default: return true
        }
    }

    /// `u64 values are 8 bytes`, `candid values are Candid messages (DIDL…)`.
    static func expectation(of type: QLType, bytes: [UInt8], _ error: QLError) -> String {
        switch type {
        case .string: return "\(type) values are UTF-8 text (\(error.message))"
        case .candid: return "\(type) values are Candid messages (DIDL…)"
        case .record, .cbor: return "\(type) values are CBOR"
        case .json: return "\(type) values are JSON text"
        default: break
        }
        switch try? type.withCodec(StorageBound()) {
        case let .bounded(maxSize, true)?:
            // Of the right width, the bytes hold no value of the type (a bool byte 7).
            let reason = bytes.count == maxSize ? " (\(error.message))" : ""
            return "\(type) values are \(maxSize) byte\(maxSize == 1 ? "" : "s")\(reason)"
        case let .bounded(maxSize, false)?:
            return "\(type) values are at most \(maxSize) bytes (\(error.message))"
        default:
            return "\(type) does not read them (\(error.message))"
        }
    }
}
