import StableQL

/// What is wrong with a file `.import` reads (the shell adds its name and line).
struct ImportError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

/// Turns the fields `.import` reads into StableQL source text for a value
/// of the declared type: a CSV field's text, or a JSON value. Only literals
/// come out (text is quoted), so a file can never inject statements; the
/// session then checks that each value fits its type.
enum ImportSource {
    /// The source text of a CSV field for `type`. Empty is `none` for an
    /// option; tuples, records and `cbor` values are written as JSON.
    static func csv(_ text: String, as type: QLType) throws(ImportError) -> String {
        switch type {
        case .option(let inner):
            return text.isEmpty ? "none" : "some(\(try csv(text, as: inner)))"
        case .string: return Value.quote(text)
        case .tuple, .record, .cbor:
            switch JSONLine.parse(Substring(text)) {
            case .success(let json): return try self.json(json, as: type)
            case .failure(let error): throw ImportError("\(type) field \(Value.quote(text)) is not JSON: \(error.message)")
            }
        case .bool:
            switch text.lowercased() {
            case "true", "1": return "true"
            case "false", "0": return "false"
            default: throw ImportError("expected a bool (true or false), found \(Value.quote(text))")
            }
        default:
            return try scalar(text, as: type, quotedText: false)
        }
    }

    /// The source text of a JSON value for `type`.
    static func json(_ value: JSONLine, as type: QLType) throws(ImportError) -> String {
        switch (type, value) {
        case (.option, .null): return "none"
        case (.option(let inner), _): return "some(\(try json(value, as: inner)))"
        case (.unit, .null), (.unit, .array([])): return "()"
        case (.bool, .bool(let flag)): return flag ? "true" : "false"
        case (.string, .string(let text)): return Value.quote(text)
        case (.tuple(let types), .array(let items)) where types.count == items.count:
            var parts: [String] = []
            for (item, itemType) in zip(items, types) { parts.append(try json(item, as: itemType)) }
            return "(" + parts.joined(separator: ", ") + ")"
        case (.record(let record), .object(let members)):
            var parts: [String] = []
            for (name, member) in members {
                guard let field = record.field(name) else {
                    throw ImportError("\(record) has no field \(Value.quote(name)); it has \(record.fields.map(\.name).joined(separator: ", "))")
                }
                parts.append("\(name): \(try json(member, as: field.type))")
            }
            return "{" + parts.joined(separator: ", ") + "}"
        case (.cbor, _): return try cbor(value)
        case (_, .number(let text)): return try scalar(text, as: type, quotedText: false)
        case (_, .string(let text)) where !type.isText: return try scalar(text, as: type, quotedText: true)
        default: throw ImportError("expected \(type), found \(value.kindName)")
        }
    }

    /// Numbers, floats, blobs and principals from their text.
    private static func scalar(_ text: String, as type: QLType, quotedText: Bool) throws(ImportError) -> String {
        switch type {
        case .u8, .u16, .u32, .u64, .u128, .i8, .i16, .i32, .i64:
            let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
            guard !quotedText, !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                throw ImportError("expected an integer (\(type)), found \(Value.quote(text))")
            }
            return text
        case .f32, .f64:
            switch text.lowercased() {
            case "nan": return "(0.0 / 0.0)"
            case "inf", "+inf", "infinity": return "(1.0 / 0.0)"
            case "-inf", "-infinity": return "(-1.0 / 0.0)"
            default:
                guard let number = Double(text), number.isFinite else {
                    throw ImportError("expected a number (\(type)), found \(Value.quote(text))")
                }
                return (try? Value.float(number).sourceText()) ?? text
            }
        case .blob, .boundedBlob, .fixedBytes:
            var digits = Substring(text)
            if digits.hasPrefix("0x") || digits.hasPrefix("0X") { digits = digits.dropFirst(2) }
            guard digits.count % 2 == 0, digits.allSatisfy(\.isHexDigit) else {
                throw ImportError("expected a blob as hex digits (0x…), found \(Value.quote(text))")
            }
            return "x\"\(digits.lowercased())\""
        case .principal: return "principal \(Value.quote(text))"
        default: throw ImportError("cannot read \(type) from \(Value.quote(text))")
        }
    }

    /// A JSON value as the plain value a `cbor` column converts from.
    private static func cbor(_ value: JSONLine) throws(ImportError) -> String {
        switch value {
        case .null: return "none"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let text): return text.contains(".") || text.contains("e") || text.contains("E") ? String(Double(text) ?? 0) : text
        case .string(let text): return Value.quote(text)
        case .array(let items) where items.count == 2 || items.count == 3:
            var parts: [String] = []
            for item in items { parts.append(try cbor(item)) }
            return "(" + parts.joined(separator: ", ") + ")"
        case .object(let members):
            var parts: [String] = []
            for (name, member) in members {
                guard let first = name.unicodeScalars.first, first == "_" || first.properties.isAlphabetic,
                      name.unicodeScalars.allSatisfy({ $0 == "_" || ($0.isASCII && $0.properties.isAlphabetic) || ("0"..."9").contains($0) }) else {
                    throw ImportError("the member name \(Value.quote(name)) cannot be a record field")
                }
                parts.append("\(name): \(try cbor(member))")
            }
            return "{" + parts.joined(separator: ", ") + "}"
        default: throw ImportError("a cbor value needs an array of 2 or 3 items, found \(value.kindName)")
        }
    }
}

extension QLType {
    /// Whether a JSON string is this type's own form (rather than the text
    /// of a number, blob or principal).
    fileprivate var isText: Bool {
        if case .string = self { return true }
        return false
    }
}

extension JSONLine {
    var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a bool"
        case .number: "a number"
        case .string: "a string"
        case .array(let items): "an array of \(items.count)"
        case .object: "an object"
        }
    }
}
