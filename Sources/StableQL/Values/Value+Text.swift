extension Value {
    /// The value written as StableQL source: strings quoted and escaped,
    /// blobs as `x"…"`, principals as `principal "…"`, `some(…)`, `none`.
    /// Table mode prints values this way.
    public var literal: String {
        switch self {
        case let .integer(value): return value.description
        case let .float(value): return Value.formatFloat(value)
        case let .float32(value): return Value.formatFloat(value)
        case let .bool(value): return value ? "true" : "false"
        case let .string(text): return Value.quote(text)
        case let .blob(bytes): return "x\"\(Value.hex(bytes))\""
        case let .principal(bytes): return "principal \"\(PrincipalText.encode(bytes))\""
        case .none: return "none"
        case let .some(inner): return "some(\(inner.literal))"
        case let .tuple(elements): return "(" + elements.map(\.literal).joined(separator: ", ") + ")"
        case .unit: return "()"
        case let .record(entries):
            return "{" + entries.map { "\($0.name): \($0.value.literal)" }.joined(separator: ", ") + "}"
        case let .cbor(item): return CBORDocument.literal(item)
        case let .candid(value): return CandidLiteral.text(value)
        case let .json(document): return document.text
        }
    }

    /// The value as plain text: strings unquoted, blobs as `0x…`, principals
    /// textual, `some(x)` as x, `none` as `noneText`. List and CSV modes and
    /// `str(x)` use this form. Records and `cbor` values keep their literal
    /// form.
    public func plain(noneText: String = "none") -> String {
        switch self {
        case let .string(text): return text
        case let .blob(bytes): return "0x" + Value.hex(bytes)
        case let .principal(bytes): return PrincipalText.encode(bytes)
        case .none: return noneText
        case let .some(inner): return inner.plain(noneText: noneText)
        case let .tuple(elements): return "(" + elements.map { $0.plain(noneText: noneText) }.joined(separator: ", ") + ")"
        default: return literal
        }
    }

    /// Lower-case hex digits of `bytes`, two per byte.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".unicodeScalars)
        var text = String.UnicodeScalarView()
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xF)])
        }
        return String(text)
    }

    /// A float's shortest round-tripping form; `inf`, `-inf`, `nan` for the
    /// non-finite values.
    static func formatFloat<F: BinaryFloatingPoint & LosslessStringConvertible>(_ value: F) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        return value.description
    }

    /// `text` as a StableQL string literal, escaped so that the lexer reads
    /// back exactly `text`.
    public static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\0": out += "\\0"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
