#if !hasFeature(Embedded)
/// Writes a sequence's elements as the items of a CBOR array.
struct CBORUnkeyedEncodingContainer: UnkeyedEncodingContainer {
    let encoder: CBOREncoding
    let box: CBOREncodingBox

    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { box.items.count }

    private func append(_ value: CBORValue) { box.items.append(.value(value)) }

    mutating func encodeNil() throws { append(.null) }
    mutating func encode(_ value: Bool) throws { append(.bool(value)) }
    mutating func encode(_ value: String) throws { append(.text(value)) }
    mutating func encode(_ value: Double) throws { append(.float(value)) }
    mutating func encode(_ value: Float) throws { append(.float(value)) }
    mutating func encode(_ value: Int) throws { append(.integer(Int64(value))) }
    mutating func encode(_ value: Int8) throws { append(.integer(Int64(value))) }
    mutating func encode(_ value: Int16) throws { append(.integer(Int64(value))) }
    mutating func encode(_ value: Int32) throws { append(.integer(Int64(value))) }
    mutating func encode(_ value: Int64) throws { append(.integer(value)) }
    mutating func encode(_ value: Int128) throws { append(CBOREncoding.item(value)) }
    mutating func encode(_ value: UInt) throws { append(.unsigned(UInt64(value))) }
    mutating func encode(_ value: UInt8) throws { append(.unsigned(UInt64(value))) }
    mutating func encode(_ value: UInt16) throws { append(.unsigned(UInt64(value))) }
    mutating func encode(_ value: UInt32) throws { append(.unsigned(UInt64(value))) }
    mutating func encode(_ value: UInt64) throws { append(.unsigned(value)) }
    mutating func encode(_ value: UInt128) throws { append(CBOREncoding.item(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let slot = try encoder.slot(for: value, at: CBORIndexKey(count))
        box.items.append(slot)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = CBOREncodingBox(isMap: true)
        let sub = encoder.subEncoder(at: CBORIndexKey(count))
        box.items.append(.box(nested))
        return KeyedEncodingContainer(CBORKeyedEncodingContainer<NestedKey>(encoder: sub, box: nested))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = CBOREncodingBox(isMap: false)
        let sub = encoder.subEncoder(at: CBORIndexKey(count))
        box.items.append(.box(nested))
        return CBORUnkeyedEncodingContainer(encoder: sub, box: nested)
    }

    mutating func superEncoder() -> any Encoder {
        let sub = encoder.subEncoder(at: CBORIndexKey(count))
        box.items.append(.encoder(sub))
        return sub
    }
}
#endif
