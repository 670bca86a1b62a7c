#if !hasFeature(Embedded)
/// Writes a struct's (or dictionary's) fields as the entries of a CBOR map,
/// in the order they are encoded.
struct CBORKeyedEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: CBOREncoding
    let box: CBOREncodingBox

    var codingPath: [any CodingKey] { encoder.codingPath }

    private func put(_ value: CBORValue, _ key: Key) {
        box.keys.append(encoder.keyItem(key))
        box.items.append(.value(value))
    }

    private func putNil(_ key: Key) {
        if encoder.options.nilFieldEncoding == .null { put(.null, key) }
    }

    mutating func encodeNil(forKey key: Key) throws { put(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { put(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { put(.text(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { put(.float(value), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { put(.float(value), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { put(.integer(Int64(value)), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { put(.integer(Int64(value)), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { put(.integer(Int64(value)), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { put(.integer(Int64(value)), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { put(.integer(value), key) }
    mutating func encode(_ value: Int128, forKey key: Key) throws { put(CBOREncoding.item(value), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { put(.unsigned(UInt64(value)), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { put(.unsigned(UInt64(value)), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { put(.unsigned(UInt64(value)), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { put(.unsigned(UInt64(value)), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { put(.unsigned(value), key) }
    mutating func encode(_ value: UInt128, forKey key: Key) throws { put(CBOREncoding.item(value), key) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        let slot = try encoder.slot(for: value, at: key)
        box.keys.append(encoder.keyItem(key))
        box.items.append(slot)
    }

    // Synthesized conformances write optional properties with
    // `encodeIfPresent`; these overrides apply `nilFieldEncoding` to `nil`.
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { putNil(key) }
    }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { putNil(key) }
    }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { putNil(key) }
    }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { putNil(key) }
    }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { putNil(key) }
    }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { putNil(key) }
    }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { putNil(key) }
    }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { putNil(key) }
    }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { putNil(key) }
    }
    mutating func encodeIfPresent(_ value: Int128?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { putNil(key) }
    }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { putNil(key) }
    }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { putNil(key) }
    }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { putNil(key) }
    }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { putNil(key) }
    }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { putNil(key) }
    }
    mutating func encodeIfPresent(_ value: UInt128?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { putNil(key) }
    }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { putNil(key) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = CBOREncodingBox(isMap: true)
        box.keys.append(encoder.keyItem(key))
        box.items.append(.box(nested))
        return KeyedEncodingContainer(CBORKeyedEncodingContainer<NestedKey>(encoder: encoder.subEncoder(at: key), box: nested))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = CBOREncodingBox(isMap: false)
        box.keys.append(encoder.keyItem(key))
        box.items.append(.box(nested))
        return CBORUnkeyedEncodingContainer(encoder: encoder.subEncoder(at: key), box: nested)
    }

    mutating func superEncoder() -> any Encoder {
        let sub = encoder.subEncoder(at: CBORSuperKey())
        box.keys.append(.text("super"))
        box.items.append(.encoder(sub))
        return sub
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let sub = encoder.subEncoder(at: key)
        box.keys.append(encoder.keyItem(key))
        box.items.append(.encoder(sub))
        return sub
    }
}
#endif
