/// A JSON document (RFC 8259), as held by a `json` value.
///
/// Numbers keep their text as written, so any size and precision prints
/// back exactly; objects keep their members in order (duplicates included).
public indirect enum JSONDocument: Equatable, Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number, as its JSON text (`-12.5e3`).
    case number(String)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONDocument])
    /// An object: members in document order.
    case object([JSONMember])

    /// The compact JSON text: no whitespace, strings escaped as JSON mode prints them.
    public var text: String {
        switch self {
        case .null: return "null"
        case let .bool(flag): return flag ? "true" : "false"
        case let .number(digits): return digits
        case let .string(text): return JSONRenderer.string(text)
        case let .array(elements): return "[" + elements.map(\.text).joined(separator: ",") + "]"
        case let .object(members):
            return "{" + members.map { JSONRenderer.string($0.name) + ":" + $0.value.text }.joined(separator: ",") + "}"
        }
    }

    /// The value of member `name` of an object (the last one, as most readers do).
    public func member(_ name: String) -> JSONDocument? {
        guard case let .object(members) = self else { return nil }
        return members.last(where: { $0.name == name })?.value
    }
}

/// One `"name": value` of a JSON object.
public struct JSONMember: Equatable, Sendable {
    /// The member's name.
    public var name: String
    /// Its value.
    public var value: JSONDocument

    /// Creates a member.
    public init(_ name: String, _ value: JSONDocument) {
        self.name = name
        self.value = value
    }
}

extension JSONDocument {
    /// The document as a StableQL value where StableQL has the kind: strings,
    /// bools, integers that fit, `null` as `none`; other numbers, arrays and
    /// objects stay `json`.
    var lowered: Value {
        switch self {
        case .null: return .none
        case let .bool(flag): return .bool(flag)
        case let .string(text): return .string(text)
        case let .number(digits):
            let negative = digits.hasPrefix("-")
            guard let magnitude = UInt128(negative ? String(digits.dropFirst()) : digits) else { return .json(self) }
            return .integer(QLInteger(negative: negative, magnitude: magnitude))
        case .array, .object: return .json(self)
        }
    }
}
