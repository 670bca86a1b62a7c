/// One CBOR data item (RFC 8949), as a plain value.
///
/// The cases mirror CBOR's major types. Integers keep CBOR's split into
/// unsigned and negative values so that the whole range −2⁶⁴ … 2⁶⁴−1 is
/// representable; floating-point values keep their encoded width and their
/// exact bits, so that decoding and re-encoding an item reproduces it, NaN
/// payloads and signed zeros included. Equality is therefore structural: two
/// floats are equal when their widths and bit patterns are.
///
/// Maps are ordered lists of entries: CBOR does not require keys to be unique
/// or sorted, and serde (through `ciborium`) writes a struct's fields in
/// declaration order, so the order is kept as found.
///
/// Indefinite-length items are accepted by ``decode(from:maxDepth:)`` and
/// become their definite equivalents (chunked strings are joined); the
/// encoder always writes definite lengths.
public enum CBORValue: Hashable, Sendable {
    /// An unsigned integer (major type 0).
    case unsigned(UInt64)
    /// A negative integer (major type 1) whose value is −1 − `n`.
    case negative(UInt64)
    /// A byte string (major type 2).
    case bytes([UInt8])
    /// A text string (major type 3), valid UTF-8.
    case text(String)
    /// An array of items (major type 4).
    case array([CBORValue])
    /// A map (major type 5): key/value entries in their encoded order.
    case map([CBORMapEntry])
    /// A tagged item (major type 6): tag number and content.
    indirect case tagged(UInt64, CBORValue)
    /// A simple value other than `false`, `true`, `null` and `undefined`.
    case simple(CBORSimpleValue)
    /// `false` or `true` (simple values 20 and 21).
    case bool(Bool)
    /// `null` (simple value 22).
    case null
    /// `undefined` (simple value 23).
    case undefined
    /// A half-precision float, as its IEEE 754 binary16 bits.
    case float16(UInt16)
    /// A single-precision float, as its IEEE 754 binary32 bits.
    case float32(UInt32)
    /// A double-precision float, as its IEEE 754 binary64 bits.
    case float64(UInt64)
}

/// One key/value entry of a CBOR map.
public struct CBORMapEntry: Hashable, Sendable {
    /// The key (any item; serde structs use text keys).
    public var key: CBORValue
    /// The value.
    public var value: CBORValue

    /// Creates an entry.
    @inlinable
    public init(_ key: CBORValue, _ value: CBORValue) {
        self.key = key
        self.value = value
    }
}

/// A CBOR simple value (major type 7) that has no case of its own in
/// ``CBORValue``: 0…19 and 32…255.
///
/// Values 24…31 have no valid encoding (RFC 8949 §3.3), and 20…23 are
/// ``CBORValue/bool(_:)``, ``CBORValue/null`` and ``CBORValue/undefined``;
/// the initializer refuses all of them so that every ``CBORValue`` encodes.
public struct CBORSimpleValue: Hashable, Sendable {
    /// The simple value's number.
    public let rawValue: UInt8

    /// Creates a simple value, or `nil` for 20…31.
    @inlinable
    public init?(_ rawValue: UInt8) {
        guard rawValue < 20 || rawValue >= 32 else { return nil }
        self.rawValue = rawValue
    }
}

extension CBORValue {
    /// An integer in major type 0 or 1, as `ciborium` writes Rust's signed integers.
    @inlinable
    public static func integer(_ value: Int64) -> CBORValue {
        value >= 0 ? .unsigned(UInt64(value)) : .negative(UInt64(bitPattern: ~value))
    }

    /// A float in its preferred (shortest exact) width: see ``CBORFloat``.
    @inlinable
    public static func float(_ value: Double) -> CBORValue {
        CBORFloat.preferred(value)
    }

    /// A float in its preferred width, as `ciborium` writes an `f32`: widened
    /// exactly to binary64, then written in the shortest exact width.
    @inlinable
    public static func float(_ value: Float) -> CBORValue {
        CBORFloat.preferred(bits: CBORFloat.double(fromSingle: value.bitPattern))
    }

    /// The value of a float of any width as a `Double` (exact), else `nil`.
    @inlinable
    public var doubleValue: Double? {
        switch self {
        case let .float16(bits): return Double(bitPattern: CBORFloat.double(fromHalf: bits))
        case let .float32(bits): return Double(bitPattern: CBORFloat.double(fromSingle: bits))
        case let .float64(bits): return Double(bitPattern: bits)
        default: return nil
        }
    }

    /// The value of an integer item that fits in `Int64`, else `nil`.
    @inlinable
    public var int64Value: Int64? {
        switch self {
        case let .unsigned(n): return n <= UInt64(Int64.max) ? Int64(n) : nil
        case let .negative(n): return n <= UInt64(Int64.max) ? ~Int64(n) : nil
        default: return nil
        }
    }

    /// The first value whose key is the text `key`, when this is a map.
    ///
    /// - Complexity: O(*n*) in the number of entries.
    @inlinable
    public subscript(key: String) -> CBORValue? {
        guard case let .map(entries) = self else { return nil }
        for entry in entries {
            if case let .text(text) = entry.key, text == key { return entry.value }
        }
        return nil
    }

    /// A short English description of the item's kind for error messages,
    /// such as "an unsigned integer" or "a text string".
    public var kindDescription: String {
        switch self {
        case .unsigned: return "an unsigned integer"
        case .negative: return "a negative integer"
        case .bytes: return "a byte string"
        case .text: return "a text string"
        case .array: return "an array"
        case .map: return "a map"
        case .tagged: return "a tagged item"
        case .simple: return "a simple value"
        case .bool: return "a boolean"
        case .null: return "null"
        case .undefined: return "undefined"
        case .float16, .float32, .float64: return "a float"
        }
    }
}
