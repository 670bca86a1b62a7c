import Foundation
import StableStructures

/// A value that can be read from the JSON value encoding of the golden
/// manifests (`golden/README.md`, "Value encoding in JSON").
///
/// `json` is what Foundation's `JSONSerialization` produced: `NSNumber` for
/// numbers and booleans, `String`, `NSNull`, `[Any]`, `[String: Any]`.
///
/// Foundation also declares a `Unit` (of measurement): in files that import
/// both modules, write `StableStructures.Unit`.
///
/// Equality caveats for tests: `Float`/`Double` use IEEE `==`, under which a
/// NaN differs from itself and `0.0 == -0.0`; `String` uses Swift's
/// canonical-equivalence `==`. Where such values can occur, compare the
/// encodings (`encodedBytes`) instead of the values, or use
/// ``goldenEqual(_:_:)``, which does exactly that.
public protocol GoldenValue: Equatable {
    /// Reads a value from its JSON form.
    ///
    /// - Throws: ``GoldenValueError`` when `json` is not a value of this type.
    init(golden json: Any) throws
}

/// Why a JSON value could not be read as a ``GoldenValue``.
public struct GoldenValueError: Error, CustomStringConvertible {
    /// What went wrong.
    public var description: String

    /// An error saying that `json` is not a valid `type`.
    public init(_ type: String, _ json: Any) {
        description = "not a golden \(type) value: \(json)"
    }
}

/// Whether two values have the same encoding (exact for floats and strings).
public func goldenEqual<T: Storable>(_ lhs: T, _ rhs: T) -> Bool {
    lhs.encodedBytes == rhs.encodedBytes
}

/// Reads a value of the inferred type from its JSON form.
public func goldenValue<T: GoldenValue>(_ json: Any, as type: T.Type = T.self) throws -> T {
    try T(golden: json)
}

// MARK: - Integers

/// Integers come as JSON numbers (`u8`…`u32`) or decimal strings (`u64`, `u128`).
func goldenInteger<T: FixedWidthInteger>(_ json: Any, _ name: String) throws -> T {
    let text: String
    if let string = json as? String {
        text = string
    } else if let number = json as? NSNumber, !isBoolean(number) {
        text = number.stringValue
    } else {
        throw GoldenValueError(name, json)
    }
    guard let value = T(text, radix: 10) else { throw GoldenValueError(name, json) }
    return value
}

/// Whether an `NSNumber` from `JSONSerialization` is `true`/`false`.
func isBoolean(_ number: NSNumber) -> Bool {
    String(cString: number.objCType) == "c"
}

extension UInt8: GoldenValue {
    /// A JSON number or decimal string.
    public init(golden json: Any) throws { self = try goldenInteger(json, "u8") }
}
extension UInt16: GoldenValue {
    /// A JSON number or decimal string.
    public init(golden json: Any) throws { self = try goldenInteger(json, "u16") }
}
extension UInt32: GoldenValue {
    /// A JSON number or decimal string.
    public init(golden json: Any) throws { self = try goldenInteger(json, "u32") }
}
extension UInt64: GoldenValue {
    /// A decimal string (or a JSON number).
    public init(golden json: Any) throws { self = try goldenInteger(json, "u64") }
}
extension UInt128: GoldenValue {
    /// A decimal string (or a JSON number).
    public init(golden json: Any) throws { self = try goldenInteger(json, "u128") }
}
extension Int8: GoldenValue {
    /// A JSON number or decimal string.
    public init(golden json: Any) throws { self = try goldenInteger(json, "i8") }
}
extension Int16: GoldenValue {
    /// A JSON number or decimal string.
    public init(golden json: Any) throws { self = try goldenInteger(json, "i16") }
}
extension Int32: GoldenValue {
    /// A JSON number or decimal string.
    public init(golden json: Any) throws { self = try goldenInteger(json, "i32") }
}
extension Int64: GoldenValue {
    /// A JSON number or decimal string.
    public init(golden json: Any) throws { self = try goldenInteger(json, "i64") }
}

// MARK: - Booleans, floats, strings

extension Bool: GoldenValue {
    /// `true` or `false`.
    public init(golden json: Any) throws {
        guard let number = json as? NSNumber, isBoolean(number) else { throw GoldenValueError("bool", json) }
        self = number.boolValue
    }
}

/// Floats are the shortest round-trip decimal as a string, or `"NaN"`,
/// `"inf"`, `"-inf"`. `"NaN"` gives the canonical quiet NaN (`7fc00000`),
/// which is what Rust's `f32::NAN` encodes to.
extension Float: GoldenValue {
    /// A decimal string such as `"0.1"`, `"-0.0"`, `"NaN"`, `"inf"`.
    public init(golden json: Any) throws {
        guard let text = json as? String else { throw GoldenValueError("f32", json) }
        switch text {
        case "NaN": self = .nan
        case "inf": self = .infinity
        case "-inf": self = -.infinity
        default:
            guard let value = Float(text), value.isFinite else { throw GoldenValueError("f32", json) }
            self = value
        }
    }
}

/// As for `Float`: `"NaN"` gives `7ff8000000000000`.
extension Double: GoldenValue {
    /// A decimal string such as `"0.1"`, `"-0.0"`, `"NaN"`, `"inf"`.
    public init(golden json: Any) throws {
        guard let text = json as? String else { throw GoldenValueError("f64", json) }
        switch text {
        case "NaN": self = .nan
        case "inf": self = .infinity
        case "-inf": self = -.infinity
        default:
            guard let value = Double(text), value.isFinite else { throw GoldenValueError("f64", json) }
            self = value
        }
    }
}

extension String: GoldenValue {
    /// A JSON string.
    public init(golden json: Any) throws {
        guard let text = json as? String else { throw GoldenValueError("string", json) }
        self = text
    }
}

// MARK: - Byte strings

/// Reads lowercase hex, or `{"splitmix_bytes": {"seed": "<u64>", "len": n}}`.
public func goldenBytes(_ json: Any, _ name: String = "blob") throws -> [UInt8] {
    if let text = json as? String {
        guard let bytes = bytes(fromHex: text) else { throw GoldenValueError(name, json) }
        return bytes
    }
    if let object = json as? [String: Any], object.count == 1,
       let spec = object["splitmix_bytes"] as? [String: Any],
       let seedJSON = spec["seed"], let lengthJSON = spec["len"] {
        let seed: UInt64 = try goldenInteger(seedJSON, name)
        let length: UInt32 = try goldenInteger(lengthJSON, name)
        var generator = SplitMix64(seed: seed)
        return generator.bytes(Int(length))
    }
    throw GoldenValueError(name, json)
}

extension Array: GoldenValue where Element == UInt8 {
    /// Hex, or a `splitmix_bytes` object.
    public init(golden json: Any) throws { self = try goldenBytes(json) }
}

extension Blob: GoldenValue {
    /// Hex, or a `splitmix_bytes` object, of at most `N` bytes.
    public init(golden json: Any) throws {
        do { self = try Blob(goldenBytes(json, Self.typeName)) } catch let error as StableError {
            throw GoldenValueError("\(Self.typeName) (\(error))", json)
        }
    }
}

extension FixedBytes: GoldenValue {
    /// Hex, or a `splitmix_bytes` object, of exactly `N` bytes.
    public init(golden json: Any) throws {
        do { self = try FixedBytes(goldenBytes(json, Self.typeName)) } catch let error as StableError {
            throw GoldenValueError("\(Self.typeName) (\(error))", json)
        }
    }
}

extension Principal: GoldenValue {
    /// The textual form, such as `"2vxsx-fae"`.
    public init(golden json: Any) throws {
        guard let text = json as? String else { throw GoldenValueError("principal", json) }
        do { self = try Principal(text: text) } catch { throw GoldenValueError("principal (\(error))", json) }
    }
}

// MARK: - Composites

extension StableStructures.Unit: GoldenValue {
    /// `null`.
    public init(golden json: Any) throws {
        guard json is NSNull else { throw GoldenValueError("unit", json) }
        self.init()
    }
}

extension Optional: GoldenValue where Wrapped: GoldenValue {
    /// `null` for `nil`, `{"some": v}` otherwise.
    public init(golden json: Any) throws {
        if json is NSNull {
            self = .none
        } else if let object = json as? [String: Any], object.count == 1, let payload = object["some"] {
            self = .some(try Wrapped(golden: payload))
        } else {
            throw GoldenValueError("option", json)
        }
    }
}

extension Pair: GoldenValue where A: GoldenValue, B: GoldenValue {
    /// A JSON array of two values.
    public init(golden json: Any) throws {
        guard let array = json as? [Any], array.count == 2 else { throw GoldenValueError("pair", json) }
        self.init(try A(golden: array[0]), try B(golden: array[1]))
    }
}

extension Triple: GoldenValue where A: GoldenValue, B: GoldenValue, C: GoldenValue {
    /// A JSON array of three values.
    public init(golden json: Any) throws {
        guard let array = json as? [Any], array.count == 3 else { throw GoldenValueError("triple", json) }
        self.init(try A(golden: array[0]), try B(golden: array[1]), try C(golden: array[2]))
    }
}
