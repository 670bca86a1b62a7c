/// A StableQL type, the language-side name of a library `Storable` type.
public indirect enum QLType: Hashable, Sendable, CustomStringConvertible {
    /// Unsigned integers, stored big-endian in 1, 2, 4, 8 or 16 bytes.
    case u8, u16, u32, u64, u128
    /// Signed integers, stored big-endian with the sign bit flipped (order-preserving).
    case i8, i16, i32, i64
    /// IEEE floats, stored big-endian; not allowed in keys.
    case f32, f64
    /// `bool` (one byte), `string` (UTF-8), `blob` (unbounded bytes), `principal` (at most 29 bytes) and `unit` (zero bytes).
    case bool, string, blob, principal, unit
    /// `blob<N>`: at most N bytes (the crate's `Blob<N>`).
    case boundedBlob(Int)
    /// `bytes<N>`: exactly N bytes (`[u8; N]`).
    case fixedBytes(Int)
    /// `option<T>`.
    case option(QLType)
    /// `(A, B)` or `(A, B, C)`.
    case tuple([QLType])
    /// A record (`type Asset = record {…}`), stored as a CBOR map: unbounded.
    case record(RecordType)
    /// Any CBOR data item, shown as a JSON-like document: unbounded.
    case cbor
    /// A Candid message (`candid`, `candid NAME`): unbounded.
    case candid(CandidSchema)
    /// A JSON document stored as UTF-8 text; `isKey` when it is a key type
    /// (lookups refused): unbounded.
    case json(isKey: Bool)

    /// The type as written in StableQL.
    public var description: String {
        switch self {
        case .u8: return "u8"
        case .u16: return "u16"
        case .u32: return "u32"
        case .u64: return "u64"
        case .u128: return "u128"
        case .i8: return "i8"
        case .i16: return "i16"
        case .i32: return "i32"
        case .i64: return "i64"
        case .f32: return "f32"
        case .f64: return "f64"
        case .bool: return "bool"
        case .string: return "string"
        case .blob: return "blob"
        case .principal: return "principal"
        case .unit: return "unit"
        case let .boundedBlob(size): return "blob<\(size)>"
        case let .fixedBytes(size): return "bytes<\(size)>"
        case let .option(inner): return "option<\(inner)>"
        case let .tuple(elements): return "(" + elements.map(\.description).joined(separator: ", ") + ")"
        case let .record(record): return record.description
        case .cbor: return "cbor"
        case let .candid(schema): return schema.description
        case .json: return "json"
        }
    }

    /// The encoded size limit, as the library's `StorableBound`: nil for
    /// unbounded types, else the maximum size and whether every value has it.
    public var bound: (maxSize: Int, isFixedSize: Bool)? {
        switch self {
        case .u8, .i8, .bool: return (1, true)
        case .u16, .i16: return (2, true)
        case .u32, .i32, .f32: return (4, true)
        case .u64, .i64, .f64: return (8, true)
        case .u128: return (16, true)
        case .string, .blob, .record, .cbor, .candid, .json: return nil
        case .principal: return (29, false)
        case .unit: return (0, false)
        case let .boundedBlob(size): return (size, false)
        case let .fixedBytes(size): return (size, true)
        case let .option(inner):
            guard let bound = inner.bound else { return nil }
            return (bound.maxSize + 1, bound.isFixedSize)
        case let .tuple(elements):
            var total = 0
            var fixed = true
            for element in elements {
                guard let bound = element.bound else { return nil }
                total += bound.maxSize + QLType.lengthFieldWidth(bound.maxSize)
                fixed = fixed && bound.isFixedSize
            }
            if elements.count == 3 { total += 1 }
            return (total, fixed)
        }
    }

    /// True when every value has a bounded encoding.
    public var isBounded: Bool { bound != nil }

    /// The width of a size field for a component of at most `maxSize` bytes
    /// (StableStructures.docc/ByteLayout.md, "Storable encodings": 1, 2 or 4 bytes).
    static func lengthFieldWidth(_ maxSize: Int) -> Int {
        maxSize <= 0xFF ? 1 : maxSize <= 0xFFFF ? 2 : 4
    }

    /// True when the type or a part of it is a record or `cbor` (stored as
    /// CBOR, which has no key order yet).
    public var containsCBOR: Bool {
        switch self {
        case .record, .cbor: return true
        case let .option(inner): return inner.containsCBOR
        case let .tuple(elements): return elements.contains { $0.containsCBOR }
        default: return false
        }
    }

    /// True when the type or a part of it is a float.
    public var containsFloat: Bool {
        switch self {
        case .f32, .f64: return true
        case let .option(inner): return inner.containsFloat
        case let .tuple(elements): return elements.contains { $0.containsFloat }
        case let .record(record): return record.fields.contains { $0.type.containsFloat }
        default: return false
        }
    }

    /// True for the integer types.
    public var isInteger: Bool {
        switch self {
        case .u8, .u16, .u32, .u64, .u128, .i8, .i16, .i32, .i64: return true
        default: return false
        }
    }

    /// The smallest and largest values of an integer type.
    public var integerRange: (min: QLInteger, max: QLInteger)? {
        switch self {
        case .u8: return (.zero, QLInteger(UInt8.max))
        case .u16: return (.zero, QLInteger(UInt16.max))
        case .u32: return (.zero, QLInteger(UInt32.max))
        case .u64: return (.zero, QLInteger(UInt64.max))
        case .u128: return (.zero, QLInteger(UInt128.max))
        case .i8: return (QLInteger(Int8.min), QLInteger(Int8.max))
        case .i16: return (QLInteger(Int16.min), QLInteger(Int16.max))
        case .i32: return (QLInteger(Int32.min), QLInteger(Int32.max))
        case .i64: return (QLInteger(Int64.min), QLInteger(Int64.max))
        default: return nil
        }
    }
}
