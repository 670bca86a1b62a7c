import Candid
import StableStructures

extension Value {
    /// The value as StableQL source text that evaluates back to an equal
    /// value once stored in its declared type: what `.dump` writes.
    ///
    /// Unlike ``literal`` (the table-mode text), non-finite floats become
    /// expressions (`1.0 / 0.0`), and a `cbor` value is written as the plain
    /// value it converts from (a text-keyed map as a record, an array of two
    /// or three items as a tuple, null as `none`). A `cbor` value with no such
    /// form (a tag, an array of another length) throws. A `candid` value is
    /// written in Candid's textual syntax with its number types annotated
    /// (`candid "(record { age = 36 : nat8 })"`), a `json` value as its
    /// document (`json "{\"a\":1}"`).
    public func sourceText() throws(QLError) -> String {
        switch self {
        case let .float(number): return Value.floatSource(number)
        case let .float32(number): return Value.floatSource(Double(number), single: number)
        case let .some(inner): return "some(\(try inner.sourceText()))"
        case let .tuple(elements):
            var parts: [String] = []
            for element in elements { parts.append(try element.sourceText()) }
            return "(" + parts.joined(separator: ", ") + ")"
        case let .record(entries):
            var parts: [String] = []
            for entry in entries { parts.append("\(entry.name): \(try entry.value.sourceText())") }
            return "{" + parts.joined(separator: ", ") + "}"
        case let .cbor(item): return try Value.cborSource(item)
        case let .candid(value): return "candid " + Value.quote(CandidTextPrinter.text(value))
        case let .json(document): return "json " + Value.quote(document.text)
        case .integer, .bool, .string, .blob, .principal, .none, .unit: return literal
        }
    }

    private static func floatSource(_ number: Double, single: Float? = nil) -> String {
        if number.isNaN { return "(0.0 / 0.0)" }
        if number.isInfinite { return number < 0 ? "(-1.0 / 0.0)" : "(1.0 / 0.0)" }
        let text = single.map(\.description) ?? number.description
        return text.contains(".") || text.contains("e") ? text : text + ".0"
    }

    private static func cborSource(_ item: CBORValue) throws(QLError) -> String {
        switch item {
        case let .text(text): return quote(text)
        case let .bytes(bytes): return "x\"\(hex(bytes))\""
        case let .bool(flag): return flag ? "true" : "false"
        case .null: return "none"
        case .unsigned, .negative, .tagged(2, .bytes), .tagged(3, .bytes):
            if let integer = RecordCBOR.integer(item) { return integer.description }
        case let .map(entries):
            var parts: [String] = []
            for entry in entries {
                guard case let .text(key) = entry.key, Value.isIdentifier(key) else { break }
                parts.append("\(key): \(try cborSource(entry.value))")
            }
            if parts.count == entries.count { return "{" + parts.joined(separator: ", ") + "}" }
        case let .array(items) where items.count == 2 || items.count == 3:
            var parts: [String] = []
            for element in items { parts.append(try cborSource(element)) }
            return "(" + parts.joined(separator: ", ") + ")"
        default:
            if let number = item.doubleValue { return floatSource(number) }
        }
        throw QLError("the cbor value \(CBORDocument.literal(item)) has no StableQL literal form")
    }

    /// Whether `text` can be written as a record field name.
    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.utf8.first, Lexer.isIdentifierStart(first) else { return false }
        return text.utf8.allSatisfy(Lexer.isIdentifierContinue)
    }
}
