/// One dynamic StableQL value.
///
/// Integers are exact (``QLInteger``) and carry no type: a literal takes the
/// type of the place it is stored into, checked by ``QLType/convert(_:)``.
/// `bytes<N>` and `blob<N>` values are plain blobs.
public indirect enum Value: Equatable, Sendable {
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
    case some(Value)
    /// A 2- or 3-tuple.
    case tuple([Value])
    /// The unit value `()`.
    case unit

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
        }
    }
}
