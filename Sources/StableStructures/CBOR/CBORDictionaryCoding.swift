#if !hasFeature(Embedded)
/// Dictionaries of any `Codable` key type as CBOR maps.
///
/// Swift's own `Dictionary` conformance writes a keyed container only for
/// `String` and `Int` keys (and `CodingKeyRepresentable` ones) and an array of
/// alternating keys and values otherwise; serde writes every map as a CBOR
/// map. The CBOR coders therefore take dictionaries over themselves:
///
/// - every dictionary encodes as a map whose keys are the keys' own CBOR
///   items (text for `String`, integers for integer types, …);
/// - entries are sorted in the order in which a Rust `BTreeMap` of the
///   corresponding key type iterates: integer keys numerically, text keys by
///   their UTF-8 bytes, any other key by its encoded bytes (RFC 8949
///   §4.2.1), which for byte strings is length first, then bytes — the order
///   of `Principal`. So equal dictionaries always encode to the same bytes
///   (Swift's iteration order changes from process to process), and a
///   `BTreeMap<u64 | i64 | String | Principal, V>` field gets exactly
///   ciborium's bytes (a Rust `HashMap`'s order is arbitrary anyway);
/// - decoding accepts a map (a repeated key keeps its last value, as serde's
///   maps do) or Swift's alternating array.
protocol CBORDictionaryCodable {
    /// The map item of this dictionary.
    func cborItem(_ encoder: CBOREncoding) throws -> CBORValue

    /// Decodes a dictionary from `value`, found at `key` below `decoder`.
    static func decodeCBOR(_ value: CBORValue, decoder: CBORDecoding, at key: (any CodingKey)?) throws -> Self
}

/// The coding key of a dictionary entry, named after the entry's key.
struct CBOREntryKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }

    /// A name for the map key `item` in error paths.
    static func naming(_ item: CBORValue) -> CBOREntryKey {
        if case let .text(text) = item { return CBOREntryKey(text) }
        return CBOREntryKey(CBORDecoding.describe(item))
    }
}

/// The order of encoded dictionary entries (see ``CBORDictionaryCodable``).
enum CBORDictionaryOrder {
    static func integer(_ value: CBORValue) -> Int128? {
        switch value {
        case let .unsigned(n): return Int128(n)
        case let .negative(n): return ~Int128(n)
        default: return nil
        }
    }

    /// Whether the key `lhs` (encoded as `lhsBytes`) comes before `rhs`.
    static func precedes(_ lhs: CBORValue, _ lhsBytes: [UInt8], _ rhs: CBORValue, _ rhsBytes: [UInt8]) -> Bool {
        if let a = integer(lhs), let b = integer(rhs) { return a < b }
        if case let .text(a) = lhs, case let .text(b) = rhs { return a.utf8.lexicographicallyPrecedes(b.utf8) }
        return lhsBytes.withUnsafeBytes { a in rhsBytes.withUnsafeBytes { b in compareBytes(a, b) < 0 } }
    }
}

extension Dictionary: CBORDictionaryCodable where Key: Codable, Value: Codable {
    func cborItem(_ encoder: CBOREncoding) throws -> CBORValue {
        var entries = [(encodedKey: [UInt8], entry: CBORMapEntry)]()
        entries.reserveCapacity(count)
        for (index, (key, value)) in enumerated() {
            let keyItem = try encoder.slot(for: key, at: CBORIndexKey(index)).finalize()
            let valueItem = try encoder.slot(for: value, at: CBOREntryKey.naming(keyItem)).finalize()
            entries.append((keyItem.encodedBytes, CBORMapEntry(keyItem, valueItem)))
        }
        entries.sort { lhs, rhs in
            CBORDictionaryOrder.precedes(lhs.entry.key, lhs.encodedKey, rhs.entry.key, rhs.encodedKey)
        }
        return .map(entries.map(\.entry))
    }

    static func decodeCBOR(_ value: CBORValue, decoder: CBORDecoding, at key: (any CodingKey)?) throws -> Self {
        let owner = key.map { decoder.child(value, at: $0) } ?? decoder
        var pairs = [(CBORValue, CBORValue)]()
        switch CBORDecoding.content(value) {
        case let .map(entries):
            pairs = entries.map { ($0.key, $0.value) }
        case let .array(items) where items.count % 2 == 0:
            pairs.reserveCapacity(items.count / 2)
            var index = 0
            while index < items.count {
                pairs.append((items[index], items[index + 1]))
                index += 2
            }
        default:
            throw CBORCodingPath.mismatch(decoder.typeName, decoder.path(key), expected: "a map", found: value)
        }
        var result = Self(minimumCapacity: pairs.count)
        for (keyItem, valueItem) in pairs {
            let entryKey = CBOREntryKey.naming(keyItem)
            let decodedKey = try owner.decodeValue(Key.self, from: keyItem, at: entryKey)
            result[decodedKey] = try owner.decodeValue(Value.self, from: valueItem, at: entryKey)
        }
        return result
    }
}
#endif
