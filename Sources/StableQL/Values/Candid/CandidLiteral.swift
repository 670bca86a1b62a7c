import Candid

/// How `candid` values print: in table and list modes as StableQL literals
/// (which read back as the same value), in JSON mode by the mapping the
/// language reference gives.
enum CandidLiteral {
    /// The value as a StableQL literal: records `{name: "ada"}`, tuple
    /// records `(1, "a")`, variants `#Active` / `#Banned("spam")`, lists
    /// `[1, 2]`, `some(…)` / `none`, blobs `x"…"`, `principal "…"`.
    static func text(_ value: CandidValue) -> String {
        switch value {
        case .null, .reserved: return "null"
        case let .bool(flag): return flag ? "true" : "false"
        case let .nat(number): return number.description
        case let .int(number): return number.description
        case let .nat8(number): return String(number)
        case let .nat16(number): return String(number)
        case let .nat32(number): return String(number)
        case let .nat64(number): return String(number)
        case let .int8(number): return String(number)
        case let .int16(number): return String(number)
        case let .int32(number): return String(number)
        case let .int64(number): return String(number)
        case let .float32(number): return Value.formatFloat(number)
        case let .float64(number): return Value.formatFloat(number)
        case let .text(text): return Value.quote(text)
        case let .principal(principal): return "principal \"\(principal)\""
        case let .service(principal): return "service \"\(principal)\""
        case let .function(principal, method): return "func \"\(principal)\".\(method)"
        case let .opt(content): return content.map { "some(\(text($0)))" } ?? "none"
        case let .blob(bytes): return "x\"\(Value.hex(bytes))\""
        case let .vec(elements): return "[" + elements.map(text).joined(separator: ", ") + "]"
        case let .record(fields):
            if isTuple(fields) {
                if fields.count == 1 { return "(" + text(fields[0].value) + ",)" }
                return "(" + fields.map { text($0.value) }.joined(separator: ", ") + ")"
            }
            return "{" + fields.map { "\(fieldName($0.label)): \(text($0.value))" }.joined(separator: ", ") + "}"
        case let .variant(field):
            if case .null = field.value { return "#\(fieldName(field.label))" }
            return "#\(fieldName(field.label))(\(text(field.value)))"
        }
    }

    /// The value as JSON: records as objects (tuple records as arrays),
    /// variants as `{"Tag": payload}` (`null` without one), `opt` as `null`
    /// or the value, lists as arrays, blobs as `"0x…"`, principals as text,
    /// numbers exact, `null` and `reserved` as `null`.
    static func json(_ value: CandidValue) -> String {
        switch value {
        case .null, .reserved: return "null"
        case let .bool(flag): return flag ? "true" : "false"
        case .nat, .int, .nat8, .nat16, .nat32, .nat64, .int8, .int16, .int32, .int64: return text(value)
        case let .float32(number): return number.isFinite ? number.description : JSONRenderer.string(Value.formatFloat(number))
        case let .float64(number): return number.isFinite ? number.description : JSONRenderer.string(Value.formatFloat(number))
        case let .text(text): return JSONRenderer.string(text)
        case let .principal(principal), let .service(principal): return JSONRenderer.string(principal.description)
        case let .function(principal, method): return JSONRenderer.string("\(principal).\(method)")
        case let .opt(content): return content.map(json) ?? "null"
        case let .blob(bytes): return JSONRenderer.string("0x" + Value.hex(bytes))
        case let .vec(elements): return "[" + elements.map(json).joined(separator: ",") + "]"
        case let .record(fields):
            if isTuple(fields) && !fields.isEmpty { return "[" + fields.map { json($0.value) }.joined(separator: ",") + "]" }
            return "{" + fields.map { JSONRenderer.string(jsonKey($0.label)) + ":" + json($0.value) }.joined(separator: ",") + "}"
        case let .variant(field):
            return "{" + JSONRenderer.string(jsonKey(field.label)) + ":" + json(field.value) + "}"
        }
    }

    /// Whether record fields are numbered 0, 1, … (a tuple record).
    static func isTuple(_ fields: [CandidFieldValue]) -> Bool {
        fields.enumerated().allSatisfy { $0.element.label.name == nil && $0.element.label.id == UInt32($0.offset) }
    }

    private static func fieldName(_ label: CandidLabel) -> String {
        switch label {
        case let .name(name): return isPlainName(name) ? name : Value.quote(name)
        case let .id(id): return String(id)
        }
    }

    private static func jsonKey(_ label: CandidLabel) -> String {
        label.name ?? String(label.id)
    }

    /// Whether `name` can be written without quotes (`[A-Za-z_][A-Za-z0-9_]*`).
    static func isPlainName(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(first >= 48 && first <= 57) else { return false }
        return name.utf8.allSatisfy { Lexer.isIdentifierContinue($0) }
    }
}
