#if !hasFeature(Embedded)
/// The `Decoder` behind ``CBORDecoder``, positioned on one item; it is also
/// its own single-value container.
final class CBORDecoding: Decoder {
    let value: CBORValue
    let codingPath: [any CodingKey]
    let options: CBORDecoder
    let typeName: String

    init(value: CBORValue, codingPath: [any CodingKey], options: CBORDecoder, typeName: String) {
        self.value = value
        self.codingPath = codingPath
        self.options = options
        self.typeName = typeName
    }

    var userInfo: [CodingUserInfoKey: Any] {
        var info = [CodingUserInfoKey: Any]()
        for (key, value) in options.userInfo { info[key] = value }
        return info
    }

    /// The path of a child at `key` (this decoder's own path when `nil`).
    func path(_ key: (any CodingKey)?) -> [any CodingKey] {
        guard let key else { return codingPath }
        return codingPath + [key]
    }

    func child(_ value: CBORValue, at key: any CodingKey) -> CBORDecoding {
        CBORDecoding(value: value, codingPath: codingPath + [key], options: options, typeName: typeName)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case let .map(entries) = CBORDecoding.content(value) else {
            throw CBORCodingPath.mismatch(typeName, codingPath, expected: "a map", found: value)
        }
        return KeyedDecodingContainer(CBORKeyedDecodingContainer<Key>(decoder: self, entries: entries))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        switch CBORDecoding.content(value) {
        case let .array(items): return CBORUnkeyedDecodingContainer(decoder: self, storage: .items(items))
        case let .bytes(bytes): return CBORUnkeyedDecodingContainer(decoder: self, storage: .bytes(bytes))
        default: throw CBORCodingPath.mismatch(typeName, codingPath, expected: "an array", found: value)
        }
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    /// An item with its tags removed.
    static func content(_ value: CBORValue) -> CBORValue {
        var value = value
        while case let .tagged(_, inner) = value { value = inner }
        return value
    }

    /// Decodes a `T` from `value`, found at `key` below this decoder.
    func decodeValue<T: Decodable>(_ type: T.Type, from value: CBORValue, at key: (any CodingKey)?) throws -> T {
        if let primitive = try primitive(type, value, at: key) { return primitive }
        if let dictionary = T.self as? any CBORDictionaryCodable.Type {
            guard let result = try dictionary.decodeCBOR(value, decoder: self, at: key) as? T else {
                throw CBORCodingPath.failure(typeName, path(key), "internal error: dictionary type mismatch")
            }
            return result
        }
        if let key { return try T(from: child(value, at: key)) }
        return try T(from: self)
    }

    /// The fast path for the common leaf types, without an intermediate decoder.
    func primitive<T: Decodable>(_ type: T.Type, _ value: CBORValue, at key: (any CodingKey)?) throws(StableError) -> T? {
        if T.self == [UInt8].self { return try bytes(value, at: key) as? T }
        if T.self == CBORBytes.self { return CBORBytes(try bytes(value, at: key)) as? T }
        if T.self == String.self { return try string(value, at: key) as? T }
        if T.self == Int.self { return try integer(Int.self, value, at: key) as? T }
        if T.self == UInt8.self { return try integer(UInt8.self, value, at: key) as? T }
        if T.self == UInt64.self { return try integer(UInt64.self, value, at: key) as? T }
        if T.self == Int64.self { return try integer(Int64.self, value, at: key) as? T }
        if T.self == UInt32.self { return try integer(UInt32.self, value, at: key) as? T }
        if T.self == Bool.self { return try bool(value, at: key) as? T }
        if T.self == Double.self { return try double(value, at: key) as? T }
        return nil
    }

    /// This decoder's item as bytes (see ``CBORBytes``).
    func byteArray() throws(StableError) -> [UInt8] { try bytes(value, at: nil) }

    // MARK: Leaf conversions

    func isNil(_ value: CBORValue) -> Bool {
        switch CBORDecoding.content(value) {
        case .null, .undefined: return true
        default: return false
        }
    }

    func bool(_ value: CBORValue, at key: (any CodingKey)?) throws(StableError) -> Bool {
        guard case let .bool(flag) = CBORDecoding.content(value) else {
            throw CBORCodingPath.mismatch(typeName, path(key), expected: "a boolean", found: value)
        }
        return flag
    }

    func string(_ value: CBORValue, at key: (any CodingKey)?) throws(StableError) -> String {
        guard case let .text(text) = CBORDecoding.content(value) else {
            throw CBORCodingPath.mismatch(typeName, path(key), expected: "a text string", found: value)
        }
        return text
    }

    func bytes(_ value: CBORValue, at key: (any CodingKey)?) throws(StableError) -> [UInt8] {
        switch CBORDecoding.content(value) {
        case let .bytes(bytes): return bytes
        case let .array(items):
            var bytes = [UInt8]()
            bytes.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                guard case let .unsigned(n) = item, n <= 0xFF else {
                    throw CBORCodingPath.failure(typeName, path(key) + [CBORIndexKey(index)],
                                                 "expected an integer 0…255 (a byte), found \(CBORDecoding.describe(item))")
                }
                bytes.append(UInt8(n))
            }
            return bytes
        default:
            throw CBORCodingPath.mismatch(typeName, path(key), expected: "a byte string or an array of bytes", found: value)
        }
    }

    func integer<T: FixedWidthInteger>(_ type: T.Type, _ value: CBORValue, at key: (any CodingKey)?) throws(StableError) -> T {
        let wide: Int128?
        var found = value
        switch value {
        case let .tagged(tag, .bytes(magnitude)) where tag == 2 || tag == 3:
            wide = CBORDecoding.bignum(magnitude, negative: tag == 3)
        default:
            found = CBORDecoding.content(value)
            switch found {
            case let .unsigned(n): wide = Int128(n)
            case let .negative(n): wide = ~Int128(n)
            default:
                // Covers also integers wider than 127 bits, which no Swift type holds.
                throw CBORCodingPath.mismatch(typeName, path(key), expected: T.isSigned ? "an integer" : "an unsigned integer",
                                              found: found)
            }
        }
        if let wide, let result = T(exactly: wide) { return result }
        if !T.isSigned, found.isNegativeInteger {
            throw CBORCodingPath.mismatch(typeName, path(key), expected: "an unsigned integer", found: found)
        }
        throw CBORCodingPath.failure(typeName, path(key), "\(CBORDecoding.describe(value)) does not fit in \(T.self)")
    }

    /// `UInt128` decoding (beyond `Int128`'s positive range).
    func unsigned128(_ value: CBORValue, at key: (any CodingKey)?) throws(StableError) -> UInt128 {
        if case let .tagged(2, .bytes(magnitude)) = value {
            let trimmed = magnitude.drop { $0 == 0 }
            if trimmed.count <= 16 {
                var result: UInt128 = 0
                for byte in trimmed { result = result << 8 | UInt128(byte) }
                return result
            }
        }
        let signed = try integer(Int128.self, value, at: key)
        guard let result = UInt128(exactly: signed) else {
            throw CBORCodingPath.mismatch(typeName, path(key), expected: "an unsigned integer", found: value)
        }
        return result
    }

    func double(_ value: CBORValue, at key: (any CodingKey)?) throws(StableError) -> Double {
        let content = CBORDecoding.content(value)
        if let result = content.doubleValue { return result }
        switch content {
        case let .unsigned(n): if let result = Double(exactly: n) { return result }
        case let .negative(n): if n < UInt64.max, let result = Double(exactly: -1 - Int128(n)) { return result }
        default: break
        }
        throw CBORCodingPath.mismatch(typeName, path(key), expected: "a float", found: value)
    }

    func float(_ value: CBORValue, at key: (any CodingKey)?) throws(StableError) -> Float {
        let wide = try double(value, at: key)
        let result = Float(wide)
        if wide.isFinite && !result.isFinite {
            throw CBORCodingPath.failure(typeName, path(key), "\(wide) does not fit in Float")
        }
        return result
    }

    /// The value of a bignum magnitude, `nil` when it exceeds `Int128`.
    static func bignum(_ magnitude: [UInt8], negative: Bool) -> Int128? {
        let trimmed = magnitude.drop { $0 == 0 }
        guard trimmed.count <= 16 else { return nil }
        var result: UInt128 = 0
        for byte in trimmed { result = result << 8 | UInt128(byte) }
        guard result <= UInt128(Int128.max) else { return nil }
        return negative ? ~Int128(result) : Int128(result)
    }

    /// An item for error messages: its value when it is a small scalar.
    static func describe(_ value: CBORValue) -> String {
        switch value {
        case let .unsigned(n): return "\(n)"
        case let .negative(n): return "-\(UInt128(n) + 1)"
        case .tagged(2, .bytes), .tagged(3, .bytes): return "a bignum"
        default: return value.kindDescription
        }
    }
}

extension CBORValue {
    /// Whether this is a negative integer or a negative bignum.
    var isNegativeInteger: Bool {
        switch self {
        case .negative, .tagged(3, .bytes): return true
        default: return false
        }
    }
}

extension CBORDecoding: SingleValueDecodingContainer {
    func decodeNil() -> Bool { isNil(value) }
    func decode(_ type: Bool.Type) throws -> Bool { try bool(value, at: nil) }
    func decode(_ type: String.Type) throws -> String { try string(value, at: nil) }
    func decode(_ type: Double.Type) throws -> Double { try double(value, at: nil) }
    func decode(_ type: Float.Type) throws -> Float { try float(value, at: nil) }
    func decode(_ type: Int.Type) throws -> Int { try integer(Int.self, value, at: nil) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(Int8.self, value, at: nil) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(Int16.self, value, at: nil) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(Int32.self, value, at: nil) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(Int64.self, value, at: nil) }
    func decode(_ type: Int128.Type) throws -> Int128 { try integer(Int128.self, value, at: nil) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(UInt.self, value, at: nil) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(UInt8.self, value, at: nil) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(UInt16.self, value, at: nil) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(UInt32.self, value, at: nil) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(UInt64.self, value, at: nil) }
    func decode(_ type: UInt128.Type) throws -> UInt128 { try unsigned128(value, at: nil) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try decodeValue(type, from: value, at: nil)
    }
}
#endif
