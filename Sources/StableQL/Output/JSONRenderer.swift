/// JSON mode (JSON Lines): every result is one JSON document on one line.
///
/// Integers print all their digits (u64 and u128 included); floats are
/// numbers, with `"nan"`, `"inf"`, `"-inf"` as strings; blobs are `"0x…"`;
/// principals textual; `none` is `null` and `some(x)` is x; tuples (and
/// unit, the empty tuple) are arrays; records are objects and `cbor`
/// values JSON documents (see ``CBORDocument``). One-column rows are an array of
/// elements, wider rows an array of arrays (`[[key, value], …]`). Reports
/// are JSON strings.
public struct JSONRenderer: ResultRenderer {
    /// Creates the renderer.
    public init() {}

    /// The rendering of `result`.
    public func render(_ result: QueryResult) -> String {
        switch result {
        case let .value(value): return JSONRenderer.json(value) + "\n"
        case let .message(text):
            var trimmed = text
            while trimmed.hasSuffix("\n") { trimmed.removeLast() }
            return JSONRenderer.string(trimmed) + "\n"
        case let .rows(rows): return OutputMode.json.render(rows)
        }
    }

    /// The JSON text of one value.
    public static func json(_ value: Value) -> String {
        switch value {
        case let .integer(integer): return integer.description
        case let .float(number): return number.isFinite ? number.description : string(Value.formatFloat(number))
        case let .float32(number): return number.isFinite ? number.description : string(Value.formatFloat(number))
        case let .bool(flag): return flag ? "true" : "false"
        case let .string(text): return string(text)
        case let .blob(bytes): return string("0x" + Value.hex(bytes))
        case let .principal(bytes): return string(PrincipalText.encode(bytes))
        case .none: return "null"
        case let .some(inner): return json(inner)
        case let .tuple(elements): return "[" + elements.map(json).joined(separator: ",") + "]"
        case .unit: return "[]"
        case let .record(entries):
            return "{" + entries.map { string($0.name) + ":" + json($0.value) }.joined(separator: ",") + "}"
        case let .cbor(item): return CBORDocument.json(item)
        case let .candid(value): return CandidLiteral.json(value)
        case let .json(document): return document.text
        }
    }

    /// `text` as a JSON string literal.
    public static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
