/// Prints Candid values in the textual syntax `dfx` and `didc` use, e.g.
/// `(record { name = "ada"; age = 36 : nat })`.
public enum CandidTextPrinter {
    /// An argument list: `(v1, v2)`.
    public static func arguments(_ values: [CandidValue]) -> String {
        "(" + values.map(text).joined(separator: ", ") + ")"
    }

    /// One value. `nat`, fixed-size numbers and `float32` carry a type annotation; `int` and `float64` do not.
    public static func text(_ value: CandidValue) -> String {
        switch value {
        case .null: return "null"
        case .reserved: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .nat(let number): return "\(number) : nat"
        case .int(let number): return number.description
        case .nat8(let number): return "\(number) : nat8"
        case .nat16(let number): return "\(number) : nat16"
        case .nat32(let number): return "\(number) : nat32"
        case .nat64(let number): return "\(number) : nat64"
        case .int8(let number): return "\(number) : int8"
        case .int16(let number): return "\(number) : int16"
        case .int32(let number): return "\(number) : int32"
        case .int64(let number): return "\(number) : int64"
        case .float32(let number): return floatText(Double(number)) + " : float32"
        case .float64(let number): return floatText(number)
        case .text(let text): return quoteCandidText(text)
        case .principal(let principal): return "principal \"\(principal)\""
        case .service(let principal): return "service \"\(principal)\""
        case .function(let principal, let method): return "func \"\(principal)\".\(CandidLabel.name(method).description)"
        case .opt(let content): return content.map { "opt " + operand($0) } ?? "null"
        case .blob(let bytes): return "blob \"" + bytes.map(blobByte).joined() + "\""
        case .vec(let elements):
            return elements.isEmpty ? "vec {}" : "vec { " + elements.map(text).joined(separator: "; ") + " }"
        case .record(let fields):
            if fields.isEmpty { return "record {}" }
            let isTuple = fields.enumerated().allSatisfy { $0.element.label == .id(UInt32($0.offset)) }
            let parts = fields.map { isTuple ? text($0.value) : "\($0.label) = \(text($0.value))" }
            return "record { " + parts.joined(separator: "; ") + " }"
        case .variant(let field):
            if case .null = field.value { return "variant { \(field.label) }" }
            return "variant { \(field.label) = \(text(field.value)) }"
        }
    }

    /// A value after `opt`, which takes no type annotation: annotated numbers get parentheses.
    private static func operand(_ value: CandidValue) -> String {
        let printed = text(value)
        switch value {
        case .nat, .nat8, .nat16, .nat32, .nat64, .int8, .int16, .int32, .int64, .float32: return "(" + printed + ")"
        default: return printed
        }
    }

    static func floatText(_ number: Double) -> String {
        if number.isNaN { return "nan" }
        if number.isInfinite { return number < 0 ? "-inf" : "inf" }
        let text = "\(number)"
        return text.contains(".") || text.contains("e") ? text : text + ".0"
    }

    private static func blobByte(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return "\\" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 15)])
    }
}
