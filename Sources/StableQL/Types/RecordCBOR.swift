import StableStructures

/// How StableQL values of record and `cbor` types become CBOR items and back.
///
/// A record encodes as Rust's `ciborium` writes a serde-derived struct with
/// the same fields: a map with text keys in declaration order. Integers take
/// their shortest form (u128 beyond 64 bits as a tag 2 bignum), floats their
/// shortest exact width, `bool` a CBOR boolean, `string` a text string,
/// `blob`/`blob<N>`/`bytes<N>` a byte string (the `serde_bytes` form: a
/// Rust field of type `serde_bytes::ByteBuf` or marked
/// `#[serde(with = "serde_bytes")]`), a principal a byte string of its raw
/// bytes (as `candid::Principal` does), `unit` and `none` `null`, `some(x)`
/// as x, tuples arrays and nested records maps.
///
/// Decoding is lenient where serde is: byte fields also accept an array of
/// small integers (a plain `Vec<u8>`), floats accept integers that convert
/// exactly, fields missing from the map take their default (`none` for an
/// `option<…>` field) and unknown keys are ignored.
enum RecordCBOR {
    /// The deepest nesting of records, options and tuples decoded from CBOR.
    static let maximumDepth = 128

    // MARK: Encoding

    /// The CBOR item of `value`, which is already converted to `type`.
    static func encode(_ value: Value, as type: QLType) throws(QLError) -> CBORValue {
        switch (type, value) {
        case let (_, .integer(integer)) where type.isInteger:
            return item(integer)
        case let (.f64, .float(number)): return .float(number)
        case let (.f32, .float32(number)): return .float(number)
        case let (.bool, .bool(flag)): return .bool(flag)
        case let (.string, .string(text)): return .text(text)
        case let (.blob, .blob(bytes)), let (.boundedBlob, .blob(bytes)), let (.fixedBytes, .blob(bytes)),
             let (.principal, .principal(bytes)):
            return .bytes(bytes)
        case (.unit, .unit): return .null
        case (.option, .none): return .null
        case let (.option(inner), .some(wrapped)): return try encode(wrapped, as: inner)
        case let (.tuple(types), .tuple(elements)) where types.count == elements.count:
            var items: [CBORValue] = []
            for (elementType, element) in zip(types, elements) { items.append(try encode(element, as: elementType)) }
            return .array(items)
        case let (.record(record), .record(entries)) where entries.count == record.fields.count:
            var items: [CBORMapEntry] = []
            for (field, entry) in zip(record.fields, entries) {
                items.append(CBORMapEntry(.text(field.name), try encode(entry.value, as: field.type)))
            }
            return .map(items)
        case (.cbor, _): return try document(value)
        default:
            throw QLCodecs.mismatch(value, type)
        }
    }

    /// An integer in its shortest CBOR form, beyond 64 bits a tag 2 or 3 bignum.
    static func item(_ integer: QLInteger) -> CBORValue {
        if integer.isNegative {
            let offset = integer.magnitude - 1  // −1 − n
            if let small = UInt64(exactly: offset) { return .negative(small) }
            return .tagged(3, .bytes(bignum(offset)))
        }
        if let small = UInt64(exactly: integer.magnitude) { return .unsigned(small) }
        return .tagged(2, .bytes(bignum(integer.magnitude)))
    }

    static func bignum(_ value: UInt128) -> [UInt8] {
        var bytes: [UInt8] = []
        var rest = value
        while rest > 0 {
            bytes.append(UInt8(truncatingIfNeeded: rest))
            rest >>= 8
        }
        return bytes.reversed()
    }

    /// Any StableQL value as a CBOR item, for the `cbor` type: records become
    /// maps, tuples arrays, `none` null, `some(x)` x, blobs and principals
    /// byte strings.
    static func document(_ value: Value) throws(QLError) -> CBORValue {
        switch value {
        case let .integer(integer): return item(integer)
        case let .float(number): return .float(number)
        case let .float32(number): return .float(number)
        case let .bool(flag): return .bool(flag)
        case let .string(text): return .text(text)
        case let .blob(bytes), let .principal(bytes): return .bytes(bytes)
        case .none, .unit: return .null
        case let .some(inner): return try document(inner)
        case let .tuple(elements):
            var items: [CBORValue] = []
            for element in elements { items.append(try document(element)) }
            return .array(items)
        case let .record(entries):
            var items: [CBORMapEntry] = []
            for entry in entries { items.append(CBORMapEntry(.text(entry.name), try document(entry.value))) }
            return .map(items)
        case let .cbor(item): return item
        case .candid, .json:
            throw QLError(.type, "a \(value.kindName) value cannot be stored as CBOR (declare the field or column as \(value.kindName))")
        }
    }

    // MARK: Decoding

    /// The value of `item` read as `type`, or an error naming the field
    /// path ("field 'created_at': expected u64, found a text string").
    static func decode(_ item: CBORValue, as type: QLType) throws(QLError) -> Value {
        try decode(item, as: type, depth: 0)
    }

    private static func decode(_ item: CBORValue, as type: QLType, depth: Int) throws(QLError) -> Value {
        guard depth < maximumDepth else { throw QLError("the item nests more than \(maximumDepth) levels deep") }
        switch (type, item) {
        case (.cbor, _): return .cbor(item)
        case (.option, .null), (.option, .undefined): return .none
        case let (.option(inner), _): return .some(try decode(item, as: inner, depth: depth + 1))
        case (_, .tagged(2, .bytes)), (_, .tagged(3, .bytes)), (_, .unsigned), (_, .negative):
            guard type.isInteger || type == .f32 || type == .f64, let integer = integer(item) else {
                throw mismatch(item, type)
            }
            return try converted(.integer(integer), type, item)
        case (.f64, _), (.f32, _):
            guard let number = item.doubleValue else { throw mismatch(item, type) }
            return try converted(.float(number), type, item)
        case let (.bool, .bool(flag)): return .bool(flag)
        case let (.string, .text(text)): return .string(text)
        case (.blob, _), (.boundedBlob, _), (.fixedBytes, _):
            return try converted(.blob(try bytes(item, type)), type, item)
        case (.principal, _):
            return try converted(.principal(try bytes(item, type)), type, item)
        case (.unit, .null), (.unit, .array([])): return .unit
        case let (.tuple(types), .array(items)):
            guard types.count == items.count else {
                throw QLError("expected \(type), found an array of \(items.count)")
            }
            var elements: [Value] = []
            for (index, (elementType, element)) in zip(types, items).enumerated() {
                do throws(QLError) {
                    elements.append(try decode(element, as: elementType, depth: depth + 1))
                } catch {
                    throw error.prefixed("element \(index)")
                }
            }
            return .tuple(elements)
        case let (.record(record), .map):
            var entries: [RecordEntry] = []
            for field in record.fields {
                guard let stored = item[field.name] else {
                    if let defaultValue = field.defaultValue {
                        entries.append(RecordEntry(field.name, defaultValue))
                    } else if case .option = field.type {
                        entries.append(RecordEntry(field.name, .none))
                    } else {
                        throw QLError("field '\(field.name)' is missing and has no default")
                    }
                    continue
                }
                do throws(QLError) {
                    entries.append(RecordEntry(field.name, try decode(stored, as: field.type, depth: depth + 1)))
                } catch {
                    throw error.prefixed("field '\(field.name)'")
                }
            }
            return .record(entries)
        default:
            throw mismatch(item, type)
        }
    }

    private static func mismatch(_ item: CBORValue, _ type: QLType) -> QLError {
        QLError("expected \(type), found \(item.kindDescription)")
    }

    /// Range checks through the ordinary conversion, naming the stored item.
    private static func converted(_ value: Value, _ type: QLType, _ item: CBORValue) throws(QLError) -> Value {
        do throws(QLError) {
            return try type.convert(value)
        } catch {
            throw QLError("\(error.message) (stored as \(item.kindDescription))")
        }
    }

    /// An integer item (bignums up to 128 bits included) as a ``QLInteger``.
    static func integer(_ item: CBORValue) -> QLInteger? {
        switch item {
        case let .unsigned(n): return QLInteger(n)
        case let .negative(n): return QLInteger(negative: true, magnitude: UInt128(n) + 1)
        case let .tagged(tag, .bytes(bytes)) where tag == 2 || tag == 3:
            var leading = bytes[...]
            while leading.first == 0 { leading = leading.dropFirst() }
            guard leading.count <= 16 else { return nil }
            var magnitude: UInt128 = 0
            for byte in leading { magnitude = magnitude << 8 | UInt128(byte) }
            if tag == 2 { return QLInteger(magnitude) }
            guard magnitude < UInt128.max else { return nil }
            return QLInteger(negative: true, magnitude: magnitude + 1)
        default: return nil
        }
    }

    /// A byte string, or an array of integers 0…255 (serde's plain `Vec<u8>`).
    private static func bytes(_ item: CBORValue, _ type: QLType) throws(QLError) -> [UInt8] {
        switch item {
        case let .bytes(bytes): return bytes
        case let .array(items):
            var bytes: [UInt8] = []
            bytes.reserveCapacity(items.count)
            for element in items {
                guard case let .unsigned(n) = element, let byte = UInt8(exactly: n) else {
                    throw QLError("expected \(type), found an array holding \(element.kindDescription) that is not a byte")
                }
                bytes.append(byte)
            }
            return bytes
        default:
            throw mismatch(item, type)
        }
    }
}

extension RecordCBOR {
    /// The codec of a record or `cbor` type: every such type is stored as
    /// the library's ``CBORValue`` (one library type, whatever the fields).
    static func codec(_ type: QLType) -> ValueCodec<CBORValue> {
        ValueCodec(type: type, encode: { (value) throws(QLError) in
            try encode(value, as: type)
        }, decode: { (item) throws(QLError) in
            try decode(item, as: type)
        })
    }
}
