import StableStructures

/// How `cbor` values print: as JSON-like documents.
///
/// Table mode (``literal(_:)``) writes maps as `{"key": value, …}` (a key
/// that is not text is written as its own document, as in `{1: "one"}`),
/// arrays as `[…]`, byte strings as `x"…"`, text quoted, `null`,
/// `undefined`, booleans, numbers (bignums as integers), other tags as
/// `tag(N, item)` and other simple values as `simple(N)`.
///
/// JSON mode (``json(_:)``) writes valid JSON: a key that is not text
/// becomes the string of its JSON text, byte strings are `"0x…"`, bignums
/// are integers, other tags `{"tag": N, "value": item}`, `undefined` is
/// `null`, simple values their number, and non-finite floats the strings
/// `"nan"`, `"inf"`, `"-inf"`.
enum CBORDocument {
    /// The table-mode text of `item`.
    static func literal(_ item: CBORValue) -> String {
        switch item {
        case .unsigned, .negative, .tagged(2, .bytes), .tagged(3, .bytes):
            if let integer = RecordCBOR.integer(item) { return integer.description }
            return fallbackLiteral(item)
        case let .bytes(bytes): return "x\"\(Value.hex(bytes))\""
        case let .text(text): return Value.quote(text)
        case let .array(items): return "[" + items.map(literal).joined(separator: ", ") + "]"
        case let .map(entries):
            return "{" + entries.map { literal($0.key) + ": " + literal($0.value) }.joined(separator: ", ") + "}"
        default: return fallbackLiteral(item)
        }
    }

    private static func fallbackLiteral(_ item: CBORValue) -> String {
        switch item {
        case let .tagged(tag, content): return "tag(\(tag), \(literal(content)))"
        case let .simple(value): return "simple(\(value.rawValue))"
        case let .bool(flag): return flag ? "true" : "false"
        case .null: return "null"
        case .undefined: return "undefined"
        case let .float32(bits): return Value.formatFloat(Float(bitPattern: bits))
        default: return item.doubleValue.map { Value.formatFloat($0) } ?? "?"
        }
    }

    /// The JSON text of `item`.
    static func json(_ item: CBORValue) -> String {
        switch item {
        case .unsigned, .negative, .tagged(2, .bytes), .tagged(3, .bytes):
            if let integer = RecordCBOR.integer(item) { return integer.description }
            return fallbackJSON(item)
        case let .bytes(bytes): return JSONRenderer.string("0x" + Value.hex(bytes))
        case let .text(text): return JSONRenderer.string(text)
        case let .array(items): return "[" + items.map(json).joined(separator: ",") + "]"
        case let .map(entries):
            return "{" + entries.map { entry in
                let key: String
                if case let .text(text) = entry.key { key = text } else { key = json(entry.key) }
                return JSONRenderer.string(key) + ":" + json(entry.value)
            }.joined(separator: ",") + "}"
        default: return fallbackJSON(item)
        }
    }

    private static func fallbackJSON(_ item: CBORValue) -> String {
        switch item {
        case let .tagged(tag, content): return "{\"tag\":\(tag),\"value\":\(json(content))}"
        case let .simple(value): return "\(value.rawValue)"
        case let .bool(flag): return flag ? "true" : "false"
        case .null, .undefined: return "null"
        case let .float32(bits):
            let number = Float(bitPattern: bits)
            return number.isFinite ? number.description : JSONRenderer.string(Value.formatFloat(number))
        default:
            guard let number = item.doubleValue else { return "null" }
            return number.isFinite ? number.description : JSONRenderer.string(Value.formatFloat(number))
        }
    }
}
