#if !hasFeature(Embedded)
/// An index of a large map's keys (first occurrence of each), so that
/// decoding a big dictionary stays linear.
final class CBORMapIndex {
    var text = [String: Int]()
    var integers = [Int64: Int]()

    init(_ entries: [CBORMapEntry]) {
        for (position, entry) in entries.enumerated() {
            switch entry.key {
            case let .text(key): if text[key] == nil { text[key] = position }
            case .unsigned, .negative:
                if let key = entry.key.int64Value, integers[key] == nil { integers[key] = position }
            default: break
            }
        }
    }
}

/// Reads a struct's fields (or a dictionary's entries) from a CBOR map.
///
/// Keys match text keys by their text; an integer-like key (as `Dictionary`
/// uses for integer keys) also matches an integer key. The first entry with a
/// matching key wins; entries no key asks for are ignored (unknown fields).
struct CBORKeyedDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: CBORDecoding
    let entries: [CBORMapEntry]
    let index: CBORMapIndex?

    /// Maps with more entries than this get an index.
    static var indexThreshold: Int { 16 }

    init(decoder: CBORDecoding, entries: [CBORMapEntry]) {
        self.decoder = decoder
        self.entries = entries
        index = entries.count > Self.indexThreshold ? CBORMapIndex(entries) : nil
    }

    var codingPath: [any CodingKey] { decoder.codingPath }

    var allKeys: [Key] {
        entries.compactMap { entry -> Key? in
            switch entry.key {
            case let .text(text): return Key(stringValue: decoder.options.keyStrategy.codingKeyName(text))
            case .unsigned, .negative:
                guard let number = entry.key.int64Value, let small = Int(exactly: number) else { return nil }
                return Key(intValue: small)
            default: return nil
            }
        }
    }

    func lookup(_ key: Key) -> CBORValue? {
        var name = key.stringValue
        var number: Int64?
        if let intValue = key.intValue, name == String(intValue) {
            number = Int64(intValue)
        } else {
            name = decoder.options.keyStrategy.mapKey(name)
        }
        if let index {
            if let position = index.text[name] { return entries[position].value }
            if let number, let position = index.integers[number] { return entries[position].value }
            return nil
        }
        for entry in entries {
            switch entry.key {
            case let .text(text) where text == name: return entry.value
            case .unsigned, .negative:
                if let number, entry.key.int64Value == number { return entry.value }
            default: break
            }
        }
        return nil
    }

    func require(_ key: Key) throws(StableError) -> CBORValue {
        guard let value = lookup(key) else {
            throw CBORCodingPath.failure(decoder.typeName, decoder.path(key), "missing")
        }
        return value
    }

    func contains(_ key: Key) -> Bool { lookup(key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool { decoder.isNil(try require(key)) }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decoder.bool(require(key), at: key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decoder.string(require(key), at: key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decoder.double(require(key), at: key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decoder.float(require(key), at: key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decoder.integer(type, require(key), at: key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decoder.integer(type, require(key), at: key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decoder.integer(type, require(key), at: key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decoder.integer(type, require(key), at: key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decoder.integer(type, require(key), at: key) }
    func decode(_ type: Int128.Type, forKey key: Key) throws -> Int128 { try decoder.integer(type, require(key), at: key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decoder.integer(type, require(key), at: key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decoder.integer(type, require(key), at: key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decoder.integer(type, require(key), at: key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decoder.integer(type, require(key), at: key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decoder.integer(type, require(key), at: key) }
    func decode(_ type: UInt128.Type, forKey key: Key) throws -> UInt128 { try decoder.unsigned128(require(key), at: key) }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decoder.decodeValue(type, from: try require(key), at: key)
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try decoder.child(try require(key), at: key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try decoder.child(try require(key), at: key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        let key = CBORSuperKey()
        var value = CBORValue.null
        for entry in entries where entry.key == .text(key.stringValue) {
            value = entry.value
            break
        }
        return decoder.child(value, at: key)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        decoder.child(lookup(key) ?? .null, at: key)
    }
}
#endif
