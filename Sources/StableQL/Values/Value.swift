import Candid
import StableStructures

/// One dynamic StableQL value.
///
/// Integers are exact (``QLInteger``) and carry no type: a literal takes the
/// type of the place it is stored into, checked by ``QLType/convert(_:)``.
/// `bytes<N>` and `blob<N>` values are plain blobs.
public enum Value: Equatable, Sendable {
    /// An integer of any StableQL integer type.
    case integer(QLInteger)
    /// An `f64` (or a float literal).
    case float(Double)
    /// An `f32`, kept single precision so it prints as written.
    case float32(Float)
    /// A `bool`.
    case bool(Bool)
    /// A `string`.
    case string(String)
    /// A `blob`, `blob<N>` or `bytes<N>`.
    case blob([UInt8])
    /// A principal's raw bytes (at most 29).
    case principal([UInt8])
    /// The empty option.
    case none
    /// A present option.
    indirect case some(Value)
    /// A 2- or 3-tuple.
    case tuple([Value])
    /// The unit value `()`.
    case unit
    /// A record: fields in order (declaration order once converted to a
    /// record type; as written in a literal before).
    case record([RecordEntry])
    /// A `cbor` value: any CBOR data item.
    case cbor(CBORValue)
    /// A Candid value (`candid` and `candid NAME` types, list and variant literals).
    case candid(CandidValue)
    /// A `json` value: a parsed JSON document.
    case json(JSONDocument)

    /// Shorthand for an integer value.
    public static func int<T: BinaryInteger>(_ value: T) -> Value { .integer(QLInteger(value)) }

    /// The kind of value, for messages ("expected u64, found string").
    public var kindName: String {
        switch self {
        case .integer: return "integer"
        case .float: return "float"
        case .float32: return "f32"
        case .bool: return "bool"
        case .string: return "string"
        case .blob: return "blob"
        case .principal: return "principal"
        case .none, .some: return "option"
        case .tuple(let elements): return "\(elements.count)-tuple"
        case .unit: return "unit"
        case .record: return "record"
        case .cbor: return "cbor"
        case .candid: return "candid"
        case .json: return "json"
        }
    }
}

/// One field of a record value.
public struct RecordEntry: Equatable, Sendable {
    /// The field's name.
    public var name: String
    /// Its value.
    public var value: Value

    /// Creates an entry.
    public init(_ name: String, _ value: Value) {
        self.name = name
        self.value = value
    }
}
