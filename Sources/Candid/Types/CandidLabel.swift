/// The label of a record or variant field: a name (identified by its hash) or a number.
///
/// Two labels are equal when their ids are equal, so `.name("a")` equals
/// `.id(CandidLabel.hash("a"))`.
public enum CandidLabel: Hashable, Sendable, CustomStringConvertible {
    /// A named field; its id is the name's hash.
    case name(String)
    /// A numbered field (also the positions of a tuple record).
    case id(UInt32)

    /// The field id used on the wire.
    public var id: UInt32 {
        switch self {
        case .name(let name): return CandidLabel.hash(name)
        case .id(let id): return id
        }
    }

    /// The name, when the label has one.
    public var name: String? {
        if case .name(let name) = self { return name }
        return nil
    }

    /// Candid's field hash: `h = h * 223 + byte` over the UTF-8 bytes, modulo 2³².
    public static func hash(_ name: String) -> UInt32 {
        var value: UInt32 = 0
        for byte in name.utf8 { value = value &* 223 &+ UInt32(byte) }
        return value
    }

    public static func == (lhs: CandidLabel, rhs: CandidLabel) -> Bool { lhs.id == rhs.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }

    /// The label as written in Candid text: the name (quoted when not an identifier) or the number.
    public var description: String {
        switch self {
        case .name(let name): return isCandidIdentifier(name) && !candidKeywords.contains(name) ? name : quoteCandidText(name)
        case .id(let id): return String(id)
        }
    }
}

/// Whether `text` is a Candid identifier (`[A-Za-z_][A-Za-z0-9_]*`).
func isCandidIdentifier(_ text: String) -> Bool {
    guard let first = text.utf8.first, first == UInt8(ascii: "_") || isLetter(first) else { return false }
    return text.utf8.allSatisfy { $0 == UInt8(ascii: "_") || isLetter($0) || ($0 >= 48 && $0 <= 57) }
}

func isLetter(_ byte: UInt8) -> Bool { (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) }

/// Words that cannot be used as bare field names.
let candidKeywords: Set<String> = [
    "type", "import", "service", "func", "query", "composite_query", "oneway", "opt", "vec", "record",
    "variant", "blob", "principal", "true", "false", "null",
]
