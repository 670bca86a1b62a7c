import Candid

extension Value {
    /// A Candid value as a StableQL value where StableQL has the kind
    /// (numbers that fit, text, bool, blobs, principals, `opt` as
    /// `some`/`none`); records, lists and variants stay Candid.
    static func lowered(_ value: CandidValue) -> Value {
        switch value {
        case let .nat(number): return UInt128(number.description).map { .integer(QLInteger($0)) } ?? .candid(value)
        case let .int(number):
            guard let magnitude = UInt128(number.magnitude.description) else { return .candid(value) }
            return .integer(QLInteger(negative: number.isNegative, magnitude: magnitude))
        case let .nat8(number): return .int(number)
        case let .nat16(number): return .int(number)
        case let .nat32(number): return .int(number)
        case let .nat64(number): return .int(number)
        case let .int8(number): return .int(number)
        case let .int16(number): return .int(number)
        case let .int32(number): return .int(number)
        case let .int64(number): return .int(number)
        case let .float32(number): return .float32(number)
        case let .float64(number): return .float(number)
        case let .bool(flag): return .bool(flag)
        case let .text(text): return .string(text)
        case let .blob(bytes): return .blob(bytes)
        case let .principal(principal): return .principal(principal.bytes)
        case let .opt(content): return content.map { .some(lowered($0)) } ?? .none
        default: return .candid(value)
        }
    }

    /// `value.name` of a Candid value: a record's field by name (or number,
    /// `value.0` for a tuple record); on a variant, the payload when `name`
    /// is its tag, else `none`. Looks through `opt`.
    static func candidField(_ value: CandidValue, _ name: String) throws(QLError) -> Value {
        let wanted = CandidBridge.label(name)
        switch value {
        case let .record(fields):
            guard let field = fields.first(where: { $0.label == wanted }) else {
                let names = fields.map { $0.label.name ?? String($0.label.id) }
                throw QLError("the record has no field '\(name)' (it has \(names.isEmpty ? "no fields" : names.joined(separator: ", ")))")
            }
            return lowered(field.value)
        case let .variant(field):
            return field.label == wanted ? lowered(field.value) : .none
        case let .opt(content):
            guard let content else { return .none }
            return try candidField(content, name)
        default:
            throw QLError("cannot read field '\(name)' of \(CandidLiteral.text(value)): only records and variants have fields")
        }
    }

    /// `x is #Tag` on a Candid value: a variant's tag, looked up through `opt`.
    static func candidHasTag(_ value: CandidValue, _ tag: String) throws(QLError) -> Bool {
        switch value {
        case let .variant(field): return field.label == CandidBridge.label(tag)
        case let .opt(content): return try content.map { (inner) throws(QLError) in try candidHasTag(inner, tag) } ?? false
        default: throw QLError("'is #\(tag)' needs a variant, found \(CandidLiteral.text(value))")
        }
    }
}
