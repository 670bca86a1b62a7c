import StableStructures

extension Value {
    /// A `cbor` scalar as the plain value it stands for (integers, text,
    /// bytes, bools, floats; `null` as `none`), so that a field of a `cbor`
    /// document orders against a literal (`value.age > 30`); nil for arrays,
    /// maps, tags and the other simple values.
    static func plainScalar(_ item: CBORValue) -> Value? {
        switch item {
        case .unsigned, .negative: return RecordCBOR.integer(item).map(Value.integer)
        case let .text(text): return .string(text)
        case let .bytes(bytes): return .blob(bytes)
        case let .bool(flag): return .bool(flag)
        case .null: return Value.none
        case .float16, .float32, .float64: return item.doubleValue.map(Value.float)
        default: return nil
        }
    }
}
