#if !hasFeature(Embedded)
/// A map or array under construction; containers handed out by the encoder
/// append to it, possibly after nested containers were created.
final class CBOREncodingBox {
    let isMap: Bool
    var keys: [CBORValue] = []
    var items: [CBOREncodingSlot] = []

    init(isMap: Bool) { self.isMap = isMap }

    func finalize() -> CBORValue {
        if isMap {
            var entries = [CBORMapEntry]()
            entries.reserveCapacity(items.count)
            for (key, item) in zip(keys, items) { entries.append(CBORMapEntry(key, item.finalize())) }
            return .map(entries)
        }
        var values = [CBORValue]()
        values.reserveCapacity(items.count)
        for item in items { values.append(item.finalize()) }
        return .array(values)
    }
}

/// What an encoder produced: a finished item, a container, or a sub-encoder
/// (from `superEncoder`) that is filled in later.
enum CBOREncodingSlot {
    case value(CBORValue)
    case box(CBOREncodingBox)
    case encoder(CBOREncoding)

    func finalize() -> CBORValue {
        switch self {
        case let .value(value): return value
        case let .box(box): return box.finalize()
        case let .encoder(encoder): return encoder.result?.finalize() ?? .null
        }
    }
}

/// The `Encoder` behind ``CBOREncoder``; it is also its own single-value container.
final class CBOREncoding: Encoder {
    let codingPath: [any CodingKey]
    let options: CBOREncoder
    var result: CBOREncodingSlot?

    init(codingPath: [any CodingKey], options: CBOREncoder) {
        self.codingPath = codingPath
        self.options = options
    }

    var userInfo: [CodingUserInfoKey: Any] {
        var info = [CodingUserInfoKey: Any]()
        for (key, value) in options.userInfo { info[key] = value }
        return info
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case let .box(box) = result, box.isMap {
            return KeyedEncodingContainer(CBORKeyedEncodingContainer(encoder: self, box: box))
        }
        let box = CBOREncodingBox(isMap: true)
        result = .box(box)
        return KeyedEncodingContainer(CBORKeyedEncodingContainer(encoder: self, box: box))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case let .box(box) = result, !box.isMap {
            return CBORUnkeyedEncodingContainer(encoder: self, box: box)
        }
        let box = CBOREncodingBox(isMap: false)
        result = .box(box)
        return CBORUnkeyedEncodingContainer(encoder: self, box: box)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    /// Encodes `value` into this encoder's own slot.
    func encodeSingle<T: Encodable>(_ value: T) throws {
        if let primitive = CBOREncoding.primitive(value) {
            result = .value(primitive)
        } else if let dictionary = value as? any CBORDictionaryCodable {
            result = .value(try dictionary.cborItem(self))
        } else {
            try value.encode(to: self)
        }
    }

    /// The slot for `value` stored under `key` (a field name or an index).
    func slot<T: Encodable>(for value: T, at key: any CodingKey) throws -> CBOREncodingSlot {
        if let primitive = CBOREncoding.primitive(value) { return .value(primitive) }
        let child = CBOREncoding(codingPath: codingPath + [key], options: options)
        if let dictionary = value as? any CBORDictionaryCodable { return .value(try dictionary.cborItem(child)) }
        try value.encode(to: child)
        return child.result ?? .value(.null)
    }

    /// A sub-encoder whose result is stored under `key` once it is filled in.
    func subEncoder(at key: any CodingKey) -> CBOREncoding {
        CBOREncoding(codingPath: codingPath + [key], options: options)
    }

    /// The item of a value whose type has a fixed CBOR form, without going
    /// through its `encode(to:)`: the common leaves, `[UInt8]` and ``CBORBytes``.
    static func primitive<T: Encodable>(_ value: T) -> CBORValue? {
        // Metatype comparisons are cheap; the casts after them always succeed.
        if T.self == [UInt8].self, let bytes = value as? [UInt8] {
            var items = [CBORValue]()
            items.reserveCapacity(bytes.count)
            for byte in bytes { items.append(.unsigned(UInt64(byte))) }
            return .array(items)
        }
        if T.self == CBORBytes.self, let bytes = value as? CBORBytes { return .bytes(bytes.bytes) }
        if T.self == String.self, let text = value as? String { return .text(text) }
        if T.self == Int.self, let number = value as? Int { return .integer(Int64(number)) }
        if T.self == UInt64.self, let number = value as? UInt64 { return .unsigned(number) }
        if T.self == UInt8.self, let number = value as? UInt8 { return .unsigned(UInt64(number)) }
        if T.self == Int64.self, let number = value as? Int64 { return .integer(number) }
        if T.self == UInt32.self, let number = value as? UInt32 { return .unsigned(UInt64(number)) }
        if T.self == Bool.self, let flag = value as? Bool { return .bool(flag) }
        if T.self == Double.self, let number = value as? Double { return .float(number) }
        return nil
    }

    /// The item of a 128-bit unsigned integer: major type 0 when it fits in
    /// 64 bits, else a tag 2 bignum (big-endian, no leading zeros), as `ciborium`.
    static func item(_ value: UInt128) -> CBORValue {
        if let small = UInt64(exactly: value) { return .unsigned(small) }
        return .tagged(2, .bytes(bignumBytes(value)))
    }

    /// The item of a 128-bit signed integer: major type 0/1 when it fits, else a
    /// tag 2/3 bignum, as `ciborium`.
    static func item(_ value: Int128) -> CBORValue {
        if value >= 0 { return item(UInt128(value)) }
        let magnitude = UInt128(bitPattern: ~value)  // −1 − value
        if let small = UInt64(exactly: magnitude) { return .negative(small) }
        return .tagged(3, .bytes(bignumBytes(magnitude)))
    }

    static func bignumBytes(_ value: UInt128) -> [UInt8] {
        let count = (128 - value.leadingZeroBitCount + 7) / 8
        return (0..<count).reversed().map { UInt8(truncatingIfNeeded: value >> UInt128($0 * 8)) }
    }

    /// The item of a map key: integer-like keys (whose text is their integer
    /// in decimal) become integers, every other key its text spelled by the
    /// key strategy.
    func keyItem(_ key: any CodingKey) -> CBORValue {
        if let number = key.intValue, key.stringValue == String(number) { return .integer(Int64(number)) }
        return .text(options.keyStrategy.mapKey(key.stringValue))
    }
}

extension CBOREncoding: SingleValueEncodingContainer {
    func encodeNil() throws { result = .value(.null) }
    func encode(_ value: Bool) throws { result = .value(.bool(value)) }
    func encode(_ value: String) throws { result = .value(.text(value)) }
    func encode(_ value: Double) throws { result = .value(.float(value)) }
    func encode(_ value: Float) throws { result = .value(.float(value)) }
    func encode(_ value: Int) throws { result = .value(.integer(Int64(value))) }
    func encode(_ value: Int8) throws { result = .value(.integer(Int64(value))) }
    func encode(_ value: Int16) throws { result = .value(.integer(Int64(value))) }
    func encode(_ value: Int32) throws { result = .value(.integer(Int64(value))) }
    func encode(_ value: Int64) throws { result = .value(.integer(value)) }
    func encode(_ value: Int128) throws { result = .value(CBOREncoding.item(value)) }
    func encode(_ value: UInt) throws { result = .value(.unsigned(UInt64(value))) }
    func encode(_ value: UInt8) throws { result = .value(.unsigned(UInt64(value))) }
    func encode(_ value: UInt16) throws { result = .value(.unsigned(UInt64(value))) }
    func encode(_ value: UInt32) throws { result = .value(.unsigned(UInt64(value))) }
    func encode(_ value: UInt64) throws { result = .value(.unsigned(value)) }
    func encode(_ value: UInt128) throws { result = .value(CBOREncoding.item(value)) }
    func encode<T: Encodable>(_ value: T) throws { try encodeSingle(value) }
}
#endif
