#if !hasFeature(Embedded)
/// Reads a sequence's elements from a CBOR array, or bytes from a byte string
/// (so that any sequence of `UInt8` decodes from either form).
struct CBORUnkeyedDecodingContainer: UnkeyedDecodingContainer {
    enum Storage {
        case items([CBORValue])
        case bytes([UInt8])
    }

    let decoder: CBORDecoding
    let storage: Storage
    private(set) var currentIndex = 0

    init(decoder: CBORDecoding, storage: Storage) {
        self.decoder = decoder
        self.storage = storage
    }

    var codingPath: [any CodingKey] { decoder.codingPath }

    var count: Int? {
        switch storage {
        case let .items(items): return items.count
        case let .bytes(bytes): return bytes.count
        }
    }

    var isAtEnd: Bool { currentIndex >= (count ?? 0) }

    /// The current element and its key; the index advances only when the
    /// caller's decoding succeeds (`advance`).
    private func current() throws(StableError) -> (CBORValue, CBORIndexKey) {
        let key = CBORIndexKey(currentIndex)
        guard !isAtEnd else {
            throw CBORCodingPath.failure(decoder.typeName, decoder.path(key), "the array has only \(count ?? 0) elements")
        }
        switch storage {
        case let .items(items): return (items[currentIndex], key)
        case let .bytes(bytes): return (.unsigned(UInt64(bytes[currentIndex])), key)
        }
    }

    private mutating func next<T>(_ body: (CBORDecoding, CBORValue, CBORIndexKey) throws -> T) throws -> T {
        let (value, key) = try current()
        let result = try body(decoder, value, key)
        currentIndex += 1
        return result
    }

    mutating func decodeNil() throws -> Bool {
        let (value, _) = try current()
        guard decoder.isNil(value) else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try next { d, v, k in try d.bool(v, at: k) } }
    mutating func decode(_ type: String.Type) throws -> String { try next { d, v, k in try d.string(v, at: k) } }
    mutating func decode(_ type: Double.Type) throws -> Double { try next { d, v, k in try d.double(v, at: k) } }
    mutating func decode(_ type: Float.Type) throws -> Float { try next { d, v, k in try d.float(v, at: k) } }
    mutating func decode(_ type: Int.Type) throws -> Int { try next { d, v, k in try d.integer(type, v, at: k) } }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try next { d, v, k in try d.integer(type, v, at: k) } }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try next { d, v, k in try d.integer(type, v, at: k) } }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try next { d, v, k in try d.integer(type, v, at: k) } }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try next { d, v, k in try d.integer(type, v, at: k) } }
    mutating func decode(_ type: Int128.Type) throws -> Int128 { try next { d, v, k in try d.integer(type, v, at: k) } }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try next { d, v, k in try d.integer(type, v, at: k) } }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next { d, v, k in try d.integer(type, v, at: k) } }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next { d, v, k in try d.integer(type, v, at: k) } }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next { d, v, k in try d.integer(type, v, at: k) } }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next { d, v, k in try d.integer(type, v, at: k) } }
    mutating func decode(_ type: UInt128.Type) throws -> UInt128 { try next { d, v, k in try d.unsigned128(v, at: k) } }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try next { d, v, k in try d.decodeValue(type, from: v, at: k) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next { d, v, k in try d.child(v, at: k).container(keyedBy: type) }
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next { d, v, k in try d.child(v, at: k).unkeyedContainer() }
    }

    mutating func superDecoder() throws -> any Decoder {
        try next { d, v, k in d.child(v, at: k) }
    }
}
#endif
