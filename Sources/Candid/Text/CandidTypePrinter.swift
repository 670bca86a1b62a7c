/// Prints Candid types in `.did` syntax.
public enum CandidTypePrinter {
    static func keyword(_ primitive: Primitive) -> String {
        switch primitive {
        case .null: return "null"
        case .bool: return "bool"
        case .nat: return "nat"
        case .int: return "int"
        case .nat8: return "nat8"
        case .nat16: return "nat16"
        case .nat32: return "nat32"
        case .nat64: return "nat64"
        case .int8: return "int8"
        case .int16: return "int16"
        case .int32: return "int32"
        case .int64: return "int64"
        case .float32: return "float32"
        case .float64: return "float64"
        case .text: return "text"
        case .reserved: return "reserved"
        case .empty: return "empty"
        case .principal: return "principal"
        }
    }

    /// The type in `.did` syntax, e.g. `record { name : text; age : nat }`.
    public static func text(_ type: CandidType) -> String {
        if let primitive = primitive(of: type) { return keyword(primitive) }
        switch type {
        case .opt(let inner): return "opt " + text(inner)
        case .vec(.nat8): return "blob"
        case .vec(let inner): return "vec " + text(inner)
        case .record(let fields): return "record {" + fieldsText(fields, isRecord: true) + "}"
        case .variant(let fields): return "variant {" + fieldsText(fields, isRecord: false) + "}"
        case .function(let function): return "func " + signature(function)
        case .service(let methods):
            return "service {" + methods.map { " \(methodName($0.name)) : \(methodType($0.type));" }.joined() + (methods.isEmpty ? "}" : " }")
        case .named(let name): return name
        default: return "?"
        }
    }

    /// A function signature: `(text) -> (nat) query`.
    public static func signature(_ function: CandidFunctionType) -> String {
        "(" + function.arguments.map(text).joined(separator: ", ") + ") -> ("
            + function.results.map(text).joined(separator: ", ") + ")"
            + function.modes.map { " " + $0.keyword }.joined()
    }

    private static func methodType(_ type: CandidType) -> String {
        if case .function(let function) = type { return signature(function) }
        return text(type)
    }

    private static func methodName(_ name: String) -> String {
        isCandidIdentifier(name) && !candidKeywords.contains(name) ? name : quoteCandidText(name)
    }

    private static func fieldsText(_ fields: [CandidFieldType], isRecord: Bool) -> String {
        if fields.isEmpty { return "" }
        let isTuple = isRecord && fields.enumerated().allSatisfy { $0.element.label == .id(UInt32($0.offset)) }
        let parts = fields.map { field -> String in
            if isTuple { return text(field.type) }
            if !isRecord, field.type == .null { return field.label.description }
            return "\(field.label.description) : \(text(field.type))"
        }
        return " " + parts.joined(separator: "; ") + " "
    }

    /// A `.did` file: the type definitions, then the service, if any.
    public static func didFile(_ file: CandidDidFile) -> String {
        var output = ""
        for name in file.environment.names {
            output += "type \(methodName(name)) = \(text(file.environment[name]!));\n"
        }
        if let service = file.service {
            output += "service : "
            if let initArguments = file.serviceArguments {
                output += "(" + initArguments.map(text).joined(separator: ", ") + ") -> "
            }
            let body = text(service)
            output += (body.hasPrefix("service ") ? String(body.dropFirst(8)) : body) + "\n"
        }
        return output
    }
}

/// Quotes text as a Candid text literal.
func quoteCandidText(_ text: String) -> String {
    var output = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": output += "\\\""
        case "\\": output += "\\\\"
        case "\n": output += "\\n"
        case "\r": output += "\\r"
        case "\t": output += "\\t"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7f {
                output += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                output.unicodeScalars.append(scalar)
            }
        }
    }
    return output + "\""
}
